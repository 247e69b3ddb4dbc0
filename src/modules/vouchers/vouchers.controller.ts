import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { VouchersService } from './vouchers.service.js';

@ApiTags('checkout')
@ApiBearerAuth()
@Controller('vouchers')
export class VouchersController {
  constructor(private readonly vouchers: VouchersService) {}

  @Get()
  @Authenticated()
  @ApiQuery({ name: 'organizationId', required: false })
  @ApiOperation({
    summary: "Your organizations' vouchers (operators: all): limit, balance, reserved, spent",
  })
  list(@CurrentUser() user: Principal, @Query('organizationId') organizationId?: string) {
    return this.vouchers.list(
      user,
      organizationId && /^[0-9a-f-]{36}$/i.test(organizationId) ? organizationId : undefined,
    );
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A voucher with every movement (holder, operators)' })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: Principal) {
    return this.vouchers.get(id, user);
  }
}
