import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Built into dist/web-assets/, which the server serves at /. Hashed file names
// under assets/ never match node:test's file patterns.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/web-assets/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
