// Files that ship beside the code (the demo catalogue, the built console), found from the package's root: the code may
// run from src/ (tests), from dist/ (tsc's output) or from the one-file bundle, each at a different depth.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'posapi') return dir;
    if (dirname(dir) === dir) throw new Error(`the posapi package root is not above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `packageFile('catalogue', 'demo-plans.yaml')`. */
export const packageFile = (...parts: string[]): string => join(PACKAGE_ROOT, ...parts);
