import { Injectable } from '@nestjs/common';

type Resolver = (id: string) => Promise<string | undefined>;

/**
 * Finds the organization that owns an entity, so a route like `POST /applications/:id/submit` can
 * declare `@OrgRole('admin', 'application:id')`. Domain modules register their resolvers at start.
 */
@Injectable()
export class OrgResolvers {
  private readonly resolvers = new Map<string, Resolver>();

  register(entity: string, resolver: Resolver): void {
    this.resolvers.set(entity, resolver);
  }

  async resolve(entity: string, id: string): Promise<string | undefined> {
    const resolver = this.resolvers.get(entity);
    if (!resolver) throw new Error(`no organization resolver registered for "${entity}"`);
    return resolver(id);
  }
}
