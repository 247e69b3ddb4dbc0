import { Voucher } from './voucher.entity.js';

export const VouchersEntities = [Voucher];
