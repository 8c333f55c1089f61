import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function serve(env: Record<string, string>) {
  return spawnSync(process.execPath, ["lib/cli/elevate.mjs", "serve"], {
    env: { PATH: process.env.PATH, NODE_ENV: "test", ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
}

describe("a production start with a bad configuration", () => {
  it("stops before building, naming the missing AUTH_SECRET", () => {
    const result = serve({ DATABASE_URL: "postgres://elevate@127.0.0.1:1/elevate" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/AUTH_SECRET is required with DATABASE_URL/);
    expect(result.stdout).not.toMatch(/Building/);
  });

  it("stops naming a bad PORT and a bad DATABASE_URL", () => {
    const result = serve({ PORT: "web", DATABASE_URL: "mysql://db/elevate" });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/PORT must be a port number/);
    expect(result.stderr).toMatch(/DATABASE_URL must be a postgres/);
  });
});
