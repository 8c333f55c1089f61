/**
 * Every endpoint of API v1, taken from the router's own table (so a new one is walked without
 * anyone remembering), sent what an attacker sends: keys named after Object.prototype members at
 * the top and nested, control characters, huge, negative and fractional numbers, forged cursors,
 * dates out of range and hostile path segments. Each must be refused with a 4xx in the contract's
 * error shape, never a 5xx, and must write nothing: the row count of every table is the same after
 * the call, but for rate_limits (every call is counted, refused or not).
 *
 * The one exception is stated where it is checked: an attempt to run a task that gets as far as
 * the runspace is recorded and audited even when refused (a task run and a `task.failed` or
 * `task.blocked` event), as every attempt is.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { accessRequests, apiTokens, approverGroups, policies } from "@/db/schema";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { registerScope } from "@/lib/scopes/register-scope";
import type { Endpoint } from "./endpoint";
import { endpoints } from "./endpoints";
import { type ApiAnswer, type ApiCall, apiCaller, rowCounts, useDatabaseForApi } from "./testing/api-harness";

// The walk sends far more calls a minute than the default limit allows a token.
vi.stubEnv("ELEVATE_API_RATE_LIMIT", "1000000");

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__"];
const CONTROL_KEYS = ["\u0000", "\u0001", "a\nb", "\u001b[31m", "\u007f", "\u2028"];

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const FORGED_CURSORS = [
  "forged",
  "%00",
  b64("not json"),
  b64(null),
  b64([]),
  b64({}),
  b64('{"constructor": {"prototype": {"polluted": true}}}'),
  b64('{"__proto__": {"polluted": true}}'),
  // The shapes the lists give out, each with one forged value.
  b64({ createdAt: "nope", id: "00000000-0000-4000-8000-000000000000" }),
  b64({ createdAt: "2026-01-01T00:00:00.000Z", id: "not-a-uuid" }),
  b64({ createdAt: "0000-01-01T00:00:00.000Z", id: "00000000-0000-4000-8000-000000000000" }),
  b64({ createdAt: "+275760-09-13T00:00:00.001Z", id: "00000000-0000-4000-8000-000000000000" }),
  b64({ createdAt: 1e300, id: "00000000-0000-4000-8000-000000000000" }),
  b64({ at: "nope", seq: 1 }),
  b64({ at: "2026-01-01T00:00:00.000Z", seq: 1.5 }),
  b64({ at: "2026-01-01T00:00:00.000Z", seq: 1e300 }),
  b64({ at: "2026-01-01T00:00:00.000Z", seq: -1 }),
  b64({ at: "2026-01-01T00:00:00.000Z", seq: "1" }),
  b64({ at: "-000001-01-01T00:00:00.000Z", seq: 1 }),
  b64({ email: "\u0000" }),
  b64({ email: "\ud800" }),
  b64({ email: "x".repeat(5000) }),
  b64({ email: 1 }),
  b64({ after: "\u0000" }),
  b64({ after: 1e300 }),
  b64({ after: "a", extra: 1 }),
  "A".repeat(100_000),
];
const BAD_DATES = [
  "0000-01-01T00:00:00Z",
  "-000001-01-01T00:00:00Z",
  "+275760-09-13T00:00:00Z",
  "10000-01-01T00:00:00Z",
  "2026-13-45T00:00:00Z",
  "2026-02-30T00:00:00Z",
  "yesterday",
  "0001-01-01T00:00:00+01:00",
  "1e300",
  "%00",
];
const BAD_NUMBERS = ["-1", "0", "1.5", "1e300", "-1e300", "99999999999999999999999", "NaN", "Infinity", "0x10", "%00", "1%00"];
const BAD_WORDS = ["__proto__", "constructor", "perhaps", "%00", "a%0Ab", "%1B[31m"];

/** Values every body field refuses, whatever its type. */
const HOSTILE_VALUES = [
  '"\\u0000"',
  '"x\\u0000y"',
  '"\\ud800"',
  "1e300",
  "-1e300",
  "-1",
  '{"__proto__": {"polluted": true}}',
  '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": 1}',
  '[{"__proto__": {"polluted": true}}]',
  `${"[".repeat(64)}${"]".repeat(64)}`,
  `${'{"a":'.repeat(64)}1${"}".repeat(64)}`,
];

interface Fixture {
  policyId: string;
  requestId: string;
  groupId: string;
  tokenId: string;
  scope: string;
  member: string;
}

/** A real resource for each path parameter, so a call gets past "not found" to its validation. */
function pathOf(endpoint: Endpoint, real: Fixture, override?: string) {
  const resource = endpoint.path.split("/")[1];
  return endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (override !== undefined) return override;
    const key = `${resource}/${name}`;
    const value = {
      "policies/id": real.policyId,
      "requests/id": real.requestId,
      "approver-groups/id": real.groupId,
      "tokens/id": real.tokenId,
      "scopes/name": real.scope,
      "members/email": real.member,
    }[key];
    if (value === undefined) throw new Error(`No real resource for {${name}} of ${endpoint.path}: add one to pathOf.`);
    return encodeURIComponent(value);
  });
}

/**
 * Bodies each endpoint would accept, so that in a hostile variant the hostile part is the only thing
 * wrong with it. An endpoint without one here is still walked, from `{}`.
 */
const VALID_BODIES: Record<string, Record<string, unknown>> = {
  "PATCH /settings": { pamEnabled: true, maxDurationHours: 8 },
  "POST /policies": { type: "task", target: "Get-Mailbox", approvalType: "manual", maxDurationHours: 4, eligible: [] },
  "PATCH /policies/{id}": { requiredApprovals: 1, maxDurationHours: 4, eligible: [] },
  "POST /requests": { target: "New-JournalRule", durationHours: 1, reason: "Legal hold", ticket: null },
  "POST /requests/{id}/approve": { comment: "fine" },
  "POST /requests/{id}/deny": { comment: "no" },
  "POST /requests/{id}/revoke": { comment: "done" },
  "POST /requests/{id}/extend": { durationHours: 1, reason: "more" },
  "POST /access/check": { scope: "Exchange", task: "Get-Mailbox", user: "requester@contoso.com" },
  "POST /tasks/run": { scope: "Exchange", task: "Get-Mailbox", parameters: {} },
  "POST /tokens": { name: "laptop", expiresInDays: 30 },
  "POST /approver-groups": { name: "Walkers", description: "d", members: ["approver1@contoso.com"] },
  "PATCH /approver-groups/{id}": { description: "d", addMembers: ["approver1@contoso.com"] },
  "POST /scopes": { name: "Walked", description: "d" },
  "PUT /scopes/{name}": { description: "d", tasks: [{ name: "Open-Session" }], roles: [], roleGroups: [] },
  "POST /members": { email: "walker@contoso.com", name: "Walker", roles: [], roleGroups: [], guest: false },
  "POST /members/import": { csv: "email,name\nwalker@contoso.com,Walker\n", dryRun: true },
  "PATCH /members/{email}": { guest: false, roles: [] },
};

const keyOf = (endpoint: Endpoint) => `${endpoint.method} ${endpoint.path}`;
const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, PropertySchema> };
type PropertySchema = { type?: string; format?: string; enum?: unknown[]; anyOf?: PropertySchema[] };

/** Values a query parameter of this schema refuses. */
function badQueryValues(name: string, schema: PropertySchema): string[] {
  if (name === "cursor") return FORGED_CURSORS.map((c) => (c === "%00" ? c : encodeURIComponent(c)));
  const types = [schema, ...(schema.anyOf ?? [])];
  if (types.some((t) => t.format === "date-time") || name === "since" || name === "until") return BAD_DATES;
  if (types.some((t) => t.type === "integer" || t.type === "number")) return BAD_NUMBERS;
  if (types.some((t) => t.enum)) return BAD_WORDS;
  return ["%00", "a%00b"]; // free text: only what can never be stored or compared
}

/** Every hostile call for one endpoint. */
function hostileCalls(endpoint: Endpoint, real: Fixture): (ApiCall & { why: string })[] {
  const calls: (ApiCall & { why: string })[] = [];
  const path = pathOf(endpoint, real);
  const base = VALID_BODIES[keyOf(endpoint)] ?? {};
  const body = endpoint.body ? JSON.stringify(base) : undefined;
  const method = endpoint.method;

  // The query string: unknown names, and each known name with values it refuses.
  for (const key of [...PROTOTYPE_KEYS, ...CONTROL_KEYS]) {
    calls.push({ why: `query key ${JSON.stringify(key)}`, method, path: `${path}?${encodeURIComponent(key)}=1`, body });
  }
  calls.push({ why: "query key __proto__[x]", method, path: `${path}?__proto__[polluted]=1&constructor[prototype][polluted]=1`, body });
  const properties = endpoint.query ? (jsonSchemaOf(endpoint.query).properties ?? {}) : {};
  for (const [name, schema] of Object.entries(properties)) {
    for (const value of badQueryValues(name, schema)) {
      calls.push({ why: `query ${name}=${value.slice(0, 40)}`, method, path: `${path}?${name}=${value}`, body });
    }
  }

  // Path segments: prototype names, control characters, broken encoding, overlong.
  if (endpoint.path.includes("{")) {
    for (const segment of ["__proto__", "constructor", "toString", "%00", "%0A", "%1B", "%7F", "%E0%A4%A", "%ED%A0%80", "x".repeat(3000), "-1", "1e300"]) {
      calls.push({ why: `path segment ${segment.slice(0, 20)}`, method, path: pathOf(endpoint, real, segment), body });
    }
  }

  if (!endpoint.body) return calls;
  // Bodies that are not an object, and objects with hostile keys.
  for (const text of ["[]", '"x"', "1", "null", "true", `${"[".repeat(5000)}${"]".repeat(5000)}`]) {
    calls.push({ why: `body ${text.slice(0, 20)}`, method, path, body: text });
  }
  for (const key of [...PROTOTYPE_KEYS, ...CONTROL_KEYS]) {
    for (const value of ["1", '{"polluted": true}']) {
      const text = `{${JSON.stringify(key)}: ${value}${Object.keys(base).length ? `, ${JSON.stringify(base).slice(1, -1)}` : ""}}`;
      calls.push({ why: `body key ${JSON.stringify(key)}: ${value}`, method, path, body: text });
    }
  }
  // Each known field in turn holding a value it refuses, the rest of the body valid.
  const fields = jsonSchemaOf(endpoint.body).properties ?? {};
  for (const field of Object.keys(fields)) {
    for (const value of HOSTILE_VALUES) {
      const rest = JSON.stringify({ ...base, [field]: undefined }).slice(1, -1);
      const text = `{${JSON.stringify(field)}: ${value}${rest ? `, ${rest}` : ""}}`;
      calls.push({ why: `body ${field}: ${value.slice(0, 40)}`, method, path, body: text });
    }
  }
  return calls;
}

const errorShape = z.strictObject({
  error: z.strictObject({
    code: z.string().regex(/^(invalid|unauthorized|forbidden|not-found|conflict|limit|rate-limited):[a-z0-9-]+$/),
    message: z.string().min(1),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});

describe.each(testDatabaseKinds)("API v1 walked with hostile input on %s", (kind) => {
  let f: ContosoFixture;
  let call: (call: ApiCall) => Promise<ApiAnswer>;
  let real: Fixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
    useDatabaseForApi(f.database);
    const admin = await f.actor("admin@contoso.com");
    call = await apiCaller(f.database, admin);
    const db = f.database.db;
    const scope = (await registerScope(db, { actor: admin, input: { name: "Bastion" } })).name;
    const [policy] = await db.select({ id: policies.id }).from(policies).where(eq(policies.organisationId, f.organisationId)).limit(1);
    const [request] = await db.select({ id: accessRequests.id }).from(accessRequests).where(eq(accessRequests.status, "pending")).limit(1);
    const [group] = await db.select({ id: approverGroups.id }).from(approverGroups).where(eq(approverGroups.organisationId, f.organisationId)).limit(1);
    const [token] = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.userId, admin.userId)).limit(1);
    real = { policyId: policy!.id, requestId: request!.id, groupId: group!.id, tokenId: token!.id, scope, member: "requester@contoso.com" };
  });
  afterAll(() => f.database.destroy());

  it("has a valid body at hand for each endpoint that takes one, as its own schema reads it", () => {
    for (const endpoint of endpoints.filter((e) => e.body)) {
      const body = VALID_BODIES[keyOf(endpoint)];
      if (body) expect(endpoint.body!.safeParse(body).error, keyOf(endpoint)).toBeUndefined();
    }
  });

  it.each(endpoints.map((endpoint) => [keyOf(endpoint), endpoint] as const))("%s refuses every hostile input cleanly", async (_, endpoint) => {
    const problems: string[] = [];
    let attempts = 0;
    for (const hostile of hostileCalls(endpoint, real)) {
      const before = await rowCounts(f.database);
      const answer = await call(hostile);
      const after = await rowCounts(f.database);
      const what = `${hostile.why} → ${answer.status} ${answer.text.slice(0, 200)}`;
      if (answer.status < 400 || answer.status >= 500) problems.push(`status: ${what}`);
      else if (!errorShape.safeParse(answer.json).success) problems.push(`shape: ${what}`);
      if (answer.status === 405 && !answer.headers.get("allow")) problems.push(`no Allow: ${what}`);
      const written = Object.keys(after).filter((table) => after[table] !== before[table] && table !== "rate_limits");
      // The exception: an attempt that reached the runspace is recorded and audited, refused or not.
      const attempt = keyOf(endpoint) === "POST /tasks/run" && written.length === 2 && written.includes("task_runs") && written.includes("audit_events");
      if (attempt) {
        attempts++;
        if (after.task_runs! - before.task_runs! !== 1 || after.audit_events! - before.audit_events! !== 1) problems.push(`attempt recorded twice: ${what}`);
      } else if (written.length > 0) {
        problems.push(`wrote ${written.map((t) => `${t} ${before[t]}→${after[t]}`).join(", ")}: ${what}`);
      }
    }
    expect(problems).toEqual([]);
    // Hostile parameters of a task the caller may run reach the runspace, and each is recorded.
    if (keyOf(endpoint) === "POST /tasks/run") expect(attempts).toBeGreaterThan(0);
  });
});
