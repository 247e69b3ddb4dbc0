import { AuthAttempt, LoginAddress } from './auth-attempt.entity.js';
import { PasswordReset } from './password-reset.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

export const AccountsEntities = [User, RefreshToken, AuthAttempt, LoginAddress, PasswordReset];
