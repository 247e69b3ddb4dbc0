import { Global, Inject, Module, type OnApplicationBootstrap, Logger } from '@nestjs/common';
import { SessionChecker } from '../../platform/auth/principal.js';
import { APP_CONFIG, type AppConfig } from '../../platform/config/config.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { LoginThrottle, ResetThrottle, SignupThrottle } from './login-throttle.js';
import { PasswordResets } from './password-resets.service.js';
import { SessionsService } from './sessions.service.js';
import { UsersController } from './users.controller.js';

/** Accounts, sign-in and sessions. Global: the access guard asks it whether a session is live. */
@Global()
@Module({
  controllers: [AuthController, UsersController],
  providers: [
    AccountsService,
    LoginThrottle,
    SignupThrottle,
    ResetThrottle,
    PasswordResets,
    SessionsService,
    { provide: SessionChecker, useExisting: SessionsService },
  ],
  exports: [AccountsService, SessionChecker],
})
export class AccountsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Accounts');

  constructor(
    private readonly accounts: AccountsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.accounts.ensureOperator(
      this.config.operator.email,
      this.config.operator.password,
    );
    if (outcome !== 'present')
      this.logger.log(`operator account ${this.config.operator.email} ${outcome}`);
  }
}
