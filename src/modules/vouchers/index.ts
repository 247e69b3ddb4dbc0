/**
 * What other modules may use of vouchers/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { VouchersEntities } from './entities.js';
export { VoucherMoney } from './voucher-money.service.js';
export type { Voucher } from './voucher.entity.js';
export { VouchersModule } from './vouchers.module.js';
export { VouchersService } from './vouchers.service.js';
