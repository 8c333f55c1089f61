/**
 * Writes API tokens for the demo accounts to .data/e2e/tokens.json, for the contract and CLI tests.
 * Run by e2e/start-test-server.mjs before the server starts (the embedded database has one owner).
 */
import { writeFileSync } from "node:fs";
import { migrateDatabase, openDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed/seed-demo";
import { config } from "@/lib/config";
import { createTokenForMember } from "@/lib/tokens/create-token";

const handle = await openDatabase(config().database);
await migrateDatabase(handle);
await seedDemo(handle.db);
const tokens: Record<string, string> = {};
for (const name of ["admin", "rolemanager", "auditor", "approver1", "approver2", "requester", "requester2", "svc-backup"]) {
  for (const purpose of ["api", "cli", "spare"]) {
    const created = await createTokenForMember(handle.db, { email: `${name}@contoso.com`, name: `e2e ${purpose}` });
    tokens[`${name}:${purpose}`] = created.token;
  }
}
writeFileSync(process.argv[2]!, JSON.stringify(tokens, null, 2));
await handle.close();
