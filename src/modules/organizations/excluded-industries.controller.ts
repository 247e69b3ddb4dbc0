import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { KsicCodePipe } from './ksic-code.pipe.js';
import { ExcludedIndustryDto } from './dto/organization.dto.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { ExcludedIndustriesService } from './excluded-industries.service.js';
import { ExcludedIndustryView } from './dto/organizations.views.js';
import { Answers, AnswersPage } from '../../platform/openapi/answers.js';

@ApiTags('organizations')
@Controller('excluded-industries')
export class ExcludedIndustriesController {
  constructor(private readonly excluded: ExcludedIndustriesService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Industries that may not apply to any program (KSIC code prefixes)' })
  @AnswersPage(ExcludedIndustryView)
  list(@Query() query: PageQuery) {
    return this.excluded.list(query);
  }

  @Put(':code')
  @Roles('operator')
  @ApiBearerAuth()
  @ApiParam({ name: 'code', example: '55', description: 'KSIC code or prefix, 2 to 5 digits' })
  @ApiOperation({ summary: 'Add or change an excluded industry (operators)' })
  @Answers(ExcludedIndustryView)
  put(
    @Param('code', KsicCodePipe) code: string,
    @Body() dto: ExcludedIndustryDto,
    @CurrentUser() user: Principal,
  ) {
    return this.excluded.put(code, dto, user.id);
  }

  @Delete(':code')
  @Roles('operator')
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({ summary: 'Stop excluding an industry (operators)' })
  remove(@Param('code', KsicCodePipe) code: string) {
    return this.excluded.remove(code);
  }
}
