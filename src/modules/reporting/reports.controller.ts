import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../platform/auth/access.decorators.js';
import { ReportsService } from './reports.service.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { sendReport } from '../../platform/tables/tables.js';
import { DeskReportView, ExchangeReportView, ProgramReportView } from './dto/reporting.views.js';
import { AnswersReport } from '../../platform/openapi/answers.js';

const FORMATS = ['json', 'csv', 'xlsx'];

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('desk')
  @Roles('operator')
  @ApiOperation({
    summary:
      "The operator's dashboard: each call's budget and selection, overdue milestones, vouchers ending with money left, orders awaiting payment, payouts owed (operators)",
  })
  @ApiOkResponse({ type: DeskReportView })
  async desk() {
    return this.reports.desk();
  }

  @Get('programs/:id')
  @Roles('operator')
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  @ApiOperation({
    summary:
      'A call: budget from the ledger, applications by status, selected vs target, vouchers, projects and overdue milestones (operators)',
  })
  @AnswersReport(ProgramReportView)
  async program(
    @Param('id', ParseUuidPipe) id: string,
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendReport(res, `program-${id}`, format, await this.reports.program(id));
  }

  @Get('exchange')
  @Roles('operator')
  @ApiQuery({ name: 'format', required: false, enum: FORMATS })
  @ApiOperation({
    summary:
      'Listings, sales, voucher and own shares by month and industry, top products, processors (operators)',
  })
  @AnswersReport(ExchangeReportView)
  async exchange(
    @Query('format') format: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendReport(res, 'exchange', format, await this.reports.exchange());
  }
}
