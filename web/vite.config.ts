import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { patrolPwa } from './src/features/patrol-mobile/pwa.config';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  // `npm run build -w web` and `npx vite` from the repo root must both find index.html here.
  root: here,
  plugins: [react(), patrolPwa()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre alone is ~1 MB minified and changes less often than the app: its own chunk caches.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            // zod with the setting that keeps it from probing for eval, in one chunk that runs before
            // any schema is built: split apart, a schema in a shared chunk was built before the setting
            // and its probe was reported under the content security policy
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|zodWithoutEval/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: { '/api': { target: 'http://localhost:8080' } },
  },
});
