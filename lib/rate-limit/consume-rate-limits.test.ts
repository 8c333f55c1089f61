import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { consumeRateLimits } from "./consume-rate-limits";

describe.each(testDatabaseKinds)("rate limits on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());
  const db = () => database.db;
  const refusal = (call: Promise<unknown>) =>
    call.then(
      () => null,
      (error: { code: string; details?: { retryAfterSeconds?: number } }) => error,
    );

  it("allows up to the limit per key, then refuses with the seconds until the window resets", async () => {
    const limits = [
      { key: "api:ip:203.0.113.7", limit: 6, windowSeconds: 60 },
      { key: "api:token:abc", limit: 3, windowSeconds: 60 },
    ];
    for (let i = 0; i < 3; i++) expect(await refusal(consumeRateLimits(db(), limits))).toBeNull();
    // The window started 45 seconds ago, as the database's clock reads inside one transaction
    // (its now() stands still there): 15 seconds are left, exactly.
    const refused = await db().transaction(async (tx) => {
      await tx.execute(sql`update rate_limits set window_start = now() - interval '45 seconds' where key = 'api:token:abc'`);
      return refusal(consumeRateLimits(tx, limits));
    });
    expect(refused?.code).toBe("rate-limited:api-token");
    expect(refused?.details?.retryAfterSeconds).toBe(15);
    // The address alone still has room: another token from it is not refused.
    expect(await refusal(consumeRateLimits(db(), [limits[0]!, { key: "api:token:def", limit: 3, windowSeconds: 60 }]))).toBeNull();
  });

  it("starts a new window once the old one is over", async () => {
    const limit = { key: "sign-in:email:a@contoso.com", limit: 1, windowSeconds: 900 };
    await consumeRateLimits(db(), [limit]);
    expect((await refusal(consumeRateLimits(db(), [limit])))?.code).toBe("rate-limited:sign-in-email");
    await db().execute(sql`update rate_limits set window_start = now() - interval '901 seconds' where key = ${limit.key}`);
    expect(await refusal(consumeRateLimits(db(), [limit]))).toBeNull();
  });

  it("counts limits of different window lengths in one call, each by its own window", async () => {
    const short = { key: "test:short:x", limit: 1, windowSeconds: 10 };
    const long = { key: "test:long:x", limit: 5, windowSeconds: 3600 };
    await consumeRateLimits(db(), [short, long]);
    await db().execute(sql`update rate_limits set window_start = now() - interval '11 seconds' where key in (${short.key}, ${long.key})`);
    // The short window is over and restarts; the long one is not and keeps its count of one.
    expect(await refusal(consumeRateLimits(db(), [short, long]))).toBeNull();
    const rows = await db().execute(sql`select key, count from rate_limits where key in (${short.key}, ${long.key}) order by key`);
    expect((rows as unknown as { rows: { key: string; count: number }[] }).rows).toEqual([
      { key: long.key, count: 2 },
      { key: short.key, count: 1 },
    ]);
  });
});
