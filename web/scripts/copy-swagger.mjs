// Copy Swagger UI's bundle and stylesheet into dist/swagger/: the server's /api/docs page loads
// /swagger/swagger-ui-bundle.js and /swagger/swagger-ui.css and points them at /api/openapi.json.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const webDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = dirname(require.resolve('swagger-ui-dist/package.json'))
const target = join(webDir, 'dist', 'swagger')

if (!existsSync(join(webDir, 'dist', 'index.html'))) {
  console.error('copy-swagger: dist/index.html is missing; run vite build first')
  process.exit(1)
}
mkdirSync(target, { recursive: true })
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  copyFileSync(join(source, file), join(target, file))
  console.log(`copy-swagger: dist/swagger/${file}`)
}
