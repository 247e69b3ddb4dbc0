import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { OrgRole as OrgRoleName, PlatformRole, Principal } from './principal.js';

export const ACCESS_KEY = 'access';

/**
 * Where the organization a route acts for comes from: a path parameter, a body field or a
 * query parameter (`param:id`, `body:organizationId`, `query:organizationId`), or the owner of an
 * entity named by a path parameter (`application:id`), found through OrgResolvers.
 */
export type OrgSource = `${string}:${string}`;

export interface AccessRule {
  public?: boolean;
  authenticated?: boolean;
  roles?: PlatformRole[];
  org?: { role: OrgRoleName; from: OrgSource };
}

function merge(rule: AccessRule) {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder = descriptor ? descriptor.value : target;
    const current: AccessRule = Reflect.getMetadata(ACCESS_KEY, holder) ?? {};
    SetMetadata(ACCESS_KEY, { ...current, ...rule })(target, key!, descriptor!);
  };
}

/** Anyone, signed in or not. */
export const Public = () => merge({ public: true });
/** Any signed-in user. */
export const Authenticated = () => merge({ authenticated: true });
/** A user holding one of these platform roles. Combined with @OrgRole, either suffices. */
export const Roles = (...roles: PlatformRole[]) => merge({ roles });
/**
 * A member of the organization named by `from` holding at least `role` (admin includes member).
 * A caller who is not a member at all is answered 404, as if the organization did not exist.
 */
export const OrgRole = (role: OrgRoleName, from: OrgSource = 'param:id') =>
  merge({ org: { role, from } });

export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest().user,
);
