// Vitest setup (every test file): the contract hook watches every app the file builds; an answer that does not match
// the OpenAPI document fails the test that produced it, and what the hook saw is left for the run's coverage list.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { contractCoverage, installContractHook, takeViolations } from './contract.js';

installContractHook();

const fail = (violations: string[]) => {
  throw new Error(`answers that do not match the OpenAPI document:\n  ${violations.join('\n  ')}`);
};

afterEach(() => {
  const violations = takeViolations();
  if (violations.length) fail(violations);
});

afterAll(() => {
  const dir = process.env.POSAPI_CONTRACT_DIR;
  const { seen, documented } = contractCoverage();
  if (dir && (seen.size || documented.size)) {
    const file = join(dir, `${process.pid}-${randomBytes(6).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify({ seen: [...seen], documented: [...documented] }));
  }
  seen.clear();
  // Answers given in beforeAll or afterAll hooks, after the last test.
  const violations = takeViolations();
  if (violations.length) fail(violations);
});
