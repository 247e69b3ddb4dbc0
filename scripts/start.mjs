#!/usr/bin/env node
/**
 * `npm start`: compiles the TypeScript when a source is newer than the last build, then runs the
 * service in this same process (so Ctrl-C and SIGTERM reach it directly).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildInfo = path.join(root, 'dist', '.tsbuildinfo');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(full));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

const built = (() => {
  try {
    return statSync(buildInfo).mtimeMs;
  } catch {
    return 0;
  }
})();
const sources = Math.max(
  ...['src', 'migrations', 'scripts'].map((d) => newest(path.join(root, d))),
  statSync(path.join(root, 'tsconfig.json')).mtimeMs,
  statSync(path.join(root, 'tsconfig.build.json')).mtimeMs,
  statSync(path.join(root, 'package-lock.json')).mtimeMs,
);
if (sources > built) {
  process.stdout.write('Compiling TypeScript...\n');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/typescript/bin/tsc'),
      '-p',
      path.join(root, 'tsconfig.build.json'),
    ],
    {
      stdio: 'inherit',
    },
  );
}
// The AWS SDK warns on every start that its 2027 releases need Node 22; the lockfile pins this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import(pathToFileURL(path.join(root, 'dist/src/main.js')).href);
