import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { Principal } from '../../platform/auth/principal.js';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';
import { TokenService } from '../../platform/auth/tokens.js';
import { Transactions, isUniqueViolation } from '../../platform/database/transactions.js';
import { DomainError, notFound } from '../../platform/errors/domain-error.js';
import { AuditService } from '../audit/index.js';
import type { ChangePasswordDto, LoginDto, SignupDto, TokensResponse } from './dto/auth.dto.js';
import type { SetPlatformRolesDto, UserQueryDto } from './dto/users.dto.js';
import { LoginThrottle, SignupThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, verifyPassword } from './passwords.js';
import { PasswordResets } from './password-resets.service.js';
import { RefreshToken } from './refresh-token.entity.js';
import { SessionsService } from './sessions.service.js';
import { User } from './user.entity.js';

const DAY_MS = 86_400_000;

export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    platformRoles: user.platformRoles,
    createdAt: user.createdAt,
  };
}

@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tx: Transactions,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    private readonly signups: SignupThrottle,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly principals: PrincipalCache,
    private readonly resets: PasswordResets,
  ) {}

  async signup(dto: SignupDto, address: string) {
    await this.signups.take(address);
    const passwordHash = await hashPassword(dto.password);
    try {
      return await this.tx.run(async (m) => {
        const user = await m.save(
          m.create(User, { email: dto.email, name: dto.name, passwordHash, platformRoles: [] }),
        );
        await this.audit.record(m, {
          action: 'user.signed_up',
          entityType: 'user',
          entityId: user.id,
          actorId: user.id,
          details: { email: user.email, name: user.name },
        });
        return userView(user);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError(
          'EMAIL_TAKEN',
          `An account with ${dto.email} already exists; sign in instead.`,
        );
      throw err;
    }
  }

  async login(dto: LoginDto, address: string): Promise<TokensResponse> {
    // The attempt takes its slot first: concurrent guesses cannot all reach the hash.
    const attempt = await this.throttle.take(dto.email, address);
    const user = await this.dataSource.getRepository(User).findOne({
      where: { email: dto.email },
      select: { id: true, email: true, passwordHash: true },
    });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), dto.password);
    if (!user || !ok)
      throw new DomainError('INVALID_CREDENTIALS', 'The e-mail address or the password is wrong.');
    await this.throttle.succeeded(attempt, dto.email, address);
    return this.tx.run(async (m) => {
      const tokens = await this.issue(m, user.id, randomUUID());
      await this.audit.record(m, {
        action: 'user.signed_in',
        entityType: 'user',
        entityId: user.id,
        actorId: user.id,
      });
      return tokens;
    });
  }

  /**
   * Rotates a refresh token. A token that was already used means someone else holds a copy:
   * the whole family is revoked, and the refusal is committed before it is answered.
   */
  async refresh(refreshToken: string): Promise<TokensResponse> {
    const parsed = this.tokens.parseRefreshToken(refreshToken);
    const invalid = () =>
      new DomainError(
        'REFRESH_TOKEN_INVALID',
        'This refresh token is not valid any more; sign in again.',
      );
    if (!parsed) throw invalid();
    const outcome = await this.tx.run(async (m) => {
      const row = await m.findOne(RefreshToken, {
        where: { id: parsed.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row || !this.tokens.matches(parsed.secret, row.secretHash)) return { error: invalid() };
      if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { error: invalid() };
      if (row.usedAt) {
        await m.update(
          RefreshToken,
          { familyId: row.familyId, revokedAt: IsNull() },
          { revokedAt: new Date() },
        );
        await this.audit.record(m, {
          action: 'session.refresh_token_reused',
          entityType: 'user',
          entityId: row.userId,
          actorId: row.userId,
          details: { familyId: row.familyId, tokenId: row.id },
        });
        return {
          familyId: row.familyId,
          error: new DomainError(
            'REFRESH_TOKEN_REUSED',
            'This refresh token was already used, so it may have been stolen: every session it belongs to is now signed out. Sign in again.',
          ),
        };
      }
      await m.update(RefreshToken, { id: row.id }, { usedAt: new Date() });
      return { tokens: await this.issue(m, row.userId, row.familyId) };
    });
    if (outcome.error) {
      if (outcome.error.code === 'REFRESH_TOKEN_REUSED') {
        this.logger.warn({ tokenId: parsed.id }, 'refresh token reuse');
        this.sessions.ended(outcome.familyId!);
      }
      throw outcome.error;
    }
    return outcome.tokens!;
  }

  /** Signs out the session family of this refresh token (only the caller's own). */
  async logout(refreshToken: string, user: Principal): Promise<void> {
    const parsed = this.tokens.parseRefreshToken(refreshToken);
    if (!parsed)
      throw new DomainError(
        'REFRESH_TOKEN_INVALID',
        'This is not a refresh token issued by this service.',
      );
    const familyId = await this.tx.run(async (m) => {
      const row = await m.findOne(RefreshToken, { where: { id: parsed.id, userId: user.id } });
      if (!row || !this.tokens.matches(parsed.secret, row.secretHash))
        throw new DomainError(
          'REFRESH_TOKEN_INVALID',
          'This refresh token does not belong to your account.',
        );
      const result = await m.update(
        RefreshToken,
        { familyId: row.familyId, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (result.affected)
        await this.audit.record(m, {
          action: 'user.signed_out',
          entityType: 'user',
          entityId: user.id,
          details: { familyId: row.familyId },
        });
      return row.familyId;
    });
    this.sessions.ended(familyId);
  }

  /**
   * A new password for the signed-in person, who gives the current one (a wrong one counts as a
   * failed sign-in). Every session ends, this one too, and open reset links stop working; the
   * answer is a new session's tokens.
   */
  async changePassword(
    user: Principal,
    dto: ChangePasswordDto,
    address: string,
  ): Promise<TokensResponse> {
    await this.confirmPassword(user, dto.currentPassword, address);
    if (dto.newPassword === dto.currentPassword)
      throw new DomainError(
        'VALIDATION_FAILED',
        'The new password is the current one; choose another.',
        {
          messageKo: '새 비밀번호가 지금 비밀번호와 같습니다. 다른 비밀번호를 정해 주세요.',
          details: [
            { field: 'newPassword', problems: ['newPassword must differ from the current one'] },
          ],
        },
      );
    const passwordHash = await hashPassword(dto.newPassword);
    const { tokens, ended } = await this.tx.run(async (m) => {
      await m.update(User, { id: user.id }, { passwordHash });
      const ended = await this.sessions.endAll(m, user.id);
      await m.query(
        `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [user.id],
      );
      await this.resets.notifyChanged(m, user.id);
      await this.audit.record(m, {
        action: 'user.password_changed',
        entityType: 'user',
        entityId: user.id,
        details: { sessionsEnded: ended.length },
      });
      return { tokens: await this.issue(m, user.id, randomUUID()), ended };
    });
    for (const family of ended) this.sessions.ended(family);
    return tokens;
  }

  /** The name a person goes by on the exchange, as they correct it. */
  async rename(userId: string, name: string): Promise<void> {
    await this.tx.run(async (m) => {
      const [before]: { name: string }[] = await m.query(`SELECT name FROM users WHERE id = $1`, [
        userId,
      ]);
      if (before.name === name) return;
      await m.update(User, { id: userId }, { name });
      await this.audit.record(m, {
        action: 'user.renamed',
        entityType: 'user',
        entityId: userId,
        details: { from: before.name, to: name },
      });
    });
    this.principals.forget(userId);
  }

  /**
   * Checks the signed-in person's password before something that cannot be undone; a wrong one
   * counts as a failed sign-in.
   */
  async confirmPassword(user: Principal, password: string, address: string): Promise<void> {
    const attempt = await this.throttle.take(user.email, address);
    const row = await this.dataSource.getRepository(User).findOne({
      where: { id: user.id },
      select: { id: true, passwordHash: true },
    });
    if (!row || !(await verifyPassword(row.passwordHash, password)))
      throw new DomainError(
        'INVALID_CREDENTIALS',
        'Your current password is wrong; nothing was changed.',
        { messageKo: '현재 비밀번호가 맞지 않습니다. 아무것도 바뀌지 않았습니다.' },
      );
    await this.throttle.succeeded(attempt, user.email, address);
  }

  /**
   * A person leaves the exchange (in the caller's transaction, after organizations/ has ended their
   * memberships): the account keeps its id, for the records that name it, and loses its e-mail
   * address, name, password, roles, sessions, reset links and sign-in places. Answers the ended
   * sessions, for `withdrawn` once the transaction commits.
   */
  async anonymize(m: EntityManager, userId: string): Promise<string[]> {
    const [user]: { email: string }[] = await m.query(`SELECT email FROM users WHERE id = $1`, [
      userId,
    ]);
    await m.query(
      `UPDATE users SET email = $2, name = $3, password_hash = $4, platform_roles = '{}', updated_at = now()
        WHERE id = $1`,
      [
        userId,
        `withdrawn-${userId}@withdrawn.invalid`,
        '탈퇴한 회원',
        // A password nobody knows: the account can never be signed in to again.
        await hashPassword(randomBytes(32).toString('base64url')),
      ],
    );
    await m.query(`DELETE FROM login_addresses WHERE email = $1`, [user.email]);
    await m.query(
      `UPDATE password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return this.sessions.endAll(m, userId);
  }

  /** After `anonymize` committed: the sessions stop here at once, and the person is forgotten. */
  withdrawn(userId: string, sessions: string[]): void {
    for (const family of sessions) this.sessions.ended(family);
    this.principals.forget(userId);
  }

  private async issue(m: EntityManager, userId: string, familyId: string): Promise<TokensResponse> {
    const next = this.tokens.newRefreshToken();
    await m.insert(RefreshToken, {
      id: next.id,
      userId,
      familyId,
      secretHash: next.hash,
      expiresAt: new Date(Date.now() + this.tokens.refreshTokenTtlDays * DAY_MS),
    });
    return {
      accessToken: await this.tokens.signAccess(userId, familyId),
      refreshToken: next.token,
      tokenType: 'Bearer',
      expiresIn: this.tokens.accessTokenTtlSeconds,
    };
  }

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOne({ where: { id } });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource
      .getRepository(User)
      .findOne({ where: { email: email.trim().toLowerCase() } });
  }

  async list(query: UserQueryDto) {
    const [users, total] = await this.dataSource.getRepository(User).findAndCount({
      where: query.email ? { email: query.email } : {},
      order: { createdAt: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: users.map(userView), total, page: query.page, pageSize: query.pageSize };
  }

  async setPlatformRoles(id: string, dto: SetPlatformRolesDto, actor: Principal) {
    if (id === actor.id && actor.isOperator && !dto.roles.includes('operator'))
      throw new DomainError(
        'CONFLICT',
        'You cannot take the operator role from yourself; ask another operator.',
      );
    const changed = await this.tx.run(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('User', id);
      const from = user.platformRoles;
      user.platformRoles = [...dto.roles].sort();
      await m.save(user);
      await this.audit.record(m, {
        action: 'user.platform_roles_set',
        entityType: 'user',
        entityId: id,
        details: { from, to: user.platformRoles },
      });
      return userView(user);
    });
    this.principals.forget(id);
    return changed;
  }

  /** Makes sure the configured operator account exists and holds the operator role. */
  async ensureOperator(
    email: string,
    password: string,
  ): Promise<'created' | 'promoted' | 'present'> {
    const existing = await this.findByEmail(email);
    if (existing?.platformRoles.includes('operator')) return 'present';
    const passwordHash = await hashPassword(password);
    try {
      return await this.promoteOrCreateOperator(email, passwordHash);
    } catch (err) {
      // Another instance starting at the same moment created it first.
      if (isUniqueViolation(err)) return this.ensureOperator(email, password);
      throw err;
    }
  }

  private promoteOrCreateOperator(email: string, passwordHash: string) {
    return this.tx.run(async (m): Promise<'created' | 'promoted' | 'present'> => {
      const user = await m.findOne(User, { where: { email }, lock: { mode: 'pessimistic_write' } });
      if (user?.platformRoles.includes('operator')) return 'present';
      if (user) {
        user.platformRoles = [...new Set([...user.platformRoles, 'operator' as const])];
        await m.save(user);
      }
      const saved =
        user ??
        (await m.save(
          m.create(User, { email, name: 'Operator', passwordHash, platformRoles: ['operator'] }),
        ));
      await this.audit.record(m, {
        action: user ? 'user.platform_roles_set' : 'user.operator_created',
        entityType: 'user',
        entityId: saved.id,
        actorId: null,
        details: { email, to: saved.platformRoles },
      });
      return user ? 'promoted' : 'created';
    });
  }
}
