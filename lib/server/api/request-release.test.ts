/**
 * `POST /api/v1/requests/{id}/release` in the contract's shapes: 200 with the Request, 409
 * `conflict:not-active` for a window that is not open, 404 for anyone else's request (in this
 * organisation or another), 400 for a body it does not know; documented in OpenAPI from the same
 * endpoint table. A refusal writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { createRequest } from "@/lib/requests/create-request";
import { openApiDocument } from "./openapi";
import { apiCaller, rowCounts, useDatabaseForApi } from "./testing/api-harness";

type Answer = { status: number; json: unknown };
const codeOf = (answer: Answer) => (answer.json as { error?: { code?: string } }).error?.code;

describe.each(testDatabaseKinds)("POST /requests/{id}/release on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("answers 200 with the released Request, and the access check through the API refuses right after", async () => {
    const org = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const call = await apiCaller(f.database, requester);
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Assistant" } });
    const check = async () => (await call({ method: "POST", path: "/access/check", body: JSON.stringify({ task: "Add-MailboxPermission" }) })).json;
    expect(await check()).toMatchObject({ allowed: true, requestId: window.id });

    const answer = await call({ method: "POST", path: `/requests/${window.id}/release`, body: JSON.stringify({ comment: "Done" }) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      id: window.id,
      status: "approved",
      active: false,
      requester: org.email("requester@contoso.com"),
      releasedAt: expect.any(String),
    });
    expect(await check()).toMatchObject({ allowed: false });

    // Nothing left to release: 409, and nothing written.
    const before = await rowCounts(f.database);
    const again = await call({ method: "POST", path: `/requests/${window.id}/release` });
    expect([again.status, codeOf(again)]).toEqual([409, "conflict:not-active"]);
    expect({ ...(await rowCounts(f.database)), rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 });
  });

  it("answers 409 for a pending request, 404 for another person's or another organisation's, 400 for an unknown field; each writes nothing", async () => {
    const org = await f.organisation();
    const other = await f.organisation();
    const requester = await org.actor("requester@contoso.com");
    const window = await createRequest(db(), { actor: requester, input: { target: "Add-MailboxPermission", reason: "Assistant" } });
    const pending = await createRequest(db(), { actor: requester, input: { target: "New-JournalRule", reason: "Later" } });
    const own = await apiCaller(f.database, requester);
    const colleague = await apiCaller(f.database, await org.actor("requester2@contoso.com"));
    const approver = await apiCaller(f.database, await org.actor("approver1@contoso.com"));
    const admin = await apiCaller(f.database, await org.actor("admin@contoso.com"));
    const stranger = await apiCaller(f.database, await other.actor("admin@contoso.com"));
    const before = await rowCounts(f.database);
    const release = (caller: typeof own, id: string, body?: unknown) =>
      caller({ method: "POST", path: `/requests/${id}/release`, body: body === undefined ? undefined : JSON.stringify(body) });

    const answers = [
      await release(own, pending.id),
      await release(colleague, window.id),
      await release(approver, window.id),
      await release(admin, window.id),
      await release(stranger, window.id),
      await release(own, window.id, { comment: "Done", until: "now" }),
    ];
    expect(answers.map((a) => [a.status, codeOf(a)])).toEqual([
      [409, "conflict:not-active"],
      [404, "not-found:request"],
      [404, "not-found:request"],
      [404, "not-found:request"],
      [404, "not-found:request"],
      [400, "invalid:input"],
    ]);
    expect({ ...(await rowCounts(f.database)), rate_limits: 0 }).toEqual({ ...before, rate_limits: 0 });
    expect((await own({ method: "GET", path: `/requests/${window.id}` })).json).toMatchObject({ active: true, releasedAt: null });
  });

  it("is in the OpenAPI document, from the endpoint table", () => {
    const paths = openApiDocument("http://localhost:3000").paths as Record<string, Record<string, unknown>>;
    expect(paths["/requests/{id}/release"]).toHaveProperty("post");
  });
});
