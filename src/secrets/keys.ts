/**
 * Key-name classification: does a key (env name, header, flag, setting)
 * name a credential? `GITHUB_TOKEN`, `apiKey`, `--api-key`, `X-Api-Key`,
 * `DB_PASSWORD` do; `token_url`, `api_key_env`, `secretRef`, `publicKey`,
 * `max_tokens` do not.
 */
import { boundedMemo } from "./memo.js";

export type KeyKind = "authorization" | "password" | "secret";

const PASSWORD_WORDS = new Set(["password", "passwd", "pwd", "pass", "passphrase", "passcode", "passwort"]);
/**
 * One word that ends in a password word: `PGPASSWORD`, `MYSQLPWD`, `DBPASS`,
 * `ROOTPASSWD` (a bare `pass` ending only after a service or account word, or
 * Redis's `requirepass`: `bypass`, `compass` and `surpass` are not passwords).
 */
const COMPOUND_PASSWORD = /^(?:[a-z0-9]+(?:password|passwd|passphrase)|[a-z0-9]+pwd|(?:db|pg|sql|mysql|psql|redis|mongo|admin|root|user|smtp|ftp|ldap|mail|app|api|require)pass)$/;
export const isCompoundPassword = (word: string): boolean => COMPOUND_PASSWORD.test(word);
const SECRET_WORDS = new Set([
  "token", "secret", "secrets", "credential", "credentials", "creds", "bearer", "auth", "pat", "key", "keys", "salt",
  "apikey", "apitoken", "authtoken", "accesstoken", "refreshtoken", "sessiontoken", "secretkey", "privatekey",
  "accesskey", "clientsecret", "apisecret", "authkey", "secretaccesskey", "signingkey", "masterkey",
]);
/** Every word that makes a key name a credential (as {@link keyWords} splits names). */
export const CREDENTIAL_WORDS: ReadonlySet<string> = new Set([...PASSWORD_WORDS, ...SECRET_WORDS]);
/** A key whose last word is one of these describes a credential (where it lives, its type) without holding it. */
const META_SUFFIX = new Set([
  "path", "file", "files", "filename", "dir", "name", "names", "id", "ids", "env", "var", "vars", "variable", "url", "uri",
  "endpoint", "type", "kind", "length", "len", "size", "count", "limit", "max", "min", "header", "headers", "field",
  "prefix", "suffix", "format", "ref", "refs", "helper", "command", "cmd", "location", "hint", "label", "description",
  "desc", "expiry", "expires", "expiration", "ttl", "timeout", "scope", "scopes", "mode", "enabled", "enable", "disabled",
  "required", "policy", "rotation", "source", "provider", "store", "storage", "manager", "version", "algorithm", "alg",
  "usage", "mask", "pattern", "regex", "template", "method", "methods", "strategy", "flow", "schema", "key_id", "arn",
  "hash", "hashed", "digest", "checksum", "fingerprint", "server", "host", "user", "username", "login", "email", "owner", "policy",
  "used", "last", "changed", "created", "updated", "at", "date", "time", "timestamp", "age", "attributes", "status", "state", "reset", "set",
]);
const PUBLIC_WORDS = new Set(["public", "publishable", "pub", "next_public", "anon"]);
/**
 * Keys that browsers receive by design, so their values are public (`RECAPTCHA_SITE_KEY`, hCaptcha's
 * and Turnstile's site keys, `ALGOLIA_SEARCH_API_KEY` and DocSearch's key, Segment's and RudderStack's
 * `WRITE_KEY`, `MIXPANEL_TOKEN`); the secret beside each (`RECAPTCHA_SECRET_KEY`, `ALGOLIA_ADMIN_API_KEY`,
 * `MIXPANEL_API_SECRET`) names another word and stays a credential. Pusher's and Laravel Reverb's
 * app key (`PUSHER_APP_KEY`, `VITE_PUSHER_APP_KEY`, `REVERB_APP_KEY`) too: the browser's client
 * connects with it (`new Pusher(key, ...)`, Laravel Echo); the app secret beside it signs.
 */
function isClientSideKey(words: readonly string[], hit: string, idx: number): boolean {
  const before = words[idx - 1];
  if (hit === "key" && before === "site") return true;
  if (words[words.length - 1] === "key" && (words.includes("pusher") || words.includes("reverb"))) return true;
  if (words.includes("algolia") || words.includes("docsearch")) return hit === "key" && (words.includes("search") || words.includes("docsearch"));
  if (hit === "key" && before === "write") return words.includes("segment") || words.includes("rudderstack");
  return hit === "token" && words.includes("mixpanel");
}
/**
 * A switch that turns a credential check on or off (`ONE_MCP_ENABLE_AUTH`, `DISABLE_AUTH`, `SKIP_AUTH`,
 * `REQUIRE_TOKEN`): the credential word is its last word and a switching verb comes right before it.
 */
const SWITCH_VERBS: ReadonlySet<string> = new Set(["enable", "disable", "skip", "require", "requires", "bypass", "allow", "no", "without"]);
const isCredentialSwitch = (words: readonly string[]): boolean => words.length > 1 && SWITCH_VERBS.has(words[words.length - 2] ?? "");
/** Keys that are never credentials even though a word matches (`sort_key`, `cache-key`, `primary_key`). */
const NON_SECRET_KEY_QUALIFIERS = new Set(["sort", "cache", "primary", "foreign", "partition", "idempotency", "lookup", "map", "row", "unique", "index", "i18n", "translation", "react", "hot", "short", "shortcut", "keyboard", "ssh_public", "max", "num", "total", "output", "input", "completion", "prompt", "context", "result", "query", "group", "recv", "send",
  // Azure Application Insights: the instrumentation key (ikey) names the resource that telemetry goes to;
  // Microsoft documents that it is no security key and not a secret (learn.microsoft.com/azure/azure-monitor/app/sdk-connection-string).
  "instrumentation"]);
/** Pagination, idempotency and workflow handles: tokens of a protocol, not credentials (`NextToken`, `--client-token`). */
const NON_SECRET_TOKEN_QUALIFIERS = new Set(["next", "page", "continuation", "pagination", "cursor", "request", "client", "sync", "change", "resume", "lifecycle", "action", "task", "upload", "marker", "waiter", "csrf", "xsrf", "cancellation", "stop", "idempotency", "nonce", "state"]);

export function keyWords(key: string): string[] {
  return key
    .replace(/^[-$@.\s"']+/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    // Digits that end a word are a word of their own: `DB_PASS2` names what `DB_PASS_2` names
    // (digits inside a word, as in `i18n`, stay).
    .replace(/([a-z])(?=[0-9]+(?![a-z0-9]))/g, "$1 ")
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

const classifyName = boundedMemo(classify, 16384);

/**
 * A key that ends with a hash algorithm's name (`token_sha256`, `PASSWORD_MD5`) holds a digest of the
 * credential, as `_hash` and `_digest` do; keyWords splits the trailing digits off (`sha 256`), so the
 * last two words are read together.
 */
const HASH_SUFFIX: ReadonlySet<string> = new Set(["sha1", "sha224", "sha256", "sha384", "sha512", "md5"]);

export function classifyKey(key: string | undefined): KeyKind | undefined {
  return key ? classifyName(key) : undefined;
}

function classify(key: string): KeyKind | undefined {
  const trimmed = key.trim().replace(/^-+/, "");
  if (/^(?:proxy-)?authorization$/i.test(trimmed)) return "authorization";
  const words = keyWords(trimmed);
  const last = words[words.length - 1];
  if (!last || META_SUFFIX.has(last) || HASH_SUFFIX.has(words.slice(-2).join(""))) return undefined;
  if (words.some((w) => PUBLIC_WORDS.has(w)) || isCredentialSwitch(words)) return undefined;
  if (words.some((w) => PASSWORD_WORDS.has(w) || isCompoundPassword(w))) return "password";
  const idx = words.findIndex((w) => SECRET_WORDS.has(w));
  if (idx < 0) return undefined;
  const hit = words[idx];
  if ((hit === "key" || hit === "keys" || hit === "token") && idx > 0 && NON_SECRET_KEY_QUALIFIERS.has(words[idx - 1] ?? "")) return undefined;
  if (hit === "token" && idx > 0 && NON_SECRET_TOKEN_QUALIFIERS.has(words[idx - 1] ?? "")) return undefined;
  if (isClientSideKey(words, hit ?? "", idx)) return undefined;
  return "secret";
}

/** The `Cookie` header: a session, a bearer credential under whatever name the service gives its cookie. */
export const isCookieHeader = (name: string): boolean => /^cookie$/i.test(name);

/** Flags whose value is a header line: mcp-remote's and supergateway's `--header`, curl's `-H`. */
export const isHeaderFlag = (flag: string): boolean => /^--?(?:header|H)$/.test(flag);

/** Query parameter names that hold a credential whatever the key words say (`sig`, `code`, `pwd`). */
const CREDENTIAL_PARAMS: ReadonlySet<string> = new Set([
  "api_key", "apikey", "api-key", "key", "token", "access_token", "accesstoken", "auth", "auth_token", "authtoken",
  "sig", "signature", "secret", "client_secret", "password", "pwd", "pass", "private_token", "x-api-key", "code",
]);

/**
 * Does a URL query parameter of this name carry a credential? The name is
 * classified as written, so that a camelCase name keeps its words
 * (`?exaApiKey=`, `?tavilyApiKey=`: Exa's and Tavily's remote MCP URLs).
 */
export function isCredentialParam(name: string): boolean {
  return CREDENTIAL_PARAMS.has(name.toLowerCase()) || classifyKey(name) !== undefined;
}
