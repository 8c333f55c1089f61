/**
 * `GET /api/v1/audit/export` answers a bad filter or a refused reader with the contract's error
 * JSON before a byte of the file: a 200 that breaks mid-stream tells a script nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createToken } from "@/lib/tokens/create-token";
import { dispatch } from "./router";

const pinned = globalThis as unknown as { elevateDatabase?: Promise<DatabaseHandle> };

describe.each(testDatabaseKinds)("the API's audit export on %s", (kind) => {
  let f: ContosoFixture;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    f = await contosoFixture(kind);
    pinned.elevateDatabase = Promise.resolve(f.database); // the router's own database() finds it
    for (const email of ["auditor@contoso.com", "requester@contoso.com"]) {
      tokens[email] = (await createToken(f.database.db, { actor: await f.actor(email), input: {} })).token;
    }
  });
  afterAll(async () => {
    pinned.elevateDatabase = undefined;
    await f.database.destroy();
  });

  const get = (email: string, query: string) =>
    dispatch(
      new Request(`http://localhost/api/v1/audit/export?${query}`, { headers: { authorization: `Bearer ${tokens[email]}` } }),
      "/audit/export",
    );

  it.each([
    ["since=yesterday", "since"],
    ["until=2026-13-45T00:00:00Z", "until"],
    [`q=${"x".repeat(201)}`, "q"],
    ["format=csv&since=2026-01-01T00:00:00Z&until=tomorrow", "until"],
  ])("answers 400 invalid:input for %s, naming the field %s", async (query, field) => {
    const response = await get("auditor@contoso.com", query);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/json");
    const body = await response.json();
    expect(body.error.code).toBe("invalid:input");
    expect(Object.keys(body.error.fields)).toContain(field);
  });

  it("answers 403 to a member who may not read the audit log", async () => {
    const response = await get("requester@contoso.com", "format=json");
    expect(response.status).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden:read-audit");
  });

  it("streams the file for good filters", async () => {
    const response = await get("auditor@contoso.com", "format=json&action=policy.created&since=2000-01-01T00:00:00Z");
    expect(response.status).toBe(200);
    const events = await response.json();
    expect(events.length).toBeGreaterThan(0);
  });
});
