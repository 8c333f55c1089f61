import { Command, CommanderError } from "commander";
import { adminCommands } from "./admin-commands";
import { dbCommands } from "./db-commands";
import { CliError } from "./cli-error";
import { serveCommand } from "./serve";

/** Exit codes of the contract: 0 success, 1 refused or failed, 2 bad usage. */
export async function main(argv: string[]) {
  const program = new Command("elevate")
    .description("Elevate: just-in-time privileged access. Server-host commands.")
    .exitOverride()
    .showHelpAfterError();
  program.addCommand(serveCommand());
  program.addCommand(dbCommands());
  program.addCommand(adminCommands());
  try {
    await program.parseAsync(argv);
    // Server-host commands hold database handles; do not wait for idle pools to time out.
    if (program.args[0] !== "serve") process.exit(0);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode === 0 ? 0 : 2);
    }
    process.stderr.write(`elevate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
}
