/**
 * A task's failure, read as the cmdlet's own and followed by what to do about it. The message is
 * what PowerShell prints (`Remove-JournalRule: The operation couldn't be performed because …`): it
 * is what the run records, the audit keeps and the API answers. The next step is for a person at
 * the runspace form, said from the error's code and the task's own parameters.
 */
import { DomainError } from "@/lib/errors";
import type { ParametersSchema } from "./describe-tasks";
import { describeObjectKind, isObjectKind } from "./exchange/object-kinds";

/** The error as PowerShell shows a cmdlet's error: the cmdlet's name, then its message. */
export function cmdletError(task: string, error: DomainError): DomainError {
  if (error.message.startsWith(`${task}: `)) return error;
  return new DomainError(error.code, `${task}: ${error.message}`, error.fields, error.details);
}

/** What a person can do after a failed run, in one or two sentences. */
export function nextStepAfter({ task, code, parameters }: { task: string; code: string; parameters: ParametersSchema }): string {
  const [kind = "", detail = ""] = code.split(/:(.*)/s);
  if (code === "not-found:mailbox-permission") {
    return "Run Get-MailboxPermission on the mailbox to see who holds which rights there, then try again with one of them.";
  }
  if (kind === "not-found") {
    // `User` and `Member` name any recipient; their errors say `user` or `recipient`.
    const objectKind = detail === "user" ? "recipient" : detail;
    const named = Object.entries(parameters.properties)
      .filter(([, parameter]) => parameter.object?.kind === objectKind)
      .map(([name]) => name);
    const object = isObjectKind(objectKind) ? describeObjectKind(objectKind) : undefined;
    const label = object?.label ?? "object";
    const where = named.length ? `Check ${named.join(" or ")}: ` : "Check the identity you gave: ";
    const list = object?.listedBy && object.listedBy !== task ? ` ${object.listedBy} lists every one.` : "";
    return `${where}pick a ${label} from the list under the field, or type its name, alias, address or GUID exactly.${list}`;
  }
  if (code === "invalid:ambiguous-identity") {
    return "Give something only one object has: its primary SMTP address or its GUID.";
  }
  switch (kind) {
    case "conflict":
      return "Use another value for the one already in use, or leave things as they are.";
    case "limit":
      return "Remove one you no longer need, then run it again.";
    case "invalid":
      return "Correct the parameters named above and run it again.";
    default:
      return "Check the parameters and run it again.";
  }
}
