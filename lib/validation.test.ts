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
      [{ task: "ok", parameters: { "\u0000": 1 } }, "parameters.\u0000"],
    ] as const) {
      expect(() => parseInput(schema, input)).toThrow(
        expect.objectContaining({ code: "invalid:input", fields: { [field]: [expect.stringMatching(/cannot be stored/)] } }),
      );
    }
  });

  it("refuses input nested deeper than any form or call needs, rather than overflowing a stack later", () => {
    let deep: unknown = "bottom";
    for (let i = 0; i < 5_000; i++) deep = [deep];
    expect(() => parseInput(schema, { task: "ok", parameters: { deep } })).toThrow(
      expect.objectContaining({ code: "invalid:input", message: expect.stringMatching(/nested more than 32 levels/) }),
    );
    expect(parseInput(schema, { task: "ok", parameters: { a: { b: { c: ["d"] } } } }).parameters).toEqual({ a: { b: { c: ["d"] } } });
  });
});
