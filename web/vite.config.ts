import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server (server/dist/main.js) serves web/dist at `/`; in development Vite serves the app
// and forwards the API to the server.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: their own chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[\w-]+)[\\/]/ },
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
