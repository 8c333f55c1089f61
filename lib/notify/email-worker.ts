import type { Database } from "@/db/client";
import { type DeliverEmailsOptions, deliverEmails } from "./deliver-emails";

export interface EmailWorker {
  /** Stops polling and waits for the pass in flight, so its claims are recorded before exit. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox: one delivery pass, then a pause, until stopped. It runs inside the server
 * process and alone (`npm run worker`); any number of them share the outbox safely. The timer is
 * unref'd so it never keeps a process alive by itself.
 */
export function startEmailWorker(
  db: Database,
  { intervalMs = 5_000, log = console, ...options }: DeliverEmailsOptions & { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {},
): EmailWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      const report = await deliverEmails(db, options);
      if (report.sent + report.retrying + report.failed > 0) {
        log.log(`[email] sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`);
      }
    } catch (error) {
      // A database hiccup must not end the loop: the next pass tries again.
      log.error("[email] delivery pass failed:", error instanceof Error ? error.message : error);
    }
  };
  const tick = () => {
    if (stopped) return;
    inFlight = pass().then(() => {
      if (stopped) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    });
  };
  tick();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
