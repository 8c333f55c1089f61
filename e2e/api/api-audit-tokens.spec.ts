import { randomUUID } from "node:crypto";
import { expect, test } from "../org-fixture";
import { randomAddress } from "./api-fixtures";

test.describe("API v1: audit and tokens", () => {
  test("the audit log is searchable, verifiable and exportable by auditors only", async ({ api }) => {
    const auditor = await api("auditor");
    const page = await (await auditor.get("audit?action=request.created&limit=2")).json();
    expect(page.items).toHaveLength(2);
    expect(page.items[0]).toMatchObject({ action: "request.created", actorType: "user", hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const next = await (await auditor.get(`audit?action=request.created&limit=2&cursor=${page.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(page.items[0].id);

    expect(await (await auditor.get("audit/verify")).json()).toMatchObject({ ok: true, firstBrokenId: null });

    const csv = await auditor.get("audit/export?format=csv&action=policy.created");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="elevate-audit-.*\.csv"/);
    expect(csv.headers()["content-encoding"]).toBe("gzip"); // Playwright asks for it, and unpacks it
    const head = await auditor.head("audit/export?format=csv&action=policy.created");
    expect(head.status()).toBe(200);
    expect(head.headers()["content-disposition"]).toMatch(/attachment/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("id,seq,at,actor,actorType,action,targetType,targetId,details,ip,userAgent,prevHash,hash");
    expect(lines.length).toBeGreaterThan(1);
    const json = await (await auditor.get("audit/export?format=json&action=policy.created")).json();
    expect(json.length).toBe(lines.length - 1);

    const refused = await (await api("requester")).get("audit");
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden:read-audit");
  });

  test("the audit log records the address the trusted proxy saw, not one the client wrote", async ({ api, org, playwright, baseURL }) => {
    const probe = `Probe-${randomUUID()}`; // an unknown task: the check is refused, and audited
    const caller = await playwright.request.newContext({
      baseURL: `${baseURL}/api/v1/`,
      extraHTTPHeaders: {
        authorization: `Bearer ${org.token("requester2")}`,
        "x-forwarded-for": "6.6.6.6, 198.51.100.23", // forged first entry, then the proxy's
        "x-elevate-client-address": "7.7.7.7", // the server's own header, forged
      },
    });
    expect((await (await caller.post("access/check", { data: { task: probe } })).json()).allowed).toBe(false);
    await caller.dispose();

    const found = await (await (await api("auditor")).get(`audit?action=access.checked&q=${probe}`)).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ actor: org.email("requester2"), actorType: "token", ip: "198.51.100.23" });
  });

  test("a token made by the API works at once and stops at once when revoked", async ({ api, org, playwright, baseURL }) => {
    const owner = await api("approver2");
    const created = await owner.post("tokens", { data: { name: "deploy bot", expiresInDays: 7 } });
    expect(created.status()).toBe(201);
    const token = await created.json();
    expect(token).toMatchObject({ name: "deploy bot", token: expect.stringMatching(/^elv_[a-z0-9]{8}_/), prefix: expect.stringMatching(/^elv_/) });

    const bot = await playwright.request.newContext({
      baseURL: `${baseURL}/api/v1/`,
      extraHTTPHeaders: { authorization: `Bearer ${token.token}`, "x-forwarded-for": randomAddress() },
    });
    expect((await (await bot.get("me")).json()).email).toBe(org.email("approver2"));
    const listed = (await (await owner.get("tokens")).json()).items.find((t: { id: string }) => t.id === token.id);
    expect(listed).toMatchObject({ prefix: token.prefix, status: "active" });
    expect(JSON.stringify(listed)).not.toContain(token.token);

    expect((await owner.delete(`tokens/${token.id}`)).status()).toBe(200);
    expect((await bot.get("me")).status()).toBe(401);
    expect((await (await api("requester")).delete(`tokens/${token.id}`)).status()).toBe(404);
    await bot.dispose();
  });
});
