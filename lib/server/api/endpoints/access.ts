import { z } from "zod";
import { checkAccess, checkInput } from "@/lib/access/check-access";
import { type RunTaskInput, runTask, runTaskInput } from "@/lib/runspace/run-task";
import { endpoint } from "../endpoint";

export const accessEndpoints = [
  endpoint<Record<string, never>, z.input<typeof checkInput>>({
    method: "POST",
    path: "/access/check",
    summary: "The access decision, without running anything",
    who: "any (user: admins)",
    body: checkInput,
    handle: ({ db, actor, body }) => checkAccess(db, { actor, input: body }),
  }),
  endpoint<Record<string, never>, RunTaskInput>({
    method: "POST",
    path: "/tasks/run",
    summary: "Run a task in the runspace; 403 with the reason when the decision says no",
    who: "any",
    body: runTaskInput,
    handle: ({ db, actor, body }) => runTask(db, { actor, input: body }),
  }),
];
