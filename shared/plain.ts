/**
 * Plain JSON-like data: what a message may carry before its schema reads it. MessagePack (the
 * WebSocket protocol) can also encode dates, typed arrays, sets and other extension types, and an
 * object schema would take a `Date` for an empty object; this check lets only null, booleans, finite
 * numbers, strings, arrays and plain objects through, nested at most `MAX_DEPTH` deep.
 */
export const MAX_PLAIN_DEPTH = 16;

/** The path of the first value that is not plain data ("" for the root), or undefined when all are. */
export function notPlainAt(value: unknown, path = "", depth = 0): string | undefined {
  if (value === null || typeof value === "string" || typeof value === "boolean") return undefined;
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (typeof value !== "object" || depth >= MAX_PLAIN_DEPTH) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = notPlainAt(value[i], join(path, String(i)), depth + 1);
      if (bad !== undefined) return bad;
    }
    return undefined;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return path;
  for (const [key, item] of Object.entries(value)) {
    const bad = notPlainAt(item, join(path, key), depth + 1);
    if (bad !== undefined) return bad;
  }
  return undefined;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
