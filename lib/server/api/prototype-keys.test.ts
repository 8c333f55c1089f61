/**
 * Keys named after Object.prototype's members, as an attacker writes them into JSON and query
 * strings, are names like any other: refused as unknown where they are unknown, by name, and an
 * attempt to run a task with one is recorded and audited like every attempt.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, taskRuns } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { type ApiAnswer, type ApiCall, apiCaller, useDatabaseForApi } from "./testing/api-harness";

describe.each(testDatabaseKinds)("keys named after Object.prototype members, through API v1 on %s", (kind) => {
  let f: ContosoFixture;
  let service: (call: ApiCall) => Promise<ApiAnswer>;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
    service = await apiCaller(f.database, await f.actor("svc-backup@contoso.com")); // excluded: may run anything
  });
  afterAll(() => f.database.destroy());
  const counted = async () => ({
    runs: Number((await f.database.db.select({ n: count() }).from(taskRuns))[0]!.n),
    failed: Number((await f.database.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, "task.failed")))[0]!.n),
  });

  it("a task parameter named __proto__, constructor or toString is an unknown parameter, and the attempt is recorded", async () => {
    for (const name of ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]) {
      const before = await counted();
      const answer = await service({
        method: "POST",
        path: "/tasks/run",
        body: `{"task": "Get-Mailbox", "parameters": {"${name}": {"Identity": "AdeleV"}}}`,
      });
      expect(answer.status, name).toBe(400);
      const error = (answer.json as { error: { code: string; fields: Record<string, string[]> } }).error;
      expect(error.code, name).toBe("invalid:parameters");
      expect(Object.keys(error.fields), name).toEqual([name]);
      expect(await counted(), name).toEqual({ runs: before.runs + 1, failed: before.failed + 1 });
    }
  });

  it("an unknown key named after one, in a body or a query string, is refused by name", async () => {
    const body = await service({ method: "POST", path: "/access/check", body: '{"task": "Get-Mailbox", "__proto__": {"allowed": true}}' });
    expect(body.status).toBe(400);
    expect(Object.keys((body.json as { error: { fields: object } }).error.fields)).toEqual(["__proto__"]);

    const query = await service({ method: "GET", path: "/requests?mine=true&constructor=1&__proto__=2" });
    expect(query.status).toBe(400);
    expect(Object.keys((query.json as { error: { fields: object } }).error.fields).sort()).toEqual(["__proto__", "constructor"]);

    const none = await service({ method: "GET", path: "/me?toString=1" });
    expect(none.status).toBe(400);
    expect((none.json as { error: object }).error).toMatchObject({ code: "invalid:input", fields: { toString: ["is not a known field"] } });
  });
});
