/**
 * How long the free text of a request may be. The zod schemas in request-input.ts enforce these;
 * the forms' counters read them from here, a module without zod, so the browser bundle stays small.
 */
export const REASON_MAX_LENGTH = 1000;
export const TICKET_MAX_LENGTH = 100;
/** An approver's comment on a decision, a revocation or a release. */
export const COMMENT_MAX_LENGTH = 1000;
