import { expect, test } from "../org-fixture";

const MEMBER_KEYS = ["createdAt", "disabled", "email", "guest", "lastSignInAt", "name", "roleGroups", "roles", "source"];
const at = (email: string) => `members/${encodeURIComponent(email)}`;

// One organisation, changed by every test in turn: people are added, disabled and removed.
test.describe.configure({ mode: "serial" });

test.describe("API v1: members", () => {
  test("GET /members lists the contract's Member, pages by cursor and filters; admins only", async ({ api, org }) => {
    const admin = await api("admin");
    const all = await (await admin.get("members?limit=500")).json();
    expect(all.nextCursor).toBeNull();
    const me = all.items.find((m: { email: string }) => m.email === org.email("admin"));
    expect(Object.keys(me).sort()).toEqual(MEMBER_KEYS);
    expect(me).toMatchObject({ roles: ["global_admin"], guest: false, disabled: false, source: "local", roleGroups: ["Organization Management"] });
    expect(all.items.find((m: { email: string }) => m.email === org.email("partner"))).toMatchObject({ guest: true });

    const first = await (await admin.get("members?limit=2")).json();
    expect(first.items).toHaveLength(2);
    const second = await (await admin.get(`members?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect(second.items[0].email > first.items[1].email).toBe(true);
    const found = await (await admin.get(`members?q=${encodeURIComponent("backup")}`)).json();
    expect(found.items.map((m: { email: string }) => m.email)).toEqual([org.email("svc-backup")]);

    // Role Management reads; nobody else does.
    expect((await (await api("rolemanager")).get("members")).status()).toBe(200);
    for (const account of ["auditor", "approver1", "requester"] as const) {
      const refused = await (await api(account)).get("members");
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.code).toBe("forbidden:view-members");
    }
    for (const [query, field] of [["limit=501", "limit"], ["limit=abc", "limit"], ["colour=red", "colour"]] as const) {
      const bad = await admin.get(`members?${query}`);
      expect(bad.status()).toBe(400);
      expect((await bad.json()).error.fields).toHaveProperty(field);
    }
    const badCursor = await admin.get("members?cursor=nonsense");
    expect((await badCursor.json()).error.code).toBe("invalid:cursor");
  });

  test("POST /members adds (201) and invites; duplicates, unknown role groups, guests with roles and unknown fields are refused", async ({ api, org }) => {
    const admin = await api("admin");
    const email = `nestor+ops@${org.slug}.example`;
    const created = await admin.post("members", {
      data: { email: email.toUpperCase(), name: "Nestor Wilke", roles: ["auditor"], roleGroups: ["Recipient Management"] },
    });
    expect(created.status()).toBe(201);
    const member = await created.json();
    expect(Object.keys(member).sort()).toEqual(MEMBER_KEYS);
    expect(member).toMatchObject({ email, name: "Nestor Wilke", roles: ["auditor"], roleGroups: ["Recipient Management"], guest: false, source: "local", lastSignInAt: null });

    // A + in the address travels URL-encoded.
    expect(await (await admin.get(at(email))).json()).toMatchObject({ email, roles: ["auditor"] });

    const audit = await (await api("auditor")).get(`audit?action=member.added&limit=1`);
    expect((await audit.json()).items[0]).toMatchObject({ actor: org.email("admin"), details: { email, roles: ["auditor"] } });

    const duplicate = await admin.post("members", { data: { email } });
    expect(duplicate.status()).toBe(409);
    expect((await duplicate.json()).error.code).toBe("conflict:member-exists");

    const unknownGroups = await admin.post("members", { data: { email: `x@${org.slug}.example`, roleGroups: ["Recipient Management", "Ghost"] } });
    expect(unknownGroups.status()).toBe(400);
    expect((await unknownGroups.json()).error).toMatchObject({ code: "invalid:role-groups", fields: { roleGroups: [expect.stringContaining('"Ghost"')] } });

    const guestAdmin = await admin.post("members", { data: { email: `g@${org.slug}.example`, guest: true, roles: ["global_admin"] } });
    expect(guestAdmin.status()).toBe(400);
    expect((await guestAdmin.json()).error).toMatchObject({ code: "invalid:roles", fields: { roles: [expect.any(String)] } });

    for (const data of [
      { email: `x@${org.slug}.example`, colour: "red" },
      { email: "not-an-email" },
      { email: `x@${org.slug}.example`, roles: ["owner"] },
      { email: `x@${org.slug}.example`, name: "line\nbreak" },
    ]) {
      const refused = await admin.post("members", { data });
      expect(refused.status()).toBe(400);
      expect((await refused.json()).error.code).toBe("invalid:input");
    }
    const proto = await admin.post("members", {
      headers: { "content-type": "application/json" },
      data: Buffer.from(`{"email":"x@${org.slug}.example","__proto__":{"roles":["global_admin"]}}`),
    });
    expect(proto.status()).toBe(400);
    const protoError = (await proto.json()).error;
    expect(protoError.code).toBe("invalid:input");
    expect(Object.entries(protoError.fields)).toEqual([["__proto__", ["is not a known field"]]]);

    for (const account of ["rolemanager", "auditor", "requester"] as const) {
      const refused = await (await api(account)).post("members", { data: { email: `sneaky@${org.slug}.example` } });
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.code).toBe("forbidden:manage-members");
    }
    const huge = await admin.post("members", { data: { email: `x@${org.slug}.example`, name: "x".repeat(70_000) } });
    expect((await huge.json()).error.code).toBe("invalid:body-too-large");
  });

  test("PATCH /members/{email} changes roles, role groups and guest; disabling revokes the member's tokens for good", async ({ api, org }) => {
    const admin = await api("admin");
    const email = org.email("requester2");
    const changed = await admin.patch(at(email), { data: { roles: ["auditor"], roleGroups: ["Recipient Management", "Discovery Management"] } });
    expect(changed.status()).toBe(200);
    expect(await changed.json()).toMatchObject({ email, roles: ["auditor"], roleGroups: ["Discovery Management", "Recipient Management"] });
    expect(await (await admin.patch(at(email), { data: { roles: [] } })).json()).toMatchObject({ roles: [] });

    const asMember = await api("requester2", "spare");
    expect((await asMember.get("me")).status()).toBe(200);
    const disabled = await admin.patch(at(email), { data: { disabled: true } });
    expect(await disabled.json()).toMatchObject({ disabled: true });
    expect((await asMember.get("me")).status()).toBe(401);
    expect(await (await admin.patch(at(email), { data: { disabled: false } })).json()).toMatchObject({ disabled: false });
    // Enabled again, their old tokens stay revoked.
    expect((await asMember.get("me")).status()).toBe(401);

    const guest = await admin.patch(at(org.email("approver1")), { data: { guest: true } });
    expect(await guest.json()).toMatchObject({ guest: true });
    await admin.patch(at(org.email("approver1")), { data: { guest: false } });

    const selfLockout = await admin.patch(at(org.email("admin")), { data: { disabled: true } });
    expect(selfLockout.status()).toBe(403);
    expect((await selfLockout.json()).error.code).toBe("forbidden:self-lockout");
    const emailInBody = await admin.patch(at(email), { data: { email: "other@example.com" } });
    expect((await emailInBody.json()).error).toMatchObject({ code: "invalid:input", fields: { email: ["is not a known field"] } });
    const unknownGroup = await admin.patch(at(email), { data: { roleGroups: ["Ghost"] } });
    expect((await unknownGroup.json()).error.code).toBe("invalid:role-groups");
    const stranger = await admin.patch(at(`nobody@${org.slug}.example`), { data: { roles: [] } });
    expect(stranger.status()).toBe(404);
    expect((await stranger.json()).error.code).toBe("not-found:member");
    const rolemanager = await (await api("rolemanager")).patch(at(email), { data: { disabled: true } });
    expect((await rolemanager.json()).error.code).toBe("forbidden:manage-members");
    expect((await (await api("rolemanager")).get(at(email))).status()).toBe(200);
  });

  test("DELETE /members/{email} ends the member's requests, sessions and tokens, then removes them", async ({ api, org }) => {
    const admin = await api("admin");
    const requester = await api("requester", "spare");
    const asked = await requester.post("requests", { data: { type: "task", target: "New-JournalRule", durationHours: 1, reason: "Last task before leaving" } });
    expect(asked.status()).toBe(201);
    const request = await asked.json();

    const removed = await admin.delete(at(org.email("requester")));
    expect(removed.status()).toBe(200);
    const result = await removed.json();
    expect(result).toMatchObject({ removed: org.email("requester"), revokedRequests: expect.any(Number) });
    expect(result.cancelledRequests).toBeGreaterThanOrEqual(1);
    expect(result.revokedTokens).toBeGreaterThanOrEqual(1);

    expect(await (await admin.get(`requests/${request.id}`)).json()).toMatchObject({ status: "cancelled" });
    expect((await requester.get("me")).status()).toBe(401);
    const gone = await admin.get(at(org.email("requester")));
    expect(gone.status()).toBe(404);
    const audit = await (await api("auditor")).get(`audit?targetId=${request.id}&limit=1`);
    expect((await audit.json()).items[0]).toMatchObject({ action: "request.cancelled", actor: org.email("admin"), details: { reason: "member removed" } });
    const removal = await (await api("auditor")).get("audit?action=member.removed&limit=1");
    expect((await removal.json()).items[0]).toMatchObject({ details: { email: org.email("requester") } });

    expect((await admin.delete(at(org.email("requester")))).status()).toBe(404);
    const self = await admin.delete(at(org.email("admin")));
    expect((await self.json()).error.code).toBe("forbidden:self-lockout");
    const refused = await (await api("rolemanager")).delete(at(org.email("requester2")));
    expect((await refused.json()).error.code).toBe("forbidden:manage-members");

    // Added again, they start from nothing.
    const again = await admin.post("members", { data: { email: org.email("requester") } });
    expect(await again.json()).toMatchObject({ roles: [], roleGroups: [] });
  });

  test("POST /members/import previews without writing, refuses a file with a bad row whole, and imports a good one", async ({ api, org }) => {
    const admin = await api("admin");
    const domain = `${org.slug}.example`;
    const bad = `email,name,roles,roleGroups,guest\ncsv1@${domain},One,auditor,Recipient Management,\nnot-an-email,Bad,,,\n${org.email("approver1")},,,,\n`;

    const preview = await admin.post("members/import", { data: { csv: bad, dryRun: true } });
    expect(preview.status()).toBe(200);
    expect(await preview.json()).toMatchObject({
      dryRun: true,
      added: 1,
      existing: 1,
      invalid: 1,
      rows: [
        { row: 2, email: `csv1@${domain}`, status: "add", roles: ["auditor"], roleGroups: ["Recipient Management"] },
        { row: 3, status: "invalid", errors: { email: [expect.any(String)] } },
        { row: 4, status: "existing" },
      ],
    });
    const refused = await admin.post("members/import", { data: { csv: bad } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: "invalid:csv", fields: { "row 3: email": [expect.any(String)] } });
    expect((await admin.get(at(`csv1@${domain}`))).status()).toBe(404);

    const good = `email,name,roles,roleGroups,guest\ncsv1@${domain},One,auditor,Recipient Management,\ncsv2@${domain},Two,,,true\n`;
    const imported = await admin.post("members/import", { data: { csv: good } });
    expect(await imported.json()).toMatchObject({ dryRun: false, added: 2, invalid: 0 });
    expect(await (await admin.get(at(`csv2@${domain}`))).json()).toMatchObject({ guest: true, name: "Two" });
    const audit = await (await api("auditor")).get("audit?action=member.added&limit=2");
    expect((await audit.json()).items.map((e: { details: { via?: string } }) => e.details.via)).toEqual(["csv", "csv"]);

    // A file of up to 1 MiB travels inside JSON (past the 64 KiB of other calls); larger ones are refused.
    const rows = Array.from({ length: 2000 }, (_, i) => `bulk${i}@${domain},Bulk Person Number ${i},,Recipient Management,`);
    const big = await admin.post("members/import", { data: { csv: `email,name,roles,roleGroups,guest\n${rows.join("\n")}`, dryRun: true } });
    expect(big.status()).toBe(200);
    expect((await big.json()).added).toBe(2000);
    const tooBig = await admin.post("members/import", { data: { csv: `email\n${"x".repeat(1024 * 1024)}`, dryRun: true } });
    expect((await tooBig.json()).error).toMatchObject({ code: "invalid:input", fields: { csv: ["must be at most 1 MiB"] } });
    const far = await admin.post("members/import", { data: { csv: "x".repeat(3 * 1024 * 1024) } });
    expect((await far.json()).error.code).toBe("invalid:body-too-large");

    const header = await admin.post("members/import", { data: { csv: "__proto__,constructor\nx,y", dryRun: true } });
    expect((await header.json()).error).toMatchObject({ code: "invalid:csv", fields: { header: [expect.stringContaining('"__proto__"'), expect.stringContaining('"constructor"')] } });
    const unknownField = await admin.post("members/import", { data: { csv: good, dryRun: true, force: true } });
    expect((await unknownField.json()).error.fields).toHaveProperty("force");
    const requester2 = await api("requester2");
    expect((await (await requester2.post("members/import", { data: { csv: good, dryRun: true } })).json()).error.code).toBe("unauthorized:token");
    const rolemanager = await (await api("rolemanager")).post("members/import", { data: { csv: good, dryRun: true } });
    expect((await rolemanager.json()).error.code).toBe("forbidden:manage-members");
  });

  test("a method /members does not have is a 405 invalid:method with Allow", async ({ api }) => {
    const response = await (await api("admin")).put("members");
    expect(response.status()).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
    const one = await (await api("admin")).post(at("someone@example.com"));
    expect(one.headers()["allow"]).toBe("DELETE, GET, HEAD, PATCH");
  });
});
