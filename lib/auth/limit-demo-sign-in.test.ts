import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { config } from "@/lib/config";
import { DEMO_SIGN_INS_PER_15_MINUTES } from "@/lib/rate-limit/limits";
import { limitDemoSignIn } from "./limit-demo-sign-in";
import { limitSignIn } from "./limit-sign-in";

describe.each(testDatabaseKinds)("demo sign-in limits on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());
  const db = () => database.db;
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: { code: string }) => error.code,
    );

  it("lets a newcomer switch demo roles 30 times without touching the sign-in limits", async () => {
    const ip = "198.51.100.30";
    for (let i = 0; i < 30; i++) expect(await refusal(limitDemoSignIn(db(), { ip }))).toBeNull();
    // The address's sign-in limit is whole: every real attempt it allows still passes, with an email.
    const perAddress = config().rateLimits.signInPer15Minutes;
    for (let i = 0; i < perAddress; i++) {
      expect(await refusal(limitSignIn(db(), { ip, email: `someone${i}@contoso.com` }))).toBeNull();
    }
    expect(await refusal(limitSignIn(db(), { ip, email: "one-more@contoso.com" }))).toBe("rate-limited:sign-in-ip");
  });

  it("leaves the email's own sign-in limit untouched", async () => {
    const email = "adele@contoso.com";
    const perEmail = Math.max(3, Math.floor(config().rateLimits.signInPer15Minutes / 4));
    for (let i = 0; i < 30; i++) expect(await refusal(limitDemoSignIn(db(), { ip: "198.51.100.31" }))).toBeNull();
    for (let i = 0; i < perEmail; i++) expect(await refusal(limitSignIn(db(), { ip: `203.0.113.${i}`, email }))).toBeNull();
    expect(await refusal(limitSignIn(db(), { ip: "203.0.113.200", email }))).toBe("rate-limited:sign-in-email");
  });

  it("still refuses a loop from one address past its own bound, and only that address", async () => {
    const ip = "198.51.100.32";
    for (let i = 0; i < DEMO_SIGN_INS_PER_15_MINUTES; i++) expect(await refusal(limitDemoSignIn(db(), { ip }))).toBeNull();
    expect(await refusal(limitDemoSignIn(db(), { ip }))).toBe("rate-limited:demo-sign-in-ip");
    expect(await refusal(limitDemoSignIn(db(), { ip: "198.51.100.33" }))).toBeNull();
  });
});
