/**
 * The credential slots of a launch: env values, headers, credential flags and
 * credential-bearing URLs in its args (`--api-key X`, docker `-e K=V`,
 * `--env-file`, mcp-remote's static OAuth client, a connection string), and a
 * URL that carries one (`user:password@`, a key or token query parameter, a
 * service whose URL path is its key).
 */
import { userinfoToken } from "../secrets/generic.js";
import { classifyKey, isCredentialParam } from "../secrets/keys.js";
import type { Loc } from "./location.js";
import { findRefTokens, refOfPart } from "./refs.js";
import type { ConfigValue, Credential, NamedValue } from "./types.js";
import { lastPathSegment } from "../util/path-segment.js";
import { attachedPassword, PASSWORD_FLAG } from "./attached-password-flag.js";

/** Flags whose value is a credential or a header line; `-H` is curl's header flag, while `-h` is a host (mysql, psql, redis-cli) or help. */
const CREDENTIAL_FLAG_NAME = /^--?(?:api[-_]?key|apikey|token|access[-_]?token|auth[-_]?token|key|secret|client[-_]?secret|password|pass|pat|bearer|auth|header)$/i;
const isCredentialFlag = (flag: string): boolean => flag === "-H" || CREDENTIAL_FLAG_NAME.test(flag);
const isHeaderFlag = (flag: string): boolean => flag === "-H" || /^--?header$/i.test(flag);

/** Header names that carry a credential though no credential word names them. */
const CREDENTIAL_HEADER = /^(?:proxy-)?authorization$|^cookie$/i;

/**
 * A header line given to a header flag that carries no credential: a literal value under a name that
 * names none (`x-read-only-mode: 0`, `Accept: application/json`, as bridges to Port's or Notion's
 * servers are given). It configures the call; it is no credential slot (no identity evidence, no row).
 */
function plainHeaderLine(raw: string, ref: ConfigValue["ref"]): boolean {
  const colon = raw.indexOf(":");
  if (colon <= 0 || ref.kind !== "literal") return false;
  const name = raw.slice(0, colon).trim();
  return /^[A-Za-z0-9_-]{1,100}$/.test(name) && !CREDENTIAL_HEADER.test(name) && classifyKey(name) === undefined;
}

/**
 * The key in the path of a service whose server URL is its credential: Zapier MCP
 * (`mcp.zapier.com/api/mcp/s/<key>/mcp`, `actions.zapier.com/mcp/<key>/sse`), Make
 * (`<zone>.make.com/mcp/api/v1/u/<token>/sse`), Firecrawl's hosted server
 * (`mcp.firecrawl.dev/<FIRECRAWL_API_KEY>/v2/mcp`, its docs write `{FIRECRAWL_API_KEY}`).
 * A segment that is the service's own path (`sse`, `mcp`, `v2`) is no key: Firecrawl's
 * keyless `mcp.firecrawl.dev/v2/mcp` carries none.
 */
const PATH_KEY_URL = /\/\/(?:mcp\.zapier\.com\/api\/mcp\/s|actions\.zapier\.com\/mcp|(?:[a-z0-9-]{1,30}\.)?make\.com\/mcp\/api\/v1\/u|mcp\.firecrawl\.dev)\/(?!(?:sse|mcp|stateless|v\d{1,2})(?:[/?#]|$))[^/?#\s]{8,}/i;

/**
 * A URL with userinfo (`user:pass@`), a credential-named query parameter, or
 * the key in the path of a service whose server URL is its credential (PATH_KEY_URL).
 * The user part stops at the first `:` so that the pattern stays linear
 * (`[^/@\s]+:` on both sides backtracked quadratically over runs of `:`).
 */
export function urlCarriesCredential(raw: string): boolean {
  return USERINFO.test(raw) || userOnlyCredential(raw) !== undefined || PATH_KEY_URL.test(raw) || credentialParamValue(raw) !== undefined;
}

/** A query parameter: its name stops at `&`, `=`, `#`, `?`, `/` or a blank, so each start scans to the next one. */
const QUERY_PARAM = /[?&]([^&=#?/\s]{1,100})=([^&#\s]*)/g;

/** The value of the first query parameter that names a credential (`?token=`, `&api_key=`, `?exaApiKey=`), if any. */
function credentialParamValue(raw: string): string | undefined {
  if (!raw.includes("=")) return undefined;
  for (const m of raw.matchAll(QUERY_PARAM)) if (isCredentialParam(m[1] ?? "")) return m[2] ?? "";
  return undefined;
}

/**
 * `scheme://user:password@`, either part possibly a Continue `${{ secrets.X }}` reference (which
 * holds spaces). A `$` not opening `${{` is an ordinary character, so each text matches one way.
 */
const USERINFO_TOKEN = String.raw`\$\{\{[^{}]{0,200}\}\}`;
const USERINFO = new RegExp(String.raw`:\/\/(?:${USERINFO_TOKEN}|[^/@\s:$]|\$(?!\{\{))+:((?:${USERINFO_TOKEN}|[^/@\s$]|\$(?!\{\{))+)@`);

/**
 * `scheme://user@` with no password: the user part, where a reference may hold a `:` (`${env:TOKEN}`).
 * `$` opens `${{...}}`, `${...}` or stands alone, so each text matches one way.
 */
const USERINFO_USER = new RegExp(String.raw`:\/\/((?:${USERINFO_TOKEN}|\$\{[^{}\s/@]{1,200}\}|[^/@\s:$?#]|\$(?!\{))+)@`);

/**
 * The user of `scheme://user@` (no password) when it is the credential: a reference
 * (`https://${TOKEN}@host`) or a token (`https://<token>@host`), not a plain name (`git@`, `user@`).
 */
function userOnlyCredential(raw: string): string | undefined {
  const user = raw.includes("@") ? USERINFO_USER.exec(raw)?.[1] : undefined;
  if (user === undefined) return undefined;
  return findRefTokens(user).some((t) => t.ref.kind !== "builtin") || userinfoToken(user) ? user : undefined;
}

/** The part of a URL that holds its credential: the password of `user:pass@`, a user that is a token or reference, else a credential query parameter's value. */
function urlSecretPart(raw: string): string | undefined {
  const user = USERINFO.exec(raw);
  if (user) return user[1];
  return userOnlyCredential(raw) ?? credentialParamValue(raw);
}

/** The reference of a value that is a URL carrying a credential: the one in its credential part, if any (`DATABASE_URL=postgresql://\${DB_USER}:\${DB_PASSWORD}@...` names DB_PASSWORD). */
function urlRef(v: ConfigValue): ConfigValue["ref"] {
  const part = v.ref.kind === "literal" || !urlCarriesCredential(v.raw) ? undefined : urlSecretPart(v.raw);
  return part === undefined ? v.ref : refOfPart(v, part);
}

/**
 * A URL that carries a credential, as a credential under `key`. Its reference is the one in the
 * credential part when that part holds one: `postgresql://\${PGUSER}:\${PGPASSWORD}@\${PGHOST}/app`
 * names PGPASSWORD, not PGUSER.
 */
function urlCredentialOf(v: ConfigValue, key: string): Credential | undefined {
  return urlCarriesCredential(v.raw) ? { ...v, ref: urlRef(v), key, source: "url" } : undefined;
}

/** A URL that carries a credential (user:password@ or a key/token query parameter). */
export function urlCredential(url: ConfigValue): Credential | undefined {
  return urlCredentialOf(url, "url");
}

/** The credential slots every launch has: env values, headers, credential flags and credential URLs in args, a URL that carries one. */
export function launchCredentials(env: readonly NamedValue[], headers: readonly NamedValue[], args: readonly ConfigValue[], url: ConfigValue | undefined): Credential[] {
  const out: Credential[] = [...env.map((v) => ({ ...v, source: "env" as const, ref: urlRef(v) })), ...headers.map((v) => ({ ...v, source: "header" as const })), ...argCredentials(args)];
  const urlCred = url ? urlCredential(url) : undefined;
  if (urlCred && !out.some((c) => c.source === "url" && sameSpot(c.loc, urlCred.loc))) out.push(urlCred);
  return out;
}

function sameSpot(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/**
 * Credentials passed as CLI flags: `--api-key=X`, `--token X`, docker `-e K=V`; and an argument
 * that is a URL carrying one (a connection string `postgresql://app:<pw>@db/app`, the URL of
 * `mcp-remote https://host/sse?token=...`), also as the value of another flag (`--url=...`).
 */
export function argCredentials(args: readonly ConfigValue[]): Credential[] {
  const out: Credential[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a) continue;
    const eq = a.raw.indexOf("=");
    // `docker run --env-file ./.env`, `node --env-file=.env`: the server's environment comes from that file.
    const envFile = a.raw === ENV_FILE_FLAG ? args[i + 1] : a.raw.startsWith(`${ENV_FILE_FLAG}=`) ? { ...a, raw: a.raw.slice(eq + 1) } : undefined;
    if (envFile && a.ref.kind === "literal" && envFile.ref.kind === "literal" && envFile.raw && !envFile.raw.startsWith("-")) {
      out.push({ ...envFile, key: ENV_FILE_FLAG, source: "arg", ref: { kind: "file", path: envFile.raw } });
      if (a.raw === ENV_FILE_FLAG) i++;
      continue;
    }
    // mcp-remote's OAuth client registered ahead of time: OAuth settings, as a client's own `oauth` block.
    const oauthClient = staticOAuthClient(a, args[i + 1]);
    if (oauthClient) {
      out.push(oauthClient);
      if (a.raw === STATIC_OAUTH_CLIENT_FLAG) i++;
      continue;
    }
    // `-u<user> -p<password>`: the database clients' short password flag, its value attached.
    const pw = attachedPassword(a, args);
    if (pw !== undefined) {
      out.push({ ...a, raw: pw, key: PASSWORD_FLAG, source: "arg" });
      continue;
    }
    if (a.raw.startsWith("-") && eq > 0) {
      const flag = a.raw.slice(0, eq);
      // Docker's `--env=KEY=value` (and `-e=KEY=value`), as `-e KEY=value` is read.
      const pair = a.raw.slice(eq + 1);
      const k = pair.indexOf("=");
      if (isEnvFlag(flag) && k > 0) {
        out.push({ ...a, raw: pair, key: pair.slice(0, k), source: "env" });
        continue;
      }
      if (isHeaderFlag(flag) && plainHeaderLine(a.raw.slice(eq + 1), a.ref)) continue;
      if (isCredentialFlag(flag) || (/^--?[A-Za-z]/.test(flag) && classifyKey(flag) !== undefined)) out.push(fileValued({ ...a, key: flag, source: "arg" }, a.raw.slice(eq + 1)));
      else {
        const u = urlCredentialOf({ ...a, raw: a.raw.slice(eq + 1) }, flag);
        if (u) out.push({ ...u, raw: a.raw });
      }
      continue;
    }
    if (isCredentialFlag(a.raw) && args[i + 1]) {
      const next = args[i + 1] as ConfigValue;
      if (isHeaderFlag(a.raw) && plainHeaderLine(next.raw, next.ref)) {
        i++;
        continue;
      }
      out.push(fileValued({ ...next, key: a.raw, source: "arg" }, next.raw));
      i++;
      continue;
    }
    if (isEnvFlag(a.raw) && args[i + 1]) {
      const next = args[i + 1] as ConfigValue;
      const k = next.raw.indexOf("=");
      if (k > 0) out.push({ ...next, key: next.raw.slice(0, k), source: "env" });
      i++;
      continue;
    }
    // Any other flag that names a credential (`--github-token X`, `--db-password X`, `--oauth2Bearer X`),
    // as `--github-token=X` is read; a flag after it is not its value.
    const next = args[i + 1];
    if (/^--?[A-Za-z]/.test(a.raw) && next && !next.raw.startsWith("-") && classifyKey(a.raw) !== undefined) {
      out.push(fileValued({ ...next, key: a.raw, source: "arg" }, next.raw));
      i++;
      continue;
    }
    const u = a.raw.startsWith("-") ? undefined : urlCredentialOf(a, "url");
    if (u) out.push(u);
  }
  return out;
}

/** mcp-remote's flag for an OAuth client registered ahead of time: inline JSON, or `@path` to a JSON file. */
const STATIC_OAUTH_CLIENT_FLAG = "--static-oauth-client-info";

/**
 * `--static-oauth-client-info <json | @file>` (or `=`): the bridge signs its user in with OAuth as
 * this client and keeps the tokens in its own store. From a file, the settings are a file reference;
 * inline with a `client_secret`, a literal the secret scan judges; inline without one (a public
 * client), an OAuth setting with nothing to scan, as a client's `oauth` block.
 */
function staticOAuthClient(flag: ConfigValue, next: ConfigValue | undefined): Credential | undefined {
  const attached = flag.raw.startsWith(`${STATIC_OAUTH_CLIENT_FLAG}=`);
  const v = attached ? { ...flag, raw: flag.raw.slice(STATIC_OAUTH_CLIENT_FLAG.length + 1) } : flag.raw === STATIC_OAUTH_CLIENT_FLAG ? next : undefined;
  if (!v || !v.raw || v.raw.startsWith("-")) return undefined;
  const key = STATIC_OAUTH_CLIENT_FLAG;
  if (v.raw.startsWith("@") && v.raw.length > 1) return { ...v, key, source: "oauth", ref: { kind: "file", path: v.raw.slice(1) } };
  return inlineClientSecret(v.raw) ? { ...v, key, source: "oauth" } : { ...v, key, raw: "", source: "oauth", ref: { kind: "secretStore", name: key } };
}

/** Whether inline OAuth client settings (`{"client_id": "...", "client_secret": "..."}`) hold a value under a credential name. */
function inlineClientSecret(json: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return true; // not JSON: a literal for the secret scan to judge
  }
  if (typeof parsed !== "object" || parsed === null) return true;
  return Object.entries(parsed).some(([k, val]) => classifyKey(k) !== undefined && val !== "" && val !== null);
}

/** docker/podman run's flag that sets one environment variable (`-e KEY=value`, `--env=KEY=value`). */
const isEnvFlag = (flag: string): boolean => flag === "-e" || flag === "--env";

/** The flag of docker/podman run, node and uv that loads a file of `KEY=value` lines into the environment. */
const ENV_FILE_FLAG = "--env-file";

/** A path as a credential flag's value (`--secrets=/run/secrets/mcp`, `--api-key ./secrets/acme.key`): the credential is read from that file. */
const FILE_PATH_VALUE = /^(?:\/|\.{1,2}\/|~\/)[^\s]*$/;

/**
 * A literal credential flag whose value is a file path takes its credential from that file
 * (ValueRef `file`), as `${file:...}` does; the Docker MCP gateway's `--secrets` takes a search path.
 */
function fileValued(c: Credential, value: string): Credential {
  if (c.ref.kind !== "literal") return c;
  if (c.key === "--secrets") {
    const ref = secretsSearchPath(value);
    return ref ? { ...c, ref } : c;
  }
  return FILE_PATH_VALUE.test(value) ? { ...c, ref: { kind: "file", path: value } } : c;
}

/**
 * A file of `KEY=value` lines by its name (`.env`, `.env.local`, `config/mcp.env`): the last
 * segment's dot-separated words, one of the last two `env`. Split, not a regex: `[\w.-]*\.env...$`
 * backtracked quadratically over runs of `.env`.
 */
function isEnvFileName(path: string): boolean {
  const name = lastPathSegment(path);
  if (!/^[\w.-]+$/.test(name)) return false;
  const words = name.split(".");
  return words.length > 1 && (words.at(-1) === "env" || (words.length > 2 && words.at(-2) === "env"));
}

/**
 * The Docker MCP gateway's `--secrets` (catalog section 20): a colon-separated search path of
 * `docker-desktop` (Docker Desktop's secret store) and files (`docker-desktop:./.env`). Its first
 * file, else the store; undefined when a part is neither (a pasted value stays a literal).
 */
function secretsSearchPath(value: string): Credential["ref"] | undefined {
  const parts = value.split(":");
  if (!parts.every((p) => p === "docker-desktop" || FILE_PATH_VALUE.test(p) || isEnvFileName(p))) return undefined;
  const file = parts.find((p) => p !== "docker-desktop");
  return file !== undefined ? { kind: "file", path: file } : { kind: "secretStore", name: "docker-desktop" };
}
