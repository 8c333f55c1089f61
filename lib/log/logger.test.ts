import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { internalError } from "@/lib/server/api/errors";
import { createLogger, logger } from "./logger";

const SECRET_EMAIL = "secret@example.com";

/** A logger writing into an array, configured as the server's is. */
function capturingLogger() {
  const lines: string[] = [];
  return { log: createLogger({ write: (line: string) => void lines.push(line) }), lines };
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("the query did not fail");
}

describe.each(testDatabaseKinds)("logging a failed query on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await database.db.execute(sql`create table logged_people (email text unique)`);
    await database.db.execute(sql`insert into logged_people values (${SECRET_EMAIL})`);
  });
  afterAll(() => database.destroy());

  // The value shows in drizzle's message and params, and in the driver's message or its detail.
  const failures = {
    "a value the type refuses": () => database.db.execute(sql`select ${SECRET_EMAIL}::uuid`),
    "a unique violation": () => database.db.execute(sql`insert into logged_people values (${SECRET_EMAIL})`),
  };

  for (const [name, run] of Object.entries(failures)) {
    it(`writes one JSON line with the stack and the cause, without the parameter (${name})`, async () => {
      const error = await failureOf(run());
      // The premise: the error as thrown does carry the value.
      expect(`${(error as Error).message} ${JSON.stringify(error)}`).toContain(SECRET_EMAIL);

      const { log, lines } = capturingLogger();
      log.error({ err: error, requestId: "req-1" }, "API v1: unexpected error");

      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain(SECRET_EMAIL);
      const record = JSON.parse(lines[0]!);
      expect(record).toMatchObject({ level: 50, msg: "API v1: unexpected error", requestId: "req-1" });
      expect(record.err.message).toMatch(/^Failed query: /);
      expect(record.err.stack).toMatch(/\n\s+at /);
      expect(record.err.params).toBeUndefined();
      // The driver's own error, with its SQLSTATE, is kept as the cause.
      expect(record.err.cause.code).toMatch(/^2/);
      expect(record.err.cause.message).toEqual(expect.any(String));
      expect(record.err.cause.stack).toEqual(expect.any(String));
    });
  }
});

describe("the logger's redaction", () => {
  it("hides a bearer token, a cookie and secrets wherever a record holds them", () => {
    const { log, lines } = capturingLogger();
    log.warn(
      {
        headers: { authorization: "Bearer elevate_pat_0123456789abcdef", cookie: "authjs.session-token=abc123session" },
        request: { headers: { authorization: "Bearer elevate_pat_nested0123" } },
        token: "elevate_pat_top0123",
        params: [SECRET_EMAIL],
        path: "/api/v1/requests",
      },
      "refused",
    );
    expect(lines[0]).not.toMatch(/elevate_pat_|abc123session|secret@example\.com/);
    const record = JSON.parse(lines[0]!);
    expect(record.headers.authorization).toBe("[redacted]");
    expect(record.request.headers.authorization).toBe("[redacted]");
    expect(record.path).toBe("/api/v1/requests");
  });

  it("keeps an error's cause chain, and blanks the chain's parameters in every message", () => {
    const driverError = Object.assign(new Error(`invalid input syntax for type uuid: "${SECRET_EMAIL}"`), { code: "22P02", detail: SECRET_EMAIL });
    const queryError = Object.assign(new Error(`Failed query: select $1::uuid\nparams: ${SECRET_EMAIL}`, { cause: driverError }), {
      query: "select $1::uuid",
      params: [SECRET_EMAIL],
    });
    const { log, lines } = capturingLogger();
    log.error({ err: new Error("the sweep failed", { cause: queryError }) }, "sweeper: a sweep failed");
    expect(lines[0]).not.toContain(SECRET_EMAIL);
    const record = JSON.parse(lines[0]!);
    expect(record.err.message).toBe("the sweep failed");
    expect(record.err.cause).toMatchObject({ message: "Failed query: select $1::uuid", query: "select $1::uuid" });
    expect(record.err.cause.cause).toMatchObject({ code: "22P02", message: 'invalid input syntax for type uuid: "[redacted]"' });
  });
});

describe("errors wrapped in plain objects", () => {
  it("serialises the error inside and hides its parameters (Auth.js wraps its cause as { err })", () => {
    const token = "fCBDg3GWzOOD7Ev9GK1GBqAawHfuwm_HMCH1y1VpbOU";
    const queryError = Object.assign(new Error(`Failed query: select 1 where token = $1\nparams: ${token}`), {
      query: "select 1 where token = $1",
      params: [token],
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    });
    const sessionError = Object.assign(new Error("Read more at https://errors.authjs.dev#jwtsessionerror"), {
      name: "JWTSessionError",
      cause: { err: queryError, sessionToken: token },
    });
    const { log, lines } = capturingLogger();
    log.error({ err: sessionError }, "auth: unexpected error");
    expect(lines[0]).not.toContain(token);
    const record = JSON.parse(lines[0]!);
    expect(record.err.cause.err).toMatchObject({ message: "Failed query: select 1 where token = $1", cause: { code: "ECONNREFUSED" } });
    expect(record.err.cause.err.stack).toEqual(expect.any(String));
  });
});

describe("API v1's 500", () => {
  it("logs the error itself through the logger, with the request id it answers with", async () => {
    const error = new Error("boom");
    const spy = vi.spyOn(logger, "error").mockImplementation(() => {});
    const response = internalError(error, "req-42");
    expect(spy).toHaveBeenCalledWith({ err: error, requestId: "req-42" }, expect.any(String));
    spy.mockRestore();
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("req-42");
    const body = await response.json();
    expect(body).toEqual({ error: { code: "internal:error", message: expect.stringContaining("req-42") } });
  });
});
