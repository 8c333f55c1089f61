export async function register() {
  // Only the Node.js server opens the database; the Edge runtime never does.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/startup/start-server");
    await startServer();
  }
}
