import { describe, expect, it } from "vitest";
import type { ParametersSchema } from "./describe-tasks";
import { describeObjectKind } from "./exchange/object-kinds";
import { cellOf, presentResult } from "./present-result";

const identityOf = (kind: Parameters<typeof describeObjectKind>[0]): ParametersSchema => ({
  type: "object",
  properties: { Identity: { type: "string", object: describeObjectKind(kind) } },
  required: ["Identity"],
});

describe("a task's output, as a person reads it", () => {
  it("says what a cmdlet that returns nothing did, never null", () => {
    expect(
      presentResult({ task: "Remove-JournalRule", result: null, parameters: { Identity: "Journal Legal Team" }, schema: identityOf("journal-rule") }),
    ).toEqual({ kind: "empty", message: "Done: the journal rule 'Journal Legal Team' was removed." });
    expect(
      presentResult({ task: "Remove-MailboxPermission", result: null, parameters: { Identity: "finance", User: "LynneR" }, schema: identityOf("mailbox") }),
    ).toEqual({ kind: "empty", message: "Done: the mailbox permission of 'finance' was removed." });
    expect(presentResult({ task: "Invoke-Thing", result: undefined })).toEqual({
      kind: "empty",
      message: "Done: Invoke-Thing ran and, like the cmdlet, returned no output.",
    });
  });

  it("says a search that found nothing found nothing", () => {
    expect(presentResult({ task: "Get-JournalRule", result: [], schema: identityOf("journal-rule") })).toEqual({
      kind: "empty",
      message: "No output: Get-JournalRule found no journal rules.",
    });
    expect(presentResult({ task: "Get-MailboxPermission", result: [], parameters: { Identity: "legal" }, schema: identityOf("mailbox") })).toEqual({
      kind: "empty",
      message: "No output: Get-MailboxPermission found no mailbox permissions that match the parameters.",
    });
  });

  it("shows several objects as a table with a column per property, in the order they come", () => {
    const view = presentResult({
      task: "Get-Mailbox",
      result: [
        { Identity: "PattiF", LitigationHoldEnabled: false, ForwardingSmtpAddress: null },
        { Identity: "legal", LitigationHoldEnabled: true, Extra: ["a", "b"] },
      ],
    });
    expect(view).toEqual({
      kind: "table",
      columns: ["Identity", "LitigationHoldEnabled", "ForwardingSmtpAddress", "Extra"],
      rows: [
        ["PattiF", "False", null, null],
        ["legal", "True", null, "a, b"],
      ],
    });
  });

  it("shows one object as a list of its properties", () => {
    expect(
      presentResult({ task: "Disable-JournalRule", result: { Identity: "J", Enabled: false, Recipient: null, Conditions: { From: ["a"] } } }),
    ).toEqual({
      kind: "record",
      entries: [
        ["Identity", "J"],
        ["Enabled", "False"],
        ["Recipient", null],
        ["Conditions", '{"From":["a"]}'],
      ],
    });
  });

  it("shows plain values as they are", () => {
    expect(presentResult({ task: "Get-Count", result: 3 })).toEqual({ kind: "value", text: "3" });
    expect(presentResult({ task: "Get-Names", result: ["a", 2, true] })).toEqual({ kind: "table", columns: ["Value"], rows: [["a"], ["2"], ["True"]] });
    expect(cellOf([])).toBeNull();
  });
});
