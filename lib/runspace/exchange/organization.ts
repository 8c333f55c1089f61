/**
 * The name Exchange Online knows an organisation by: its initial domain, `<tenant>.onmicrosoft.com`,
 * which is what a cmdlet's errors and `Get-OrganizationConfig` show. The simulated workload has no
 * tenant of its own, so it takes the organisation's slug as the tenant's name.
 */
export function exchangeOrganizationOf(slug: string): string {
  const tenant = slug
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `${tenant || "organisation"}.onmicrosoft.com`;
}
