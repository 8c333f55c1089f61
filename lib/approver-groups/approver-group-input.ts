import { z } from "zod";

/** Control characters (C0, DEL, C1): never part of a name someone reads in a list or an email. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/** A group's name as people, policies and the API write it. Unique per organisation, whatever the case. */
export const groupName = z
  .string({ error: "must be text" })
  .trim()
  .min(1, "must not be empty")
  .max(100, "must be at most 100 characters")
  .refine((name) => !CONTROL_CHARACTERS.test(name), { error: "must not contain control characters" });

export const groupDescription = z
  .string({ error: "must be text" })
  .trim()
  .max(500, "must be at most 500 characters")
  .refine((text) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(text), { error: "must not contain control characters" });

/** Email addresses, lower-cased and without repeats. */
export const memberEmails = z
  .array(z.email({ error: "must be email addresses" }).max(254).transform((email) => email.toLowerCase()), {
    error: "must be a list of email addresses",
  })
  .max(500, "must list at most 500 people")
  .transform((emails) => [...new Set(emails)]);

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
