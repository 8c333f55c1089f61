import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { cmdletError, nextStepAfter } from "./cmdlet-error";
import type { ParametersSchema } from "./describe-tasks";
import { describeObjectKind } from "./exchange/object-kinds";

const removeJournalRule: ParametersSchema = {
  type: "object",
  properties: { Identity: { type: "string", object: describeObjectKind("journal-rule") } },
  required: ["Identity"],
};
const addMember: ParametersSchema = {
  type: "object",
  properties: {
    Identity: { type: "string", object: describeObjectKind("distribution-group") },
    Member: { type: "string", object: describeObjectKind("recipient") },
  },
  required: ["Identity", "Member"],
};

describe("a failed run, as the cmdlet's own error and what to do", () => {
  it("puts the cmdlet's name first, as PowerShell does, keeping the code and fields", () => {
    const error = cmdletError("Remove-JournalRule", new DomainError("not-found:journal-rule", "The operation couldn't be performed."));
    expect(error).toMatchObject({ code: "not-found:journal-rule", message: "Remove-JournalRule: The operation couldn't be performed." });
    const field = cmdletError("New-JournalRule", new DomainError("invalid:x", "No.", { Recipient: ["No."] }));
    expect(field.fields).toEqual({ Recipient: ["No."] });
    expect(cmdletError("New-JournalRule", field).message).toBe("New-JournalRule: No.");
  });

  it("sends a person who named nothing to the picker of that parameter, and to the cmdlet that lists them", () => {
    expect(nextStepAfter({ task: "Remove-JournalRule", code: "not-found:journal-rule", parameters: removeJournalRule })).toBe(
      "Check Identity: pick a journal rule from the list under the field, or type its name, alias, address or GUID exactly. Get-JournalRule lists every one.",
    );
    expect(nextStepAfter({ task: "Add-DistributionGroupMember", code: "not-found:recipient", parameters: addMember })).toMatch(/^Check Member: pick a recipient/);
    expect(nextStepAfter({ task: "Add-DistributionGroupMember", code: "not-found:distribution-group", parameters: addMember })).toMatch(
      /^Check Identity: pick a distribution group from the list under the field, or type .* exactly\.$/,
    );
    // The lister itself does not send you to itself.
    expect(nextStepAfter({ task: "Get-JournalRule", code: "not-found:journal-rule", parameters: removeJournalRule })).not.toContain("Get-JournalRule lists");
  });

  it("says what to do after the other kinds of failure", () => {
    const after = (code: string) => nextStepAfter({ task: "New-JournalRule", code, parameters: removeJournalRule });
    expect(after("conflict:journal-rule-exists")).toMatch(/^Use another value/);
    expect(after("limit:journal-rules")).toMatch(/Remove one you no longer need/);
    expect(after("invalid:ambiguous-identity")).toMatch(/primary SMTP address or its GUID/);
    expect(after("not-found:mailbox-permission")).toMatch(/Get-MailboxPermission/);
    expect(after("unavailable:whatever")).toBe("Check the parameters and run it again.");
  });
});
