/**
 * Tenant isolation through the domain: two fully shaped organisations in one database, and each
 * one's actors pointed at the other's REAL ids (never ids that exist nowhere, which a missing
 * organisation filter would answer just the same). Every read and write is not-found and writes
 * nothing; every list and search leaves the other's rows out; the access decision ignores the
 * other's grants. The same API walk is in lib/server/api/tenant-isolation.test.ts.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { accessRequests, auditEvents, exchangeMailboxPermissions, policies, taskRuns } from "@/db/schema";
import { codeOf } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { SHARED_PERSON, type ShapedOrganisation, type TwoOrganisations, twoOrganisations } from "@/db/testing/two-organisations";
import { checkAccess } from "./access/check-access";
import { decideAccess } from "./access/decide-access";
import { approveRequest } from "./approvals/approve-request";
import { denyRequest } from "./approvals/deny-request";
import { listInbox } from "./approvals/list-inbox";
import { listMyDecisions } from "./approvals/list-my-decisions";
import { revokeRequest } from "./approvals/revoke-request";
import { deleteApproverGroup } from "./approver-groups/delete-approver-group";
import { getApproverGroup } from "./approver-groups/get-approver-group";
import { listApproverGroups } from "./approver-groups/list-approver-groups";
import { updateApproverGroup } from "./approver-groups/update-approver-group";
import { prepareAuditExport } from "./audit/export-audit";
import { searchAudit } from "./audit/search-audit";
import { verifyAuditLog } from "./audit/verify-audit-chain";
import type { Actor } from "./auth/roles";
import { getCatalog } from "./catalog/get-catalog";
import { getDashboardSummary } from "./dashboard/get-dashboard-summary";
import { getRequestStats } from "./dashboard/get-request-stats";
import { getSetupChecklist } from "./dashboard/get-setup-checklist";
import { listRecentActivity } from "./dashboard/list-recent-activity";
import { getMember, listMembers, listMembersPage } from "./members/list-members";
import { listRoleGroupOptions } from "./members/list-role-group-options";
import { removeMember } from "./members/remove-member";
import { updateMember } from "./members/update-member";
import { listEmailDelivery } from "./notify/list-email-delivery";
import { retryEmail } from "./notify/retry-email";
import { deletePolicy } from "./policies/delete-policy";
import { listEligibleCandidates } from "./policies/list-eligible-candidates";
import { getPolicy, listPolicies } from "./policies/list-policies";
import { updatePolicy } from "./policies/update-policy";
import { cancelRequest } from "./requests/cancel-request";
import { extendRequest } from "./requests/extend-request";
import { getRequest } from "./requests/get-request";
import { listRequestableTargets } from "./requests/list-requestable-targets";
import { listRequests } from "./requests/list-requests";
import { releaseRequest } from "./requests/release-request";
import { describeTasks } from "./runspace/describe-tasks";
import { runTask } from "./runspace/run-task";
import { getScope } from "./scopes/get-scope";
import { listScopes } from "./scopes/list-scopes";
import { removeScope } from "./scopes/remove-scope";
import { replaceScopeCatalog } from "./scopes/replace-scope-catalog";
import { getSettings } from "./settings/get-settings";
import { listTokens } from "./tokens/list-tokens";
import { revokeToken } from "./tokens/revoke-token";

type Ids = ShapedOrganisation["ids"];
/** One read or write by id: who of the caller's organisation tries it, on which of the owner's ids. */
interface ByIdCase {
  what: string;
  as: string;
  ids: (ids: Ids) => string[];
  call: (db: Database, actor: Actor, id: string) => Promise<unknown>;
  code: string;
}

const admin = "admin@contoso.com";
const approver = "approver1@contoso.com";
const requester = "requester@contoso.com";
const auditor = "auditor@contoso.com";

const byId: ByIdCase[] = [
  { what: "read a request", as: admin, ids: (i) => i.requests, call: (db, actor, requestId) => getRequest(db, { actor, requestId }), code: "not-found:request" },
  { what: "read a request as an auditor", as: auditor, ids: (i) => i.requests, call: (db, actor, requestId) => getRequest(db, { actor, requestId }), code: "not-found:request" },
  { what: "approve a request", as: approver, ids: (i) => i.requests, call: (db, actor, requestId) => approveRequest(db, { actor, requestId }), code: "not-found:request" },
  { what: "deny a request", as: approver, ids: (i) => i.requests, call: (db, actor, requestId) => denyRequest(db, { actor, requestId, comment: "no" }), code: "not-found:request" },
  { what: "revoke a request", as: admin, ids: (i) => i.requests, call: (db, actor, requestId) => revokeRequest(db, { actor, requestId, comment: "end it" }), code: "not-found:request" },
  { what: "cancel a request", as: requester, ids: (i) => i.requests, call: (db, actor, requestId) => cancelRequest(db, { actor, requestId }), code: "not-found:request" },
  { what: "extend a request", as: requester, ids: (i) => i.requests, call: (db, actor, requestId) => extendRequest(db, { actor, requestId, input: { reason: "more" } }), code: "not-found:request" },
  { what: "release a request", as: requester, ids: (i) => i.requests, call: (db, actor, requestId) => releaseRequest(db, { actor, requestId, input: { comment: "done" } }), code: "not-found:request" },
  { what: "read a policy", as: admin, ids: (i) => i.policies, call: (db, actor, policyId) => getPolicy(db, { actor, policyId }), code: "not-found:policy" },
  { what: "change a policy", as: admin, ids: (i) => i.policies, call: (db, actor, policyId) => updatePolicy(db, { actor, policyId, input: { maxDurationHours: 1 } }), code: "not-found:policy" },
  { what: "remove a policy", as: admin, ids: (i) => i.policies, call: (db, actor, policyId) => deletePolicy(db, { actor, policyId }), code: "not-found:policy" },
  { what: "read an approver group", as: admin, ids: (i) => i.approverGroups, call: (db, actor, groupId) => getApproverGroup(db, { actor, groupId }), code: "not-found:group" },
  { what: "change an approver group", as: admin, ids: (i) => i.approverGroups, call: (db, actor, groupId) => updateApproverGroup(db, { actor, groupId, input: { description: "taken over" } }), code: "not-found:group" },
  { what: "remove an approver group", as: admin, ids: (i) => i.approverGroups, call: (db, actor, groupId) => deleteApproverGroup(db, { actor, groupId }), code: "not-found:group" },
  { what: "read a member", as: admin, ids: (i) => i.members, call: (db, actor, email) => getMember(db, { actor, email }), code: "not-found:member" },
  { what: "change a member", as: admin, ids: (i) => i.members, call: (db, actor, email) => updateMember(db, { actor, input: { email, disabled: true } }), code: "not-found:member" },
  { what: "remove a member", as: admin, ids: (i) => i.members, call: (db, actor, email) => removeMember(db, { actor, input: { email } }), code: "not-found:member" },
  { what: "revoke a token", as: admin, ids: (i) => i.tokens, call: (db, actor, tokenId) => revokeToken(db, { actor, tokenId }), code: "not-found:token" },
  { what: "retry an email", as: admin, ids: (i) => i.emails, call: (db, actor, messageId) => retryEmail(db, { actor, messageId }), code: "not-found:email" },
  { what: "read a scope", as: admin, ids: (i) => [i.scope], call: (db, actor, name) => getScope(db, { actor, name }), code: "not-found:scope" },
  { what: "read a scope's catalog", as: requester, ids: (i) => [i.scope], call: (db, actor, scope) => getCatalog(db, { actor, scope }), code: "invalid:scope" },
  { what: "replace a scope's catalog", as: admin, ids: (i) => [i.scope], call: (db, actor, name) => replaceScopeCatalog(db, { actor, name, input: { tasks: [{ name: "Open-Shell" }] } }), code: "not-found:scope" },
  { what: "remove a scope", as: admin, ids: (i) => [i.scope], call: (db, actor, name) => removeScope(db, { actor, name }), code: "not-found:scope" },
];

/**
 * What a caller can list or search, and whether the caller's own ids show in it (lists of
 * counts show none), so a list that came back empty cannot pass for an isolated one.
 */
const lists: [string, (db: Database, actor: Actor) => Promise<unknown>, "its own" | "counts only"][] = [
  ["all requests", (db, actor) => listRequests(db, { actor, input: { limit: 500 } }), "its own"],
  ["my requests", (db, actor) => listRequests(db, { actor, input: { mine: true, limit: 500 } }), "its own"],
  ["requests to decide", (db, actor) => listRequests(db, { actor, input: { approvable: true, limit: 500 } }), "its own"],
  ["open windows", (db, actor) => listRequests(db, { actor, input: { active: true, limit: 500 } }), "its own"],
  ["the inbox", (db, actor) => listInbox(db, { actor }), "its own"],
  ["my decisions", (db, actor) => listMyDecisions(db, { actor }), "its own"],
  ["policies", (db, actor) => listPolicies(db, { actor }), "its own"],
  ["approver groups", (db, actor) => listApproverGroups(db, { actor }), "its own"],
  ["members", (db, actor) => listMembers(db, { actor }), "its own"],
  ["tokens", (db, actor) => listTokens(db, { actor }), "its own"],
  ["email delivery", (db, actor) => listEmailDelivery(db, { actor, limit: 500 }), "its own"],
  ["failed emails", (db, actor) => listEmailDelivery(db, { actor, filter: "failed", limit: 500 }), "its own"],
  ["scopes", (db, actor) => listScopes(db, { actor }), "its own"],
  ["settings", (db, actor) => getSettings(db, { actor }), "its own"],
  ["recent activity", (db, actor) => listRecentActivity(db, { actor, limit: 500 }), "its own"],
  ["requestable targets", (db, actor) => listRequestableTargets(db, { actor }), "its own"],
  ["eligible candidates", (db, actor) => listEligibleCandidates(db, { actor }), "its own"],
  ["runnable tasks", (db, actor) => describeTasks(db, { actor }), "its own"],
  ["the audit log", (db, actor) => searchAudit(db, { actor, input: { limit: 500 } }), "its own"],
  ["the audit export", (db, actor) => exported(db, actor, {}), "its own"],
  ["the dashboard", (db, actor) => getDashboardSummary(db, actor), "counts only"],
  ["request statistics", (db, actor) => getRequestStats(db, { actor }), "counts only"],
  ["the setup checklist", (db, actor) => getSetupChecklist(db, { actor }), "counts only"],
  ["role group options", (db, actor) => listRoleGroupOptions(db, { actor }), "counts only"],
  ["the audit verification", (db, actor) => verifyAuditLog(db, { actor }), "counts only"],
];

async function exported(db: Database, actor: Actor, filters: { q?: string; targetId?: string; actor?: string }) {
  let file = "";
  for await (const chunk of prepareAuditExport(db, { actor, input: { format: "json", ...filters } }).chunks()) file += chunk;
  return file;
}

const asText = (promise: Promise<unknown>) =>
  promise.then(
    (result) => (typeof result === "string" ? result : JSON.stringify(result)),
    (error: { code?: string; message: string }) => JSON.stringify({ code: error.code, message: error.message }),
  );

describe.each(testDatabaseKinds)("tenant isolation in the domain on %s", (kind) => {
  let w: TwoOrganisations;
  beforeAll(async () => {
    w = await twoOrganisations(kind);
  });
  afterAll(() => w.destroy());
  const db = () => w.f.database.db;
  const sides = (owner: string) => w.sides(owner);
  const snapshot = (owner: ShapedOrganisation) => w.snapshot(owner);

  describe.each(["northwind", "tailspin"])("the ids of %s, tried by the other organisation", (ownerSlug) => {
    it.each(byId.map((c) => [c.what, c] as const))("cannot %s: not-found for every real id, and nothing written", async (_what, c) => {
      const [caller, owner] = sides(ownerSlug);
      const actor = await caller.actor(c.as);
      const before = await snapshot(owner);
      const ids = c.ids(owner.ids);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(`${id}: ${await codeOf(c.call(db(), actor, id))}`).toBe(`${id}: ${c.code}`);
      expect(await snapshot(owner)).toEqual(before);
    });

    it.each(lists)("never shows them in %s, to anyone", async (_what, list, shows) => {
      const [caller, owner] = sides(ownerSlug);
      const forbidden = owner.identifiers();
      const own = caller.identifiers();
      let shown = 0;
      for (const person of [admin, auditor, approver, requester, "rolemanager@contoso.com", SHARED_PERSON]) {
        const text = await asText(list(db(), await caller.actor(person)));
        for (const identifier of forbidden) expect(text, `${person} sees ${identifier}`).not.toContain(identifier);
        shown += own.filter((identifier) => text.includes(identifier)).length;
      }
      if (shows === "its own") expect(shown).toBeGreaterThan(0);
    });

    it("finds nothing of theirs by their name, request, requester, words or task run", async () => {
      const [caller, owner] = sides(ownerSlug);
      const [actor, auditorActor] = [await caller.actor(admin), await caller.actor(auditor)];
      expect((await listMembersPage(db(), { actor, input: { q: owner.slug, limit: 500 } })).items).toEqual([]);
      for (const input of [
        { targetId: owner.ids.activeGrant },
        { targetId: owner.ids.pendingRequest },
        { actor: owner.email(requester) },
        { q: owner.ids.reason },
        { q: owner.ids.taskRuns[0] },
      ]) {
        expect((await searchAudit(db(), { actor: auditorActor, input })).items, JSON.stringify(input)).toEqual([]);
        expect(JSON.parse(await exported(db(), auditorActor, input))).toEqual([]);
      }
      // The same searches for its own find something, so the empty answers above are not a broken search.
      expect((await searchAudit(db(), { actor: auditorActor, input: { targetId: caller.ids.activeGrant } })).items).not.toEqual([]);
      expect((await searchAudit(db(), { actor: auditorActor, input: { q: caller.ids.reason } })).items).not.toEqual([]);
    });

    it("verifies only its own chain: the events checked are its own, all of them", async () => {
      const [caller] = sides(ownerSlug);
      const result = await verifyAuditLog(db(), { actor: await caller.actor(auditor) });
      expect(result).toMatchObject({ ok: true, firstBrokenId: null });
      expect(result.checked).toBe(await db().$count(auditEvents, eq(auditEvents.organisationId, caller.organisationId)));
    });

    it("does not see the other's task runs, nor what they changed in the workload", async () => {
      const [caller, owner] = sides(ownerSlug);
      // The owner's task run gave its requester a right on PattiF's mailbox in its own workload.
      const theirs = await db()
        .select({ accessRights: exchangeMailboxPermissions.accessRights })
        .from(exchangeMailboxPermissions)
        .where(eq(exchangeMailboxPermissions.organisationId, owner.organisationId));
      expect(theirs.flatMap((p) => p.accessRights)).toContain(owner.ids.accessRight);
      const listed = await runTask(db(), {
        actor: await caller.actor(admin),
        input: { task: "Get-MailboxPermission", parameters: { Identity: "PattiF" } },
      });
      expect(listed.result).toEqual([expect.objectContaining({ Identity: "PattiF", AccessRights: [caller.ids.accessRight] })]);
      const runs = await db().select().from(taskRuns).where(eq(taskRuns.organisationId, caller.organisationId));
      expect(runs.map((r) => r.id).filter((id) => owner.ids.taskRuns.includes(id))).toEqual([]);
    });
  });

  describe("the access decision", () => {
    it("ignores another organisation's grant for a member of both", async () => {
      const [northwind, tailspin] = [w.a, w.b];
      const userId = await northwind.userId(SHARED_PERSON);
      const decide = (organisationId: string) => decideAccess(db(), { organisationId, userId, scope: "Exchange", task: "Add-MailboxPermission" });
      // In northwind, the grant they hold there.
      expect(await decide(northwind.organisationId)).toMatchObject({ allowed: true, code: "grant", requestId: northwind.ids.sharedGrant });
      // In tailspin, where they hold the same role group and no grant: tailspin's policy covers the task, and nothing satisfies it.
      const [permission] = await db()
        .select({ id: policies.id })
        .from(policies)
        .innerJoin(accessRequests, eq(accessRequests.policyId, policies.id))
        .where(eq(accessRequests.id, tailspin.ids.activeGrant));
      expect(await decide(tailspin.organisationId)).toMatchObject({ allowed: false, code: "no-grant", requestId: null, policyId: permission!.id });
    });

    it("ignores another organisation's grant for someone who is not a member here", async () => {
      const [northwind, tailspin] = [w.a, w.b];
      const userId = await northwind.userId(requester);
      expect(
        await decideAccess(db(), { organisationId: tailspin.organisationId, userId, scope: "Exchange", task: "Add-MailboxPermission" }),
      ).toMatchObject({ allowed: false, code: "not-a-member", requestId: null });
    });

    it("answers the access check and the runspace as this organisation's decision only", async () => {
      const tailspin = w.b;
      const shared = await tailspin.actor(SHARED_PERSON);
      expect(await checkAccess(db(), { actor: shared, input: { task: "Add-MailboxPermission" } })).toMatchObject({ allowed: false, code: "no-grant" });
      expect(
        await codeOf(runTask(db(), { actor: shared, input: { task: "Add-MailboxPermission", parameters: { Identity: "PattiF", User: "requester@contoso.com", AccessRights: "FullAccess" } } })),
      ).toBe("forbidden:no-grant");
      const [blocked] = await db()
        .select()
        .from(taskRuns)
        .where(and(eq(taskRuns.organisationId, tailspin.organisationId), eq(taskRuns.userId, shared.userId)));
      expect(blocked).toMatchObject({ outcome: "blocked", requestId: null, decisionReason: "no-grant" });
    });

    it("knows nothing of another organisation's people or external scope", async () => {
      // Asked from a third organisation: its own audit log records what it asked about, which the
      // list walk would otherwise find in tailspin's.
      const northwind = w.a;
      const stranger = await w.f.organisation();
      const strangerAdmin = await stranger.actor(admin);
      expect(await codeOf(checkAccess(db(), { actor: strangerAdmin, input: { task: "Add-MailboxPermission", user: northwind.email(requester) } }))).toBe(
        "not-found:user",
      );
      // In northwind, Open-Shell is a task of its scope (nobody holds its role); elsewhere it is nothing.
      expect(await checkAccess(db(), { actor: await northwind.actor(admin), input: { scope: northwind.ids.scope, task: "Open-Shell" } })).toMatchObject({
        code: "no-role",
      });
      expect(await checkAccess(db(), { actor: strangerAdmin, input: { scope: northwind.ids.scope, task: "Open-Shell" } })).toMatchObject({
        allowed: false,
        code: "unknown-task",
      });
    });
  });
});
