// Maps a path inside the parsed catalogue back to the line and column of the YAML text it came from.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type PathSegment = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

/** How a path should be shown to a person: `plans[0].terms[2].apr`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

/** Splits a JSON pointer (`/plans/0/id`) as reported by the schema checker into path segments. */
export function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}

/**
 * Finds the position of the value at `path`; when the value is missing or empty, the position of
 * its key, and failing that of the nearest enclosing node, so an error always lands on a real line.
 * With `atKey`, the key itself is preferred (an unexpected property is best shown by its name).
 */
export function locatePath(document: Document, lineCounter: LineCounter, path: readonly PathSegment[], options: { atKey?: boolean } = {}): SourcePosition {
  let node: Node | null | undefined = followAlias(document, document.contents);
  let offset = node?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      const keyOffset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      const value = followAlias(document, pair.value as Node | null);
      const valueOffset = isEmpty(value) ? undefined : value?.range?.[0];
      offset = (isLast && options.atKey ? keyOffset : (valueOffset ?? keyOffset)) ?? offset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = followAlias(document, node.items[segment] as Node | null | undefined);
      if (item === undefined || item === null) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function followAlias(document: Document, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? (node.resolve(document) ?? node) : node;
}

function isEmpty(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null && node.source === '');
}
