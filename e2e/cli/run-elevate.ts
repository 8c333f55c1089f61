import { execFile } from "node:child_process";
import path from "node:path";
import type { OrgAccount, SpecOrganisation } from "../org-fixture";

export const root = path.resolve(import.meta.dirname, "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `elevate …` run as a person of a spec's organisation would run it, against the test server: the
 * real binary, with their token in ELEVATE_TOKEN (none for `null`) and nothing else of this
 * process's environment but PATH.
 */
export function runElevate(
  org: SpecOrganisation,
  account: Exclude<OrgAccount, "partner"> | null,
  args: string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, "lib/cli/elevate.mjs"), ...args],
      {
        cwd: root,
        encoding: "utf8",
        env: {
          PATH: process.env.PATH,
          NODE_ENV: "production",
          ELEVATE_URL: "http://localhost:3100",
          ...(account ? { ELEVATE_TOKEN: org.token(account, "cli") } : {}),
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
