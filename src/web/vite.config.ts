import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

/**
 * Each script and style of the app also as .br and .gz beside it, which the service sends to a
 * browser that accepts them (express-static-gzip): a third of the bytes, compressed once here.
 * (vite-plugin-compression2 compressed the server renderer's files too, and rewrites stdout.)
 */
function precompressed(): Plugin {
  return {
    name: 'mdx:precompressed',
    applyToEnvironment: (environment) => environment.name === 'client',
    // Once written, when Vite has filled in every chunk's final code (its preload list among it).
    writeBundle(options, bundle) {
      for (const file of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(file.fileName)) continue;
        const source = file.type === 'chunk' ? file.code : file.source;
        if (source.length < 1024) continue;
        const target = path.join(options.dir!, file.fileName);
        const brotli = { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } };
        writeFileSync(`${target}.br`, brotliCompressSync(source, brotli));
        writeFileSync(`${target}.gz`, gzipSync(source, { level: 9 }));
      }
    },
  };
}

/**
 * The web app: built into dist/web, which the API serves from its own origin (`npm start`), and
 * its catalog's server renderer (entry-server.tsx) into dist/web-ssr, one file with everything it
 * needs, so a server without the app's packages can run it. `vite build` builds both.
 * `npm run dev:web` serves the app with hot reload and forwards /api to a running API (API_URL).
 */
export default defineConfig({
  root: here,
  plugins: [react(), precompressed()],
  // The translations as JSON.parse of a string, which a browser reads faster than an object literal.
  json: { stringify: true },
  builder: {},
  environments: {
    client: {
      build: {
        outDir: path.join(here, '../../dist/web'),
        emptyOutDir: true,
        sourcemap: true,
        chunkSizeWarningLimit: 800,
      },
    },
    ssr: {
      resolve: { noExternal: true },
      build: {
        outDir: path.join(here, '../../dist/web-ssr'),
        emptyOutDir: true,
        ssr: path.join(here, 'entry-server.tsx'),
      },
    },
  },
  worker: { format: 'es' },
  server: { port: 5173, proxy: { '/api': api, '/health': api } },
});
