import { z } from "zod";

/** Query strings are text: these turn them into the domain's types, refusing anything else. */
export const queryBoolean = z.stringbool({ truthy: ["true", "1"], falsy: ["false", "0"] });
export const queryLimit = z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1).max(500);
