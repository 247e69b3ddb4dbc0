/**
 * Module hooks for register.mjs: `./x.js` finds `./x.ts`, and .ts files are transpiled on load.
 * Transpiled files are kept on disk by their content's hash: a crash test starts the service
 * several times, and transpiling every source took 3 s of CPU at each start.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const options = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2023,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  esModuleInterop: true,
  inlineSourceMap: true,
};

export async function resolve(specifier, context, next) {
  // A relative or file: `.js` that does not exist is its `.ts` source (also for forked entry files).
  if (specifier.endsWith('.js') && /^(\.{1,2}\/|\/|file:)/.test(specifier)) {
    const js = new URL(specifier, context.parentURL ?? `file://${process.cwd()}/`);
    const source = new URL(js.href.replace(/\.js$/, '.ts'));
    if (!existsSync(fileURLToPath(js)) && existsSync(fileURLToPath(source)))
      return { url: source.href, format: 'module', shortCircuit: true };
  }
  return next(specifier, context);
}

const cacheDir = path.join(os.tmpdir(), 'mdx-ts-node-cache');
await mkdir(cacheDir, { recursive: true });

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, 'utf8');
  const key = createHash('sha256')
    .update(`${ts.version}\0${JSON.stringify(options)}\0${file}\0${source}`)
    .digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let outputText;
  try {
    outputText = await readFile(cached, 'utf8');
  } catch {
    ({ outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: file }));
    // Written whole, then renamed: two services starting at once never read half a file.
    const partial = `${cached}.${process.pid}`;
    await writeFile(partial, outputText);
    await rename(partial, cached);
  }
  return { format: 'module', source: outputText, shortCircuit: true };
}
