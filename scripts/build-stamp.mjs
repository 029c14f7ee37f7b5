// Whether a build's outputs are up to date with its sources. A stamp written beside the outputs after a good build
// records a hash of every input file's path and content; the next build is skipped while the hash is the same and the
// outputs are all there. Content, not modification times: a checkout, a copy or a touched file that did not change
// does not force a rebuild, and a changed file always does, whatever its clock says.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under these paths (files or folders, relative to root), as sorted root-relative paths with `/`. */
function filesUnder(root, inputs) {
  const files = [];
  const visit = (path) => {
    if (!existsSync(path)) return;
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else files.push(relative(root, path).split(sep).join('/'));
  };
  for (const input of inputs) visit(join(root, input));
  return [...new Set(files)].sort();
}

/** The hash of the inputs: each file's path and content, so a renamed, added or removed file changes it too. */
export function fingerprint(root, inputs) {
  const hash = createHash('sha256');
  for (const file of filesUnder(root, inputs)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when the stamp holds this fingerprint and every output exists. */
export function isUpToDate(stampPath, print, outputs) {
  if (!outputs.every((output) => existsSync(output))) return false;
  return existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === print;
}

/** Before a build: a build that fails half-way must not leave the previous stamp claiming its outputs. */
export function clearStamp(stampPath) {
  rmSync(stampPath, { force: true });
}

export function writeStamp(stampPath, print) {
  writeFileSync(stampPath, `${print}\n`);
}
