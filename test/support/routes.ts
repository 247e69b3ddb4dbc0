import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ACCESS_KEY, type AccessRule } from '../../src/platform/auth/access.decorators.js';
import { apiPath } from '../../src/platform/http/api-prefix.js';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'all'];

export interface RouteInfo {
  method: string;
  path: string;
  controller: string;
  handler: string;
  access: AccessRule | undefined;
}

/** Every route the application registers, at its public path, with the access rule it declares. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | undefined;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler);
        if (sub === undefined) continue;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = apiPath(
          [base, String(sub)]
            .map((s) => s.replace(/^\/|\/$/g, ''))
            .filter(Boolean)
            .join('/'),
        );
        const access: AccessRule | undefined =
          Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, type);
        routes.push({ method, path, controller: type.name, handler: name, access });
      }
    }
  }
  return routes;
}

/** A concrete URL for a route pattern: ids become a well-formed UUID, codes a KSIC code. */
export function samplePath(path: string): string {
  return path.replace(/:(\w+)/g, (_m, name: string) =>
    name === 'code'
      ? '55'
      : name === 'milestone'
        ? 'PROCESSING'
        : name === 'version'
          ? '1'
          : '00000000-0000-4000-8000-000000000000',
  );
}
