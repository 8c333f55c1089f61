// The AUTH_SECRET of the browser and contract tests' server, on either database. Tests that act on
// the server host (the command line) or check what the build derived from it need it too.
export const E2E_AUTH_SECRET = "e2e-only-secret-e2e-only-secret-e2e-only-secret";
