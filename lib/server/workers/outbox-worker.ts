import type { Database } from "@/db/client";
import { type DeliverOutboxOptions, deliverOutbox } from "@/lib/notify/deliver-outbox";
import { registerOutboxPass } from "@/lib/notify/outbox-pass";

export interface OutboxWorker {
  /** Stops polling and waits for the pass in flight, so its claims are recorded before exit. */
  stop(): Promise<void>;
}

/**
 * Polls the outbox: one delivery pass over every channel, then a pause, until stopped. It runs
 * inside the server process and alone (`npm run worker`); any number of them share the outbox
 * safely. The timer is unref'd so it never keeps a process alive by itself. It also takes passes
 * asked for in between (outbox-pass.ts: the dev mailbox), one at a time with its own.
 */
export function startOutboxWorker(
  db: Database,
  { intervalMs = 5_000, log = console, ...options }: DeliverOutboxOptions & { intervalMs?: number; log?: Pick<Console, "log" | "error"> } = {},
): OutboxWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const pass = async () => {
    try {
      const report = await deliverOutbox(db, options);
      if (report.sent + report.retrying + report.failed > 0) {
        log.log(`[outbox] sent ${report.sent}, retrying ${report.retrying}, failed ${report.failed}`);
      }
    } catch (error) {
      // A database hiccup must not end the loop: the next pass tries again.
      log.error("[outbox] delivery pass failed:", error instanceof Error ? error.message : error);
    }
  };
  /** One pass after the one in flight: passes never overlap within a worker. */
  const passNow = () => (inFlight = inFlight.then(pass));
  const tick = () => {
    if (stopped) return;
    void passNow().then(() => {
      if (stopped) return;
      timer = setTimeout(tick, intervalMs);
      timer.unref();
    });
  };
  tick();
  registerOutboxPass(() => (stopped ? Promise.resolve() : passNow()));

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      registerOutboxPass(undefined);
      await inFlight;
    },
  };
}
