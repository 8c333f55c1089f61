import { z } from "zod";
import { isoDateTime, quarterHours } from "@/lib/validation";
import { COMMENT_MAX_LENGTH, REASON_MAX_LENGTH, TICKET_MAX_LENGTH } from "./text-limits";

const reason = z.string().trim().max(REASON_MAX_LENGTH, `must be at most ${REASON_MAX_LENGTH} characters`).default("");
const ticket = z.string().trim().max(TICKET_MAX_LENGTH, `must be at most ${TICKET_MAX_LENGTH} characters`).nullish();

export const createRequestInput = z.strictObject({
  type: z.enum(["task", "role", "roleGroup"], { error: 'must be "task", "role" or "roleGroup"' }).default("task"),
  scope: z.string().trim().min(1).default("Exchange"),
  target: z.string().trim().min(1, "must name what you need access to"),
  /** Hours in 0.25 steps; the policy's default when left out. */
  durationHours: quarterHours("The duration").optional(),
  reason,
  ticket,
  /** A scheduled start; the window opens at approval when left out. */
  startsAt: isoDateTime.nullish(),
});
export type CreateRequestInput = z.input<typeof createRequestInput>;

export const extendRequestInput = z.strictObject({
  durationHours: quarterHours("The duration").optional(),
  reason,
  ticket,
});
export type ExtendRequestInput = z.input<typeof extendRequestInput>;

const tooLong = `must be at most ${COMMENT_MAX_LENGTH} characters`;
export const commentInput = (required: boolean) =>
  z.strictObject({
    comment: required
      ? z.string({ error: "A comment is required" }).trim().min(1, "A comment is required").max(COMMENT_MAX_LENGTH, tooLong)
      : z.string().trim().max(COMMENT_MAX_LENGTH, tooLong).nullish(),
  });
