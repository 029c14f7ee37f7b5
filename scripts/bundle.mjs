// Bundles the service into one file, dist/posapi.mjs: Node then reads and links one module at start-up instead of some
// two thousand (Kysely, TypeBox and Fastify are each hundreds of files), which halves the time to the first answer.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/posapi.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // Native add-ons, drivers and prom-client loaded only when configured, and plugins that serve files from their own package folder.
  external: ['better-sqlite3', 'pg', 'ioredis', 'nodemailer', 'prom-client', '@fastify/swagger-ui', '@fastify/static'],
  // Bundled CommonJS packages call require(); in an ES module it has to be made.
  banner: { js: "import { createRequire as __posapiCreateRequire } from 'node:module'; const require = __posapiCreateRequire(import.meta.url);" },
});
