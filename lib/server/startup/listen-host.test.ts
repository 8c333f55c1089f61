import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config";
import { LOOPBACK_HOST, describeListenAddress, listenHost, selfHostname } from "./listen-host";

/** The configuration as `elevate serve` reads it, from these variables alone. */
const hostOf = (env: Record<string, string>) => listenHost(loadConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), ...env }));

describe("where the production server listens", () => {
  it("in demo mode (the embedded default), on this machine only: it offers one-click Global Administrator sign-in", () => {
    expect(hostOf({})).toBe(LOOPBACK_HOST);
    expect(hostOf({ ELEVATE_DEMO: "1", DATABASE_URL: "postgres://elevate@db/elevate" })).toBe("127.0.0.1");
  });

  it("in demo mode, where HOST says when it is set", () => {
    expect(hostOf({ HOST: "0.0.0.0" })).toBe("0.0.0.0");
    expect(hostOf({ HOST: "::" })).toBe("::");
    expect(hostOf({ HOST: "[::1]" })).toBe("::1");
    expect(hostOf({ HOST: "192.0.2.10" })).toBe("192.0.2.10");
  });

  it("outside demo mode, on every interface as before, or where HOST says", () => {
    expect(hostOf({ DATABASE_URL: "postgres://elevate@db/elevate" })).toBeUndefined();
    expect(hostOf({ ELEVATE_DEMO: "0" })).toBeUndefined();
    expect(hostOf({ ELEVATE_DEMO: "0", HOST: "127.0.0.1" })).toBe("127.0.0.1");
    // An empty HOST (an env file's `HOST=`) is not set.
    expect(hostOf({ ELEVATE_DEMO: "0", HOST: "" })).toBeUndefined();
    expect(hostOf({ HOST: "" })).toBe("127.0.0.1");
  });

  it("refuses a HOST that is no address or host name, naming it", () => {
    for (const HOST of ["http://0.0.0.0", "127.0.0.1:3000", "a b", "host/path"]) {
      expect(() => loadConfig({ HOST }), HOST).toThrow(ConfigError);
      expect(() => loadConfig({ HOST }), HOST).toThrow(/HOST must be an address/);
    }
  });

  it("says the bound address in the ready line, and tells Next no wildcard to fetch from", () => {
    expect(describeListenAddress("127.0.0.1", 3000)).toBe("127.0.0.1:3000");
    expect(describeListenAddress("::1", 3000)).toBe("[::1]:3000");
    expect(describeListenAddress(undefined, 3000)).toBe("every interface, port 3000");
    expect(describeListenAddress("0.0.0.0", 8080)).toBe("every interface, port 8080");
    expect(selfHostname("127.0.0.1")).toBe("127.0.0.1");
    expect(selfHostname("0.0.0.0")).toBeUndefined();
    expect(selfHostname("::")).toBeUndefined();
    expect(selfHostname(undefined)).toBeUndefined();
  });
});
