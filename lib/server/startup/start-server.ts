/**
 * Runs once when the Next.js server starts (instrumentation.ts), before it takes requests:
 * validates the configuration, opens and migrates the database, seeds or bootstraps, and says
 * where Elevate is. Any failure stops the process with a message that names the cause.
 */
import { database } from "@/db/client";
import { ConfigError, config, resolveAuthSecret } from "@/lib/config";
import { logger } from "@/lib/log/logger";
import { describeError } from "@/lib/log/serialize-error";
import { startOutboxWorker } from "@/lib/server/workers/outbox-worker";
import { describeListenAddress, recordedListenAddress } from "./listen-host";
import { prepareDatabase } from "./prepare-database";
import { startSweeper } from "./sweeper";

export async function startServer() {
  try {
    const cfg = config();
    resolveAuthSecret(cfg);
    const handle = await database();
    const notes = await prepareDatabase(handle, cfg);
    startSweeper(handle.db);
    // Polled every second so an approver hears of a request within moments of it being made.
    // Without a Resend key it still runs: it renders each message into the dev mailbox.
    startOutboxWorker(handle.db, { intervalMs: 1_000 });
    const where = cfg.database.kind === "embedded" ? `embedded Postgres in ${cfg.database.dir}` : "Postgres";
    // Where the production server listens (under `next dev`, Next's own choice: not said).
    const listening = recordedListenAddress();
    const bound = listening ? `, listening on ${describeListenAddress(listening.host, listening.port)}` : "";
    console.log(`\n  Elevate is ready at ${cfg.publicUrl}  (${where}${cfg.demo ? ", demo sign-in on" : ""}${bound})`);
    if (listening && cfg.demo && !cfg.host) {
      console.log("  - Demo mode answers this machine only: HOST=0.0.0.0 opens it to the network, and its one-click sign-in to anyone there.");
    }
    for (const note of notes) console.log(`  - ${note}`);
    console.log("");
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
    } else {
      // The whole error (stack, cause) for the log, a line for the person at the terminal; neither
      // with a failed query's values (a seed's carry emails).
      logger.fatal({ err: error }, "Elevate could not start");
      console.error(`\nElevate could not start: ${describeError(error)}\n`);
    }
    process.exit(1);
  }
}
