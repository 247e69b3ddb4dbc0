import { ApiProperty } from '@nestjs/swagger';
import { krw } from '../../../platform/money/won.js';
import type { Voucher } from '../voucher.entity.js';

export class VoucherView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) agreementId: string;
  @ApiProperty({ format: 'uuid' }) programId: string;
  @ApiProperty({ format: 'uuid', description: 'The holder' }) organizationId: string;
  @ApiProperty({ type: 'integer' }) limitKrw: number;
  @ApiProperty({
    type: 'integer',
    description: 'Share of a price the voucher pays, in basis points: 8000 = 80%',
  })
  rateBp: number;
  @ApiProperty({ format: 'date', description: 'First day of use (Seoul)' }) validFrom: string;
  @ApiProperty({ format: 'date', description: 'Last day of use (Seoul)' }) validUntil: string;
  @ApiProperty({ enum: ['ACTIVE', 'EXPIRED', 'CLOSED'] }) status: string;
  @ApiProperty({ type: 'string', format: 'date-time' }) issuedAt: Date;
  @ApiProperty({ type: 'string', format: 'date-time', nullable: true }) closedAt: Date | null;
  @ApiProperty({ type: 'integer', description: 'What is left to spend' }) balanceKrw: number;
  @ApiProperty({ type: 'integer', description: 'Held by unpaid orders' }) reservedKrw: number;
  @ApiProperty({ type: 'integer' }) spentKrw: number;
}

export class VoucherMovementView {
  @ApiProperty({ description: 'The journal kind, e.g. voucher.reserve' }) kind: string;
  @ApiProperty() referenceType: string;
  @ApiProperty() referenceId: string;
  @ApiProperty({ type: 'string', nullable: true }) memo: string | null;
  @ApiProperty({ type: 'string', format: 'date-time' }) at: Date;
  @ApiProperty({ description: 'The ledger account' }) account: string;
  @ApiProperty({ type: 'integer', description: 'Positive into the account, negative out' })
  amountKrw: number;
}

export class VoucherDetailView extends VoucherView {
  @ApiProperty({ type: [VoucherMovementView] }) movements: VoucherMovementView[];
}

export function voucherView(
  v: Voucher,
  b: { availableKrw: bigint; reservedKrw: bigint; spentKrw: bigint },
): VoucherView {
  return {
    id: v.id,
    agreementId: v.agreementId,
    programId: v.programId,
    organizationId: v.organizationId,
    limitKrw: krw(v.limitKrw),
    rateBp: v.rateBp,
    validFrom: v.validFrom,
    validUntil: v.validUntil,
    status: v.status,
    issuedAt: v.issuedAt,
    closedAt: v.closedAt,
    balanceKrw: krw(b.availableKrw),
    reservedKrw: krw(b.reservedKrw),
    spentKrw: krw(b.spentKrw),
  };
}
