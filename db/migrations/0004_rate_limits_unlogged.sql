-- Rate-limit counters are worth nothing after a crash and are written on every API call: an
-- unlogged table skips the write-ahead log (no fsync per request).
ALTER TABLE "rate_limits" SET UNLOGGED;
