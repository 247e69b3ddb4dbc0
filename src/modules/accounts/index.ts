/**
 * What other modules may use of accounts/. Anything else in the folder is its own business;
 * ESLint refuses an import past this file (eslint.config.js, module-boundaries).
 */
export { AccountsModule } from './accounts.module.js';
export { AccountsService } from './accounts.service.js';
export { RenameDto, WithdrawDto } from './dto/auth.dto.js';
export { MeView } from './dto/users.dto.js';
export { AccountsEntities } from './entities.js';
export { User } from './user.entity.js';
