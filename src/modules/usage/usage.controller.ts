import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { OrgRole, Roles } from '../../platform/auth/access.decorators.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { AnswersReport } from '../../platform/openapi/answers.js';
import { sendReport } from '../../platform/tables/tables.js';
import { ExchangeUsageQuery, UsageQuery, UsageReportView } from './dto/usage.views.js';
import { UsageFigures } from './usage-figures.service.js';

/** Usage figures: counts per month, for a product's seller and for the operators. */
@ApiTags('usage')
@ApiBearerAuth()
@Controller()
export class UsageController {
  constructor(private readonly figures: UsageFigures) {}

  @Get('products/:id/usage')
  @Roles('operator')
  @OrgRole('member', 'product:id')
  @ApiOperation({
    summary:
      "A product's figures per month: views, search impressions and clicks, sample previews, access requests, orders and their money, and its buyers by industry and size (the seller, operators)",
  })
  @AnswersReport(UsageReportView)
  async product(
    @Param('id', ParseUuidPipe) id: string,
    @Query() q: UsageQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const built = await this.figures.product(id, q.from, q.to);
    return sendReport(res, `usage-${id}`, q.format, built);
  }

  @Get('usage')
  @Roles('operator')
  @ApiOperation({
    summary: "The same figures across the exchange, or for one program's products (operators)",
  })
  @AnswersReport(UsageReportView)
  async exchange(@Query() q: ExchangeUsageQuery, @Res({ passthrough: true }) res: Response) {
    const built = await this.figures.exchange(q.programId, q.from, q.to);
    return sendReport(res, q.programId ? `usage-program-${q.programId}` : 'usage', q.format, built);
  }
}
