import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** Files of web/public the kiosk needs offline (the manifest and its icons). */
const KIOSK_PUBLIC = ['/kiosk/manifest.webmanifest', '/kiosk/icon-192.png', '/kiosk/icon-512.png', '/kiosk/icon.svg'];

/**
 * Writes the kiosk's service worker (web/kiosk/sw.js) into the build as /kiosk/sw.js, with the list
 * of files to cache on install: the shell, every built asset except the editor's and the charts'
 * libraries (the kiosk neither edits nor draws charts) and the old-browser .woff fonts. The list
 * changes with every build that renames an asset, so the browser sees a new worker and refreshes
 * its caches.
 */
function kioskServiceWorker(): Plugin {
  return {
    name: 'gerel-kiosk-sw',
    apply: 'build',
    // After the files are written: the list is read from disk, so it names exactly the files served
    // (some chunk names still change after generateBundle).
    writeBundle(options) {
      const outDir = options.dir ?? path.join(import.meta.dirname, 'dist');
      const assets = fs
        .readdirSync(path.join(outDir, 'assets'))
        .filter((file) => !/^(editor|echarts)-/.test(file) && !file.endsWith('.woff'))
        .sort()
        .map((file) => `/assets/${file}`);
      const urls = ['/index.html', ...KIOSK_PUBLIC, ...assets];
      for (const url of urls) if (!fs.existsSync(path.join(outDir, url))) throw new Error(`kiosk precache: ${url} is not in the build`);
      const version = createHash('sha256').update(urls.join('\n')).digest('hex').slice(0, 12);
      const template = fs.readFileSync(path.join(import.meta.dirname, 'kiosk/sw.js'), 'utf8');
      fs.mkdirSync(path.join(outDir, 'kiosk'), { recursive: true });
      fs.writeFileSync(path.join(outDir, 'kiosk/sw.js'), template.replace('self.__GEREL_PRECACHE__', JSON.stringify({ version, urls })));
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
            // Charts load with the first chart drawn (dashboard, uptime), never with the login page.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
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
