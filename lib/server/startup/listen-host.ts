import type { Config } from "@/lib/config";

export const LOOPBACK_HOST = "127.0.0.1";

/**
 * Where the production server listens: HOST when it is set; in demo mode this machine only, because
 * the demo offers one-click sign-in as a Global Administrator to whoever reaches the port; otherwise
 * every interface (undefined: Node's default), as a server behind a proxy or in a container needs.
 */
export function listenHost(cfg: Pick<Config, "host" | "demo">): string | undefined {
  if (cfg.host) return cfg.host;
  return cfg.demo ? LOOPBACK_HOST : undefined;
}

/** The hostname Next is told of, for the requests it makes to itself: a wildcard address is no place to connect to. */
export function selfHostname(host: string | undefined): string | undefined {
  return host && !isWildcard(host) ? host : undefined;
}

/** "127.0.0.1:3000", "[::1]:3000", or "every interface, port 3000", for the ready line. */
export function describeListenAddress(host: string | undefined, port: number): string {
  if (!host || isWildcard(host)) return `every interface, port ${port}`;
  return host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`;
}

function isWildcard(host: string) {
  return host === "0.0.0.0" || host === "::" || host === "[::]";
}

/**
 * What the production server listens on, as it told this process (lib/server/production-server.ts), for
 * the ready line that instrumentation prints (start-server.ts). Pinned on globalThis, which Next's
 * bundle and the production server share; unset under `next dev`, which listens where it likes.
 */
const LISTENING = Symbol.for("elevate.listen-address");
const pinned = globalThis as { [LISTENING]?: { host: string | undefined; port: number } };

export function recordListenAddress(address: { host: string | undefined; port: number }) {
  pinned[LISTENING] = address;
}

export function recordedListenAddress() {
  return pinned[LISTENING] ?? null;
}
