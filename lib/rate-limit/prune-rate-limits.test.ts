import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase, testDatabaseKinds } from "@/db/testing/test-database";
import { sweepOnce } from "@/lib/server/startup/sweeper";
import { MAX_WINDOW_SECONDS, consumeRateLimits } from "./consume-rate-limits";
import { pruneRateLimits } from "./prune-rate-limits";

describe.each(testDatabaseKinds)("pruning rate limits on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.destroy());
  const db = () => database.db;
  const keys = async () =>
    ((await db().execute(sql`select key from rate_limits order by key`)) as unknown as { rows: { key: string }[] }).rows.map((r) => r.key);
  /** `count` counters whose window started `secondsAgo` ago, as a stream of random bearer strings leaves. */
  const counters = (prefix: string, count: number, secondsAgo: number) =>
    db().execute(sql`
      insert into rate_limits (key, window_start, count)
      select ${prefix} || n, now() - make_interval(secs => ${secondsAgo}), 1 from generate_series(1, ${count}) as n`);

  beforeEach(async () => {
    await db().execute(sql`delete from rate_limits`);
  });

  it("deletes counters whose window is over and keeps the live ones", async () => {
    await counters("api:token:gone", 25, MAX_WINDOW_SECONDS + 60);
    await counters("api:token:live", 3, 0);
    await counters("sign-in:ip:live", 2, 600); // a 15-minute window still running
    expect(await pruneRateLimits(db(), { batchSize: 10 })).toBe(25);
    expect(await keys()).toEqual(["api:token:live1", "api:token:live2", "api:token:live3", "sign-in:ip:live1", "sign-in:ip:live2"]);
  });

  it("deletes in bounded batches, leaving the rest for the next sweep", async () => {
    await counters("api:token:gone", 25, MAX_WINDOW_SECONDS + 60);
    expect(await pruneRateLimits(db(), { batchSize: 10, maxBatches: 2 })).toBe(20);
    expect(await keys()).toHaveLength(5);
    expect(await pruneRateLimits(db(), { batchSize: 10, maxBatches: 2 })).toBe(5);
    expect(await keys()).toEqual([]);
  });

  it("leaves a live window's count as it was: the limit still holds after a prune", async () => {
    const limit = { key: "api:token:busy", limit: 2, windowSeconds: 60 };
    await consumeRateLimits(db(), [limit]);
    await consumeRateLimits(db(), [limit]);
    await pruneRateLimits(db());
    await expect(consumeRateLimits(db(), [limit])).rejects.toMatchObject({ code: "rate-limited:api-token" });
  });

  it("refuses a window longer than pruning allows for", async () => {
    await expect(consumeRateLimits(db(), [{ key: "test:long:x", limit: 1, windowSeconds: MAX_WINDOW_SECONDS + 1 }])).rejects.toThrow(
      /window must be 1 to/,
    );
  });

  it("runs in every sweep", async () => {
    await counters("api:token:gone", 3, MAX_WINDOW_SECONDS + 60);
    await counters("api:token:live", 1, 0);
    await sweepOnce(db());
    expect(await keys()).toEqual(["api:token:live1"]);
  });
});
