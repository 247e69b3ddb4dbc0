import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public } from '../../platform/auth/access.decorators.js';
import type { Principal } from '../../platform/auth/principal.js';
import { AccountsService } from './accounts.service.js';
import {
  ChangePasswordDto,
  LoginDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  RefreshDto,
  SignupDto,
  TokensResponse,
} from './dto/auth.dto.js';
import { PasswordResets } from './password-resets.service.js';
import { UserView } from './dto/users.dto.js';
import { Refuses } from '../../platform/openapi/answers.js';

@ApiTags('accounts')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly resets: PasswordResets,
  ) {}

  @Post('signup')
  @Public()
  @ApiOperation({ summary: 'Create a user account (then sign in with POST /auth/login)' })
  @ApiCreatedResponse({ type: UserView })
  @Refuses('EMAIL_TAKEN', 'RATE_LIMITED')
  signup(@Body() dto: SignupDto, @Ip() ip: string) {
    return this.accounts.signup(dto, ip);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in: an access token and a refresh token',
    description:
      'Failed sign-ins are limited per account from one address, per address, and per account from addresses it never signed in from: 429 RATE_LIMITED with Retry-After.',
  })
  @ApiOkResponse({ type: TokensResponse })
  @Refuses('INVALID_CREDENTIALS', 'RATE_LIMITED')
  login(@Body() dto: LoginDto, @Ip() ip: string) {
    return this.accounts.login(dto, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Trade a refresh token for a new pair; the old one stops working',
    description:
      'Presenting a refresh token a second time signs out every session of its family (REFRESH_TOKEN_REUSED).',
  })
  @ApiOkResponse({ type: TokensResponse })
  @Refuses('REFRESH_TOKEN_INVALID', 'REFRESH_TOKEN_REUSED')
  refresh(@Body() dto: RefreshDto) {
    return this.accounts.refresh(dto.refreshToken);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Forgot the password: a link to set a new one goes to the address, if an account has it',
    description:
      'Answers 204 whether or not an account has the address. The link works once, for 30 minutes; only the newest one works. Limited per address and per e-mail address: 429 RATE_LIMITED with Retry-After.',
  })
  @ApiNoContentResponse({ description: 'Asked; a mail goes out if an account has the address' })
  @Refuses('RATE_LIMITED')
  requestReset(@Body() dto: PasswordResetRequestDto, @Ip() ip: string) {
    return this.resets.request(dto.email, ip);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @ApiOperation({
    summary: "Set a new password with the reset mail's token; every session of the account ends",
  })
  @ApiNoContentResponse({ description: 'The password is set; sign in with it' })
  @Refuses('RESET_TOKEN_INVALID')
  confirmReset(@Body() dto: PasswordResetDto) {
    return this.resets.reset(dto.token, dto.password);
  }

  @Post('password')
  @Authenticated()
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change the password, giving the current one',
    description:
      "Every session of the account ends, this one too; the answer is a new session's tokens. A wrong current password counts as a failed sign-in.",
  })
  @ApiOkResponse({ type: TokensResponse })
  @Refuses('INVALID_CREDENTIALS', 'RATE_LIMITED')
  changePassword(@Body() dto: ChangePasswordDto, @CurrentUser() user: Principal, @Ip() ip: string) {
    return this.accounts.changePassword(user, dto, ip);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the refresh token (and its session family)' })
  @Refuses('REFRESH_TOKEN_INVALID')
  logout(@Body() dto: RefreshDto, @CurrentUser() user: Principal) {
    return this.accounts.logout(dto.refreshToken, user);
  }
}
