import { config } from "@/lib/config";

/**
 * Links in emails: plain pages of the app, never a token. Signing in is the app's job.
 *
 * The request travels in the query (`/inbox?request=<id>`), not a fragment: a fragment never
 * reaches the server, so the redirect to sign-in could not keep it in its callbackUrl and the
 * person landed on the page without knowing which request the email was about. The page reads
 * `request` (components/requests/linked-request.tsx) to show that request's card, or why it is gone.
 */
const withRequest = (path: string, requestId?: string) =>
  `${config().publicUrl}${path}${requestId ? `?request=${encodeURIComponent(requestId)}` : ""}`;

/** Approvals, at the request the email is about: its card when it still waits, or what became of it. */
export const inboxLink = (requestId?: string) => withRequest("/inbox", requestId);

/** My requests, at the requester's own request (an extension's card is its grant's). */
export const requestsLink = (requestId?: string) => withRequest("/requests", requestId);

/** Active access, where approvers see who holds a window now. */
export const accessLink = () => `${config().publicUrl}/access`;
