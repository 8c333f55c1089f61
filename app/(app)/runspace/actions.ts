"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { listWorkloadObjects } from "@/lib/runspace/list-workload-objects";
import { runTask } from "@/lib/runspace/run-task";
import { jsonObject } from "@/lib/validation";

// The parameters stay as the form typed them: the task's own schema checks them in `runTask`,
// after the access decision, so a caller without access learns nothing about them.
const runInput = z.object({
  scope: z.string().optional(),
  task: z.string(),
  parameters: jsonObject.prefault({}),
});

export const runTaskAction = action(runInput, ({ db, actor, input }) => runTask(db, { actor, input }));

// Checked in full by `listWorkloadObjects`, which also decides whether the caller may see them.
const objectsInput = z.object({
  scope: z.string().optional(),
  task: z.string(),
  parameter: z.string(),
  search: z.string().optional(),
  limit: z.number().optional(),
});

export const listWorkloadObjectsAction = action(objectsInput, ({ db, actor, input }) => listWorkloadObjects(db, { actor, input }));
