/**
 * While privileged access management is off only standing role groups count, for everyone: an
 * account excluded from PAM is excluded from something that is not running, so it gets no more.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ContosoFixture, contosoFixture } from "@/db/testing/contoso-fixture";
import { testDatabaseKinds } from "@/db/testing/test-database";
import { updateSettings } from "@/lib/settings/update-settings";
import { decideAccess } from "./decide-access";

describe.each(testDatabaseKinds)("the access decision while PAM is off on %s", (kind) => {
  let f: ContosoFixture;
  beforeAll(async () => {
    f = await contosoFixture(kind);
  });
  afterAll(() => f.database.destroy());
  const db = () => f.database.db;

  it("ignores an account's exclusion: only its standing role groups count", async () => {
    // svc-backup is excluded, and its standing Records Management holds New-JournalRule, not New-Mailbox.
    const account = await f.actor("svc-backup@contoso.com");
    expect(account.excludedFromPam).toBe(true);
    const decide = (task: string) =>
      decideAccess(db(), { organisationId: f.organisationId, userId: account.userId, scope: "Exchange", task });
    expect(await decide("New-Mailbox")).toMatchObject({ allowed: true, code: "excluded" });

    await updateSettings(db(), { actor: await f.actor("admin@contoso.com"), input: { pamEnabled: false } });
    expect(await decide("New-Mailbox")).toMatchObject({ allowed: false, code: "no-role" });
    expect(await decide("New-JournalRule")).toMatchObject({ allowed: true, code: "standing-role" });
  });
});
