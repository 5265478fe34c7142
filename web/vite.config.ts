import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { minifyTemplates } from './build/minify-templates';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [minifyTemplates()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline scripts or styles in the output: the CSP allows only files from our origin.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
    // The post body and the composer import the markdown configuration the server uses, from api/markdown.
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});
