import { createServer } from "node:http";
import next from "next";
import { config } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { handleApiRequest, isDispatchedPath } from "@/lib/server/api/node-handler";
import {
  CLIENT_ADDRESS_HEADER,
  clientAddressHeaderValue,
  clientAddressOf,
  isLoopbackAddress,
  resolveClientAddress,
  tellsOfUntrustedProxy,
} from "@/lib/server/http/client-address";
import { listenHost, recordListenAddress, selfHostname } from "@/lib/server/startup/listen-host";

/**
 * The production server: one Node HTTP server in this process, with Next for the screens, server
 * actions and sign-in, and API v1 answered by its dispatcher directly (see node-handler.ts for
 * why). Next runs instrumentation.ts while it prepares, so the database is migrated and the "ready"
 * line printed before any request is handled; requests that arrive sooner wait for that.
 * It is also where each request's client address is decided, once (lib/server/http/client-address.ts),
 * and where it listens: loopback only in demo mode unless HOST says otherwise (listen-host.ts).
 */
export async function runProductionServer({ root, port }: { root: string; port: number }) {
  // Quiet: Next's own report of a failed request prints the error's message, which for a failed
  // query holds its values; instrumentation.ts reports it through the logger instead.
  const cfg = config();
  const host = listenHost(cfg);
  // Said before Next prepares: instrumentation's ready line names it.
  recordListenAddress({ host, port });
  // Next fetches a server action's redirect target from this server: at the address it listens on.
  const app = next({ dev: false, dir: root, port, hostname: selfHostname(host), quiet: true });
  const handleWithNext = app.getRequestHandler();
  const prepared = app.prepare();
  const { trustedProxies } = cfg;

  const server = createServer(async (req, res) => {
    try {
      await prepared;
      const peer = req.socket.remoteAddress;
      const forwardedFor = [req.headers["x-forwarded-for"] ?? []].flat().join(", ");
      // Next's request to this server on a client's behalf carries the address resolved for that
      // client, with a proof only this process knows: it stays that client's.
      const relayed = isLoopbackAddress(peer) ? clientAddressOf({ get: (name) => [req.headers[name] ?? []].flat()[0] ?? null }) : null;
      if (tellsOfUntrustedProxy({ forwardedFor, trustedProxies, peer, relayed })) warnOfUntrustedProxy();
      const address = relayed ?? resolveClientAddress(peer, forwardedFor, trustedProxies);
      req.headers[CLIENT_ADDRESS_HEADER] = clientAddressHeaderValue(address);
      const pathname = (req.url ?? "/").split("?")[0]!;
      if (isDispatchedPath(pathname)) await handleApiRequest(req, res);
      else await handleWithNext(req, res);
    } catch (error) {
      logger.error({ err: error }, "server: unexpected error");
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error");
      else res.destroy();
    }
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(error.code === "EADDRINUSE" ? `\nPort ${port} is in use: stop what holds it, or set PORT.\n` : `\n${error.message}\n`);
    process.exit(1);
  });
  server.listen(port, host);
  await prepared;

  // A rolling deploy stops instances with SIGTERM: answer what is in flight, take nothing new, and
  // give up waiting after 10 s (a claimed email whose worker stops is taken over when its lease ends).
  const stop = () => {
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

let warnedOfProxy = false;

/** Said once: behind a proxy that nobody told Elevate of, every caller shares the proxy's address. */
function warnOfUntrustedProxy() {
  if (warnedOfProxy) return;
  warnedOfProxy = true;
  console.warn(
    "[server] Requests carry X-Forwarded-For but ELEVATE_TRUSTED_PROXIES is 0, so every caller is known by the address " +
      "of the proxy (rate limits, audit). Set it to the number of reverse proxies in front of Elevate.",
  );
}
