import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, OrgRole, Public, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { RequiredReasonDto } from '../../platform/http/reason.dto.js';
import { ProcessorQueryDto, UpdateProfileDto } from './dto/processor.dto.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { ProcessorsService } from './processors.service.js';
import { ProcessorView } from './dto/processors.views.js';
import { Answers, AnswersCreated, AnswersPage, Refuses } from '../../platform/openapi/answers.js';

@ApiTags('processors')
@Controller('processors')
export class ProcessorsController {
  constructor(private readonly processors: ProcessorsService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'The pool directory: active processors, searchable by name, technology and industry (operators also list the suspended)',
  })
  @AnswersPage(ProcessorView)
  @Refuses('FORBIDDEN')
  list(@Query() query: ProcessorQueryDto, @CurrentUser() user: Principal | undefined) {
    if (query.status === 'SUSPENDED' && !user?.isOperator)
      throw new DomainError('FORBIDDEN', 'Only operators list suspended processors.', {
        messageKo: '정지된 가공기업 목록은 운영자만 볼 수 있습니다.',
      });
    return this.processors.directory(query);
  }

  @Get(':organizationId')
  @Public()
  @ApiOperation({ summary: "A processor's profile" })
  @Answers(ProcessorView)
  get(@Param('organizationId', ParseUuidPipe) organizationId: string) {
    return this.processors.profile(organizationId);
  }

  @Patch(':organizationId')
  @OrgRole('admin', 'param:organizationId')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Edit your own pool profile (org admins)' })
  @Answers(ProcessorView)
  update(
    @Param('organizationId', ParseUuidPipe) organizationId: string,
    @Body() dto: UpdateProfileDto,
  ) {
    return this.processors.updateProfile(organizationId, dto);
  }

  @Post(':organizationId/suspend')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Suspend a pool member, with a reason (operators)' })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ProcessorView)
  suspend(
    @Param('organizationId', ParseUuidPipe) organizationId: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.processors.setStatus(organizationId, 'SUSPENDED', dto.reason, user);
  }

  @Post(':organizationId/reinstate')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Lift a suspension, with a reason (operators)' })
  @Refuses('INVALID_TRANSITION', 'CONFLICT_OF_INTEREST')
  @AnswersCreated(ProcessorView)
  reinstate(
    @Param('organizationId', ParseUuidPipe) organizationId: string,
    @Body() dto: RequiredReasonDto,
    @CurrentUser() user: Principal,
  ) {
    return this.processors.setStatus(organizationId, 'ACTIVE', dto.reason, user);
  }
}
