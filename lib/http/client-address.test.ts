import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddressHeaderValue, clientAddressOf, resolveClientAddress } from "./client-address";

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
});
