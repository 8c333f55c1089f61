import { describe, expect, it } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressHeaderValue,
  clientAddressOf,
  isLoopbackAddress,
  resolveClientAddress,
  tellsOfUntrustedProxy,
} from "./client-address";

describe("the client's address", () => {
  it("is the socket's when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(resolveClientAddress("203.0.113.9", "198.51.100.1", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("2001:db8::7", undefined, 0)).toBe("2001:db8::7");
  });

  it("behind one trusted proxy, is the address that proxy appended, not one the client wrote", () => {
    expect(resolveClientAddress("10.0.0.2", "198.51.100.1", 1)).toBe("198.51.100.1");
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.1", 1)).toBe("198.51.100.1");
  });

  it("behind two trusted proxies, skips both hops", () => {
    expect(resolveClientAddress("10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.0.2", 2)).toBe("198.51.100.1");
  });

  it("when the header has fewer hops than trusted proxies, takes the farthest one there is", () => {
    expect(resolveClientAddress("10.0.0.3", "198.51.100.1", 3)).toBe("198.51.100.1");
    expect(resolveClientAddress("10.0.0.3", undefined, 1)).toBe("10.0.0.3");
  });

  it("is believed from the header only as the production server wrote it, never as a client did", () => {
    const headers = (value: string) => new Headers({ [CLIENT_ADDRESS_HEADER]: value });
    expect(clientAddressOf(headers("7.7.7.7"))).toBeNull(); // before any server wrote one, too
    const written = clientAddressHeaderValue("198.51.100.1");
    expect(clientAddressOf(headers(written))).toBe("198.51.100.1");
    expect(clientAddressOf(headers("7.7.7.7"))).toBeNull();
    expect(clientAddressOf(headers(`${"0".repeat(32)} 7.7.7.7`))).toBeNull();
    expect(clientAddressOf(new Headers())).toBeNull();
  });

  it("knows loopback peers as a socket reports them", () => {
    for (const address of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ["192.0.2.2", "::ffff:192.0.2.2", "fd00::2", "10.0.0.1", "127.0.0.1.evil", "", undefined]) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe("the warning of an untrusted proxy", () => {
  const relayed = "203.0.113.9"; // what this server resolved for the request Next relays
  it.each([
    // No proxy in front: Next's own request to this server after a demo sign-in (loopback, with the proof).
    [{ forwardedFor: "::1", trustedProxies: 0, peer: "::1", relayed }, false],
    [{ forwardedFor: "127.0.0.1", trustedProxies: 0, peer: "::ffff:127.0.0.1", relayed }, false],
    [{ forwardedFor: undefined, trustedProxies: 0, peer: "198.51.100.4", relayed: null }, false],
    [{ forwardedFor: "", trustedProxies: 0, peer: "198.51.100.4", relayed: null }, false],
    // Proxies that Elevate was told of.
    [{ forwardedFor: "198.51.100.4", trustedProxies: 1, peer: "10.0.0.2", relayed: null }, false],
    [{ forwardedFor: "198.51.100.4", trustedProxies: 1, peer: "127.0.0.1", relayed: null }, false],
    // A proxy nobody told Elevate of: on another machine, or on this one (loopback, without the proof).
    [{ forwardedFor: "198.51.100.4", trustedProxies: 0, peer: "10.0.0.2", relayed: null }, true],
    [{ forwardedFor: "198.51.100.4", trustedProxies: 0, peer: "127.0.0.1", relayed: null }, true],
    // The proof counts from loopback only: a relay from elsewhere is no request of this server's.
    [{ forwardedFor: "198.51.100.4", trustedProxies: 0, peer: "10.0.0.2", relayed }, true],
  ])("%j: %s", (request, warns) => {
    expect(tellsOfUntrustedProxy(request)).toBe(warns);
  });

  it("cannot be talked out of by a client: a forged client-address header is no proof", () => {
    clientAddressHeaderValue("198.51.100.1"); // this process's proof exists
    const forged = new Headers({ [CLIENT_ADDRESS_HEADER]: `${"f".repeat(32)} 127.0.0.1`, "x-forwarded-for": "127.0.0.1" });
    const relayedByForgery = clientAddressOf(forged);
    expect(relayedByForgery).toBeNull();
    expect(tellsOfUntrustedProxy({ forwardedFor: "127.0.0.1", trustedProxies: 0, peer: "127.0.0.1", relayed: relayedByForgery })).toBe(true);
  });
});
