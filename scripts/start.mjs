#!/usr/bin/env node
/**
 * `npm start`: compiles the TypeScript and builds the web app when a source is newer than the last
 * build, then runs the service in this same process (so Ctrl-C and SIGTERM reach it directly).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildInfo = path.join(root, 'dist', '.tsbuildinfo');

const webDir = path.join(root, 'src', 'web');

function newest(dir, matches = (name) => name.endsWith('.ts'), skip = () => false) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip(full)) latest = Math.max(latest, newest(full, matches, skip));
    } else if (matches(entry.name)) latest = Math.max(latest, statSync(full).mtimeMs);
  }
  return latest;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

const built = mtime(buildInfo);
// The server's sources; the web app (but for its generated client) is built by Vite below.
const sources = Math.max(
  ...['src', 'migrations', 'scripts'].map((d) =>
    newest(path.join(root, d), undefined, (dir) => dir === webDir),
  ),
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
  // tsc leaves its build info untouched when nothing it emits changed (a new lockfile, say): mark
  // the build as current, or every start would compile again.
  const now = new Date();
  utimesSync(buildInfo, now, now);
}
// The web app: rebuilt when any of its files (sources, translations, config) is newer.
const webBuilt = mtime(path.join(root, 'dist', 'web', 'index.html'));
const webSources = Math.max(
  newest(webDir, () => true),
  mtime(path.join(root, 'package-lock.json')),
);
if (!process.env.WEB_DIR && webSources > webBuilt) {
  process.stdout.write('Building the web app...\n');
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      path.join(webDir, 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
}
// The app the service serves, wherever the command was run from.
process.env.WEB_DIR ??= path.join(root, 'dist', 'web');
// The AWS SDK warns on every start that its 2027 releases need Node 22; the lockfile pins this one.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
await import(pathToFileURL(path.join(root, 'dist/src/main.js')).href);
