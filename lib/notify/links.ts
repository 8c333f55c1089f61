import { config } from "@/lib/config";

/** Links in emails: plain pages of the app, never a token. Signing in is the app's job. */
export const inboxLink = (requestId?: string) =>
  `${config().publicUrl}/inbox${requestId ? `#request-${encodeURIComponent(requestId)}` : ""}`;

export const requestsLink = () => `${config().publicUrl}/requests`;

/** Active access, where approvers see who holds a window now. */
export const accessLink = () => `${config().publicUrl}/access`;
