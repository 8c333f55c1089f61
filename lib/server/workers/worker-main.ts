/**
 * `npm run worker`: the outbox worker alone, for a deployment that sends messages from its own process.
 * It needs the shared Postgres (DATABASE_URL): the embedded database belongs to one server process.
 * Running it beside the servers' own workers is safe: claims are row locks with SKIP LOCKED.
 */
import { database } from "@/db/client";
import { ConfigError, config } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { startOutboxWorker } from "./outbox-worker";

async function main() {
  const cfg = config();
  if (cfg.database.kind !== "postgres") {
    throw new ConfigError([{ variable: "DATABASE_URL", message: "is required: the worker shares the servers' Postgres" }]);
  }
  if (!cfg.email.resendApiKey) {
    throw new ConfigError([{ variable: "RESEND_API_KEY", message: "is required: without it there is nothing to send" }]);
  }
  const handle = await database();
  const worker = startOutboxWorker(handle.db);
  console.log("[email] worker started");
  // The timer is unref'd: this keeps the process alive until a signal stops it.
  const keepAlive = setInterval(() => {}, 1 << 30);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      console.log(`[email] ${signal}: finishing the batch in flight`);
      clearInterval(keepAlive);
      await worker.stop();
      await handle.close();
      process.exit(0);
    });
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`\n${error.message}\n`);
  else logger.fatal({ err: error }, "email worker: failed");
  process.exit(1);
});
