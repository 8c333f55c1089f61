import type { RequestAbout } from "@/lib/audit/audit-actions";
import type { RequestView } from "./request-view";

/**
 * What every audit event about a request repeats in its details: what it is for and whose it is.
 * A SIEM reading one event (say `request.approved`) should not have to find the `request.created`.
 */
export function aboutRequest(view: RequestView): RequestAbout {
  return { type: view.type, scope: view.scope, target: view.target, requester: view.requester };
}
