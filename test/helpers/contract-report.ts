// Vitest global setup: gathers what the contract hook saw in every test file and prints the coverage list at the end.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageLines } from './contract.js';

export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'posapi-contract-'));
  process.env.POSAPI_CONTRACT_DIR = dir;
  return () => {
    const seen = new Map<string, number>();
    const documented = new Set<string>();
    for (const name of readdirSync(dir)) {
      const part = JSON.parse(readFileSync(join(dir, name), 'utf8')) as { seen: [string, number][]; documented: string[] };
      for (const [key, count] of part.seen) seen.set(key, (seen.get(key) ?? 0) + count);
      for (const key of part.documented) documented.add(key);
    }
    rmSync(dir, { recursive: true, force: true });
    if (!documented.size) return;
    const answered = [...documented].filter((key) => seen.has(key)).length;
    console.log(`\nOpenAPI contract: ${answered} of ${documented.size} documented answers (route and status) seen, every answer checked against the document`);
    console.log(`  ✓ seen · not seen ~ no route ! not in the document\n  ${coverageLines(seen, documented).join('\n  ')}\n`);
  };
}
