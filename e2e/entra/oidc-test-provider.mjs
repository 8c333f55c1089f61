// A Microsoft Entra ID stand-in for the browser tests: oidc-provider (a certified OpenID provider)
// on https://127.0.0.1:<port>/<tenant>/v2.0, with ID tokens shaped like Entra's (tid, oid, email
// or not, preferred_username, name). It must be https: once a token carries `tid`, Auth.js
// discovers the issuer again and refuses plain http. A throwaway CA and certificate are made with
// openssl under .data/e2e/entra/ (never committed), and the app is started with NODE_EXTRA_CA_CERTS
// naming a bundle of the machine's CAs and that one.
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import https from "node:https";
import path from "node:path";
import Provider from "oidc-provider";
import { ENTRA_TEST_CLIENT_ID, ENTRA_TEST_CLIENT_SECRET, ENTRA_TEST_TENANT, testPersonOf } from "./entra-test-tenant.mjs";

/** A CA, and a certificate it signed for 127.0.0.1 and localhost; both valid for two days. */
function makeCertificates(dir) {
  mkdirSync(dir, { recursive: true });
  const file = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  openssl("req", "-x509", ...ec, "-keyout", file("ca.key"), "-out", file("ca.crt"), "-days", "2", "-subj", "/CN=Elevate e2e test CA",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
  openssl("req", ...ec, "-keyout", file("server.key"), "-out", file("server.csr"), "-subj", "/CN=127.0.0.1");
  writeFileSync(
    file("server.ext"),
    "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n",
  );
  openssl("x509", "-req", "-in", file("server.csr"), "-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-CAcreateserial",
    "-out", file("server.crt"), "-days", "2", "-extfile", file("server.ext"));
  // NODE_EXTRA_CA_CERTS takes one file: the machine's bundle (already named there, if any) and ours.
  const system = process.env.NODE_EXTRA_CA_CERTS;
  const bundle = [system && existsSync(system) ? readFileSync(system, "utf8") : "", readFileSync(file("ca.crt"), "utf8")].join("\n");
  writeFileSync(file("ca-bundle.pem"), bundle);
  return { key: readFileSync(file("server.key")), cert: readFileSync(file("server.crt")), caBundle: file("ca-bundle.pem") };
}

/**
 * Starts the provider for an app at `appUrl` and answers the environment the app needs:
 * AUTH_MICROSOFT_ENTRA_ID_ID/_SECRET/_ISSUER and NODE_EXTRA_CA_CERTS.
 */
export async function startEntraTestProvider({ dataDir, appUrl }) {
  const { key, cert, caBundle } = makeCertificates(path.join(dataDir, "entra"));
  const mount = `/${ENTRA_TEST_TENANT}/v2.0`;
  let handle = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = https.createServer({ key, cert }, (req, res) => {
    if (req.url !== mount && !req.url.startsWith(`${mount}/`)) {
      res.statusCode = 404;
      res.end();
      return;
    }
    // Mounted under the issuer's path: oidc-provider reads the mount from originalUrl.
    req.originalUrl = req.url;
    req.url = req.url.slice(mount.length) || "/";
    handle(req, res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `https://127.0.0.1:${server.address().port}${mount}`;

  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: ENTRA_TEST_CLIENT_ID,
        client_secret: ENTRA_TEST_CLIENT_SECRET,
        redirect_uris: [`${appUrl.replace(/\/+$/, "")}/api/auth/callback/microsoft-entra-id`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "e2e", use: "sig", alg: "RS256" }] },
    cookies: { keys: ["e2e-only-entra-provider-cookie-key"] },
    ttl: { AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    // Entra puts the asked-for claims in the ID token, and Auth.js reads only the ID token.
    conformIdTokenClaims: false,
    claims: { openid: ["sub", "tid", "oid"], email: ["email"], profile: ["name", "preferred_username"] },
    // Like an app an Entra administrator consented to for everyone: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    async findAccount(_ctx, login) {
      const person = testPersonOf(login);
      return {
        accountId: login,
        async claims() {
          return {
            sub: login,
            tid: person.tenantId,
            oid: person.objectId,
            name: person.name,
            preferred_username: person.upn,
            ...(person.email ? { email: person.email } : {}),
          };
        },
      };
    },
  });
  handle = provider.callback();

  return {
    issuer,
    close: () => new Promise((resolve) => server.close(resolve)),
    env: {
      AUTH_MICROSOFT_ENTRA_ID_ID: ENTRA_TEST_CLIENT_ID,
      AUTH_MICROSOFT_ENTRA_ID_SECRET: ENTRA_TEST_CLIENT_SECRET,
      AUTH_MICROSOFT_ENTRA_ID_ISSUER: issuer,
      NODE_EXTRA_CA_CERTS: caBundle,
    },
  };
}
