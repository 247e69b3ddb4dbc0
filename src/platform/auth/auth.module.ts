import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { OrgResolvers } from './org-resolvers.js';
import { TokenService } from './tokens.js';

/** The global access guard and token service. PrincipalLoader comes from the organizations module. */
@Global()
@Module({
  providers: [TokenService, OrgResolvers, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenService, OrgResolvers],
})
export class AuthModule {}
