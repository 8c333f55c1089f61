"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { createToken } from "@/lib/tokens/create-token";
import { revokeToken } from "@/lib/tokens/revoke-token";

/** The token comes back in the result this once; the page shows it and never stores it. */
export const createTokenAction = action(
  z.object({
    name: z.string().optional(),
    expiresInDays: z.coerce.number({ error: "Enter a number of days" }).optional(),
  }),
  ({ db, actor, input }) => createToken(db, { actor, input }),
  { revalidate: ["/settings/tokens"], success: "Token created: copy it now" },
);

export const revokeTokenAction = action(
  z.strictObject({ id: z.string() }),
  ({ db, actor, input }) => revokeToken(db, { actor, tokenId: input.id }),
  { revalidate: ["/settings/tokens"], success: "Token revoked" },
);
