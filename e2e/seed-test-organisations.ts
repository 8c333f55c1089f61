/**
 * Seeds the test server's database before it starts (the embedded database has one owner at a
 * time): the Contoso demo, and one Contoso-shaped organisation per spec file, with API tokens for
 * each of its accounts. Writes them to .data/e2e/organisations.json for the fixtures.
 */
import { writeFileSync } from "node:fs";
import { migrateDatabase, openDatabase } from "@/db/client";
import { demoOrganisation, seedDemo } from "@/db/seed/seed-demo";
import { config } from "@/lib/config";
import { createTokenForMember } from "@/lib/tokens/create-token";
import { ACCOUNTS, accountEmail, organisationsFile, specFiles, specSlug } from "./spec-organisations.mjs";

const handle = await openDatabase(config().database);
await migrateDatabase(handle);
await seedDemo(handle.db);
// Contoso's tokens, for the scripts and specs that still use the demo organisation itself.
const contosoTokens: Record<string, string> = {};
for (const account of ACCOUNTS.filter((a) => a !== "partner")) {
  for (const purpose of ["api", "cli", "spare"]) {
    const created = await createTokenForMember(handle.db, { email: `${account}@contoso.com`, name: `e2e ${purpose}` });
    contosoTokens[`${account}:${purpose}`] = created.token;
  }
}
writeFileSync(process.argv[2]!, JSON.stringify(contosoTokens, null, 2));
const organisations: Record<string, { name: string; tokens: Record<string, string> }> = {};
for (const file of specFiles()) {
  const slug = specSlug(file);
  await seedDemo(handle.db, { organisation: demoOrganisation(slug, `Spec ${slug.slice(5)}`) });
  const tokens: Record<string, string> = {};
  for (const account of ACCOUNTS.filter((a) => a !== "partner")) {
    for (const purpose of ["api", "cli", "spare"]) {
      const created = await createTokenForMember(handle.db, { email: accountEmail(slug, account), name: `e2e ${purpose}` });
      tokens[`${account}:${purpose}`] = created.token;
    }
  }
  organisations[slug] = { name: `Spec ${slug.slice(5)}`, tokens };
}
writeFileSync(organisationsFile, JSON.stringify(organisations, null, 2));
console.log(`[e2e] seeded Contoso and ${Object.keys(organisations).length} spec organisations`);
await handle.close();
