import { spawnSync } from "node:child_process";
import path from "node:path";
import { Command } from "commander";
import { config, resolveAuthSecret } from "@/lib/config";
import { runProductionServer } from "@/lib/server/production-server";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "./build-fingerprint";
import { CliError } from "./cli-error";
import { keyDigest, serverActionsKey } from "./server-actions-key";

/**
 * `npm start`: builds when the sources changed since the last build, then runs the production
 * server. The server itself validates the configuration, migrates, seeds the embedded demo on its
 * first start and prints its URL (instrumentation.ts).
 * The server runs in this process: see production-server.ts.
 */
export function serveCommand() {
  return new Command("serve")
    .description("Build if needed, then start the production server")
    .option("--port <port>", "the port (default: PORT or 3000)")
    .action(async (options: { port?: string }) => {
      const root = process.env.ELEVATE_ROOT ?? process.cwd();
      if (options.port) process.env.PORT = options.port;
      // This is the production server: check the configuration as production will read it.
      (process.env as Record<string, string>).NODE_ENV = "production";
      process.env.NEXT_TELEMETRY_DISABLED ??= "1";
      const cfg = config(); // Fails here, naming the variable, before a long build.
      const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
      const actionsKey = process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY ?? serverActionsKey(resolveAuthSecret(cfg));

      if (!buildIsCurrent(root, keyDigest(actionsKey))) {
        const fingerprint = sourceFingerprint(root, keyDigest(actionsKey));
        console.log("Building Elevate (first start, changed sources or a new AUTH_SECRET)…");
        const started = Date.now();
        const build = spawnSync(process.execPath, [nextBin, "build"], {
          cwd: root,
          stdio: "inherit",
          env: { ...process.env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: actionsKey },
        });
        if (build.status !== 0) throw new CliError("The build failed: see the output above.");
        recordBuild(root, fingerprint);
        console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }

      await runProductionServer({ root, port: cfg.port });
    });
}
