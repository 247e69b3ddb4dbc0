import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { MeView } from '../accounts/index.js';
import { PrincipalsService } from './principals.service.js';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly principals: PrincipalsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user, platform roles and organization memberships' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: Principal) {
    return this.principals.me(user.id);
  }
}
