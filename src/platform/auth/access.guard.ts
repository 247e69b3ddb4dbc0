import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { requestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ACCESS_KEY, type AccessRule } from './access.decorators.js';
import { OrgResolvers } from './org-resolvers.js';
import { type Principal, PrincipalLoader, SessionChecker } from './principal.js';
import { TokenService } from './tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIRECT = new Set(['param', 'body', 'query']);

/** Reads the access rule a route declares (method first, then controller). */
export function accessRuleOf(
  reflector: Reflector,
  context: ExecutionContext,
): AccessRule | undefined {
  return reflector.getAllAndOverride<AccessRule>(ACCESS_KEY, [
    context.getHandler(),
    context.getClass(),
  ]);
}

/**
 * The one global guard. Every route declares @Public, @Authenticated, @Roles or @OrgRole; a route
 * that declares nothing is refused (and a test fails on it).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly principals: PrincipalLoader,
    private readonly sessions: SessionChecker,
    private readonly resolvers: OrgResolvers,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, context);
    if (!rule)
      throw new DomainError('FORBIDDEN', 'This route declares no access rule and is closed.');
    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
    if (rule.public) {
      // Public routes still know a signed-in caller (a seller sees its own draft products).
      if (req.headers.authorization) req.user = await this.authenticate(req).catch(() => undefined);
      return true;
    }

    const user = await this.authenticate(req);
    req.user = user;
    const ctx = requestContext.current();
    if (ctx) ctx.userId = user.id;

    if (rule.authenticated) return true;
    if (rule.roles?.some((r) => user.hasRole(r))) return true;
    if (rule.org) return this.checkOrganization(user, rule, req);
    throw new DomainError(
      'FORBIDDEN',
      `This action needs the ${rule.roles?.join(' or ')} role, which your account does not hold.`,
    );
  }

  private async authenticate(req: Request): Promise<Principal> {
    const header = req.headers.authorization;
    if (!header)
      throw new DomainError(
        'UNAUTHENTICATED',
        'Sign in first and send the access token as "Authorization: Bearer <token>".',
      );
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token)
      throw new DomainError(
        'UNAUTHENTICATED',
        'The Authorization header must be "Bearer <access token>".',
      );
    const { userId, sessionId } = await this.tokens.verifyAccess(token);
    if (!(await this.sessions.isLive(sessionId)))
      throw new DomainError(
        'UNAUTHENTICATED',
        'This session was signed out (or ended because its refresh token was stolen); sign in again.',
        { messageKo: '로그아웃되었거나 보안상 종료된 세션입니다. 다시 로그인해 주세요.' },
      );
    const user = await this.principals.load(userId);
    if (!user)
      throw new DomainError(
        'UNAUTHENTICATED',
        'The account of this token no longer exists; sign in again.',
      );
    return user;
  }

  private async checkOrganization(user: Principal, rule: AccessRule, req: Request): Promise<true> {
    const { role, from } = rule.org!;
    const [where, name] = from.split(':');
    const entity = DIRECT.has(where) ? undefined : where;
    // Direct sources name where the id is; an entity's id is a path parameter or else a body field.
    const value = entity
      ? (req.params[name] ?? (req.body as Record<string, unknown> | undefined)?.[name])
      : (
          (where === 'body' ? req.body : where === 'query' ? req.query : req.params) as
            Record<string, unknown> | undefined
        )?.[name];
    if (typeof value !== 'string' || !UUID.test(value))
      throw new DomainError('VALIDATION_FAILED', `${name} must be a UUID.`, {
        details: [{ field: name, problems: [`${name} must be a UUID`] }],
      });
    // `application:id` and the like: the organization that owns the entity. A caller outside it
    // learns nothing, not even that the entity exists.
    const organizationId = entity ? await this.resolvers.resolve(entity, value) : value;
    const held = organizationId ? user.roleIn(organizationId) : undefined;
    if (!held)
      throw new DomainError(
        'NOT_FOUND',
        entity
          ? `${entity[0].toUpperCase()}${entity.slice(1)} ${value} was not found.`
          : `Organization ${value} was not found among your organizations.`,
      );
    if (role === 'admin' && held !== 'admin')
      throw new DomainError(
        'FORBIDDEN',
        `Only an admin of organization ${organizationId} may do this; you are a member.`,
      );
    return true;
  }
}
