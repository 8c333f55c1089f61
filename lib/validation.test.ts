import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "./validation";

const schema = z.strictObject({ task: z.string(), parameters: z.record(z.string(), z.unknown()).default({}) });

describe("parsing input", () => {
  it("keeps any well-formed text, emoji and other scripts included", () => {
    expect(parseInput(schema, { task: "Get-Mailbox 😀 Ünïcødé 日本" }).task).toBe("Get-Mailbox 😀 Ünïcødé 日本");
  });

  it("refuses text Postgres cannot store, naming the field at any depth", () => {
    for (const [input, field] of [
      [{ task: "\ud800" }, "task"],
      [{ task: "a\udc00b" }, "task"],
      [{ task: "nul\u0000" }, "task"],
      [{ task: "ok", parameters: { Identity: ["fine", "bad\ud83d"] } }, "parameters.Identity.1"],
    ] as const) {
      expect(() => parseInput(schema, input)).toThrow(
        expect.objectContaining({ code: "invalid:input", fields: { [field]: [expect.stringMatching(/cannot be stored/)] } }),
      );
    }
  });
});
