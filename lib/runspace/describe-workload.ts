/**
 * What the runspace's built-in tasks work on, said plainly: a simulated Exchange Online kept in
 * Elevate's own database (db/schema.ts, the exchange_* tables), never a real tenant. The screen
 * says so in every organisation; a demo organisation's workload is also seeded with Contoso's
 * mailboxes and rules, a real organisation's starts empty.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organisations } from "@/db/schema";
import type { Actor } from "@/lib/auth/roles";
import { EXCHANGE_SCOPE } from "@/lib/catalog/builtin/exchange";
import { exchangeOrganizationOf } from "./exchange/organization";

export interface WorkloadDescription {
  scope: string;
  /** Always true today: no connector to a real Exchange Online exists yet. */
  simulated: true;
  /** A demo organisation: the workload holds the Contoso demo's objects. */
  demo: boolean;
  /** The tenant name the simulated cmdlets answer for (`contoso.onmicrosoft.com`). */
  organization: string;
}

export async function describeWorkload(db: Executor, { actor }: { actor: Actor }): Promise<WorkloadDescription> {
  const [organisation] = await db
    .select({ slug: organisations.slug, demo: organisations.demo })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  return {
    scope: EXCHANGE_SCOPE.name,
    simulated: true,
    demo: organisation?.demo ?? false,
    organization: exchangeOrganizationOf(organisation?.slug ?? ""),
  };
}
