import type { Command } from "commander";
import type { ApiConnection } from "./api-client";
import { CliError } from "./cli-error";

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

/** ELEVATE_URL and ELEVATE_TOKEN, or --url and --token. Missing either is bad usage (exit 2). */
export function connectionOf(command: Command): ApiConnection & { json: boolean } {
  const options = command.optsWithGlobals<GlobalOptions>();
  const url = options.url ?? process.env.ELEVATE_URL;
  const token = options.token ?? process.env.ELEVATE_TOKEN;
  if (!url) throw new CliError("Say where Elevate is: --url or ELEVATE_URL (e.g. https://elevate.example.com).", 2);
  if (!token) throw new CliError("Give an API token: --token or ELEVATE_TOKEN (create one in Settings → API tokens).", 2);
  return { url, token, json: Boolean(options.json) };
}

/** "12" → 12, "true" → true, anything else stays text: PowerShell-like -Param values. */
export function parseParamValue(text: string): unknown {
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

export function hours(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new CliError(`"${text}" is not a number of hours.`, 2);
  return value;
}

export function wholeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value)) throw new CliError(`"${text}" is not a whole number.`, 2);
  return value;
}

export function list(text: string): string[] {
  return text.split(",").map((item) => item.trim()).filter(Boolean);
}
