import { describe, expect, it } from "vitest";
import { keyDigest, serverActionsKey } from "./server-actions-key";

describe("the server-actions key", () => {
  it("is an AES-256 key (32 bytes, base64), the same for the same AUTH_SECRET on every instance", () => {
    const key = serverActionsKey("shared-secret-of-the-deployment");
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(serverActionsKey("shared-secret-of-the-deployment")).toBe(key);
  });

  it("changes with AUTH_SECRET, and the build stamp records only a digest of it", () => {
    const key = serverActionsKey("shared-secret-of-the-deployment");
    expect(serverActionsKey("another-secret")).not.toBe(key);
    expect(keyDigest(key)).not.toContain(key.slice(0, 8));
    expect(keyDigest(key)).toHaveLength(16);
  });
});
