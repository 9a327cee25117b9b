import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import path from 'node:path';

// The staff web app. Built into dist/web/admin and served by the Fastify service at `/`.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web/admin'),
  base: '/',
  plugins: [
    react(),
    // The app shell through a service worker (Workbox, generated at build time): a cadre's phone opens the app and its
    // field forms with no signal; what is recorded then waits in the outbox (lib/outbox.ts). Registered by a small
    // script of its own, outside the app's bundles.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon-192.png', 'icon-512.png'],
      manifest: {
        name: '一线 · 四下基层问题台账', short_name: '一线', lang: 'zh-CN', start_url: '/', scope: '/', display: 'standalone',
        theme_color: '#c0392b', background_color: '#ffffff',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,woff2}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: '/index.html',
        // Server pages and the API are never answered from the shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/f\//, /^\/q\//, /^\/reception\//, /^\/portal/, /^\/open311/],
        cleanupOutdatedCaches: true,
        // The first visit is covered at once (a cadre who opened the app in the office can record in the field without reopening it).
        clientsClaim: true,
        // GET answers a phone keeps for offline use (NetworkFirst: fresh when there is signal): who is logged in, the
        // lists the field forms need, a questionnaire's questions — no case, no resident's personal data. Logout deletes them.
        runtimeCaching: [{
          // Workbox writes this function's source into sw.js: it may use nothing from this file.
          urlPattern: ({ url, request }) => request.method === 'GET'
            && /^\/api\/v1\/(auth\/session|org-units|categories|activity-cadres|questionnaires\/\d+)$/.test(url.pathname),
          handler: 'NetworkFirst',
          options: { cacheName: 'yixian-lookups', networkTimeoutSeconds: 6, cacheableResponse: { statuses: [200] } },
        }],
      },
    }),
  ],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web/admin'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
