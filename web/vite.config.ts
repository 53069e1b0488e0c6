import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

// The Rust server embeds dist/ and answers every non-/api path with index.html (SPA fallback).
// In development (`npm run dev`, `npm run preview`) /api goes to a running server:
// RANJIAN_API_URL, default http://127.0.0.1:8080. (`preview` serves /swagger from dist/.)
const apiTarget = process.env.RANJIAN_API_URL || 'http://127.0.0.1:8080'
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
}

export default defineConfig({
  plugins: [vue()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    port: 5173,
    proxy,
  },
  preview: {
    port: 4173,
    proxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is one large, rarely changing chunk: cache it apart from the app code.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus|@floating-ui|@popperjs|@sxzz|dayjs|lodash|lodash-es|@vueuse|async-validator)/ },
            { name: 'vue', test: /node_modules[\\/](vue|@vue|vue-router)[\\/]/ },
            // The map and the charts: large, and loaded only by the pages that show them.
            { name: 'maplibre', test: /node_modules[\\/](maplibre-gl|@maplibre|@mapbox|gl-matrix|kdbush|earcut|pbf)/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/ },
          ],
        },
      },
    },
  },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
})
