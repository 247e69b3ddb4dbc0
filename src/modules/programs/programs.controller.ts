import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import {
  AssignEvaluatorDto,
  CreateProgramDto,
  ProgramQueryDto,
  UpdateProgramDto,
} from './dto/program.dto.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { ProgramsService } from './programs.service.js';
import {
  BudgetView,
  EvaluatorAssignmentView,
  EvaluatorView,
  ProgramView,
} from './dto/programs.views.js';
import { Answers, AnswersCreated, AnswersPage } from '../../platform/openapi/answers.js';

@ApiTags('programs')
@Controller('programs')
export class ProgramsController {
  constructor(private readonly programs: ProgramsService) {}

  @Post()
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Open a call (operators)',
    description:
      "Terms default to the 2024 announcement's numbers for the kind and are stored with the call.",
  })
  @AnswersCreated(ProgramView)
  create(@Body() dto: CreateProgramDto, @CurrentUser() user: Principal) {
    return this.programs.create(dto, user);
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Calls, newest first; filter by kind, year or open now' })
  @AnswersPage(ProgramView)
  list(@Query() query: ProgramQueryDto) {
    return this.programs.list(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A call with its windows, budget, target and terms' })
  @Answers(ProgramView)
  get(@Param('id', ParseUuidPipe) id: string) {
    return this.programs.get(id);
  }

  @Patch(':id')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change a call (operators)',
    description:
      'Title, description, dates, target and budget change at any time (the budget never below what agreements hold; the ledger records the change); the terms and the opening time only before the call opens.',
  })
  @Answers(ProgramView)
  update(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: UpdateProgramDto,
    @CurrentUser() user: Principal,
  ) {
    return this.programs.update(id, dto, user);
  }

  @Get(':id/budget')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      'The budget from the ledger: granted, available, committed, spent, released (operators)',
  })
  @Answers(BudgetView)
  budget(@Param('id', ParseUuidPipe) id: string) {
    return this.programs.budget(id);
  }

  @Post(':id/evaluators')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Assign an evaluator to the call (operators)' })
  @AnswersCreated(EvaluatorAssignmentView)
  assign(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: AssignEvaluatorDto,
    @CurrentUser() user: Principal,
  ) {
    return this.programs.assignEvaluator(id, dto, user);
  }

  @Get(':id/evaluators')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The call's evaluators (operators)" })
  @AnswersPage(EvaluatorView)
  evaluators(@Param('id', ParseUuidPipe) id: string, @Query() query: PageQuery) {
    return this.programs.evaluators(id, query);
  }

  @Delete(':id/evaluators/:userId')
  @Roles('operator')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Take an evaluator off the call (operators)' })
  removeEvaluator(
    @Param('id', ParseUuidPipe) id: string,
    @Param('userId', ParseUuidPipe) userId: string,
  ) {
    return this.programs.removeEvaluator(id, userId);
  }
}
