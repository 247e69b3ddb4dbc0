export type PlatformRole = 'operator' | 'evaluator';
export type OrgRole = 'admin' | 'member';

export const PLATFORM_ROLES: readonly PlatformRole[] = ['operator', 'evaluator'];
export const ORG_ROLES: readonly OrgRole[] = ['admin', 'member'];

/** The signed-in caller, loaded once per request by the auth guard. */
export class Principal {
  constructor(
    readonly id: string,
    readonly email: string,
    readonly name: string,
    readonly platformRoles: readonly PlatformRole[],
    /** organizationId -> role */
    readonly memberships: ReadonlyMap<string, OrgRole>,
  ) {}

  get isOperator(): boolean {
    return this.platformRoles.includes('operator');
  }

  hasRole(role: PlatformRole): boolean {
    return this.platformRoles.includes(role);
  }

  roleIn(organizationId: string): OrgRole | undefined {
    return this.memberships.get(organizationId);
  }

  get organizationIds(): string[] {
    return [...this.memberships.keys()];
  }
}

/** Loads a principal by user id; implemented by the accounts module. */
export abstract class PrincipalLoader {
  abstract load(userId: string): Promise<Principal | undefined>;
}

/**
 * Whether a session (the family of refresh tokens an access token was issued from) is still
 * signed in; implemented by the accounts module. Logout and theft detection end sessions.
 */
export abstract class SessionChecker {
  abstract isLive(sessionId: string): Promise<boolean>;
}
