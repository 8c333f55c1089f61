/**
 * Forged cursors and dates out of range, through API v1: a clean 400 naming what is wrong
 * (`invalid:cursor`, or `invalid:input` with the field), never a 500 and never a page read from a
 * value the list would not have written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { registerScope } from "@/lib/scopes/register-scope";
import { type ApiAnswer, type ApiCall, apiCaller, useDatabaseForApi } from "./testing/api-harness";

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString("base64url");
const errorOf = (answer: ApiAnswer) => (answer.json as { error: { code: string; fields?: Record<string, string[]> } }).error;

describe.each(testDatabaseKinds)("cursors and dates through API v1 on %s", (kind) => {
  let f: ContosoFixture;
  let admin: (call: ApiCall) => Promise<ApiAnswer>;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
    admin = await apiCaller(f.database, await f.actor("admin@contoso.com"));
    await registerScope(f.database.db, { actor: await f.actor("admin@contoso.com"), input: { name: "Bastion" } }); // a second scope to page to
  });
  afterAll(() => f.database.destroy());

  it("a cursor holding a bad date, a fractional or huge seq or a non-uuid id is invalid:cursor", async () => {
    const id = "0e89ce70-fb5f-4dcd-9e5e-ac9ef7c3201a";
    const forged: [string, unknown][] = [
      ["requests", { createdAt: "nope", id }],
      ["requests", { createdAt: "+275760-09-13T00:00:00.001Z", id }],
      ["requests", { createdAt: "0000-01-01T00:00:00.000Z", id }],
      ["requests", { createdAt: "2026-01-01T00:00:00.000Z", id: "not-a-uuid" }],
      ["audit", { at: "nope", seq: 1 }],
      ["audit", { at: "2026-01-01T00:00:00.000Z", seq: 1.5 }],
      ["audit", { at: "2026-01-01T00:00:00.000Z", seq: 1e300 }],
      ["audit", { at: "0000-01-01T00:00:00.000Z", seq: 1 }],
      ["members", { email: "\ud800" }],
      ["members", { email: 1 }],
      ["scopes", { after: 1e300 }],
      ["approver-groups", { after: "\u0000" }],
    ];
    for (const [list, key] of forged) {
      const answer = await admin({ method: "GET", path: `/${list}?cursor=${cursor(key)}` });
      expect(answer.status, `${list} ${JSON.stringify(key)}`).toBe(400);
      expect(errorOf(answer), `${list} ${JSON.stringify(key)}`).toMatchObject({ code: "invalid:cursor", fields: { cursor: ["is not valid"] } });
    }
  });

  it("the cursor a list gives out still reads the next page", async () => {
    for (const list of ["requests", "audit", "members", "scopes", "approver-groups"]) {
      const first = (await admin({ method: "GET", path: `/${list}?limit=1` })).json as { items: unknown[]; nextCursor: string };
      expect(first.nextCursor, list).toEqual(expect.any(String));
      const second = await admin({ method: "GET", path: `/${list}?limit=1&cursor=${first.nextCursor}` });
      expect(second.status, list).toBe(200);
      expect((second.json as { items: unknown[] }).items[0], list).not.toEqual(first.items[0]);
    }
  });

  it("a date outside the years 1 to 9999, or no date at all, is invalid:input naming its field", async () => {
    for (const [field, value] of [
      ["since", "0000-01-01T00:00:00Z"],
      ["until", "0001-01-01T00:00:00%2B01:00"],
      ["since", "%2B275760-09-13T00:00:00Z"],
      ["until", "2026-13-45T00:00:00Z"],
      ["since", "yesterday"],
    ]) {
      for (const path of ["/audit", "/audit/export"]) {
        const answer = await admin({ method: "GET", path: `${path}?${field}=${value}` });
        expect(answer.status, `${path} ${field}=${value}`).toBe(400);
        expect(errorOf(answer).code, `${path} ${field}=${value}`).toBe("invalid:input");
        expect(Object.keys(errorOf(answer).fields ?? {}), `${path} ${field}=${value}`).toEqual([field]);
      }
    }
    const request = await admin({
      method: "POST",
      path: "/requests",
      body: JSON.stringify({ target: "New-JournalRule", reason: "Legal hold", startsAt: "0000-06-01T00:00:00Z" }),
    });
    expect(request.status).toBe(400);
    expect(Object.keys(errorOf(request).fields ?? {})).toEqual(["startsAt"]);
  });

  it("a limit is decimal digits from 1 to 500, nothing a bare Number() would also read", async () => {
    for (const limit of ["0x10", "1e2", "%2010", "-0", "0", "501", "1.5", "Infinity"]) {
      const answer = await admin({ method: "GET", path: `/members?limit=${limit}` });
      expect(answer.status, limit).toBe(400);
      expect(Object.keys(errorOf(answer).fields ?? {}), limit).toEqual(["limit"]);
    }
    expect((await admin({ method: "GET", path: "/members?limit=007" })).status).toBe(200);
  });
});
