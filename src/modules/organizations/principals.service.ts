import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  type OrgRole,
  type PlatformRole,
  Principal,
  PrincipalLoader,
} from '../../platform/auth/principal.js';
import { PrincipalCache } from '../../platform/auth/principal-cache.js';

interface PrincipalRow {
  id: string;
  email: string;
  name: string;
  platformRoles: PlatformRole[];
  memberships: { organizationId: string; organizationName: string; role: OrgRole }[];
}

/** Loads the caller with their memberships in one query, for the guard and for GET /me. */
@Injectable()
export class PrincipalsService extends PrincipalLoader {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: PrincipalCache,
  ) {
    super();
  }

  private async row(userId: string): Promise<PrincipalRow | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.name, u.platform_roles AS "platformRoles",
              coalesce(json_agg(json_build_object('organizationId', o.id, 'organizationName', o.name, 'role', m.role)
                       ORDER BY o.name) FILTER (WHERE o.id IS NOT NULL), '[]') AS memberships
         FROM users u
         LEFT JOIN memberships m ON m.user_id = u.id
         LEFT JOIN organizations o ON o.id = m.organization_id
        WHERE u.id = $1
        GROUP BY u.id`,
      [userId],
    );
    return row;
  }

  load(userId: string): Promise<Principal | undefined> {
    return this.cache.get(userId, async () => {
      const row = await this.row(userId);
      if (!row) return undefined;
      return new Principal(
        row.id,
        row.email,
        row.name,
        row.platformRoles,
        new Map(row.memberships.map((m) => [m.organizationId, m.role])),
        new Map(row.memberships.map((m) => [m.organizationId, m.organizationName])),
      );
    });
  }

  /** GET /me: the user, their platform roles and their organizations. */
  async me(userId: string): Promise<PrincipalRow> {
    return (await this.row(userId))!;
  }
}
