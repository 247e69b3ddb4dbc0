import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.API_URL ?? 'http://localhost:3000';

/**
 * The web app: built into dist/web, which the API serves from its own origin (`npm start`);
 * `npm run dev:web` serves it with hot reload and forwards /api to a running API (API_URL).
 */
export default defineConfig({
  root: here,
  plugins: [react()],
  build: {
    outDir: path.join(here, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  worker: { format: 'es' },
  server: { port: 5173, proxy: { '/api': api, '/health': api } },
});
