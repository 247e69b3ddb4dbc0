import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { PageQuery } from '../../platform/http/pagination.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { UUID_PATTERN } from '../../platform/http/validators.js';
import { VouchersService } from './vouchers.service.js';
import { VoucherDetailView, VoucherView } from './dto/vouchers.views.js';
import { Answers, AnswersPage } from '../../platform/openapi/answers.js';

export class VoucherQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organization’s vouchers' })
  @IsOptional()
  @Matches(UUID_PATTERN, { message: 'organizationId must be a UUID' })
  organizationId?: string;
}

@ApiTags('checkout')
@ApiBearerAuth()
@Controller('vouchers')
export class VouchersController {
  constructor(private readonly vouchers: VouchersService) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: "Your organizations' vouchers (operators: all): limit, balance, reserved, spent",
  })
  @AnswersPage(VoucherView)
  list(@CurrentUser() user: Principal, @Query() query: VoucherQueryDto) {
    return this.vouchers.list(user, query, query.organizationId);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A voucher with every movement (holder, operators)' })
  @Answers(VoucherDetailView)
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.vouchers.get(id, user);
  }
}
