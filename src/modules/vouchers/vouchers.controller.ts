import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { UUID_PATTERN } from '../../platform/http/validators.js';
import { DomainError } from '../../platform/errors/domain-error.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
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
    if (organizationId !== undefined && !UUID_PATTERN.test(organizationId))
      throw new DomainError('VALIDATION_FAILED', 'organizationId must be a UUID.', {
        details: [{ field: 'organizationId', problems: ['must be a UUID'] }],
      });
    return this.vouchers.list(user, organizationId);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'A voucher with every movement (holder, operators)' })
  get(@Param('id', ParseUuidPipe) id: string, @CurrentUser() user: Principal) {
    return this.vouchers.get(id, user);
  }
}
