/**
 * The one logger for what the server did not expect (failed queries, outages, crashes of a
 * background job): pino, JSON lines in production for a log collector, readable lines under
 * `next dev`. Domain folders may import it: it depends on nothing of the app.
 *
 * Never secrets, never a query's values: errors go through serializeError (stack and cause kept,
 * the statement's values dropped), and the redaction paths below blank credentials wherever a
 * caller puts them in a log record (a header object, a token).
 * Writes are synchronous and in-process: pino's transports run in worker threads, which Next's
 * bundling of server code breaks, and a line written before a crash is not lost in a buffer.
 */
import pino, { type DestinationStream, type Logger } from "pino";
import { readableLines } from "./readable-lines";
import { REDACTED, serializeError } from "./serialize-error";

const SECRET_KEYS = [
  "authorization",
  "cookie",
  '["set-cookie"]',
  "token",
  "tokenHash",
  "accessToken",
  "refreshToken",
  "idToken",
  "sessionToken",
  "password",
  "secret",
  "clientSecret",
  "apiKey",
  // A query's values (drizzle and pg errors carry them; so may a caller's own record).
  "params",
];

/** Each secret key at the top of a record and up to two objects down (`headers.authorization`, `req.headers.cookie`). */
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const member = key.startsWith("[") ? key : `.${key}`;
  return [key.startsWith("[") ? key.slice(2, -2) : key, `*${member}`, `*.*${member}`];
});

export function createLogger(destination: DestinationStream = defaultDestination()): Logger {
  return pino(
    {
      level: "info",
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
    },
    destination,
  );
}

function defaultDestination(): DestinationStream {
  return process.env.NODE_ENV === "development" ? readableLines() : pino.destination({ dest: 1, sync: true });
}

export const logger: Logger = createLogger();
