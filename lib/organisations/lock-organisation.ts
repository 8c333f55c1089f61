import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { organisations } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/**
 * The organisation row, locked for the rest of the transaction: changes that check an
 * organisation-wide limit (the policy count) take turns, so two at once cannot both squeeze in.
 */
export async function lockOrganisation(tx: Transaction, organisationId: string) {
  const [organisation] = await tx
    .select()
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for("update");
  if (!organisation) throw new DomainError("not-found:organisation", "The organisation no longer exists.");
  return organisation;
}
