import { z } from "zod";
import { isoDateTime, quarterHours } from "@/lib/validation";

export const createRequestInput = z.strictObject({
  type: z.enum(["task", "role", "roleGroup"], { error: 'must be "task", "role" or "roleGroup"' }).default("task"),
  scope: z.string().trim().min(1).default("Exchange"),
  target: z.string().trim().min(1, "must name what you need access to"),
  /** Hours in 0.25 steps; the policy's default when left out. */
  durationHours: quarterHours("The duration").optional(),
  reason: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  ticket: z.string().trim().max(100, "must be at most 100 characters").nullish(),
  /** A scheduled start; the window opens at approval when left out. */
  startsAt: isoDateTime.nullish(),
});
export type CreateRequestInput = z.input<typeof createRequestInput>;

export const extendRequestInput = z.strictObject({
  durationHours: quarterHours("The duration").optional(),
  reason: z.string().trim().max(1000, "must be at most 1000 characters").default(""),
  ticket: z.string().trim().max(100, "must be at most 100 characters").nullish(),
});
export type ExtendRequestInput = z.input<typeof extendRequestInput>;

export const commentInput = (required: boolean) =>
  z.strictObject({
    comment: required
      ? z.string({ error: "A comment is required" }).trim().min(1, "A comment is required").max(1000)
      : z.string().trim().max(1000).nullish(),
  });
