/**
 * The one home for regular expressions an administrator writes (a policy's reason and ticket
 * patterns): compiled when the policy is saved, tested when a request is checked, both with RE2
 * (`re2js`, pure JavaScript). RE2 matches in time linear in the text whatever the pattern, where
 * JavaScript's backtracking RegExp took 15 s to test 29 characters against `^(a+)+$` and held
 * the event loop, so every other request (health too) waited. What RE2 leaves out for that
 * guarantee (backreferences, lookahead, lookbehind) is refused at save with the field's error.
 */
import { RE2JS, RE2JSException } from "re2js";
import { z } from "zod";
import { DomainError } from "@/lib/errors";

export const MAX_ADMIN_PATTERN_LENGTH = 200;
/**
 * The longest text a pattern is tested against: a request's reason, which its input already
 * bounds to 1000 characters (a ticket to 100). RE2's time is linear in this; the bound keeps it small.
 */
export const MAX_PATTERN_SUBJECT_LENGTH = 1000;

type Compiled = { ok: true; pattern: RE2JS } | { ok: false; problem: string };

export function compileAdminPattern(source: string): Compiled {
  try {
    return { ok: true, pattern: RE2JS.compile(source) };
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    const detail = error.message.replace(/^error parsing regexp: /, "");
    return {
      ok: false,
      problem: `is not a pattern Elevate can check (RE2 syntax, without backreferences, lookahead or lookbehind): ${detail}`,
    };
  }
}

/** A pattern as an administrator saves it: short, and one RE2 compiles. */
export const adminPattern = z
  .string()
  .max(MAX_ADMIN_PATTERN_LENGTH, `must be at most ${MAX_ADMIN_PATTERN_LENGTH} characters`)
  .superRefine((source, context) => {
    const compiled = compileAdminPattern(source);
    if (!compiled.ok) context.addIssue({ code: "custom", message: compiled.problem });
  });

/**
 * Whether `value` holds a match of the saved pattern anywhere (as `RegExp.test` did: anchor with
 * `^...$` for the whole value). A pattern saved before patterns were checked with RE2 may not
 * compile: the request is refused with a message for the administrator, never matched some other
 * way. Text longer than any input may carry does not match.
 */
export function matchesAdminPattern(source: string, value: string, field: string): boolean {
  const compiled = compileAdminPattern(source);
  if (!compiled.ok) {
    throw new DomainError(
      "conflict:policy-pattern",
      `The policy's ${field} pattern cannot be checked any more: an administrator must change it (it ${compiled.problem}).`,
    );
  }
  return value.length <= MAX_PATTERN_SUBJECT_LENGTH && compiled.pattern.test(value);
}
