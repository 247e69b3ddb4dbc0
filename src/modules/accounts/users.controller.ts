import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AccountsService } from './accounts.service.js';
import { ParseUuidPipe } from '../../platform/http/uuid.pipe.js';
import { SetPlatformRolesDto, UserQueryDto, UserView } from './dto/users.dto.js';
import { AnswersPage, Refuses } from '../../platform/openapi/answers.js';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @Roles('operator')
  @ApiOperation({
    summary: 'Find users (operators), for example by e-mail to grant the evaluator role',
  })
  @AnswersPage(UserView)
  list(@Query() query: UserQueryDto) {
    return this.accounts.list(query);
  }

  @Put(':id/platform-roles')
  @Roles('operator')
  @ApiOperation({ summary: 'Set the platform roles (operator, evaluator) a user holds' })
  @ApiOkResponse({ type: UserView })
  @Refuses('CONFLICT')
  setRoles(
    @Param('id', ParseUuidPipe) id: string,
    @Body() dto: SetPlatformRolesDto,
    @CurrentUser() user: Principal,
  ) {
    return this.accounts.setPlatformRoles(id, dto, user);
  }
}
