// Builds the renderer (renderer/ -> dist/renderer) for both Electron (file://) and browser mode (served by kielo serve).
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1000,
  },
});
