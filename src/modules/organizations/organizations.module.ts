import { Global, Module } from '@nestjs/common';
import { PrincipalLoader } from '../../platform/auth/principal.js';
import { AccountsModule } from '../accounts/index.js';
import { ExcludedIndustriesController } from './excluded-industries.controller.js';
import { ExcludedIndustriesService } from './excluded-industries.service.js';
import { InvitationsController } from './invitations.controller.js';
import { InvitationsService } from './invitations.service.js';
import { MeController } from './me.controller.js';
import { OrganizationsController } from './organizations.controller.js';
import { OrganizationsService } from './organizations.service.js';
import { PrincipalsService } from './principals.service.js';
import { RelatedParties } from './related-parties.service.js';
import { Standing } from './standing.service.js';

/**
 * Organizations, their members and verified facts, and the excluded industries. Global: nearly
 * every domain acts for an organization, and the auth guard loads principals from here.
 */
@Global()
@Module({
  imports: [AccountsModule],
  controllers: [
    OrganizationsController,
    InvitationsController,
    ExcludedIndustriesController,
    MeController,
  ],
  providers: [
    OrganizationsService,
    InvitationsService,
    ExcludedIndustriesService,
    PrincipalsService,
    RelatedParties,
    Standing,
    { provide: PrincipalLoader, useExisting: PrincipalsService },
  ],
  exports: [
    OrganizationsService,
    ExcludedIndustriesService,
    RelatedParties,
    Standing,
    PrincipalLoader,
  ],
})
export class OrganizationsModule {}
