// Text both stores keep as sent: PostgreSQL refuses a NUL character in text and JSON, and a lone UTF-16 surrogate has
// no UTF-8 form (the driver would store U+FFFD instead), so such text is bad input on every store, refused at the edge.

const UNSTORABLE = /[\0\p{Cs}]/u;

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain a NUL character or an unpaired surrogate';

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * JSON pointers (as ajv writes them) of every string, key or value, that cannot be stored; none for clean input.
 * Walked with a stack of its own: a body may nest thousands deep, more than the call stack holds.
 */
export function unstorableTextPointers(value: unknown): string[] {
  return holdsUnstorableText(value) ? pointersOfUnstorableText(value) : [];
}

/**
 * Whether any string, key or value, cannot be stored. Every request's input is checked, and nearly all is clean: this
 * pass builds no pointer and no entry array (they were 2 % of a lookup's CPU), and the pointers are made only for input
 * that will be refused.
 */
function holdsUnstorableText(value: unknown): boolean {
  const pending: unknown[] = [value];
  for (let i = 0; i < pending.length; i += 1) {
    const node = pending[i];
    if (typeof node === 'string') {
      if (UNSTORABLE.test(node)) return true;
    } else if (node !== null && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        if (UNSTORABLE.test(key)) return true;
        pending.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

function pointersOfUnstorableText(value: unknown): string[] {
  const found: string[] = [];
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, pointer] = next;
    if (typeof node === 'string') {
      if (!isStorableText(node)) found.push(pointer);
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (isStorableText(key)) pending.push([child, at]);
        else found.push(at);
      }
    }
  }
  return found;
}
