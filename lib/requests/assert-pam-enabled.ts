import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organisations } from "@/db/schema";
import { DomainError } from "@/lib/errors";

/**
 * The organisation, when privileged access management is on; otherwise `conflict:pam-disabled`.
 * Asking for access and extending it are both refused while it is off: standing roles alone apply.
 */
export async function assertPamEnabled(tx: Executor, organisationId: string) {
  const organisation = await tx.query.organisations.findFirst({ where: eq(organisations.id, organisationId) });
  if (!organisation?.pamEnabled) {
    throw new DomainError(
      "conflict:pam-disabled",
      "Privileged access management is off in your organisation: standing roles apply and there is nothing to request.",
    );
  }
  return organisation;
}
