// Function benchmarks (tinybench): a plan quote as one request computes it, against a plain baseline of the same shape.
import { readFileSync } from 'node:fs';
import { Bench } from 'tinybench';
import { catalogueFromFile, parseCatalogue, quotePlans } from '../src/domain/plans/index.js';

export interface FunctionRow {
  name: string;
  opsPerSecond: number;
  meanMicros: number;
}

export async function runFunctionBench(): Promise<FunctionRow[]> {
  const parsed = parseCatalogue(readFileSync('catalogue/demo-plans.yaml', 'utf8'), 'demo-plans.yaml');
  if (!parsed.ok) throw new Error('demo catalogue invalid');
  const catalogue = catalogueFromFile(parsed.catalogue);
  const bench = new Bench({ time: 1000 });
  bench
    .add('plan quote, 10.50 in Ontario (1 plan, 3 terms)', () => {
      quotePlans({ catalogue, merchantId: '12345', accountType: 'consumer', province: 'ON', amountCents: 1050, lang: 'en-CA' });
    })
    .add('plan quote, 2 500.00 in Ontario (4 plans, 11 terms)', () => {
      quotePlans({ catalogue, merchantId: '12345', accountType: 'business', province: 'ON', amountCents: 250000, lang: 'en-CA' });
    });
  await bench.run();
  return bench.tasks.map((t) => {
    const r = t.result as unknown as { throughput?: { mean: number }; latency?: { mean: number }; hz?: number; mean?: number };
    const ops = r.throughput?.mean ?? r.hz ?? 0;
    const meanMs = r.latency?.mean ?? r.mean ?? 0;
    return { name: t.name, opsPerSecond: ops, meanMicros: meanMs * 1000 };
  });
}
