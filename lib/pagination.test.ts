import { describe, expect, it } from "vitest";
import { cursorValue, decodeCursor, encodeCursor, pageOf } from "./pagination";
import { isoDateTime, parseInput } from "./validation";

const auditKey = { at: cursorValue.time, seq: cursorValue.seq };
const requestKey = { createdAt: cursorValue.time, id: cursorValue.id };
const b64 = (json: string) => Buffer.from(json).toString("base64url");
const codeOf = (run: () => unknown) => {
  try {
    run();
    return "no error";
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe("cursors", () => {
  it("give back the key they were made of, times as Dates", () => {
    const at = new Date("2026-12-01T12:07:21.522Z");
    expect(decodeCursor(encodeCursor({ at: at.toISOString(), seq: 25 }), auditKey)).toEqual({ at, seq: 25 });
    const id = "0e89ce70-fb5f-4dcd-9e5e-ac9ef7c3201a";
    expect(decodeCursor(encodeCursor({ createdAt: at.toISOString(), id }), requestKey)).toEqual({ createdAt: at, id });
  });

  it("refuse any value a list would never have written, as invalid:cursor", () => {
    const forged = [
      { at: "nope", seq: 1 },
      { at: "2026-01-01T00:00:00.000Z", seq: 1.5 },
      { at: "2026-01-01T00:00:00.000Z", seq: 1e300 },
      { at: "2026-01-01T00:00:00.000Z", seq: -1 },
      { at: "2026-01-01T00:00:00.000Z", seq: "1" },
      { at: "0000-01-01T00:00:00.000Z", seq: 1 },
      { at: "+275760-09-13T00:00:00.000Z", seq: 1 },
      { at: "2026-02-30T00:00:00.000Z", seq: 1 },
      { at: 1e300, seq: 1 },
      { at: "2026-01-01T00:00:00.000Z" },
      { at: "2026-01-01T00:00:00.000Z", seq: 1, extra: true },
    ];
    for (const key of forged) expect(codeOf(() => decodeCursor(encodeCursor(key), auditKey)), JSON.stringify(key)).toBe("invalid:cursor");
    for (const id of ["not-a-uuid", "00000000-0000-0000-0000-00000000000", "\u0000", 1]) {
      expect(codeOf(() => decodeCursor(encodeCursor({ createdAt: "2026-01-01T00:00:00.000Z", id }), requestKey)), String(id)).toBe("invalid:cursor");
    }
    for (const email of ["\u0000", "\ud800", "x".repeat(1001), 1, null]) {
      expect(codeOf(() => decodeCursor(encodeCursor({ email }), { email: cursorValue.text })), String(email)).toBe("invalid:cursor");
    }
  });

  it("refuse what is not a cursor at all, and prototype keys in one", () => {
    for (const cursor of ["", "forged!", "%00", "a b", "A".repeat(5000), b64("not json"), b64("null"), b64("[]"), b64('"x"')]) {
      expect(codeOf(() => decodeCursor(cursor, auditKey)), cursor.slice(0, 20)).toBe("invalid:cursor");
    }
    const proto = b64('{"__proto__": {"seq": 1}, "at": "2026-01-01T00:00:00.000Z"}');
    expect(codeOf(() => decodeCursor(proto, auditKey))).toBe("invalid:cursor");
  });

  it("page a list read whole by its key, and refuse a forged one", () => {
    const names = ["b", "a", "d", "c"];
    const first = pageOf(names, { limit: 2 }, (n) => n);
    expect(first.items).toEqual(["a", "b"]);
    expect(pageOf(names, { limit: 2, cursor: first.nextCursor! }, (n) => n)).toEqual({ items: ["c", "d"], nextCursor: null });
    expect(codeOf(() => pageOf(names, { cursor: encodeCursor({ after: "\u0000" }) }, (n) => n))).toBe("invalid:cursor");
  });
});

describe("dates and times", () => {
  it("are ISO 8601 within the years 1 to 9999 UTC, what Postgres stores and Date holds", () => {
    for (const text of ["2026-01-31T09:00:00Z", "2026-01-31T09:00:00.123+02:00", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"]) {
      expect(parseInput(isoDateTime, text), text).toBe(text);
    }
    for (const text of [
      "0000-01-01T00:00:00Z",
      "0001-01-01T00:00:00+01:00", // the year 0 in UTC
      "9999-12-31T23:59:59-01:00", // the year 10000 in UTC
      "+275760-09-13T00:00:00Z",
      "-000001-01-01T00:00:00Z",
      "10000-01-01T00:00:00Z",
      "2026-13-45T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "yesterday",
      "2026-01-31",
    ]) {
      expect(codeOf(() => parseInput(isoDateTime, text)), text).toBe("invalid:input");
    }
  });
});
