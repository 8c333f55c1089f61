import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./outage";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });
/** As drizzle throws it: its own error, the driver's as the cause. */
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1\nparams: "), { query: "select 1", params: [], cause });

describe("which errors mean the database is unreachable", () => {
  const unavailable: Record<string, unknown> = {
    "connection refused": withCode("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"),
    "connection reset": withCode("ECONNRESET"),
    "connect timeout": withCode("ETIMEDOUT"),
    "host unreachable": withCode("EHOSTUNREACH"),
    "a name that does not resolve": withCode("ENOTFOUND"),
    "every address refused (AggregateError)": Object.assign(new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")]), { code: "ECONNREFUSED" }),
    "AggregateError without a code of its own": new AggregateError([withCode("ECONNREFUSED")]),
    "pg: connection terminated": new Error("Connection terminated unexpectedly"),
    "pg: connection timeout": new Error("Connection terminated due to connection timeout"),
    "pg-pool: no connection in time": new Error("timeout exceeded when trying to connect"),
    "pg: a client that failed earlier": new Error("Client has encountered a connection error and is not queryable"),
    "SQLSTATE 08006 connection failure": withCode("08006"),
    "SQLSTATE 08001 cannot establish": withCode("08001"),
    "SQLSTATE 57P01 admin shutdown": withCode("57P01", "terminating connection due to administrator command"),
    "SQLSTATE 57P02 crash shutdown": withCode("57P02"),
    "SQLSTATE 57P03 cannot connect now": withCode("57P03", "the database system is starting up"),
    "SQLSTATE 53300 too many connections": withCode("53300", "sorry, too many clients already"),
    "wrapped by drizzle": wrapped(withCode("57P01")),
    "wrapped twice": new Error("the sweep failed", { cause: wrapped(new Error("Connection terminated unexpectedly")) }),
  };
  for (const [name, error] of Object.entries(unavailable)) {
    it(`unavailable: ${name}`, () => expect(isDatabaseUnavailable(error)).toBe(true));
  }

  const notUnavailable: Record<string, unknown> = {
    "a unique violation": wrapped(withCode("23505")),
    "a data exception": wrapped(withCode("22P02")),
    "a syntax error": wrapped(withCode("42601")),
    "a serialization failure": wrapped(withCode("40001")),
    "a query cancelled by statement_timeout": wrapped(withCode("57014")),
    "a plain bug": new TypeError("Cannot read properties of undefined"),
    "an HTTP call that was refused (not the database)": new TypeError("fetch failed", { cause: withCode("ECONNREFUSED") }),
    "nothing": undefined,
    "a string": "ECONNREFUSED",
  };
  for (const [name, error] of Object.entries(notUnavailable)) {
    it(`not unavailable: ${name}`, () => expect(isDatabaseUnavailable(error)).toBe(false));
  }

  it("survives a cause chain that loops", () => {
    const a = new Error("a") as Error & { cause?: unknown };
    a.cause = new Error("b", { cause: a });
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
