/**
 * A canonical JSON encoding: object keys sorted at every depth, no whitespace. The audit hash is
 * taken over this, so an event hashes the same whether it comes from JavaScript or back out of a
 * jsonb column (which keeps its own key order).
 *
 * It is byte for byte `JSON.stringify` of a copy whose keys were inserted in sorted order, which is
 * how it was first written and how every stored hash was made (a test holds it to that). It writes
 * the string directly instead of building the copy: chain verification encodes a million events.
 * A JavaScript object lists integer-like keys first, in numeric order, whatever the insertion
 * order, so those come first here too.
 */
export function canonicalJson(value: unknown): string {
  return encode(value) ?? "undefined";
}

/** JSON text of a value, or undefined where JSON.stringify leaves the value out. */
function encode(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    // By index, not map: map skips the holes of a sparse array, which JSON writes as null.
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(encode(value[i]) ?? "null");
    return `[${items.join(",")}]`;
  }
  const record = value as Record<string, unknown>;
  let out = "";
  for (const key of orderedKeys(record)) {
    const encoded = encode(record[key]);
    if (encoded === undefined) continue;
    out += `${out ? "," : ""}${JSON.stringify(key)}:${encoded}`;
  }
  return `{${out}}`;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

function orderedKeys(record: Record<string, unknown>) {
  const keys = Object.keys(record).sort();
  if (!keys.some(isArrayIndex)) return keys;
  const indices = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  return [...indices, ...keys.filter((key) => !isArrayIndex(key))];
}
