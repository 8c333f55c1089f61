/**
 * Tenant isolation through API v1, walked from the router's own endpoint table: every route with
 * a path parameter is called with the other organisation's REAL ids by this one's administrator
 * (404, nothing written), and every list is read by each of this one's tokens without a trace of
 * the other. A new endpoint is covered the day it is added: the walk fails until its parameter
 * has real ids below (and a valid body, when it takes one).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { SHARED_PERSON, type ShapedOrganisation, TOKEN_HOLDERS, type TwoOrganisations, twoOrganisations } from "@/db/testing/two-organisations";
import { createToken } from "@/lib/tokens/create-token";
import { endpoints } from "./endpoints";
import { dispatch } from "./router";

const pinned = globalThis as unknown as { elevateDatabase?: Promise<DatabaseHandle> };

type Ids = ShapedOrganisation["ids"];
/** The owner's real ids for each path parameter, keyed by the path up to it, and the answer's code. */
const realIds: Record<string, { ids: (ids: Ids) => string[]; code: string }> = {
  "/requests/{id}": { ids: (i) => i.requests, code: "not-found:request" },
  "/policies/{id}": { ids: (i) => i.policies, code: "not-found:policy" },
  "/approver-groups/{id}": { ids: (i) => i.approverGroups, code: "not-found:group" },
  "/tokens/{id}": { ids: (i) => i.tokens, code: "not-found:token" },
  "/members/{email}": { ids: (i) => i.members, code: "not-found:member" },
  "/scopes/{name}": { ids: (i) => [i.scope], code: "not-found:scope" },
};

/** A body each write accepts, so the call reaches the domain rather than stopping at validation. */
const bodies: Record<string, unknown> = {
  "POST /requests/{id}/approve": { comment: "fine" },
  "POST /requests/{id}/deny": { comment: "no" },
  "POST /requests/{id}/cancel": {},
  "POST /requests/{id}/revoke": { comment: "end it" },
  "POST /requests/{id}/extend": { reason: "more time" },
  "POST /requests/{id}/release": { comment: "done early" },
  "PATCH /policies/{id}": { maxDurationHours: 1 },
  "PATCH /approver-groups/{id}": { description: "taken over" },
  "PATCH /members/{email}": { disabled: true },
  "PUT /scopes/{name}": { tasks: [{ name: "Open-Shell" }] },
};

/** More ways to read a list than its bare path: each filter must leave the other out too. */
const listQueries = (owner: ShapedOrganisation): Record<string, string[]> => ({
  "/requests": ["", "?mine=true", "?approvable=true", "?active=true", "?status=pending", "?status=approved", "?limit=500"],
  "/members": ["", `?q=${owner.slug}`, "?limit=500"],
  "/audit": [
    "?limit=500",
    `?targetId=${owner.ids.activeGrant}`,
    `?actor=${encodeURIComponent(owner.email("requester@contoso.com"))}`,
    `?q=${encodeURIComponent(owner.ids.reason)}`,
    `?q=${owner.ids.taskRuns[0]}`,
  ],
  "/audit/export": ["?format=json", "?format=csv", `?format=json&targetId=${owner.ids.activeGrant}`],
  "/approver-groups": ["", "?limit=500"],
  "/scopes": ["", "?limit=500"],
});
/** Lists that name nothing of the caller's own (a catalog of task names, counts). */
const showsNothingOwn = new Set(["/catalog", "/audit/verify"]);

const withParams = endpoints.filter((e) => e.path.includes("{"));
const lists = endpoints.filter((e) => e.method === "GET" && !e.path.includes("{"));
const keyOf = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

describe.each(testDatabaseKinds)("tenant isolation through API v1 on %s", (kind) => {
  let w: TwoOrganisations;
  beforeAll(async () => {
    w = await twoOrganisations(kind);
    pinned.elevateDatabase = Promise.resolve(w.f.database); // the router's own database() finds it
  });
  afterAll(async () => {
    pinned.elevateDatabase = undefined;
    await w.destroy();
  });

  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await dispatch(
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
      path.split("?")[0]!,
    );
    return { status: response.status, text: await response.text() };
  };

  it("knows real ids for every path parameter and a body for every write that takes one", () => {
    const missing = withParams.flatMap((e) => {
      const prefix = e.path.slice(0, e.path.indexOf("}") + 1);
      return [
        ...(realIds[prefix] ? [] : [`${keyOf(e)}: no real ids for ${prefix}`]),
        ...(e.body && !(keyOf(e) in bodies) ? [`${keyOf(e)}: no body`] : []),
      ];
    });
    expect(missing).toEqual([]);
  });

  describe.each(["northwind", "tailspin"])("the ids of %s, tried by the other organisation's administrator", (ownerSlug) => {
    it.each(withParams.map((e) => [keyOf(e), e] as const))("%s answers 404 for every real id and writes nothing", async (_key, e) => {
      const [caller, owner] = w.sides(ownerSlug);
      const { ids, code } = realIds[e.path.slice(0, e.path.indexOf("}") + 1)]!;
      const before = await w.snapshot(owner);
      for (const id of ids(owner.ids)) {
        const path = e.path.replace(/\{[^}]+\}/, encodeURIComponent(id));
        const { status, text } = await call(caller.tokens["admin@contoso.com"], e.method, path, bodies[keyOf(e)]);
        expect(`${e.method} ${path} → ${status} ${JSON.parse(text).error?.code}`).toBe(`${e.method} ${path} → 404 ${code}`);
        // The answer may repeat the id asked for, and nothing else of theirs.
        for (const identifier of owner.identifiers().filter((x) => !id.includes(x))) expect(text).not.toContain(identifier);
      }
      expect(await w.snapshot(owner)).toEqual(before);
    });

    it.each(lists.map((e) => [e.path, e] as const))("GET %s shows none of theirs to any token, with any filter", async (_path, e) => {
      const [caller, owner] = w.sides(ownerSlug);
      const forbidden = owner.identifiers();
      const own = caller.identifiers();
      for (const query of listQueries(owner)[e.path] ?? [""]) {
        for (const holder of TOKEN_HOLDERS) {
          const { status, text } = await call(caller.tokens[holder], "GET", `${e.path}${query}`);
          for (const identifier of forbidden) expect(text, `${holder}: GET ${e.path}${query} shows ${identifier}`).not.toContain(identifier);
          if (holder === "admin@contoso.com") {
            expect(`GET ${e.path}${query} → ${status}`).toBe(`GET ${e.path}${query} → 200`);
            // A list that answered nothing at all would pass the check above: it must show its own.
            if (!showsNothingOwn.has(e.path) && query === (listQueries(owner)[e.path] ?? [""])[0]) {
              expect(own.some((identifier) => text.includes(identifier)), `GET ${e.path}${query} shows its own`).toBe(true);
            }
          }
        }
      }
    });

    it("verifies only its own chain", async () => {
      const [caller] = w.sides(ownerSlug);
      const { text } = await call(caller.tokens["auditor@contoso.com"], "GET", "/audit/verify");
      const own = await w.f.database.db.query.auditEvents.findMany({ where: (t, { eq }) => eq(t.organisationId, caller.organisationId), columns: { id: true } });
      expect(JSON.parse(text)).toEqual({ ok: true, checked: own.length, firstBrokenId: null });
    });

    it("refuses the other's people, groups and scope where a body or query names them", async () => {
      const [, owner] = w.sides(ownerSlug);
      // Asked by a third organisation: its own audit log records what it sent (the other's scope
      // name, say), which the list walk above would otherwise find in the caller's log.
      const stranger = await w.f.organisation();
      const { token } = await createToken(w.f.database.db, { actor: await stranger.actor("admin@contoso.com"), input: {} });
      const before = await w.snapshot(owner);
      const someone = owner.email("requester2@contoso.com");
      const cases: [string, string, unknown, number, string][] = [
        ["GET", `/catalog?scope=${owner.ids.scope}`, undefined, 400, "invalid:scope"],
        ["POST", "/access/check", { task: "Add-MailboxPermission", user: someone }, 404, "not-found:user"],
        ["POST", "/tasks/run", { scope: owner.ids.scope, task: "Open-Shell" }, 403, "forbidden:unknown-task"],
        ["POST", "/requests", { scope: owner.ids.scope, target: "Open-Shell", reason: "theirs" }, 400, "invalid:scope"],
        ["POST", "/policies", { type: "task", target: "Set-Mailbox", approverGroup: owner.ids.approverGroups[0] }, 400, "invalid:approver-group"],
        ["POST", "/policies", { type: "task", target: "Set-Mailbox", eligible: [someone] }, 400, "invalid:eligible"],
        ["PATCH", "/settings", { defaultApproverGroup: owner.ids.approverGroups[0] }, 400, "invalid:approver-group"],
        ["PATCH", "/settings", { excludedAccounts: [someone] }, 400, "invalid:excluded-accounts"],
        ["POST", "/approver-groups", { name: "Borrowed", members: [someone] }, 400, "invalid:members"],
      ];
      const answers = [];
      for (const [method, path, body] of cases) {
        const { status, text } = await call(token, method, path, body);
        answers.push([method, path, body, status, JSON.parse(text).error?.code]);
      }
      expect(answers).toEqual(cases);
      expect(await w.snapshot(owner)).toEqual(before);
    });
  });

  it("answers the shared person's access check in each organisation by that organisation's grants", async () => {
    const [northwind, tailspin] = [w.a, w.b];
    const admin = (org: ShapedOrganisation) => org.tokens["admin@contoso.com"];
    const check = async (org: ShapedOrganisation) =>
      JSON.parse((await call(admin(org), "POST", "/access/check", { task: "Add-MailboxPermission", user: SHARED_PERSON })).text);
    expect(await check(northwind)).toMatchObject({ allowed: true, code: "grant", requestId: northwind.ids.sharedGrant });
    expect(await check(tailspin)).toMatchObject({ allowed: false, code: "no-grant" });
    expect(await check(tailspin)).not.toHaveProperty("requestId");
  });
});
