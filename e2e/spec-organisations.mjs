// One organisation per Playwright spec file, so specs never share (or divide between them) the
// targets, requests and inboxes of one organisation. The test server seeds them all before it
// starts; the fixture in org-fixture.ts finds a spec's own by the same name.
import { readdirSync } from "node:fs";
import path from "node:path";

const e2eDir = import.meta.dirname;

/** `ui/requests-and-inbox.spec.ts` → `spec-ui-requests-and-inbox`: a valid organisation slug. */
export function specSlug(specFile) {
  const relative = path.relative(e2eDir, path.resolve(specFile)).replace(/\.spec\.ts$/, "");
  return `spec-${relative.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")}`.slice(0, 63);
}

/** Every spec file under e2e/. */
export function specFiles(dir = e2eDir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : specFiles(full);
    return entry.name.endsWith(".spec.ts") ? [full] : [];
  });
}

/** The accounts of a Contoso-shaped organisation, by their part before the @. */
export const ACCOUNTS = ["admin", "rolemanager", "auditor", "approver1", "approver2", "requester", "requester2", "svc-backup", "partner"];

/** The address of a demo account in a spec's organisation (db/seed's demoOrganisation does the same). */
export function accountEmail(slug, account) {
  return account === "partner" ? `partner@${slug}-partner.example` : `${account}@${slug}.example`;
}

export const organisationsFile = path.join(e2eDir, "..", ".data", "e2e", "organisations.json");
