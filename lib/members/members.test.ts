import { and, count, desc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accessRequests,
  apiTokens,
  approverGroupMembers,
  approverGroups,
  emailOutbox,
  memberships,
  organisations,
  policies,
  sessions,
  tasks,
  users,
} from "@/db/schema";
import { type ContosoFixture, codeOf, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { searchAudit } from "@/lib/audit/search-audit";
import { loadActor, loadActorByTokenHash } from "@/lib/auth/load-actor";
import { findLiveSession } from "@/lib/auth/sessions";
import { DomainError, httpStatusOf } from "@/lib/errors";
import { renderedEmail } from "@/lib/notify/testing/rendered-email";
import { createPolicy } from "@/lib/policies/create-policy";
import { listPolicies } from "@/lib/policies/list-policies";
import { updatePolicy } from "@/lib/policies/update-policy";
import { createToken } from "@/lib/tokens/create-token";
import { hashToken } from "@/lib/tokens/token-secret";
import { addMember } from "./add-member";
import { importMembers } from "./import-members";
import { apiMemberOf, getMember, listMembers, listMembersPage } from "./list-members";
import { removeMember } from "./remove-member";
import { updateMember } from "./update-member";

describe.each(testDatabaseKinds)("members and their roles on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;
  const admin = () => f.actor("admin@contoso.com");
  const events = async (limit = 1) =>
    (await searchAudit(db(), { actor: await f.actor("auditor@contoso.com"), input: { limit } })).items;
  const lastEvent = async () => (await events())[0]!;
  const memberCount = async () =>
    Number((await db().select({ n: count() }).from(memberships).where(eq(memberships.organisationId, f.organisationId)))[0]!.n);
  const outboxCount = async () => Number((await db().select({ n: count() }).from(emailOutbox))[0]!.n);
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof DomainError) return error;
      throw error;
    }
    throw new Error("no error");
  };

  /** A session and an API token of this person, as signing in and `POST /tokens` would make them. */
  async function sessionAndToken(email: string) {
    const actor = await f.actor(email);
    const sessionToken = `test-session-${crypto.randomUUID()}`;
    await db().insert(sessions).values({
      sessionToken,
      userId: actor.userId,
      organisationId: f.organisationId,
      expires: new Date(Date.now() + 86_400_000),
    });
    const { token } = await createToken(db(), { actor, input: { name: "laptop" } });
    return { sessionToken, token };
  }

  /** A request of this person under the New-JournalRule policy, written directly (setup, not under test). */
  async function seededRequest(email: string, status: "pending" | "approved", target = "New-JournalRule") {
    const [policy] = await db()
      .select()
      .from(policies)
      .innerJoin(tasks, eq(tasks.id, policies.taskId))
      .where(and(eq(tasks.name, target), eq(policies.organisationId, f.organisationId)));
    const requester = await f.actor(email);
    const [row] = await db()
      .insert(accessRequests)
      .values({
        organisationId: f.organisationId,
        policyId: policy!.policies.id,
        requesterId: requester.userId,
        targetType: "task",
        taskId: policy!.tasks.id,
        approverGroupId: policy!.policies.approverGroupId,
        durationMinutes: 60,
        reason: "setup",
        pendingUntil: sql`now() + interval '1 day'`,
        status,
        startsAt: status === "approved" ? sql`now()` : null,
        endsAt: status === "approved" ? sql`now() + interval '1 hour'` : null,
      })
      .returning({ id: accessRequests.id });
    return row!.id;
  }

  describe("listing", () => {
    it("lists every member with kind, roles, groups, source and exclusion, for admins only", async () => {
      const members = await listMembers(db(), { actor: await f.actor("rolemanager@contoso.com") });
      expect(members.map((m) => m.email)).toContain("partner@fabrikam.com");
      expect(members.find((m) => m.email === "admin@contoso.com")).toMatchObject({
        name: "Megan Bowen",
        kind: "member",
        guest: false,
        roles: ["global_admin"],
        disabled: false,
        source: "local",
        standingRoleGroups: ["Organization Management"],
      });
      expect(members.find((m) => m.email === "approver2@contoso.com")?.approverGroups).toEqual(["Exchange Leads", "PAM Approvers"]);
      expect(members.find((m) => m.email === "svc-backup@contoso.com")?.excludedFromPam).toBe(true);
      expect(members.find((m) => m.email === "partner@fabrikam.com")).toMatchObject({ kind: "guest", guest: true });
      for (const email of ["auditor@contoso.com", "requester@contoso.com", "approver1@contoso.com", "partner@fabrikam.com"]) {
        const actor = await f.actor(email);
        expect(await codeOf(listMembers(db(), { actor }))).toBe("forbidden:view-members");
        expect(await codeOf(getMember(db(), { actor, email: "admin@contoso.com" }))).toBe("forbidden:view-members");
      }
    });

    it("pages by email with an opaque cursor, filters by q, and answers the contract's Member", async () => {
      const actor = await admin();
      const first = await listMembersPage(db(), { actor, input: { limit: 3 } });
      expect(first.items).toHaveLength(3);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await listMembersPage(db(), { actor, input: { limit: 3, cursor: first.nextCursor! } });
      expect(second.items[0]!.email > first.items[2]!.email).toBe(true);
      const all = await listMembers(db(), { actor });
      const paged = [];
      let cursor: string | undefined;
      do {
        const page = await listMembersPage(db(), { actor, input: { limit: 2, cursor } });
        paged.push(...page.items.map((m) => m.email));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all.map((m) => m.email));

      const found = await listMembersPage(db(), { actor, input: { q: "FABRIKAM" } });
      expect(found.items.map((m) => m.email)).toEqual(["partner@fabrikam.com"]);
      expect((await listMembersPage(db(), { actor, input: { q: "100%_" } })).items).toEqual([]);
      expect(await codeOf(listMembersPage(db(), { actor, input: { cursor: "nonsense" } }))).toBe("invalid:cursor");
      expect(await codeOf(listMembersPage(db(), { actor, input: { limit: 501 } }))).toBe("invalid:input");

      const member = await getMember(db(), { actor, email: "Requester@Contoso.com" });
      expect(Object.keys(apiMemberOf(member)).sort()).toEqual(
        ["createdAt", "disabled", "email", "guest", "lastSignInAt", "name", "roleGroups", "roles", "source"].sort(),
      );
      expect(apiMemberOf(member)).toMatchObject({ email: "requester@contoso.com", roleGroups: ["Recipient Management"], lastSignInAt: null });
      expect(await codeOf(getMember(db(), { actor, email: "stranger@example.com" }))).toBe("not-found:member");
      expect(await codeOf(getMember(db(), { actor, email: "__proto__" }))).toBe("invalid:input");
    });
  });

  describe("adding", () => {
    it("adds a member with roles and standing role groups, audited, and emails them an invitation in the same step", async () => {
      const actor = await admin();
      const added = await addMember(db(), {
        actor,
        input: { email: "Nestor.Wilke@Contoso.com", name: "Nestor Wilke", roles: ["auditor"], roleGroups: ["Recipient Management", "Compliance Management"] },
      });
      expect(added).toMatchObject({
        email: "nestor.wilke@contoso.com",
        name: "Nestor Wilke",
        roles: ["auditor"],
        guest: false,
        disabled: false,
        source: "local",
        standingRoleGroups: ["Compliance Management", "Recipient Management"],
        lastSignInAt: null,
      });
      expect(added.invitedAt).not.toBeNull();
      const member = await f.actor("nestor.wilke@contoso.com");
      expect(member).toMatchObject({ roles: ["auditor"], standingRoleGroups: ["Compliance Management", "Recipient Management"] });
      expect(await lastEvent()).toMatchObject({
        action: "member.added",
        actor: "admin@contoso.com",
        targetType: "user",
        targetId: added.userId,
        details: {
          email: "nestor.wilke@contoso.com",
          name: "Nestor Wilke",
          roles: ["auditor"],
          roleGroups: ["Recipient Management", "Compliance Management"],
          guest: false,
        },
      });
      const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.toEmail, "nestor.wilke@contoso.com"));
      const mail = await renderedEmail(row!);
      expect(mail).toMatchObject({ kind: "member-invited", subject: "Megan Bowen added you to Contoso on Elevate" });
      expect(mail!.text).toContain("/signin?email=nestor.wilke%40contoso.com");
      expect(mail!.text).toContain("Auditor");
      expect(mail!.html).toContain("Sign in to Elevate");
    });

    it("adds a guest, who holds no admin role", async () => {
      const actor = await admin();
      const guest = await addMember(db(), { actor, input: { email: "guest@tailspin.com", guest: true } });
      expect(guest).toMatchObject({ kind: "guest", guest: true, roles: [], standingRoleGroups: [], name: null });
      const refused = await refusal(addMember(db(), { actor, input: { email: "guest2@tailspin.com", guest: true, roles: ["auditor"] } }));
      expect(refused.code).toBe("invalid:roles");
      expect(refused.fields).toHaveProperty("roles");
    });

    it("reuses the person's user row when another organisation knows them, filling only a missing name", async () => {
      const [other] = await db().insert(organisations).values({ slug: `other-${crypto.randomUUID()}`, name: "Fourth Coffee" }).returning();
      const [known] = await db().insert(users).values({ email: "known@fourthcoffee.com", name: "Known Name" }).returning();
      await db().insert(memberships).values({ organisationId: other!.id, userId: known!.id });
      const [nameless] = await db().insert(users).values({ email: "nameless@fourthcoffee.com" }).returning();

      const actor = await admin();
      const a = await addMember(db(), { actor, input: { email: "known@fourthcoffee.com", name: "Another Name" } });
      expect(a).toMatchObject({ userId: known!.id, name: "Known Name" });
      const b = await addMember(db(), { actor, input: { email: "nameless@fourthcoffee.com", name: "Now Named" } });
      expect(b).toMatchObject({ userId: nameless!.id, name: "Now Named" });
      // The other organisation's membership is untouched.
      const [still] = await db().select().from(memberships).where(eq(memberships.organisationId, other!.id));
      expect(still).toMatchObject({ userId: known!.id, roles: [] });
    });

    it("refuses a duplicate (whatever its case), an unknown role or role group, and writes nothing", async () => {
      const actor = await admin();
      const before = [await memberCount(), await outboxCount()];
      expect(await codeOf(addMember(db(), { actor, input: { email: "Requester@contoso.com" } }))).toBe("conflict:member-exists");
      const unknown = await refusal(
        addMember(db(), { actor, input: { email: "new1@contoso.com", roleGroups: ["Recipient Management", "Nope", "Also Nope"] } }),
      );
      expect(unknown.code).toBe("invalid:role-groups");
      expect(unknown.fields?.roleGroups?.[0]).toMatch(/"Nope", "Also Nope"/);
      expect(unknown.message).not.toContain("Recipient Management");
      expect(await codeOf(addMember(db(), { actor, input: { email: "new1@contoso.com", roles: ["owner" as never] } }))).toBe("invalid:input");
      expect([await memberCount(), await outboxCount()]).toEqual(before);
    });

    it.each([
      [{ email: "__proto__" }],
      [{ email: "constructor" }],
      [{ email: "x@contoso.com", name: "Evil\nBcc: everyone" }],
      [{ email: "x@contoso.com", name: "x".repeat(201) }],
      [{ email: "x@contoso.com", name: "" }],
      [{ email: `${"a".repeat(250)}@contoso.com` }],
      [{ email: "x@contoso.com", roleGroups: "Recipient Management" }],
      [{ email: "x@contoso.com", guest: "yes" }],
      [{ email: "x@contoso.com", theme: "dark" }],
      [{ email: "x@contoso.com", ["__proto__"]: { roles: ["global_admin"] } }],
      [{ email: "x@contoso.com", name: "bad\u0000byte" }],
      [JSON.parse('{"email":"x@contoso.com","__proto__":{"guest":true}}')],
    ])("refuses hostile input %j as invalid:input", async (input) => {
      expect(await codeOf(addMember(db(), { actor: await admin(), input: input as never }))).toBe("invalid:input");
    });

    it("lets only Global Administrators add", async () => {
      for (const email of ["rolemanager@contoso.com", "auditor@contoso.com", "approver1@contoso.com", "requester@contoso.com", "partner@fabrikam.com"]) {
        expect(await codeOf(addMember(db(), { actor: await f.actor(email), input: { email: "sneaky@contoso.com" } }))).toBe(
          "forbidden:manage-members",
        );
      }
    });
  });

  describe("changing", () => {
    it("lets a Global Administrator change roles, audited in the same step; the same roles again write nothing", async () => {
      const actor = await admin();
      const updated = await updateMember(db(), {
        actor,
        input: { email: "Requester@Contoso.com", roles: ["auditor", "auditor", "role_management"] },
      });
      expect(updated).toMatchObject({ email: "requester@contoso.com", roles: ["role_management", "auditor"], disabled: false });
      expect((await f.actor("requester@contoso.com")).roles).toEqual(["role_management", "auditor"]);
      expect(await lastEvent()).toMatchObject({
        action: "member.updated",
        actor: "admin@contoso.com",
        targetType: "user",
        targetId: updated.userId,
        details: { email: "requester@contoso.com", changed: { roles: { from: [], to: ["role_management", "auditor"] } } },
      });
      const before = (await lastEvent()).id;
      await updateMember(db(), { actor, input: { email: "requester@contoso.com", roles: ["auditor", "role_management"] } });
      expect((await lastEvent()).id).toBe(before);
      await updateMember(db(), { actor, input: { email: "requester@contoso.com", roles: [] } });
      expect((await f.actor("requester@contoso.com")).roles).toEqual([]);
    });

    it("replaces standing role groups by name, and refuses unknown ones naming them", async () => {
      const actor = await admin();
      const updated = await updateMember(db(), {
        actor,
        input: { email: "requester2@contoso.com", roleGroups: ["Discovery Management", "Recipient Management"] },
      });
      expect(updated.standingRoleGroups).toEqual(["Discovery Management", "Recipient Management"]);
      expect((await f.actor("requester2@contoso.com")).standingRoleGroups).toEqual(["Discovery Management", "Recipient Management"]);
      expect((await lastEvent()).details).toMatchObject({
        changed: { roleGroups: { from: ["Recipient Management"], to: ["Discovery Management", "Recipient Management"] } },
      });
      const refused = await refusal(updateMember(db(), { actor, input: { email: "requester2@contoso.com", roleGroups: ["Ghost Group"] } }));
      expect(refused).toMatchObject({ code: "invalid:role-groups", fields: { roleGroups: [expect.stringContaining('"Ghost Group"')] } });
      await updateMember(db(), { actor, input: { email: "requester2@contoso.com", roleGroups: ["Recipient Management"] } });
      expect((await f.actor("requester2@contoso.com")).standingRoleGroups).toEqual(["Recipient Management"]);
    });

    it("makes a member a guest and back; a role holder cannot become a guest", async () => {
      const actor = await admin();
      const guest = await updateMember(db(), { actor, input: { email: "approver1@contoso.com", guest: true } });
      expect(guest).toMatchObject({ kind: "guest", guest: true });
      expect((await lastEvent()).details).toMatchObject({ changed: { guest: { from: false, to: true } } });
      await updateMember(db(), { actor, input: { email: "approver1@contoso.com", guest: false } });
      const refused = await refusal(updateMember(db(), { actor, input: { email: "auditor@contoso.com", guest: true } }));
      expect(refused).toMatchObject({ code: "invalid:roles", fields: { guest: [expect.any(String)] } });
      expect(await codeOf(updateMember(db(), { actor, input: { email: "partner@fabrikam.com", roles: ["auditor"] } }))).toBe("invalid:roles");
      // Dropping the roles in the same change is fine.
      await updateMember(db(), { actor, input: { email: "auditor@contoso.com", guest: true, roles: [] } });
      await updateMember(db(), { actor, input: { email: "auditor@contoso.com", guest: false, roles: ["auditor"] } });
    });

    it("disabling ends every session and revokes every API token at once; enabling brings none back", async () => {
      const actor = await admin();
      const person = await f.actor("requester2@contoso.com");
      const one = await sessionAndToken("requester2@contoso.com");
      const two = await sessionAndToken("requester2@contoso.com");
      expect(await findLiveSession(db(), one.sessionToken)).not.toBeNull();
      expect(await loadActorByTokenHash(db(), hashToken(one.token))).not.toBeNull();

      const disabled = await updateMember(db(), { actor, input: { email: "requester2@contoso.com", disabled: true } });
      expect(disabled).toMatchObject({ disabled: true });
      expect(disabled.disabledAt).not.toBeNull();
      expect(await loadActor(db(), person.userId, f.organisationId)).toBeNull();
      // The seed leaves requester2 with a pending request: disabling cancels it, audited on its own.
      expect((await lastEvent()).details).toEqual({
        email: "requester2@contoso.com",
        changed: { disabled: { from: false, to: true } },
        endedSessions: 2,
        revokedTokens: 2,
        cancelledRequests: 1,
        revokedRequests: 0,
      });
      const open = await db()
        .select({ status: accessRequests.status })
        .from(accessRequests)
        .where(and(eq(accessRequests.requesterId, person.userId), eq(accessRequests.status, "pending")));
      expect(open).toEqual([]);
      const own = and(eq(sessions.userId, person.userId), eq(sessions.organisationId, f.organisationId));
      expect((await db().select().from(sessions).where(own)).every((s) => s.endedAt !== null)).toBe(true);
      const tokens = await db().select().from(apiTokens).where(eq(apiTokens.userId, person.userId));
      expect(tokens.length).toBeGreaterThanOrEqual(2);
      expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);

      await updateMember(db(), { actor, input: { email: "requester2@contoso.com", disabled: false } });
      expect(await loadActor(db(), person.userId, f.organisationId)).not.toBeNull();
      for (const { sessionToken, token } of [one, two]) {
        expect(await findLiveSession(db(), sessionToken)).toBeNull();
        expect(await loadActorByTokenHash(db(), hashToken(token))).toBeNull();
      }
      expect((await lastEvent()).details).toEqual({ email: "requester2@contoso.com", changed: { disabled: { from: true, to: false } } });
    });

    it("refuses Role Management and everyone else who is not a Global Administrator", async () => {
      for (const email of ["rolemanager@contoso.com", "auditor@contoso.com", "approver1@contoso.com"]) {
        const actor = await f.actor(email);
        for (const input of [{ roles: ["auditor" as const] }, { disabled: true }, { roleGroups: [] }, { guest: true }]) {
          expect(await codeOf(updateMember(db(), { actor, input: { email: "requester@contoso.com", ...input } }))).toBe(
            "forbidden:manage-members",
          );
        }
      }
      expect((await f.actor("requester@contoso.com")).roles).toEqual([]);
    });

    it("refuses locking yourself out: your own Global Administrator role, or disabling yourself", async () => {
      const actor = await admin();
      expect(await codeOf(updateMember(db(), { actor, input: { email: "admin@contoso.com", roles: ["role_management"] } }))).toBe(
        "forbidden:self-lockout",
      );
      expect(await codeOf(updateMember(db(), { actor, input: { email: "admin@contoso.com", disabled: true } }))).toBe("forbidden:self-lockout");
      const self = await updateMember(db(), { actor, input: { email: "admin@contoso.com", roles: ["global_admin", "auditor"] } });
      expect(self.roles).toEqual(["global_admin", "auditor"]);
      await updateMember(db(), { actor, input: { email: "admin@contoso.com", roles: ["global_admin"] } });
    });

    it.each([
      [{ email: "stranger@example.com", roles: ["auditor"] }, "not-found:member"],
      [{ email: "partner@fabrikam.com", roles: ["auditor"] }, "invalid:roles"],
      [{ email: "requester@contoso.com", roles: ["owner"] }, "invalid:input"],
      [{ email: "not-an-email", disabled: true }, "invalid:input"],
      [{ email: "requester@contoso.com", disabled: "yes" }, "invalid:input"],
      [{ email: "requester@contoso.com", theme: "dark" }, "invalid:input"],
      [{ email: "requester@contoso.com", roleGroups: ["x".repeat(201)] }, "invalid:input"],
      [{ email: "requester@contoso.com", name: "Renamed" }, "invalid:input"],
    ])("refuses %j with %s", async (input, code) => {
      expect(await codeOf(updateMember(db(), { actor: await admin(), input: input as never }))).toBe(code);
    });
  });

  describe("removing", () => {
    it("ends pending and active requests with their own audit events, sessions and tokens, then removes the member", async () => {
      const actor = await admin();
      const added = await addMember(db(), {
        actor,
        input: { email: "leaver@contoso.com", name: "Pradeep Gupta", roleGroups: ["Recipient Management"] },
      });
      const [group] = await db().select().from(approverGroups).where(and(eq(approverGroups.name, "PAM Approvers"), eq(approverGroups.organisationId, f.organisationId)));
      await db().insert(approverGroupMembers).values({ organisationId: f.organisationId, groupId: group!.id, userId: added.userId });
      const pending = await seededRequest("leaver@contoso.com", "pending");
      const active = await seededRequest("leaver@contoso.com", "approved", "New-MailboxExportRequest");
      const lapsed = await seededRequest("leaver@contoso.com", "pending", "Add-MailboxPermission");
      await f.lapsePending(lapsed);
      const access = await sessionAndToken("leaver@contoso.com");

      const result = await removeMember(db(), { actor, input: { email: "Leaver@Contoso.com" } });
      expect(result).toEqual({ removed: "leaver@contoso.com", cancelledRequests: 1, revokedRequests: 1, endedSessions: 1, revokedTokens: 1 });

      const statusOf = async (id: string) => (await db().select().from(accessRequests).where(eq(accessRequests.id, id)))[0]!;
      expect(await statusOf(pending)).toMatchObject({ status: "cancelled" });
      const revoked = await statusOf(active);
      expect(revoked).toMatchObject({ status: "revoked", revokedBy: actor.userId, revocationComment: "member removed" });
      expect(revoked.revokedAt).not.toBeNull();
      expect(await statusOf(lapsed)).toMatchObject({ status: "expired" });

      const recent = await events(5);
      // Each request's own event first, then the removal.
      expect(recent.slice(1, 4).map((e) => e.action).sort()).toEqual(["request.cancelled", "request.expired", "request.revoked"]);
      expect(recent[0]).toMatchObject({
        action: "member.removed",
        actor: "admin@contoso.com",
        targetId: added.userId,
        details: {
          email: "leaver@contoso.com",
          roles: [],
          approverGroups: ["PAM Approvers"],
          roleGroups: ["Recipient Management"],
          cancelledRequests: 1,
          revokedRequests: 1,
          endedSessions: 1,
          revokedTokens: 1,
        },
      });
      const about = (id: string) => recent.find((e) => e.targetId === id);
      expect(about(pending)).toMatchObject({
        action: "request.cancelled",
        actor: "admin@contoso.com",
        details: { type: "task", scope: "Exchange", target: "New-JournalRule", requester: "leaver@contoso.com", reason: "member removed" },
      });
      expect(about(active)).toMatchObject({
        action: "request.revoked",
        actor: "admin@contoso.com",
        details: { type: "task", target: "New-MailboxExportRequest", requester: "leaver@contoso.com", comment: "member removed" },
      });
      expect(about(lapsed)).toMatchObject({ action: "request.expired", actor: "system" });
      // The revocation reached its holder before they left.
      const [revokedMail] = await db().select().from(emailOutbox).where(eq(emailOutbox.eventKey, `request-revoked:${active}`));
      expect(revokedMail?.toEmail).toBe("leaver@contoso.com");

      expect(await codeOf(getMember(db(), { actor, email: "leaver@contoso.com" }))).toBe("not-found:member");
      expect(await loadActor(db(), added.userId, f.organisationId)).toBeNull();
      expect(await findLiveSession(db(), access.sessionToken)).toBeNull();
      expect(await loadActorByTokenHash(db(), hashToken(access.token))).toBeNull();
      expect(await db().select().from(approverGroupMembers).where(eq(approverGroupMembers.userId, added.userId))).toEqual([]);
      // The person's history stays: their user row and requests.
      expect(await db().select().from(users).where(eq(users.id, added.userId))).toHaveLength(1);

      // Added anew, they start from nothing and are invited again.
      const again = await addMember(db(), { actor, input: { email: "leaver@contoso.com" } });
      expect(again).toMatchObject({ userId: added.userId, standingRoleGroups: [], approverGroups: [] });
      const invitations = await db()
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toEmail, "leaver@contoso.com"), eq(emailOutbox.kind, "member-invited")))
        .orderBy(desc(emailOutbox.createdAt));
      expect(invitations).toHaveLength(2);
      await removeMember(db(), { actor, input: { email: "leaver@contoso.com" } });
    });

    it("refuses removing the only person a policy names, which would open the policy to everyone", async () => {
      const actor = await admin();
      const manager = await f.actor("rolemanager@contoso.com");
      await addMember(db(), { actor, input: { email: "sole@contoso.com", name: "Nestor Wilke" } });
      const only = await createPolicy(db(), { actor: manager, input: { type: "task", target: "Set-JournalRule", eligible: ["sole@contoso.com"] } });
      const shared = await createPolicy(db(), {
        actor: manager,
        input: { type: "task", target: "Disable-JournalRule", eligible: ["Sole@contoso.com", "Exchange Leads"] },
      });
      const before = await memberCount();

      const refused = await refusal(removeMember(db(), { actor, input: { email: "sole@contoso.com" } }));
      expect(refused.code).toBe("conflict:member-sole-eligible");
      expect(httpStatusOf(refused)).toBe(409);
      expect(refused.message).toBe(
        "sole@contoso.com is the only one who may request the policy for the task Set-JournalRule (Exchange): change who may request it first.",
      );
      expect(refused.details).toEqual({ policies: [{ id: only.id, scope: "Exchange", type: "task", target: "Set-JournalRule" }] });
      // Nothing was removed: the member, and both policies' lists, are as they were.
      expect(await memberCount()).toBe(before);
      const eligibleOf = async (id: string) => (await listPolicies(db(), { actor: manager })).find((p) => p.id === id)!.eligible;
      expect(await eligibleOf(only.id)).toEqual(["sole@contoso.com"]);
      expect(await eligibleOf(shared.id)).toEqual(["Exchange Leads", "sole@contoso.com"]);

      // Once someone else may request it, removal goes through and takes only their own entries.
      await updatePolicy(db(), { actor: manager, policyId: only.id, input: { eligible: ["sole@contoso.com", "requester@contoso.com"] } });
      await expect(removeMember(db(), { actor, input: { email: "sole@contoso.com" } })).resolves.toMatchObject({ removed: "sole@contoso.com" });
      expect(await eligibleOf(only.id)).toEqual(["requester@contoso.com"]);
      expect(await eligibleOf(shared.id)).toEqual(["Exchange Leads"]);
      expect(await memberCount()).toBe(before - 1);
    });

    it("refuses removing yourself, someone unknown, and anyone for non Global Administrators", async () => {
      const actor = await admin();
      expect(await codeOf(removeMember(db(), { actor, input: { email: "admin@contoso.com" } }))).toBe("forbidden:self-lockout");
      expect(await codeOf(removeMember(db(), { actor, input: { email: "nobody@contoso.com" } }))).toBe("not-found:member");
      expect(await codeOf(removeMember(db(), { actor, input: { email: "__proto__" } }))).toBe("invalid:input");
      for (const email of ["rolemanager@contoso.com", "auditor@contoso.com", "approver1@contoso.com", "requester@contoso.com"]) {
        expect(await codeOf(removeMember(db(), { actor: await f.actor(email), input: { email: "requester2@contoso.com" } }))).toBe(
          "forbidden:manage-members",
        );
      }
    });
  });

  it("always keeps one active Global Administrator: not demoted, disabled nor removed, even by an actor loaded before a change", async () => {
    const original = await admin();
    await updateMember(db(), { actor: original, input: { email: "rolemanager@contoso.com", roles: ["global_admin"] } });
    const manager = await f.actor("rolemanager@contoso.com");
    // The new Global Administrator disables the old one; `original` still holds a stale, admin actor.
    await updateMember(db(), { actor: manager, input: { email: "admin@contoso.com", disabled: true } });
    for (const change of [{ roles: [] }, { disabled: true }, { guest: true, roles: [] }]) {
      expect(await codeOf(updateMember(db(), { actor: original, input: { email: "rolemanager@contoso.com", ...change } }))).toBe(
        "conflict:last-global-admin",
      );
    }
    expect(await codeOf(removeMember(db(), { actor: original, input: { email: "rolemanager@contoso.com" } }))).toBe(
      "conflict:last-global-admin",
    );
    expect((await f.actor("rolemanager@contoso.com")).roles).toEqual(["global_admin"]);
    // Restore: enable the old administrator and give Lee Gu back Role Management.
    await updateMember(db(), { actor: manager, input: { email: "admin@contoso.com", disabled: false } });
    await updateMember(db(), { actor: await admin(), input: { email: "rolemanager@contoso.com", roles: ["role_management"] } });
  });

  describe("CSV import", () => {
    const header = "email,name,roles,roleGroups,guest";

    it("previews each row (to add, already a member, wrong) by row number and writes nothing", async () => {
      const before = [await memberCount(), await outboxCount(), (await lastEvent()).id];
      const csv = [
        header,
        "csv1@contoso.com,Csv One,auditor,Recipient Management;Discovery Management,false",
        "requester@contoso.com,Adele Vance,,,",
        "not-an-email,Bad,,,",
        "csv2@contoso.com,,owner,,",
        "csv3@contoso.com,,,Ghost Group,",
        "csv4@tailspin.com,,Global Administrator,,true",
        "csv1@contoso.com,Again,,,",
        "csv5@contoso.com,,,,maybe",
      ].join("\n");
      const preview = await importMembers(db(), { actor: await admin(), input: { csv, dryRun: true } });
      expect(preview).toMatchObject({ dryRun: true, added: 1, existing: 1, invalid: 6 });
      const byRow = new Map(preview.rows.map((row) => [row.row, row]));
      expect(byRow.get(2)).toMatchObject({
        status: "add",
        email: "csv1@contoso.com",
        name: "Csv One",
        roles: ["auditor"],
        roleGroups: ["Recipient Management", "Discovery Management"],
        guest: false,
        errors: {},
      });
      expect(byRow.get(3)).toMatchObject({ status: "existing" });
      expect(byRow.get(4)).toMatchObject({ status: "invalid", errors: { email: [expect.any(String)] } });
      expect(byRow.get(5)?.errors.roles?.[0]).toMatch(/"owner" is not a role/);
      expect(byRow.get(6)?.errors.roleGroups?.[0]).toMatch(/"Ghost Group"/);
      expect(byRow.get(7)?.errors.roles).toEqual(["guests cannot hold admin roles"]);
      expect(byRow.get(8)?.errors.email?.[0]).toMatch(/row 2/);
      expect(byRow.get(9)?.errors.guest).toEqual(["must be true or false"]);
      expect([await memberCount(), await outboxCount(), (await lastEvent()).id]).toEqual(before);
    });

    it("refuses the whole file when one row is wrong, naming the row, and writes nothing", async () => {
      const before = [await memberCount(), await outboxCount(), (await lastEvent()).id];
      const csv = `${header}\ncsv10@contoso.com,Ten,,,\nnot-an-email,Bad,,,\ncsv11@contoso.com,Eleven,,,\n`;
      const refused = await refusal(importMembers(db(), { actor: await admin(), input: { csv } }));
      expect(refused.code).toBe("invalid:csv");
      expect(refused.message).toMatch(/Row 3 cannot be imported: nothing was imported/);
      expect(Object.keys(refused.fields ?? {})).toEqual(["row 3: email"]);
      expect([await memberCount(), await outboxCount(), (await lastEvent()).id]).toEqual(before);
      expect(await codeOf(getMember(db(), { actor: await admin(), email: "csv10@contoso.com" }))).toBe("not-found:member");
    });

    it("imports every good row in one step, audited via csv and invited; members already there are left as they are", async () => {
      const actor = await admin();
      const csv = [
        "\uFEFFEmail, Name ,Roles,Role Groups,Guest",
        "csv20@contoso.com,Twenty,auditor;role_management,Recipient Management,no",
        "",
        '"csv21@contoso.com","Twenty-One, Jr.",,"Discovery Management;Recipient Management",',
        "csv22@tailspin.com,,,,yes",
        "requester@contoso.com,Someone Else,global_admin,,",
      ].join("\r\n");
      const result = await importMembers(db(), { actor, input: { csv } });
      expect(result).toMatchObject({ dryRun: false, added: 3, existing: 1, invalid: 0 });
      expect(result.rows.map((row) => [row.row, row.status])).toEqual([
        [2, "added"],
        [4, "added"],
        [5, "added"],
        [6, "existing"],
      ]);
      expect(await getMember(db(), { actor, email: "csv20@contoso.com" })).toMatchObject({
        name: "Twenty",
        roles: ["role_management", "auditor"],
        standingRoleGroups: ["Recipient Management"],
        source: "local",
      });
      expect(await getMember(db(), { actor, email: "csv21@contoso.com" })).toMatchObject({
        name: "Twenty-One, Jr.",
        standingRoleGroups: ["Discovery Management", "Recipient Management"],
      });
      expect(await getMember(db(), { actor, email: "csv22@tailspin.com" })).toMatchObject({ guest: true });
      // Adele Vance is untouched: not renamed, not promoted.
      expect(await getMember(db(), { actor, email: "requester@contoso.com" })).toMatchObject({ name: "Adele Vance", roles: [] });

      const added = (await events(3)).filter((e) => e.action === "member.added");
      expect(added).toHaveLength(3);
      expect(added.every((e) => (e.details as { via?: string }).via === "csv")).toBe(true);
      const invitations = await db().select().from(emailOutbox).where(eq(emailOutbox.kind, "member-invited"));
      expect(invitations.map((m) => m.toEmail)).toEqual(expect.arrayContaining(["csv20@contoso.com", "csv21@contoso.com", "csv22@tailspin.com"]));
    });

    it.each([
      ["__proto__,name\nx@contoso.com,X", "header"],
      ["constructor,email\nx,x@contoso.com", "header"],
      ["email,email\nx@contoso.com,x@contoso.com", "header"],
      ["name,roles\nX,auditor", "header"],
      ["x@contoso.com,X,,,", "header"],
      ["", "csv"],
      ["email\n", "csv"],
      ['email,name\n"unclosed@contoso.com,X', "row 2"],
    ])("refuses the file %j as invalid:csv on %s", async (csv, field) => {
      const refused = await refusal(importMembers(db(), { actor: await admin(), input: { csv, dryRun: true } }));
      expect(refused.code).toBe("invalid:csv");
      expect(refused.fields).toHaveProperty([field]);
    });

    it("treats __proto__ and constructor as values like any other", async () => {
      const csv = `${header}\n__proto__,__proto__,__proto__,__proto__,\nconstructor@contoso.com,constructor,,constructor,\n`;
      const preview = await importMembers(db(), { actor: await admin(), input: { csv, dryRun: true } });
      expect(preview.rows[0]).toMatchObject({ row: 2, status: "invalid", errors: { email: [expect.any(String)], roles: [expect.any(String)] } });
      expect(preview.rows[1]).toMatchObject({ row: 3, status: "invalid", errors: { roleGroups: [expect.stringContaining('"constructor"')] } });
      expect(Object.getPrototypeOf(preview.rows[0]!.errors)).toBe(Object.prototype);
    });

    it("caps the file at 1 MiB and 5,000 people, refuses extra fields, and is for Global Administrators only", async () => {
      const actor = await admin();
      const big = `${header}\n${"x".repeat(1024 * 1024)}`;
      expect(await codeOf(importMembers(db(), { actor, input: { csv: big, dryRun: true } }))).toBe("invalid:input");
      const many = [header, ...Array.from({ length: 5001 }, (_, i) => `many${i}@contoso.com`)].join("\n");
      const refused = await refusal(importMembers(db(), { actor, input: { csv: many, dryRun: true } }));
      expect(refused).toMatchObject({ code: "invalid:csv", fields: { csv: [expect.stringMatching(/5,000/)] } });
      const wide = await importMembers(db(), { actor, input: { csv: `email,name\nw@contoso.com,W,extra`, dryRun: true } });
      expect(wide.rows[0]?.errors.row?.[0]).toMatch(/3 fields/);
      expect(await codeOf(importMembers(db(), { actor, input: { csv: header, extra: 1 } as never }))).toBe("invalid:input");
      for (const email of ["rolemanager@contoso.com", "auditor@contoso.com", "requester@contoso.com"]) {
        expect(await codeOf(importMembers(db(), { actor: await f.actor(email), input: { csv: `${header}\na@contoso.com`, dryRun: true } }))).toBe(
          "forbidden:manage-members",
        );
      }
    });

    it("imports 5,000 people in one transaction", async () => {
      const actor = await admin();
      const before = await memberCount();
      const csv = [header, ...Array.from({ length: 5000 }, (_, i) => `bulk${i}@contoso.com,Bulk ${i},,Recipient Management,`)].join("\n");
      const result = await importMembers(db(), { actor, input: { csv } });
      expect(result.added).toBe(5000);
      expect(await memberCount()).toBe(before + 5000);
      expect((await f.actor("bulk4999@contoso.com")).standingRoleGroups).toEqual(["Recipient Management"]);
    }, 120_000);
  });
});
