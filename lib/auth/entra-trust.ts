/**
 * Which Entra tenants an organisation believes. An app registration may accept people of many
 * tenants, and any tenant's administrators decide what its tokens say, so every Entra sign-in into
 * an organisation, however the person was found (a linked identity too), needs its tenant to be
 * one the organisation trusts:
 *
 * - the tenants it lists (`organisations.entraTenantIds`, Settings → Sign-in), and those it admits
 *   just in time (`jitEntraTenantIds`);
 * - when it lists neither, the tenant of the deployment's app registration: the GUID in
 *   AUTH_MICROSOFT_ENTRA_ID_ISSUER (`https://login.microsoftonline.com/<tenant>/v2.0`). A
 *   multi-tenant issuer (`common`, `organizations`) names none, so then no tenant is believed.
 *
 * The consumer tenant (personal Microsoft accounts) is never believed.
 */
import { config } from "@/lib/config";
import { CONSUMER_TENANT_ID, GUID } from "./entra-identity";

export interface TenantTrust {
  entraTenantIds: string[];
  jitEntraTenantIds: string[];
}

/** The tenant an issuer URL names in its path (`/<tenant-guid>/v2.0`); null for a multi-tenant or odd one. */
export function issuerTenantOf(issuer: string | null | undefined): string | null {
  if (!issuer || !URL.canParse(issuer)) return null;
  const segments = new URL(issuer).pathname.split("/").filter(Boolean);
  if (segments.length !== 2 || segments[1] !== "v2.0") return null;
  const tenant = segments[0]!.toLowerCase();
  return GUID.test(tenant) && tenant !== CONSUMER_TENANT_ID ? tenant : null;
}

/** The tenant of this deployment's app registration, from its configuration; null when Entra is off or multi-tenant. */
export function deploymentEntraTenantId(): string | null {
  return issuerTenantOf(config().entraId?.issuer);
}

/** The tenants an organisation believes, given the deployment's own tenant. */
export function trustedTenantsOf(organisation: TenantTrust, homeTenantId: string | null): string[] {
  const listed = [...new Set([...organisation.entraTenantIds, ...organisation.jitEntraTenantIds])];
  const trusted = listed.length > 0 ? listed : homeTenantId ? [homeTenantId] : [];
  return trusted.filter((tenant) => tenant !== CONSUMER_TENANT_ID);
}

export function trustsTenant(organisation: TenantTrust, tenantId: string, homeTenantId: string | null): boolean {
  return trustedTenantsOf(organisation, homeTenantId).includes(tenantId);
}
