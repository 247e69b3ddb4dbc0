import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DomainError } from '../errors/domain-error.js';

const ISSUER = 'manufacturing-data-exchange';
const VERIFIED_KEPT = 10_000;

/** A refresh token as issued: `<uuid id>.<43 base64url characters of secret>`. */
export const REFRESH_TOKEN_PATTERN =
  /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$/;

/** Short-lived signed access tokens (HS256) and opaque refresh token material. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** Tokens already verified, with their subject and expiry: a token is immutable, so checking it once is enough. */
  private readonly verified = new Map<string, { sub: string; sid: string; expMs: number }>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = new TextEncoder().encode(config.auth.jwtSecret);
  }

  get accessTokenTtlSeconds(): number {
    return this.config.auth.accessTokenTtlSeconds;
  }

  get refreshTokenTtlDays(): number {
    return this.config.auth.refreshTokenTtlDays;
  }

  /** An access token of a user's session: the session (refresh-token family) id rides in `sid`. */
  signAccess(userId: string, sessionId: string): Promise<string> {
    return new SignJWT({ typ: 'access', sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setJti(randomUUID())
      .setExpirationTime(`${this.config.auth.accessTokenTtlSeconds}s`)
      .sign(this.key);
  }

  /** The user and session of a valid access token; a DomainError for anything else. */
  async verifyAccess(token: string): Promise<{ userId: string; sessionId: string }> {
    const known = this.verified.get(token);
    if (known && known.expMs > Date.now()) return { userId: known.sub, sessionId: known.sid };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      });
      if (
        payload.typ !== 'access' ||
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string'
      )
        throw new Error('wrong token type');
      if (this.verified.size >= VERIFIED_KEPT) this.verified.clear();
      this.verified.set(token, {
        sub: payload.sub,
        sid: payload.sid,
        expMs: (payload.exp ?? 0) * 1000,
      });
      return { userId: payload.sub, sessionId: payload.sid };
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired)
        throw new DomainError(
          'TOKEN_EXPIRED',
          'The access token has expired; get a new one from POST /auth/refresh.',
        );
      throw new DomainError(
        'UNAUTHENTICATED',
        'The access token is not valid; sign in again with POST /auth/login.',
      );
    }
  }

  /** A new refresh token `<id>.<secret>`; only the secret's SHA-256 is stored. */
  newRefreshToken(): { id: string; token: string; hash: Buffer } {
    return this.secretFor(randomUUID());
  }

  /** `<id>.<secret>` for a row that has its id already (a password reset's link). */
  secretFor(id: string): { id: string; token: string; hash: Buffer } {
    const secret = randomBytes(32).toString('base64url');
    return { id, token: `${id}.${secret}`, hash: sha256(secret) };
  }

  /** The id and secret of a refresh token or a reset link's token, when it has their shape. */
  parseRefreshToken(token: string): { id: string; secret: string } | undefined {
    const match = REFRESH_TOKEN_PATTERN.exec(token);
    return match ? { id: match[1], secret: match[2] } : undefined;
  }

  matches(secret: string, hash: Buffer): boolean {
    const candidate = sha256(secret);
    return candidate.length === hash.length && timingSafeEqual(candidate, hash);
  }
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
