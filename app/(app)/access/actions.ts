"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { revokeRequest } from "@/lib/approvals/revoke-request";

// An empty comment is left to `revokeRequest`, which refuses it next to the comment field.
const revokeInput = z.object({ requestId: z.string(), comment: z.string().default("") });

export const revokeAccessAction = action(
  revokeInput,
  ({ db, actor, input }) => revokeRequest(db, { actor, requestId: input.requestId, comment: input.comment }),
  { revalidate: ["/access", "/"] },
);
