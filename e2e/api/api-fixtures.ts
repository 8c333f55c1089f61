import { randomInt } from "node:crypto";

/**
 * A distinct client address per context, so one spec's calls do not use up another's rate limit.
 * The test server trusts one proxy, so the address is the last entry; the first is what a client
 * could forge, and counts for nothing.
 */
export const randomAddress = () => `198.51.100.${randomInt(1, 255)}, 10.0.0.${randomInt(1, 255)}`;
