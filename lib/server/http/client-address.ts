import { randomBytes } from "node:crypto";

/**
 * Who is calling, by network address: the key of per-address rate limits and the `ip` of audit
 * events. The production server resolves it once per request, from the socket and, only across the
 * proxy hops it is told to trust (ELEVATE_TRUSTED_PROXIES), from X-Forwarded-For, and writes it
 * into this header, replacing any value a client sent. Everything else reads it from here, so a
 * client cannot choose its own address by sending a header.
 *
 * The value carries a random proof known only to this process (pinned on globalThis, which Next's
 * bundle and the production server share), so where no production server wrote the header, as
 * under `next dev`, a value a client sent is not believed either.
 */
export const CLIENT_ADDRESS_HEADER = "x-elevate-client-address";

const PROOF = Symbol.for("elevate.client-address-proof");
const pinned = globalThis as { [PROOF]?: string };

/** The header's value for an address, as only this process can write it. */
export function clientAddressHeaderValue(address: string) {
  pinned[PROOF] ??= randomBytes(16).toString("hex");
  return `${pinned[PROOF]} ${address}`;
}

/**
 * Each proxy appends the address it saw to X-Forwarded-For, so the client is the address the
 * farthest trusted proxy saw: counted from the right, past the trusted hops. Entries to the left of
 * that were written by the client and prove nothing.
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trustedProxies: number) {
  const peer = plainAddress(socketAddress ?? "") || "unknown";
  if (trustedProxies === 0 || !forwardedFor) return peer;
  const chain = [...forwardedFor.split(",").map((hop) => plainAddress(hop.trim())).filter(Boolean), peer];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}

/** The address the production server resolved; null where none did (under `next dev`). */
export function clientAddressOf(headers: { get(name: string): string | null }): string | null {
  const value = headers.get(CLIENT_ADDRESS_HEADER);
  const proof = pinned[PROOF];
  if (!value || !proof || !value.startsWith(`${proof} `)) return null;
  return value.slice(proof.length + 1);
}

/** Who is calling, as the audit log records it: the resolved address (null when unknown) and the browser. */
export function clientInfoOf(headers: { get(name: string): string | null }): { ip: string | null; userAgent: string | null } {
  return { ip: clientAddressOf(headers), userAgent: headers.get("user-agent") };
}

/** An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d; the audit log shows a.b.c.d. */
function plainAddress(address: string) {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/** 127.0.0.0/8 and ::1, as a socket reports them (an IPv4 peer of a dual-stack socket as ::ffff:127.x.y.z). */
export function isLoopbackAddress(address: string | undefined) {
  const plain = plainAddress(address ?? "");
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * Whether a request tells of a reverse proxy that nobody told Elevate of: it carries
 * X-Forwarded-For, no proxy is trusted, and it is not this server's own request to itself. Next
 * fetches a server action's redirect target from this server, from loopback, with the action's
 * headers: X-Forwarded-For (Next's own), and the client-address header this server wrote, whose
 * proof no client can know. That is the first demo sign-in of anyone, with no proxy anywhere.
 * A proxy on the same machine (loopback, without the proof) is still told of; what a request says
 * decides nothing here but the header's proof, which a client cannot forge.
 */
export function tellsOfUntrustedProxy({
  forwardedFor,
  trustedProxies,
  peer,
  relayed,
}: {
  forwardedFor: string | undefined;
  trustedProxies: number;
  peer: string | undefined;
  /** The address this server resolved for the request it relays, when the request is such a relay. */
  relayed: string | null;
}) {
  if (!forwardedFor || trustedProxies > 0) return false;
  return !(relayed !== null && isLoopbackAddress(peer));
}
