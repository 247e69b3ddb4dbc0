import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real manufacturing datasets live in the shared folder beside the checkout (../shared/datasets),
 * as on developers' machines and in CI; MDX_DATASETS_DIR points elsewhere.
 */
export function datasetsDir(): string {
  const candidates = [
    process.env.MDX_DATASETS_DIR,
    path.resolve('..', 'shared', 'datasets'),
  ].filter(Boolean) as string[];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'kamp-melting-tank')));
  if (!found)
    throw new Error(
      `The shared datasets were not found (looked in ${candidates.join(', ')}); set MDX_DATASETS_DIR.`,
    );
  return found;
}
