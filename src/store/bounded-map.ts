// Values kept by key up to a bound: what the request path computes or parses once and then reads.

/**
 * The value kept in `map` for `key`, computed and kept the first time. A full map is emptied rather than grown, so a
 * flood of distinct keys costs a recomputation, never unbounded memory.
 */
export function remembered<K, V>(map: Map<K, V>, key: K, max: number, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size >= max) map.clear();
    map.set(key, value);
  }
  return value;
}
