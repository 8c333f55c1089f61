"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { approveRequest } from "@/lib/approvals/approve-request";
import { denyRequest } from "@/lib/approvals/deny-request";
import { listInbox } from "@/lib/approvals/list-inbox";

const decision = z.object({
  requestId: z.string(),
  decision: z.enum(["approve", "deny"], { error: "Choose approve or deny" }),
  comment: z.string().optional(),
});

export const decideRequestAction = action(
  decision,
  ({ db, actor, input }) =>
    input.decision === "approve"
      ? approveRequest(db, { actor, requestId: input.requestId, comment: input.comment })
      : denyRequest(db, { actor, requestId: input.requestId, comment: input.comment ?? "" }),
  { revalidate: ["/inbox", "/"] },
);

/** What the inbox polls: the same list the page rendered, fresh. */
export const inboxAction = action(z.object({}), ({ db, actor }) => listInbox(db, { actor }));
