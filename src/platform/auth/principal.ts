import { DomainError } from '../errors/domain-error.js';

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
    /** organizationId -> name, to name the choices when a caller must pick one */
    readonly organizationNames: ReadonlyMap<string, string> = new Map(),
  ) {}

  /**
   * The organization a request acts for: the one named (the caller must be its member, or it
   * reads as not found), else the caller's only organization; a caller in several must choose,
   * and the 400 lists them.
   */
  actingFor(organizationId: string | undefined): string {
    if (organizationId !== undefined) {
      if (!this.roleIn(organizationId))
        throw new DomainError(
          'NOT_FOUND',
          `Organization ${organizationId} was not found among your organizations.`,
          { messageKo: '소속 기관 중에서 찾을 수 없습니다.' },
        );
      return organizationId;
    }
    const ids = this.organizationIds;
    if (ids.length === 1) return ids[0];
    const choices = ids.map((id) => ({ id, name: this.organizationNames.get(id) ?? id }));
    throw new DomainError(
      'VALIDATION_FAILED',
      ids.length
        ? `You belong to ${ids.length} organizations; say which with organizationId: ${choices.map((c) => `${c.name} (${c.id})`).join(', ')}.`
        : 'You belong to no organization; register one or accept an invitation first.',
      {
        messageKo: ids.length
          ? '여러 기관에 소속되어 있습니다. organizationId로 기관을 지정해 주세요.'
          : '소속 기관이 없습니다. 기관을 등록하거나 초대를 수락해 주세요.',
        details: [
          {
            field: 'organizationId',
            problems: [ids.length ? 'choose one of your organizations' : 'no organization'],
            choices,
          },
        ],
      },
    );
  }

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
