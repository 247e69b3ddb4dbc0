import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { requestContext } from '../context/request-context.js';
import { DomainError } from '../errors/domain-error.js';
import { ACCESS_KEY, type AccessRule } from './access.decorators.js';
import { type Principal, PrincipalLoader } from './principal.js';
import { TokenService } from './tokens.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = accessRuleOf(this.reflector, context);
    if (!rule)
      throw new DomainError('FORBIDDEN', 'This route declares no access rule and is closed.');
    if (rule.public) return true;

    const req = context.switchToHttp().getRequest<Request & { user?: Principal }>();
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
    const userId = await this.tokens.verifyAccess(token);
    const user = await this.principals.load(userId);
    if (!user)
      throw new DomainError(
        'UNAUTHENTICATED',
        'The account of this token no longer exists; sign in again.',
      );
    return user;
  }

  private checkOrganization(user: Principal, rule: AccessRule, req: Request): true {
    const { role, from } = rule.org!;
    const [where, name] = from.split(':') as ['param' | 'body' | 'query', string];
    const source = where === 'param' ? req.params : where === 'body' ? req.body : req.query;
    const organizationId = (source as Record<string, unknown> | undefined)?.[name];
    if (typeof organizationId !== 'string' || !UUID.test(organizationId))
      throw new DomainError(
        'VALIDATION_FAILED',
        `${name} must be the UUID of an organization you belong to.`,
        {
          details: [{ field: name, problems: [`${name} must be a UUID`] }],
        },
      );
    const held = user.roleIn(organizationId);
    if (!held)
      throw new DomainError(
        'NOT_FOUND',
        `Organization ${organizationId} was not found among your organizations.`,
      );
    if (role === 'admin' && held !== 'admin')
      throw new DomainError(
        'FORBIDDEN',
        `Only an admin of organization ${organizationId} may do this; you are a member.`,
      );
    return true;
  }
}
