/**
 * The OpenAPI document against the router it describes, and what it documents against what the
 * router does: every endpoint with its parameters and body schema, lists with `limit` and
 * `cursor`, durations in quarter hours, times as date-time, empty query values, 429 and 503 with
 * Retry-After, and 405 with Allow for every method a path does not have.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { registerScope } from "@/lib/scopes/register-scope";
import { endpoints } from "./endpoints";
import { API_PREFIX, handleApiRequest } from "./node-handler";
import { isList, openApiDocument } from "./openapi";
import { type ApiAnswer, type ApiCall, apiCaller, useDatabaseForApi } from "./testing/api-harness";

// Low enough to reach in a test; each test below calls with tokens of its own.
vi.stubEnv("ELEVATE_API_RATE_LIMIT", "40");

type Operation = {
  parameters: { name: string; in: string; allowEmptyValue?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: { "application/json": { schema: unknown } } };
  responses: Record<string, { headers?: Record<string, unknown>; content?: { "application/json": { schema: Record<string, unknown> } } }>;
};
const document = openApiDocument("http://localhost:3000");
const operations = document.paths as Record<string, Record<string, Operation>>;
const toSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every schema object in a JSON schema, with the property name it sits under. */
function* propertiesIn(schema: unknown, name = ""): Generator<[string, Record<string, unknown>]> {
  if (!schema || typeof schema !== "object") return;
  if (Array.isArray(schema)) {
    for (const item of schema) yield* propertiesIn(item, name);
    return;
  }
  const record = schema as Record<string, unknown>;
  if (name) yield [name, record];
  for (const [key, value] of Object.entries(record)) {
    if (key === "properties" && value && typeof value === "object") {
      for (const [property, inner] of Object.entries(value)) yield* propertiesIn(inner, property);
    } else if (key === "anyOf" || key === "oneOf" || key === "items") yield* propertiesIn(value, name);
  }
}

/** Every documented schema of a parameter or a body field: where, its name, the schema. */
function* documentedSchemas(): Generator<[string, string, Record<string, unknown>]> {
  for (const [path, methods] of Object.entries(operations)) {
    for (const [method, operation] of Object.entries(methods)) {
      const where = `${method} ${path}`;
      for (const parameter of operation.parameters) for (const found of propertiesIn(parameter.schema, parameter.name)) yield [where, ...found];
      if (operation.requestBody) for (const found of propertiesIn(operation.requestBody.content["application/json"].schema)) yield [where, ...found];
    }
  }
}

/** The methods a concrete path has, from every template that matches it, as the router finds them. */
function methodsOf(path: string) {
  const parts = path.split("/");
  return Object.entries(operations)
    .filter(([template]) => {
      const expected = template.split("/");
      return expected.length === parts.length && expected.every((segment, i) => segment.startsWith("{") || segment === parts[i]);
    })
    .flatMap(([, methods]) => Object.keys(methods).map((m) => m.toUpperCase()));
}

describe("the OpenAPI document", () => {
  it("describes every endpoint of the router, and nothing else, with the schemas that validate it", () => {
    const documented = Object.entries(operations).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(endpoints.map((e) => `${e.method} ${e.path}`).sort());
    for (const e of endpoints) {
      const operation = operations[e.path]![e.method.toLowerCase()]!;
      const what = `${e.method} ${e.path}`;
      expect(operation.parameters.filter((p) => p.in === "path").map((p) => p.name), what).toEqual([...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      const query = operation.parameters.filter((p) => p.in === "query");
      expect(query.map((p) => p.name), what).toEqual(Object.keys((e.query ? toSchema(e.query).properties : {}) ?? {}));
      for (const parameter of query) expect(parameter.schema, `${what} ?${parameter.name}`).toEqual(toSchema(e.query!).properties![parameter.name]);
      expect(operation.requestBody?.content["application/json"].schema, what).toEqual(e.body ? toSchema(e.body) : undefined);
      expect(Object.keys(operation.responses), what).toEqual(expect.arrayContaining([String(e.status ?? 200), "400", "401", "429", "503", "default"]));
    }
  });

  it("gives durations in steps of 0.25 hours and times as date-time", () => {
    let durations = 0;
    let times = 0;
    for (const [where, name, property] of documentedSchemas()) {
      if (/Hours$/.test(name) && property.type === "number") {
        durations++;
        expect(property.multipleOf, `${where}: ${name}`).toBe(0.25);
        expect(property.maximum, `${where}: ${name}`).toEqual(expect.any(Number));
      }
      if (/^(since|until)$|At$/.test(name) && property.type === "string") {
        times++;
        expect(property.format, `${where}: ${name}`).toBe("date-time");
      }
    }
    expect(durations).toBeGreaterThan(5);
    expect(times).toBeGreaterThan(3);
  });

  it("says what 429 and 503 carry: Retry-After, and the contract's error", () => {
    for (const [path, methods] of Object.entries(operations)) {
      for (const [method, { responses }] of Object.entries(methods)) {
        for (const status of ["429", "503"]) {
          expect(responses[status]?.headers, `${method} ${path} ${status}`).toHaveProperty("Retry-After");
          expect(responses[status]?.content?.["application/json"].schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        }
      }
    }
  });

  it("documents booleans by the values the router takes, and an empty value as leaving it out", () => {
    const mine = operations["/requests"]!.get!.parameters.find((p) => p.name === "mine")!;
    expect(mine.schema).toEqual({ type: "string", enum: ["true", "false", "1", "0"] });
    for (const [path, methods] of Object.entries(operations)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const parameter of operation.parameters.filter((p) => p.in === "query")) {
          expect(parameter.allowEmptyValue, `${method} ${path} ?${parameter.name}`).toBe(true);
        }
      }
    }
  });
});

describe.each(testDatabaseKinds)("what the OpenAPI document says, held by the router on %s", (kind) => {
  let f: ContosoFixture;
  let caller: () => Promise<(call: ApiCall) => Promise<ApiAnswer>>;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
    const admin = await f.actor("admin@contoso.com");
    caller = () => apiCaller(f.database, admin);
    await registerScope(f.database.db, { actor: admin, input: { name: "Bastion" } }); // a second scope to page to
  });
  afterAll(() => f.database.destroy());

  it("every endpoint that answers a list takes limit and cursor and pages with nextCursor", async () => {
    const call = await caller();
    await call({ method: "POST", path: "/tokens", body: '{"name": "second"}' }); // a second token to page to
    for (const e of endpoints.filter((e) => e.method === "GET" && !e.path.includes("{"))) {
      const next = await caller(); // before the whole list is read: making its token writes rows
      const whole = await next({ method: "GET", path: e.path });
      const answersList = whole.json !== null && typeof whole.json === "object" && "items" in whole.json && "nextCursor" in whole.json;
      expect(isList(e), `${e.path} answers a list: it must take limit and cursor`).toBe(answersList);
      if (!answersList) continue;
      const first = await next({ method: "GET", path: `${e.path}?limit=1` });
      expect(first.status, e.path).toBe(200);
      const page = first.json as { items: unknown[]; nextCursor: string | null };
      expect(page.items, e.path).toHaveLength(1);
      expect(page.nextCursor, e.path).toEqual(expect.any(String));
      const second = (await next({ method: "GET", path: `${e.path}?limit=1&cursor=${page.nextCursor}` })).json as { items: unknown[] };
      expect(second.items, e.path).toHaveLength(1);
      expect(second.items[0], e.path).not.toEqual(page.items[0]);
      expect((whole.json as { items: unknown[] }).items.slice(0, 2), e.path).toEqual([page.items[0], second.items[0]]);
    }
  });

  it("an empty query value is the parameter left out, for every documented one", async () => {
    for (const e of endpoints.filter((e) => e.query)) {
      const names = Object.keys(toSchema(e.query!).properties ?? {});
      const path = e.path.replace(/\{\w+\}/g, "x");
      const answer = await (await caller())({ method: e.method, path: `${path}?${names.map((n) => `${n}=`).join("&")}` });
      expect(answer.status, `${e.method} ${path} ${answer.text.slice(0, 200)}`).toBeLessThan(400);
    }
    // A name the endpoint does not have is refused, empty or not.
    expect((await (await caller())({ method: "GET", path: "/me?mine=" })).status).toBe(400);
  });

  it("past the limit, 429 with Retry-After", async () => {
    const call = await caller();
    let limited: ApiAnswer | undefined;
    for (let i = 0; i < 50 && !limited; i++) {
      const answer = await call({ method: "GET", path: "/me" });
      if (answer.status === 429) limited = answer;
    }
    expect(limited?.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect((limited?.json as { error: { code: string } }).error.code).toBe("rate-limited:api-token");
  });

  it("a method a path does not have is 405 invalid:method with the documented methods as Allow", async () => {
    for (const template of Object.keys(operations)) {
      const call = await caller();
      const path = template.replace(/\{\w+\}/g, "x");
      const documented = methodsOf(path);
      const allow = [...new Set([...documented, ...(documented.includes("GET") ? ["HEAD"] : [])])].sort().join(", ");
      for (const method of METHODS.filter((m) => !allow.split(", ").includes(m))) {
        const answer = await call({ method, path });
        expect(answer.status, `${method} ${path}`).toBe(405);
        expect(answer.headers.get("allow"), `${method} ${path}`).toBe(allow);
        expect((answer.json as { error: { code: string } }).error.code, `${method} ${path}`).toBe("invalid:method");
      }
    }
    const head = await (await caller())({ method: "HEAD", path: "/me" });
    expect(head.status).toBe(200);
  });

  describe("through the production server's handler", () => {
    let base: string;
    let close: () => Promise<void>;
    beforeAll(async () => {
      const server = createServer((req, res) => void handleApiRequest(req, res));
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${API_PREFIX}`;
      close = () => new Promise((resolve) => server.close(() => resolve()));
    });
    afterAll(() => close());
    const send = (method: string, path: string) =>
      new Promise<{ status: number; allow?: string; body: string }>((resolve, reject) => {
        const outgoing = httpRequest(`${base}${path}`, { method }, (incoming) => {
          let body = "";
          incoming.on("data", (chunk: Buffer) => (body += chunk));
          incoming.on("end", () => resolve({ status: incoming.statusCode ?? 0, allow: incoming.headers.allow, body }));
        });
        outgoing.on("error", reject);
        outgoing.end();
      });

    it("TRACE, which no fetch Request carries, is 405 with Allow too; on an unknown path 404", async () => {
      for (const path of ["/me", "/policies/x"]) {
        const answer = await send("TRACE", path);
        expect(answer.status, path).toBe(405);
        expect(answer.allow, path).toBe(path === "/me" ? "GET, HEAD" : "DELETE, GET, HEAD, PATCH");
        expect(JSON.parse(answer.body).error.code, path).toBe("invalid:method");
      }
      expect((await send("TRACE", "/nothing-here")).status).toBe(404);
    });

    it("HEAD is GET without the body where there is a GET, and 405 where there is not", async () => {
      const me = await send("HEAD", "/me");
      expect(me.status).toBe(401); // answered as GET /me would be: no token
      expect(me.body).toBe("");
      const run = await send("HEAD", "/tasks/run");
      expect(run.status).toBe(405);
      expect(run.allow).toBe("POST");
    });

    it("the OpenAPI document is served for GET, and every other method is 405 with Allow", async () => {
      const got = await send("GET", "/openapi.json");
      expect(got.status).toBe(200);
      expect(JSON.parse(got.body).openapi).toBe("3.1.0");
      for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "TRACE"]) {
        const answer = await send(method, "/openapi.json");
        expect(answer.status, method).toBe(405);
        expect(answer.allow, method).toBe("GET, HEAD");
      }
    });
  });
});
