import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonObject, parseInput, withoutPrototypes } from "./validation";

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

describe("keys named after Object.prototype's members", () => {
  const hostile = () => JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": 1}, "toString": "x"}');

  it("are kept as data by jsonObject, in an object without a prototype (z.record drops __proto__)", () => {
    const parsed = parseInput(jsonObject, hostile());
    expect(Object.getPrototypeOf(parsed)).toBeNull();
    expect(Object.keys(parsed)).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.getOwnPropertyDescriptor(parsed, "__proto__")?.value).toEqual({ polluted: true });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(() => parseInput(jsonObject, [])).toThrow(expect.objectContaining({ fields: { input: ["must be an object"] } }));
  });

  it("are unknown fields of a strict schema, each named by its path", () => {
    const strict = z.strictObject({ user: z.strictObject({ name: z.string().optional() }) });
    const input = withoutPrototypes(JSON.parse('{"user": {"__proto__": 1, "toString": 2}, "constructor": 3}'));
    expect(() => parseInput(strict, input)).toThrow(
      expect.objectContaining({
        code: "invalid:input",
        fields: { "user.__proto__": ["is not a known field"], "user.toString": ["is not a known field"], constructor: ["is not a known field"] },
      }),
    );
  });

  it("read as absent when a schema declares one and the input leaves it out", () => {
    const declares = z.strictObject({ constructor: z.string().optional(), valueOf: z.number().optional() });
    expect(parseInput(declares, withoutPrototypes({}))).toEqual({});
    expect(parseInput(declares, withoutPrototypes({ constructor: "c", valueOf: 1 }))).toEqual({ constructor: "c", valueOf: 1 });
  });

  it("are copied without a prototype at any depth, without a stack to overflow", () => {
    let deep: unknown = JSON.parse('{"__proto__": 1}');
    for (let i = 0; i < 100_000; i++) deep = { a: [deep] };
    let copy = withoutPrototypes(deep) as { a: [unknown] };
    let withPrototype = 0;
    for (let i = 0; i < 100_000; i++) {
      if (Object.getPrototypeOf(copy) !== null) withPrototype++;
      copy = copy.a[0] as { a: [unknown] };
    }
    expect(withPrototype).toBe(0);
    expect(Object.keys(copy)).toEqual(["__proto__"]);
  });
});
