// The Entra-shaped tenants of the loopback OpenID provider (oidc-test-provider.mjs), shared by the
// provider and the specs that sign in through it.
import { createHash } from "node:crypto";

/** The tenant in the issuer's path, as in `https://login.microsoftonline.com/<tenant>/v2.0`. */
export const ENTRA_TEST_TENANT = "5f1c3a52-7d0e-4b8a-9c61-2e4f8a1b0c7d";
/** Another organisation's tenant, whose people this deployment's app also accepts (a multi-tenant app). */
export const ENTRA_OTHER_TENANT = "9a7e2d14-3b6c-4f05-8e92-71c0d5b3a4e8";

export const ENTRA_TEST_CLIENT_ID = "3c1f0e2a-elevate-e2e";
export const ENTRA_TEST_CLIENT_SECRET = "e2e-only-entra-client-secret";

/**
 * The provider's dev login page takes any login; the login decides the person's claims:
 * `[other/]address[#no-email][#mail=<address>]`. The UPN (`preferred_username`) is the address.
 * `other/` puts the person in ENTRA_OTHER_TENANT; `#no-email` leaves the `email` claim out and
 * gives a UPN unlike the address, as real Entra tokens often do; `#mail=` sets the `email` claim to
 * another address, as a tenant administrator can (Entra then sends no `xms_edov`: it is unverified).
 * The object id depends on the tenant and the address only, so `a@x` and `a@x#no-email` are one person.
 */
export function testPersonOf(login) {
  let rest = String(login).trim();
  let tenantId = ENTRA_TEST_TENANT;
  if (rest.startsWith("other/")) {
    tenantId = ENTRA_OTHER_TENANT;
    rest = rest.slice("other/".length);
  }
  const [first, ...flags] = rest.split("#");
  const withEmail = !flags.includes("no-email");
  const mail = flags.find((flag) => flag.startsWith("mail="))?.slice("mail=".length).toLowerCase();
  const address = first.toLowerCase();
  const hex = createHash("sha256").update(`${tenantId}/${address}`).digest("hex");
  const objectId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const local = address.split("@")[0] ?? address;
  return {
    tenantId,
    objectId,
    address,
    withEmail,
    /** The `email` claim: the address, another one (`#mail=`), or none. */
    email: withEmail ? (mail ?? address) : null,
    name: `${local.charAt(0).toUpperCase()}${local.slice(1)} (Entra)`,
    upn: withEmail ? address : `${local}.upn@${tenantId.slice(0, 8)}.onmicrosoft.example`,
  };
}
