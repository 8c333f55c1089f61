import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { expect, test } from "@playwright/test";
import { PRODUCTION_PORT } from "./production/production-settings.mjs";

// The main test server is the demo (`elevate serve`, ELEVATE_DEMO=1, no HOST): it offers one-click
// sign-in as a Global Administrator, so it answers this machine only. The production-mode test
// server (no demo) listens on every interface, as it always did.
const DEMO_PORT = 3100;

/** An address by which other machines reach this one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && !entry.internal && entry.family === "IPv4")?.address;

/** Whether a TCP connection to host:port is accepted (refused: nothing listens there). */
function accepts(host: string, port: number) {
  return new Promise<boolean>((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNREFUSED" ? resolve(false) : reject(error)));
  });
}

test("the demo listens on loopback only; a start outside demo mode on every interface", async () => {
  test.skip(!externalAddress, "this machine has no address but loopback to try from");
  expect(await accepts("127.0.0.1", DEMO_PORT)).toBe(true);
  expect(await accepts(externalAddress!, DEMO_PORT)).toBe(false);
  expect(await accepts(externalAddress!, PRODUCTION_PORT)).toBe(true);
});
