import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the REST API and the websocket to the sync server (default port 4321),
// so `pnpm dev` serves the board on one origin exactly as the production server does.
const serverUrl = process.env.FIRE_TRIANGLE_SERVER ?? 'http://127.0.0.1:4321';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      // The server builds share links from the Host it was reached by (or PUBLIC_URL): keep the
      // dev server's, so the links `pnpm dev` hands out open the dev server.
      '/api': { target: serverUrl, changeOrigin: false },
      '/ws': { target: serverUrl, ws: true, changeOrigin: true },
    },
  },
  build: {
    // Two pages: the product, and a bare React Flow page the drag benchmark compares it with.
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        bench: resolve(import.meta.dirname, 'bench.html'),
      },
    },
    chunkSizeWarningLimit: 1200,
  },
});
