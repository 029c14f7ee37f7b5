// Vite build of the console: static files under /console/, served by the service itself (no CDN at run time).
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  // Preact's JSX through esbuild's automatic runtime: no framework plugin needed.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The barcode reader's WASM must stay a separate file that the page fetches from the service.
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: the API stays on the service (npm start at the root, port 8080).
    proxy: { '/flexiti': 'http://127.0.0.1:8080' },
  },
});
