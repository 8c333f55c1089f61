import type { z } from "zod";
import { getSettings } from "@/lib/settings/get-settings";
import { settingsInput, updateSettings } from "@/lib/settings/update-settings";
import { endpoint } from "../endpoint";

export const settingsEndpoints = [
  endpoint({
    method: "GET",
    path: "/settings",
    summary: "PAM on or off, default approver group, excluded accounts and limits",
    who: "admins",
    handle: ({ db, actor }) => getSettings(db, { actor }),
  }),
  endpoint<Record<string, never>, z.input<typeof settingsInput>>({
    method: "PATCH",
    path: "/settings",
    summary: "Change PAM settings (Enable-/Disable-ElevatedAccessControl)",
    who: "admins",
    body: settingsInput,
    handle: ({ db, actor, body }) => updateSettings(db, { actor, input: body }),
  }),
];
