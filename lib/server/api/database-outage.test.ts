/**
 * A database outage through API v1's dispatcher: a TCP proxy in front of the real Postgres stands
 * for the network between Elevate and its database, closed (an outage) and opened again (the
 * server is back). Postgres only: the embedded database lives in the process and cannot be
 * unreachable.
 */
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "@/db/client";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { checkHealth } from "@/lib/health/check-health";
import { createToken } from "@/lib/tokens/create-token";
import { dispatch } from "./router";

/** A TCP relay to `target` that can be cut (every connection dropped, new ones refused) and restored. */
function tcpRelay(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  };
  return {
    get port() {
      return port;
    },
    async open() {
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        track(client);
        track(upstream);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve) => server!.listen(port, "127.0.0.1", resolve));
      port = (server.address() as net.AddressInfo).port;
    },
    async cut() {
      const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

const pinned = globalThis as unknown as { elevateDatabase?: Promise<DatabaseHandle> };

describe.skipIf(!process.env.TEST_DATABASE_URL)("API v1 while Postgres is unreachable", () => {
  let fixture: ContosoFixture;
  let relay: ReturnType<typeof tcpRelay>;
  let handle: DatabaseHandle;
  let token: string;
  const previous = pinned.elevateDatabase;

  beforeAll(async () => {
    fixture = await contosoFixture("postgres");
    ({ token } = await createToken(fixture.database.db, { actor: await fixture.actor("admin@contoso.com"), input: {} }));
    const direct = new URL(fixture.database.url!);
    relay = tcpRelay({ host: direct.hostname, port: Number(direct.port || 5432) });
    await relay.open();
    const relayed = new URL(direct);
    relayed.host = `127.0.0.1:${relay.port}`;
    // The server's own pool, as `elevate serve` opens it, but through the relay.
    handle = await openDatabase({ kind: "postgres", url: relayed.toString() });
    pinned.elevateDatabase = Promise.resolve(handle);
  });
  afterAll(async () => {
    pinned.elevateDatabase = previous;
    await handle?.close();
    await fixture?.database.destroy();
  });

  const call = (path: string) =>
    dispatch(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } }), path, "req-outage");

  it("answers 503 unavailable:database with Retry-After, in the contract's shape, and recovers without a restart", async () => {
    const before = await call("/me");
    expect(before.status).toBe(200); // the pool holds open connections now

    await relay.cut();
    for (const path of ["/me", "/requests", "/policies"]) {
      const during = await call(path);
      expect(during.status, path).toBe(503);
      expect(Number(during.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await during.json()).toEqual({
        error: { code: "unavailable:database", message: expect.stringMatching(/database cannot be reached/) },
      });
    }
    expect(await checkHealth()).toMatchObject({ ok: false, error: "database unavailable" });

    await relay.open(); // the same port: the server is back
    const after = await call("/me");
    expect(after.status).toBe(200);
    expect(await checkHealth()).toMatchObject({ ok: true });
  });
});
