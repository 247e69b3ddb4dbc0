import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { OrgResolvers } from './org-resolvers.js';
import { PrincipalCache } from './principal-cache.js';
import { TokenService } from './tokens.js';

/** The global access guard and token service. PrincipalLoader comes from the organizations module. */
@Global()
@Module({
  providers: [
    TokenService,
    OrgResolvers,
    PrincipalCache,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [TokenService, OrgResolvers, PrincipalCache],
})
export class AuthModule {}
