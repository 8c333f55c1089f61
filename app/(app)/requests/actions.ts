"use server";

import { z } from "zod";
import { action } from "@/app/_lib/action";
import { cancelRequest } from "@/lib/requests/cancel-request";
import { createRequest } from "@/lib/requests/create-request";
import { extendRequest } from "@/lib/requests/extend-request";
import { releaseRequest } from "@/lib/requests/release-request";

const hours = z.coerce.number({ error: "Enter a number of hours" });

const requestForm = z.object({
  target: z.string({ error: "Choose what you need access to" }).min(1, "Choose what you need access to"),
  type: z.enum(["task", "role", "roleGroup"]).default("task"),
  scope: z.string().default("Exchange"),
  durationHours: hours.optional(),
  reason: z.string().default(""),
  ticket: z.string().optional(),
  /** From a datetime-local field: the browser's local time, sent with its offset. */
  startsAt: z.string().optional(),
});

export const createRequestAction = action(
  requestForm,
  ({ db, actor, input }) => createRequest(db, { actor, input }),
  // No fixed toast: the form says whether access was granted at once or sent to the approvers.
  { revalidate: ["/requests", "/"] },
);

export const cancelRequestAction = action(
  z.object({ requestId: z.string() }),
  ({ db, actor, input }) => cancelRequest(db, { actor, requestId: input.requestId }),
  { revalidate: ["/requests", "/"], success: "Request cancelled" },
);

export const extendRequestAction = action(
  z.object({ requestId: z.string(), durationHours: hours.optional(), reason: z.string().default(""), ticket: z.string().optional() }),
  ({ db, actor, input: { requestId, ...input } }) => extendRequest(db, { actor, requestId, input }),
  { revalidate: ["/requests", "/access", "/"], success: "Extension requested" },
);

export const releaseRequestAction = action(
  z.object({ requestId: z.string(), comment: z.string().optional() }),
  ({ db, actor, input: { requestId, comment } }) => releaseRequest(db, { actor, requestId, input: { comment } }),
  { revalidate: ["/requests", "/access", "/"], success: "Access released: it has ended" },
);
