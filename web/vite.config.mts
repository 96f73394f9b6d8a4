import { defineConfig } from 'vite';

// The gateway serves dist/ at / and proxies /socket.io; `vite` (dev) forwards the same paths to a local gateway.
const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // React's automatic runtime through Vite's built-in Oxc transform (no React plugin: no fast refresh, none needed).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // Mantine marks its modules "use client" for React Server Components; in a plain browser bundle it means nothing.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      output: {
        // React and the other libraries in chunks of their own: they change only on an upgrade, so a browser keeps them
        // cached across releases of the app's own code (and no chunk passes Vite's 500 KB warning).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
            { name: 'libraries', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': gateway,
      '/socket.io': { target: gateway, ws: true },
    },
  },
});
