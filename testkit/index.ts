// What the tests and the benchmarks share: fresh databases, free ports, quantiles, the AAMVA fixture loader.
// Nothing here imports from test/ or bench/, so either may import it.
export { createTestStore, PG_ADMIN_URL, type TestStore } from './databases.js';
export { freePort } from './ports.js';
export { quantile } from './stats.js';
export { FIXTURE_DIR, loadAamvaFixtures, type AamvaFixture } from './aamva-fixtures.js';
