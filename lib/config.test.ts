import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, resolveAuthSecret } from "./config";

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("defaults to the embedded database in ./.data, demo mode and port 3000", () => {
    const cfg = loadConfig({});
    expect(cfg.database).toEqual({ kind: "embedded", dir: path.resolve(".data/pglite") });
    expect(cfg.demo).toBe(true);
    expect(cfg.port).toBe(3000);
    expect(cfg.publicUrl).toBe("http://localhost:3000");
  });

  it("uses Postgres with DATABASE_URL and turns demo mode off unless ELEVATE_DEMO=1", () => {
    const url = "postgres://elevate@db.internal:5432/elevate";
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ kind: "postgres", url });
    expect(loadConfig({ DATABASE_URL: url }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: url, ELEVATE_DEMO: "1" }).demo).toBe(true);
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "web" }, "PORT"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET"],
    [{ AUTH_URL: "localhost:3000" }, "AUTH_URL"],
    [{ RESEND_BASE_URL: "not a url" }, "RESEND_BASE_URL"],
    [{ EMAIL_FROM: "Elevate" }, "EMAIL_FROM"],
    [{ RESEND_API_KEY: "re_123" }, "EMAIL_FROM"],
    [{ AUTH_MICROSOFT_ENTRA_ID_ID: "client" }, "AUTH_MICROSOFT_ENTRA_ID_SECRET"],
    [{ ELEVATE_DEMO: "maybe" }, "ELEVATE_DEMO"],
    [{ ELEVATE_ADMIN_EMAIL: "admin" }, "ELEVATE_ADMIN_EMAIL"],
    [{ NODE_ENV: "production", DATABASE_URL: "postgres://db/elevate" }, "AUTH_SECRET"],
  ])("refuses %j, naming %s", (env, variable) => {
    expect(problemsOf(env)).toContain(variable);
  });

  it("says what is wrong in the message, one line per variable", () => {
    expect(() => loadConfig({ PORT: "0", DATABASE_URL: "nope" })).toThrow(
      /\n {2}DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ connection URL\n {2}PORT must be between 1 and 65535$/,
    );
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).database.kind).toBe("embedded");
  });

  it("generates the embedded default's AUTH_SECRET once and keeps it beside the data folder", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "elevate-secret-"));
    const cfg = loadConfig({ PGLITE_DIR: path.join(dir, "pglite") });
    const first = resolveAuthSecret(cfg);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(existsSync(path.join(dir, "auth-secret"))).toBe(true);
    expect(readFileSync(path.join(dir, "auth-secret"), "utf8").trim()).toBe(first);
    expect(resolveAuthSecret(loadConfig({ PGLITE_DIR: path.join(dir, "pglite") }))).toBe(first);
  });

  it("prefers AUTH_SECRET when set, and requires it with DATABASE_URL", () => {
    const secret = "x".repeat(40);
    expect(resolveAuthSecret(loadConfig({ AUTH_SECRET: secret }))).toBe(secret);
    expect(() => resolveAuthSecret(loadConfig({ DATABASE_URL: "postgres://db/elevate" }))).toThrow(/AUTH_SECRET/);
  });
});
