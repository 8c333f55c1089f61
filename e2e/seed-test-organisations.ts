/**
 * Seeds the test server's database before it starts (the embedded database has one owner at a
 * time): the Contoso demo, and one Contoso-shaped organisation per spec file, with API tokens for
 * each of its accounts. Writes those organisations and tokens to .data/e2e/organisations.json for
 * the fixtures.
 */
import { writeFileSync } from "node:fs";
import { migrateDatabase, openDatabase } from "@/db/client";
import { demoOrganisation, seedDemo } from "@/db/seed/seed-demo";
import { config } from "@/lib/config";
import { createTokenForMember } from "@/lib/tokens/create-token";
import { ACCOUNTS, accountEmail, organisationsFile, specFiles, specSlug } from "./spec-organisations.mjs";

const handle = await openDatabase(config().database);
await migrateDatabase(handle);
// Contoso, for the sign-in page's default demo picker; no spec needs a token of its accounts.
await seedDemo(handle.db);
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
