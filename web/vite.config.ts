import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Files of web/public the kiosk needs offline (the manifest and its icons). */
const KIOSK_PUBLIC = ['/kiosk/manifest.webmanifest', '/kiosk/icon-192.png', '/kiosk/icon-512.png', '/kiosk/icon.svg'];

/**
 * Writes the kiosk's service worker (web/kiosk/sw.js) into the build as /kiosk/sw.js, with the list
 * of files to cache on install: the shell, every built asset except the editor's libraries (the
 * kiosk never edits) and the old-browser .woff fonts. The list changes with every build that changes
 * an asset, so the browser sees a new worker and refreshes its caches.
 */
function kioskServiceWorker(): Plugin {
  return {
    name: 'gerel-kiosk-sw',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = Object.keys(bundle)
        .filter((file) => file.startsWith('assets/') && !/^assets\/editor-/.test(file) && !file.endsWith('.woff'))
        .sort()
        .map((file) => `/${file}`);
      const urls = ['/index.html', ...KIOSK_PUBLIC, ...assets];
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      const template = fs.readFileSync(path.join(import.meta.dirname, 'kiosk/sw.js'), 'utf8');
      this.emitFile({
        type: 'asset',
        fileName: 'kiosk/sw.js',
        source: template.replace('self.__GEREL_PRECACHE__', JSON.stringify({ version, urls })),
      });
    },
  };
}

// The server (server/dist/main.js) serves web/dist at `/`; in development Vite serves the app
// and forwards the API to the server.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), kioskServiceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+)[\\/]/ },
            // The HTML sanitizer on its own: the kiosk uses it without the editor.
            { name: 'sanitize', test: /node_modules[\\/]dompurify[\\/]/ },
            // The editor's libraries load with the resource pages only.
            {
              name: 'editor',
              // Only these packages: React and the like, which they import too, stay in the shared chunks.
              includeDependenciesRecursively: false,
              test: /node_modules[\\/](@tiptap|prosemirror-[\w-]+|dompurify|linkifyjs|orderedmap|rope-sequence|w3c-keyname|markdown-it|@remirror)[\\/]/,
            },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      // changeOrigin stays off: the server checks that a write's Origin matches the Host it sees.
      '/api': { target: process.env.GEREL_API_URL ?? 'http://localhost:8080', changeOrigin: false },
    },
  },
});
