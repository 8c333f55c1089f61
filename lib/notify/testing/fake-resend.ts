/**
 * A fake Resend API on loopback for tests: the real SDK talks to it through `baseUrl`. It speaks
 * `POST /emails` like Resend does: a Bearer key is required, answers are `{ id }`, a repeated
 * Idempotency-Key gets the first answer again without a second delivery (a different payload under
 * a used key is a 409), and errors have Resend's `{ statusCode, name, message }` shape. Failures are
 * programmed ahead: `failNext(2, { status: 500 })`, `failNext(1, { status: 429, retryAfter: 1 })`.
 */
import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeDelivery {
  id: string;
  idempotencyKey: string | null;
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export interface FakeFailure {
  status: number;
  name?: string;
  message?: string;
  /** Seconds, sent as Retry-After (429). */
  retryAfter?: number;
}

export interface FakeResend {
  url: string;
  /** Messages accepted, once each. */
  deliveries: FakeDelivery[];
  /** Every POST /emails received, including refused and repeated ones. */
  requests: { idempotencyKey: string | null; status: number; at: number }[];
  failNext(times: number, failure: FakeFailure): void;
  /** Milliseconds to wait before answering (to make racing workers overlap). */
  delayMs: number;
  reset(): void;
  close(): Promise<void>;
}

const names: Record<number, string> = { 422: "validation_error", 429: "rate_limit_exceeded", 500: "internal_server_error" };

export async function startFakeResend({ port = 0 }: { port?: number } = {}): Promise<FakeResend> {
  const failures: FakeFailure[] = [];
  const byKey = new Map<string, { id: string; body: string }>();
  const fake: FakeResend = {
    url: "",
    deliveries: [],
    requests: [],
    delayMs: 0,
    failNext(times, failure) {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    reset() {
      failures.length = 0;
      byKey.clear();
      fake.deliveries.length = 0;
      fake.requests.length = 0;
      fake.delayMs = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, name: string, message: string, headers?: Record<string, string>) =>
    answer(res, status, { statusCode: status, name, message }, headers);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    if (fake.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.delayMs));
    // Not Resend's: how a browser test in another process reads what was delivered.
    if (req.method === "GET" && req.url === "/_test/deliveries") return answer(res, 200, fake.deliveries);
    if (req.method !== "POST" || req.url !== "/emails") return error(res, 404, "not_found", "Not found");
    const key = (req.headers["idempotency-key"] as string | undefined) ?? null;
    const record = (status: number) => fake.requests.push({ idempotencyKey: key, status, at: Date.now() });
    if (!/^Bearer re_\S+$/.test(req.headers.authorization ?? "")) {
      record(401);
      return error(res, 401, "missing_api_key", "Missing API key in the authorization header");
    }
    const failure = failures.shift();
    if (failure) {
      record(failure.status);
      return error(
        res,
        failure.status,
        failure.name ?? names[failure.status] ?? "application_error",
        failure.message ?? `Programmed failure ${failure.status}`,
        failure.retryAfter !== undefined ? { "retry-after": String(failure.retryAfter) } : {},
      );
    }
    const seen = key ? byKey.get(key) : undefined;
    if (seen) {
      if (seen.body !== body) {
        record(409);
        return error(res, 409, "invalid_idempotent_request", "Same idempotency key used with a different request payload");
      }
      record(200);
      return answer(res, 200, { id: seen.id });
    }
    const email = JSON.parse(body) as { from: string; to: string | string[]; subject: string; html: string; text: string };
    const id = randomUUID();
    if (key) byKey.set(key, { id, body });
    fake.deliveries.push({
      id,
      idempotencyKey: key,
      from: email.from,
      to: Array.isArray(email.to) ? email.to : [email.to],
      subject: email.subject,
      html: email.html,
      text: email.text,
    });
    record(200);
    answer(res, 200, { id });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, "internal_server_error", String(err)));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
