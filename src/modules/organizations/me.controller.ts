import { Body, Controller, Get, HttpCode, Ip, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AccountsService, MeView, RenameDto, WithdrawDto } from '../accounts/index.js';
import { Refuses } from '../../platform/openapi/answers.js';
import { OrganizationsService } from './organizations.service.js';
import { PrincipalsService } from './principals.service.js';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(
    private readonly principals: PrincipalsService,
    private readonly organizations: OrganizationsService,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user, platform roles and organization memberships' })
  @ApiOkResponse({ type: MeView })
  me(@CurrentUser() user: Principal) {
    return this.principals.me(user.id);
  }

  @Patch()
  @Authenticated()
  @ApiOperation({ summary: 'Correct the name the signed-in person goes by' })
  @ApiOkResponse({ type: MeView })
  async rename(@Body() dto: RenameDto, @CurrentUser() user: Principal) {
    await this.accounts.rename(user.id, dto.name);
    return this.principals.me(user.id);
  }

  @Post('withdraw')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Leave the exchange (회원 탈퇴), giving the password',
    description:
      'Memberships end and the account loses its e-mail address, name and password; what it did stays on record under its id. Refused while the account holds a staff role (CONFLICT) or is the only admin of an organization (LAST_ADMIN).',
  })
  @ApiNoContentResponse({ description: 'The account is gone; every session ended' })
  @Refuses('INVALID_CREDENTIALS', 'CONFLICT', 'LAST_ADMIN', 'RATE_LIMITED')
  withdraw(@Body() dto: WithdrawDto, @CurrentUser() user: Principal, @Ip() ip: string) {
    return this.organizations.withdraw(user, dto.password, ip);
  }
}
