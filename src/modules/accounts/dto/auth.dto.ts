import { ApiProperty, PickType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from '../../../platform/auth/tokens.js';
import { emailScriptProblem } from '../email-scripts.js';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

/** An e-mail address that cannot pass for another (emailScriptProblem). */
function IsUnconfusableEmail(options?: ValidationOptions) {
  return ValidateBy(
    {
      name: 'isUnconfusableEmail',
      validator: {
        validate: (value) => typeof value === 'string' && !emailScriptProblem(value),
        defaultMessage: (args) =>
          `email ${emailScriptProblem(String(args?.value)) ?? 'is not acceptable'}; write it in one script`,
      },
    },
    options,
  );
}

export class SignupDto {
  @ApiProperty({ example: 'kim@factory.co.kr' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @IsUnconfusableEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 10, maxLength: 128, example: 'correct horse battery' })
  @IsString()
  @MinLength(10, { message: 'password must be at least 10 characters long' })
  @MaxLength(128, { message: 'password must be at most 128 characters long' })
  password: string;

  @ApiProperty({ example: '김민수' })
  @IsString()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(100)
  name: string;
}

export class LoginDto {
  @ApiProperty({ example: 'kim@factory.co.kr' })
  @Transform(normaliseEmail)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from login or the last refresh' })
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, {
    message: 'refreshToken is not a refresh token issued by this service',
  })
  refreshToken: string;
}

export class TokensResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
}

export class PasswordResetRequestDto extends PickType(LoginDto, ['email'] as const) {}

export class PasswordResetDto extends PickType(SignupDto, ['password'] as const) {
  @ApiProperty({ description: "The token from the reset mail's link (`?token=`)" })
  @IsString()
  @Matches(REFRESH_TOKEN_PATTERN, {
    message: 'token is not the token of a reset link; copy the whole link from the mail',
  })
  token: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1, { message: 'currentPassword is required' })
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: 10, maxLength: 128 })
  @IsString()
  @MinLength(10, { message: 'newPassword must be at least 10 characters long' })
  @MaxLength(128, { message: 'newPassword must be at most 128 characters long' })
  newPassword: string;
}

/** Leaving the exchange: the account's password, as at sign-in. */
export class WithdrawDto extends PickType(LoginDto, ['password'] as const) {}

/** A corrected name, with the sign-up's rules. */
export class RenameDto extends PickType(SignupDto, ['name'] as const) {}
