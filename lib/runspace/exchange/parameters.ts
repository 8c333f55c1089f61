/**
 * zod building blocks for cmdlet parameters. Messages are relative to the parameter ("is required",
 * "must be …"): they are shown next to it, keyed by its PowerShell name.
 */
import { z } from "zod";

/** A cmdlet's parameter set: an unknown name is refused, worded as PowerShell words it. */
export function cmdletParameters<Shape extends z.ZodRawShape>(shape: Shape) {
  return z
    .object(shape, {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `A parameter cannot be found that matches parameter name '${issue.keys.join("', '")}'.`
          : undefined,
    })
    .strict();
}

/** A non-empty, trimmed string. */
export function text(maxLength = 256) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be text") })
    .trim()
    .min(1, "can't be empty")
    .max(maxLength, `must be at most ${maxLength} characters`);
}

/** An SMTP address, trimmed and lower-cased so stored addresses compare exactly. */
export function emailAddress() {
  return text(320).toLowerCase().regex(z.regexes.email, "must be an SMTP address such as user@contoso.com");
}

/**
 * One value or several: PowerShell binds `-SentTo a@contoso.com` and `-SentTo a, b` to the same
 * parameter, and a form may send "a, b" as one string.
 */
export function textList<Item extends z.ZodType<unknown, string>>(item: Item) {
  return z
    .union([z.string(), z.array(z.string())], {
      error: (issue) => (issue.input === undefined ? "is required" : "must be text or a list of text"),
    })
    .transform((value) =>
      (Array.isArray(value) ? value : value.split(","))
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    )
    .pipe(z.array(item).min(1, "needs at least one value").max(100, "takes at most 100 values"));
}

/** An Exchange alias: the local part of an address, without spaces. */
export function aliasText() {
  return text(64).regex(
    /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/,
    "may contain only letters, digits, inner dots and !#$%&'*+-/=?^_`{|}~",
  );
}

export function flag() {
  return z.boolean({ error: "must be $true or $false" });
}

/** One of a fixed set, matched case-insensitively like PowerShell enum parameters. */
export function choice<const Values extends readonly [string, ...string[]]>(values: Values) {
  const message = `must be one of: ${values.join(", ")}`;
  return z
    .string({ error: message })
    .trim()
    .transform((value, context) => {
      const match = values.find((v) => v.toLowerCase() === value.toLowerCase());
      if (match === undefined) {
        context.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return match as Values[number];
    })
    // The transform hides the values from z.toJSONSchema: say them, so the runspace form offers them.
    .meta({ enum: [...values] });
}
