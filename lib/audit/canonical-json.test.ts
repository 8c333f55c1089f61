import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

/** The first implementation, which every stored hash was made with: the encoding must never drift from it. */
function reference(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .filter((key) => (v as Record<string, unknown>)[key] !== undefined)
          .map((key) => [key, sortKeys((v as Record<string, unknown>)[key])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortKeys(value));
}

const samples: unknown[] = [
  {},
  [],
  null,
  "text with \"quotes\", \\ and \u2028 and \u{1F600}",
  0,
  -1.5e-7,
  Number.NaN,
  true,
  { b: 1, a: 2, A: 3, _: 4, "é": 5, " ": 6 },
  { z: [1, { b: "x", a: null }], comment: 'He said "yes" \u2014 fine\n', approvals: 2 },
  { "10": "ten", "9": "nine", "01": "zero-one", "-1": "minus", a: "letter", "4294967295": "too big", "4294967294": "largest index" },
  { skipped: undefined, kept: 1, nested: { gone: undefined, list: [undefined, () => 1, 2] } },
  { when: new Date("2026-11-25T03:00:00.120Z"), list: [new Date(0)] },
  JSON.parse('{"__proto__": {"x": 1}, "constructor": "c", "toString": "t"}'),
  { deep: { deeper: { deepest: [{ y: 1, x: [{ b: 2, a: 1 }] }] } } },
  { sparse: Object.assign(new Array(3), { 1: "middle" }) },
];

describe("the canonical JSON encoding", () => {
  it.each(samples.map((sample) => [canonicalJson(sample).slice(0, 60), sample]))("matches the original encoding: %s", (_, sample) => {
    expect(canonicalJson(sample)).toBe(reference(sample));
  });
});
