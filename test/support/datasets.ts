import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The real manufacturing datasets kept in the repository (samples/datasets, with their sources and
 * licences); MDX_DATASETS_DIR points at another copy.
 */
export function datasetsDir(): string {
  const candidates = [process.env.MDX_DATASETS_DIR, path.resolve('samples', 'datasets')].filter(
    Boolean,
  ) as string[];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'kamp-melting-tank')));
  if (!found)
    throw new Error(
      `The sample datasets were not found (looked in ${candidates.join(', ')}); set MDX_DATASETS_DIR.`,
    );
  return found;
}
