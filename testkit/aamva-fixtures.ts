// Loads the AAMVA fixture files (the data stays in test/fixtures/aamva) shared by the parser tests and the comparison bench.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LicenceFields } from '../src/domain/aamva/index.js';

export interface AamvaFixture {
  file: string;
  description: string;
  code: string;
  today?: string;
  expected?: Partial<LicenceFields>;
  problem?: string;
  expectWarnings?: string[];
  absent?: Array<keyof LicenceFields>;
}

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), '../test/fixtures/aamva');

export function loadAamvaFixtures(dir: string = FIXTURE_DIR): AamvaFixture[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<AamvaFixture, 'file'>) }));
}
