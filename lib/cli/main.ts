import { Command, CommanderError } from "commander";
import { adminCommands } from "./admin-commands";
import { CliError } from "./cli-error";
import {
  auditCommands,
  meCommand,
  pamCommands,
  policyCommands,
  requestCommands,
  taskCommands,
  tokenCommands,
} from "./client-commands";
import { dbCommands } from "./db-commands";
import { groupCommands } from "./group-commands";
import { scopeCommands } from "./scope-commands";
import { memberCommands } from "./member-commands";
import { serveCommand } from "./serve";

/** Exit codes of the contract: 0 success, 1 refused or failed, 2 bad usage. */
export async function main(argv: string[]) {
  const program = new Command("elevate")
    .description("Elevate: just-in-time privileged access, from the command line.")
    .option("--url <url>", "where Elevate is (default: ELEVATE_URL)")
    .option("--token <token>", "an API token (default: ELEVATE_TOKEN)")
    .option("--json", "print JSON instead of a table")
    .exitOverride()
    .showHelpAfterError();
  for (const command of [
    meCommand(),
    pamCommands(),
    policyCommands(),
    requestCommands(),
    ...taskCommands(),
    auditCommands(),
    tokenCommands(),
    groupCommands(),
    scopeCommands(),
    memberCommands(),
    adminCommands(),
    dbCommands(),
    serveCommand(),
  ]) {
    program.addCommand(command);
  }
  // Subcommands inherit exitOverride so usage errors surface here as exit code 2.
  const applyExitOverride = (command: Command) => {
    command.exitOverride();
    command.commands.forEach(applyExitOverride);
  };
  applyExitOverride(program);
  try {
    await program.parseAsync(argv);
    // Server-host commands hold database handles; do not wait for idle pools to time out.
    if (program.args[0] !== "serve") process.exit(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`elevate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
}
