// Where the e2e suite finds the service build and writes its screenshots.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ROOT_DIR = join(CONSOLE_DIR, '..');
export const SERVICE_MAIN = join(ROOT_DIR, 'dist', 'cli', 'main.js');
export const RESULTS_DIR = join(CONSOLE_DIR, 'test-results');
