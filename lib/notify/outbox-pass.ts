/**
 * A way to ask this process's outbox worker for a delivery pass now. The dev mailbox asks before
 * it lists, so a message queued a moment ago is already rendered there. The worker registers on
 * `globalThis` because it runs from instrumentation, a module graph apart from the pages'; the
 * page cannot render itself (React Email needs react-dom/server, refused in Server Components).
 * No worker in this process (a test, a script): nothing happens.
 */
const key = Symbol.for("elevate.outbox-pass");
type Holder = { [key]?: () => Promise<void> };

export function registerOutboxPass(pass: (() => Promise<void>) | undefined) {
  (globalThis as Holder)[key] = pass;
}

export async function outboxPassNow() {
  await (globalThis as Holder)[key]?.();
}
