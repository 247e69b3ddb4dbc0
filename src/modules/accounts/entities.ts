import { LoginFailure } from './login-failure.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

export const AccountsEntities = [User, RefreshToken, LoginFailure];
