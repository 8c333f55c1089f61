// Where the production-mode test server and its fake Resend listen, and who its first administrator is.
export const PRODUCTION_PORT = 3200;
export const RESEND_PORT = 3299;
export const PRODUCTION_ADMIN = "owner@acme.example";
export const productionUrl = `http://localhost:${PRODUCTION_PORT}`;
