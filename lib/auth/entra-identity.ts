/**
 * Who a Microsoft Entra ID token says the person is. Entra's stable key for a person is the object
 * id (`oid`) within a tenant (`tid`); `email` is often absent and, like `preferred_username` (the
 * UPN), can change, so an address only ever finds a person the first time, before the identity is
 * linked (lib/auth/decide-sign-in.ts). Which tenants are believed at all is lib/auth/entra-trust.ts.
 */
import { z } from "zod";

export const ENTRA_PROVIDER_ID = "microsoft-entra-id";

/**
 * The tenant of personal Microsoft accounts (outlook.com, hotmail.com…): anyone can make an account
 * there and give it any address, so nothing it says about an address is believed, and no
 * organisation may trust it (lib/settings/jit-settings.ts).
 */
export const CONSUMER_TENANT_ID = "9188040d-6c67-4c5b-b112-36a304b66dad";

export interface EntraIdentity {
  /** The tenant (`tid`), a lower-case GUID. */
  tenantId: string;
  /** The person within the tenant (`oid`), a lower-case GUID. */
  objectId: string;
  /** The address the token vouches for (see verifiedAddressOf), lower case; null when none will do. */
  email: string | null;
  name: string | null;
  /** A B2B guest of the tenant, not one of its own people: never made a member just in time. */
  guest: boolean;
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
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

const isGuestUpn = (value: unknown) => typeof value === "string" && value.toUpperCase().includes("#EXT#");

/**
 * A guest of the tenant: a UPN of the `…#EXT#@tenant` form, `acct` 1 (Entra's optional "account
 * status" claim), or an `idp` (who authenticated the person) other than the tenant itself, which
 * Entra sets only for people from elsewhere.
 */
export function isEntraGuest(claims: Record<string, unknown>, tenantId: string): boolean {
  if (isGuestUpn(claims.preferred_username) || isGuestUpn(claims.upn)) return true;
  if (claims.acct === 1 || claims.acct === "1") return true;
  return typeof claims.idp === "string" && !claims.idp.toLowerCase().includes(tenantId);
}

/**
 * The address a token vouches for. Entra sends no `email_verified`, and its `email` is whatever
 * the tenant's administrators typed into the person's mail attribute, so it counts only when Entra
 * says the tenant owns its domain (`xms_edov`, the "email domain owner verified" optional claim,
 * true). Otherwise the UPN (`preferred_username`), whose domain the tenant must have verified to
 * give it, except a guest's (not the tenant's to vouch for). Nothing from the consumer tenant.
 */
export function verifiedAddressOf(claims: Record<string, unknown>): string | null {
  const tenantId = guidOf(claims.tid);
  if (!tenantId || tenantId === CONSUMER_TENANT_ID) return null;
  if (claims.xms_edov === true) {
    const email = addressOf(claims.email);
    if (email) return email;
  }
  return isEntraGuest(claims, tenantId) ? null : addressOf(claims.preferred_username);
}

/** The identity in an ID token's claims; null when it lacks Entra's `tid` and `oid`. */
export function entraIdentityOf(claims: Record<string, unknown> | null | undefined): EntraIdentity | null {
  if (!claims) return null;
  const tenantId = guidOf(claims.tid);
  const objectId = guidOf(claims.oid);
  if (!tenantId || !objectId) return null;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : null;
  return { tenantId, objectId, email: verifiedAddressOf(claims), name, guest: isEntraGuest(claims, tenantId) };
}

/** What Auth.js stores as the account's `providerAccountId`: one per person per tenant. */
export function entraAccountId(identity: Pick<EntraIdentity, "tenantId" | "objectId">) {
  return `${identity.tenantId}:${identity.objectId}`;
}

/**
 * Elevate's profile for the Entra provider, replacing Auth.js's, which fetches the person's photo
 * from graph.microsoft.com with no error handling: where that host is out of reach every sign-in
 * failed. Nothing is fetched here. A token without `tid`/`oid` gets an id no account can have, and
 * the sign-in callback refuses it. Its `email` is the verified address only: Auth.js links a first
 * sign-in to the person with that address (once decide-sign-in.ts has admitted it).
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
