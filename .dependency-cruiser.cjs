// The layer rules of docs/ARCHITECTURE.md, checked on every `npm run lint`: imports point one way, and never in a circle.
// A layer is a folder of src/; each rule names what a layer may NOT import, so a new folder is caught by "unplaced".

/** Folders of src/ and what each may import (besides itself, npm packages and Node's modules). */
const LAYERS = {
  domain: [],
  contract: ['domain'],
  security: [],
  'use-cases': ['domain', 'contract', 'security', 'config'],
  store: ['domain', 'contract', 'security', 'config', 'package-files', 'use-cases/ports'],
  infra: ['domain', 'contract', 'security', 'config', 'use-cases/ports', 'use-cases/context'],
  http: ['domain', 'contract', 'use-cases', 'config', 'package-files'],
  runtime: ['domain', 'contract', 'security', 'config', 'package-files', 'use-cases', 'store', 'infra', 'http'],
  cli: ['domain', 'contract', 'security', 'config', 'package-files', 'use-cases', 'store', 'infra', 'runtime'],
};
const SHARED_FILES = ['config', 'package-files'];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pathOf = (part) => (SHARED_FILES.includes(part) ? `^src/${escape(part)}\\.ts$` : `^src/${escape(part)}(/|\\.ts$)`);

const layerRules = Object.entries(LAYERS).map(([layer, allowed]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only: ${[layer, ...allowed].join(', ')} (docs/ARCHITECTURE.md)`,
  severity: 'error',
  from: { path: `^src/${escape(layer)}/` },
  to: { path: '^src/', pathNot: [pathOf(layer), ...allowed.map(pathOf)] },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-circular',
      comment: 'a module may not depend on itself through others: a cycle makes two layers one',
      severity: 'error',
      from: { path: '^(src|test|bench|testkit)/' },
      to: { circular: true },
    },
    {
      name: 'unplaced',
      comment: 'every folder of src/ belongs to a layer of .dependency-cruiser.cjs; place a new one there first',
      severity: 'error',
      from: { path: '^src/[^/]+/', pathNot: `^src/(${Object.keys(LAYERS).map(escape).join('|')})/` },
      to: {},
    },
    {
      name: 'shared-files-stand-alone',
      comment: 'config.ts and package-files.ts are read by every layer, so they import none',
      severity: 'error',
      from: { path: '^src/(config|package-files)\\.ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'pure-domain',
      comment: 'the domain does no I/O: no Node module, no driver, no framework (clock and randomness are passed in)',
      severity: 'error',
      from: { path: '^src/(domain|contract)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-framework-below-http',
      comment: 'nothing below the HTTP layer knows Fastify',
      severity: 'error',
      from: { path: '^src/(domain|contract|use-cases|store|infra|security)/' },
      to: { path: '(^|/)node_modules/(fastify|@fastify|fastify-plugin|find-my-way)/' },
    },
    {
      name: 'no-sql-above-store',
      comment: 'SQL and its drivers live in src/store only',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/' },
      to: { path: '(^|/)node_modules/(kysely|better-sqlite3|pg)/' },
    },
    {
      name: 'benchmarks-not-from-tests',
      comment: 'benchmarks share helpers with tests through testkit/, never by reaching into test/',
      severity: 'error',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'testkit-stands-alone',
      comment: 'testkit/ is what tests and benchmarks share: it imports neither',
      severity: 'error',
      from: { path: '^testkit/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-not-from-tests',
      comment: 'the service never imports its tests, benchmarks or their helpers',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|testkit)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^(dist|coverage|console/dist|clients/typescript/dist)/' },
  },
};
