/**
 * Who a Microsoft Entra ID token says the person is. Entra's stable key for a person is the object
 * id (`oid`) within a tenant (`tid`); `email` is often absent and, like `preferred_username` (the
 * UPN), can change, so an address only ever finds a person the first time, before the identity is
 * linked (lib/auth/decide-sign-in.ts).
 */
import { z } from "zod";

export const ENTRA_PROVIDER_ID = "microsoft-entra-id";

export interface EntraIdentity {
  /** The tenant (`tid`), a lower-case GUID. */
  tenantId: string;
  /** The person within the tenant (`oid`), a lower-case GUID. */
  objectId: string;
  /** The address the token vouches for (`email`, else `preferred_username`), lower case; null when neither will do. */
  email: string | null;
  name: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const address = z.email().max(254);

const guidOf = (value: unknown) => {
  const text = typeof value === "string" ? value.toLowerCase() : "";
  return GUID.test(text) ? text : null;
};

const addressOf = (value: unknown) => {
  if (typeof value !== "string") return null;
  const parsed = address.safeParse(value.trim());
  return parsed.success ? parsed.data.toLowerCase() : null;
};

/**
 * The verified address in the claims. `email` counts unless the token itself says it is unverified
 * (`email_verified` or Entra's `xms_edov`, "email domain owner verified", set to false); otherwise
 * the UPN, whose domain the tenant must own. Which tenants are believed at all is the
 * organisation's choice (its Entra tenant ids), checked where the address is used.
 */
export function verifiedAddressOf(claims: Record<string, unknown>): string | null {
  const unverified = claims.email_verified === false || claims.xms_edov === false;
  return (unverified ? null : addressOf(claims.email)) ?? addressOf(claims.preferred_username);
}

/** The identity in an ID token's claims; null when it lacks Entra's `tid` and `oid`. */
export function entraIdentityOf(claims: Record<string, unknown> | null | undefined): EntraIdentity | null {
  if (!claims) return null;
  const tenantId = guidOf(claims.tid);
  const objectId = guidOf(claims.oid);
  if (!tenantId || !objectId) return null;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  return { tenantId, objectId, email: verifiedAddressOf(claims), name };
}

/** What Auth.js stores as the account's `providerAccountId`: one per person per tenant. */
export function entraAccountId(identity: Pick<EntraIdentity, "tenantId" | "objectId">) {
  return `${identity.tenantId}:${identity.objectId}`;
}

/**
 * Elevate's profile for the Entra provider, replacing Auth.js's, which fetches the person's photo
 * from graph.microsoft.com with no error handling: where that host is out of reach every sign-in
 * failed. Nothing is fetched here. A token without `tid`/`oid` gets an id no account can have, and
 * the sign-in callback refuses it.
 */
export function entraProfile(claims: Record<string, unknown>) {
  const identity = entraIdentityOf(claims);
  return {
    id: identity ? entraAccountId(identity) : `invalid:${String(claims.sub ?? "")}`,
    name: identity?.name ?? null,
    email: identity?.email ?? null,
    image: null,
  };
}
