import { request as httpRequest } from "node:http";
import { request as playwrightRequest } from "@playwright/test";
import { expect, test } from "../org-fixture";
import { randomAddress } from "./api-fixtures";

/** A POST with a chunked body (no Content-Length), which Playwright's client never sends. */
function postChunked(baseURL: string, token: string, path: string, chunks: string[]) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    const outgoing = httpRequest(`${baseURL}/api/v1/${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "x-forwarded-for": randomAddress() },
    });
    outgoing.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body, connection: response.headers.connection }));
    });
    outgoing.on("error", reject);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

test.describe("API v1: the error contract", () => {
  test("an unknown route is a JSON 404", async ({ api }) => {
    const response = await (await api("requester")).get("nothing-here");
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not-found:route", message: expect.any(String) } });
  });

  test("a path that is not valid percent-encoding is a JSON 400, not a 500", async ({ api }) => {
    const response = await (await api("requester")).get("requests/%E0%A4%A");
    expect(response.status()).toBe(400);
    expect((await response.json()).error.code).toBe("invalid:path");
  });

  test("a wrong method is refused with the methods that are allowed; HEAD answers as GET", async ({ api, baseURL }) => {
    const head = await (await api("requester")).head("me");
    expect(head.status()).toBe(200);
    expect(head.headers()["content-type"]).toContain("application/json");
    expect(await head.body()).toHaveLength(0);

    const trace = await new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
      const outgoing = httpRequest(`${baseURL}/api/v1/me`, { method: "TRACE" }, (incoming) => {
        let body = "";
        incoming.on("data", (chunk: Buffer) => (body += chunk));
        incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, allow: incoming.headers.allow, body }));
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
    expect(trace.status).toBe(405);
    expect(trace.allow).toBe("GET, HEAD");
    expect(JSON.parse(trace.body).error.code).toBe("invalid:method");

    const options = await (await api("requester")).fetch("policies", { method: "OPTIONS" });
    expect(options.status()).toBe(405);
    expect(options.headers()["allow"]).toBe("GET, HEAD, POST");
    const headOfPost = await (await api("requester")).head("tasks/run");
    expect(headOfPost.status()).toBe(405);
    expect(headOfPost.headers()["allow"]).toBe("POST");
    const postDocument = await (await api("requester")).post("openapi.json");
    expect(postDocument.status()).toBe(405);
    expect(postDocument.headers()["allow"]).toBe("GET, HEAD");

    const response = await (await api("requester")).put("policies");
    expect(response.status()).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
    expect((await response.json()).error.code).toBe("invalid:method");
  });

  test("malformed JSON, unknown fields and oversized bodies are 400s, never 500s", async ({ api, org, baseURL }) => {
    const client = await api("admin");
    const malformed = await client.post("policies", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
    expect(malformed.status()).toBe(400);
    expect((await malformed.json()).error.code).toBe("invalid:json");

    const unknown = await client.post("policies", { data: { type: "task", target: "Get-Mailbox", colour: "red" } });
    expect(unknown.status()).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: "invalid:input", fields: { colour: ["is not a known field"] } });

    // JSON can spell half a surrogate pair, which Postgres cannot store: refused, never a 500.
    const unstorable = await client.post("access/check", { headers: { "content-type": "application/json" }, data: Buffer.from('{"task": "\\ud800"}') });
    expect(unstorable.status()).toBe(400);
    expect((await unstorable.json()).error).toMatchObject({ code: "invalid:input", fields: { task: [expect.stringContaining("cannot be stored")] } });

    const huge = await client.post("policies", { data: { type: "task", target: "x".repeat(70_000) } });
    expect(huge.status()).toBe(400);
    expect((await huge.json()).error.code).toBe("invalid:body-too-large");

    // Without a Content-Length the server stops reading past the limit, answers, and closes.
    const chunked = await postChunked(baseURL!, org.token("admin"), "policies", Array.from({ length: 70 }, () => "x".repeat(1024)));
    expect(chunked.status).toBe(400);
    expect(JSON.parse(chunked.body).error.code).toBe("invalid:body-too-large");
    expect(chunked.connection).toBe("close");
    const small = await postChunked(baseURL!, org.token("admin"), "access/check", ['{"scope": "Exchange", ', '"task": "Get-Mailbox"}']);
    expect(small.status).toBe(200);
    expect(JSON.parse(small.body)).toHaveProperty("allowed");

    const badQuery = await client.get("requests?mine=perhaps");
    expect(badQuery.status()).toBe(400);
    expect((await badQuery.json()).error.fields).toHaveProperty("mine");
  });

  test("a NUL byte in a path or cursor, and keys named after Object.prototype in a catalog, are 400s", async ({ api }) => {
    const admin = await api("admin");
    for (const path of ["scopes/%00", "members/a%00b%40example.com"]) {
      const response = await admin.get(path);
      expect(response.status(), path).toBeLessThan(500);
      expect(response.status(), path).toBeGreaterThanOrEqual(400);
    }
    const nulScope = await admin.get("scopes/%00");
    expect(nulScope.status()).toBe(400);
    expect((await nulScope.json()).error.code).toBe("invalid:input");
    const cursor = Buffer.from(JSON.stringify({ email: "\u0000" })).toString("base64url");
    expect((await admin.get(`members?cursor=${cursor}`)).status()).toBe(400);

    expect((await admin.post("scopes", { data: { name: "Hostile" } })).status()).toBe(201);
    for (const key of ["constructor", "__proto__", "toString"]) {
      const response = await admin.put("scopes/Hostile", { headers: { "content-type": "application/json" }, data: `{"${key}": 1, "tasks": []}` });
      expect(response.status(), key).toBe(400);
    }
  });

  test("every list takes the contract's limit and cursor, approver groups, scopes, policies and tokens too", async ({ api }) => {
    const admin = await api("admin");
    for (const name of ["Paging A", "Paging B"]) expect((await admin.post("scopes", { data: { name } })).status()).toBe(201);
    for (const list of ["approver-groups", "scopes"]) {
      const first = await (await admin.get(`${list}?limit=1`)).json();
      expect(first.items, list).toHaveLength(1);
      expect(first.nextCursor, list).toEqual(expect.any(String));
      const second = await (await admin.get(`${list}?limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].name, list).not.toBe(first.items[0].name);
      const all = await (await admin.get(`${list}?limit=500`)).json();
      expect(all.items.slice(0, 2).map((item: { name: string }) => item.name), list).toEqual([first.items[0].name, second.items[0].name]);
      expect(all.nextCursor).toBeNull();
      expect((await (await admin.get(`${list}?cursor=forged`)).json()).error.code).toBe("invalid:cursor");
    }
    await admin.post("tokens", { data: { name: "a second token" } });
    for (const list of ["policies", "tokens"]) {
      const first = await (await admin.get(`${list}?limit=1`)).json();
      expect(first.items, list).toHaveLength(1);
      const second = await (await admin.get(`${list}?limit=1&cursor=${first.nextCursor}`)).json();
      expect(second.items[0].id, list).not.toBe(first.items[0].id);
    }
  });

  test("no token, a made-up token and a malformed header are 401s", async ({ baseURL }) => {
    for (const authorization of [undefined, "Bearer elv_00000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Basic dXNlcjpwYXNz"]) {
      const context = await playwrightRequest.newContext({
        baseURL: `${baseURL}/api/v1/`,
        extraHTTPHeaders: { "x-forwarded-for": randomAddress(), ...(authorization ? { authorization } : {}) },
      });
      const response = await context.get("me");
      expect(response.status()).toBe(401);
      expect((await response.json()).error.code).toBe("unauthorized:token");
      await context.dispose();
    }
  });

  test("past the per-token limit, 429 with Retry-After", async ({ api }) => {
    const client = await api("svc-backup", "spare"); // a token no other test uses; the server allows 120 a minute
    let limited = null;
    for (let i = 0; i < 130 && !limited; i++) {
      const response = await client.get("me");
      if (response.status() === 429) limited = response;
    }
    expect(limited).not.toBeNull();
    expect(Number(limited!.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await limited!.json()).error.code).toBe("rate-limited:api-token");
  });

  test("the OpenAPI document describes every route from the validating schemas", async ({ baseURL, request }) => {
    const document = await (await request.get(`${baseURL}/api/v1/openapi.json`)).json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/me", "/policies/{id}", "/requests/{id}/approve", "/audit/export"]));
    const createRequest = document.paths["/requests"].post.requestBody.content["application/json"].schema;
    expect(createRequest.properties.type.enum).toEqual(["task", "role", "roleGroup"]);
    expect(createRequest.additionalProperties).toBe(false);
  });
});
