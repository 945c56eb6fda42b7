/**
 * Generic (provider-agnostic) detection, ids `generic-*`: literals under keys
 * that name a credential, `Authorization` values, credential CLI flags, URL
 * userinfo and credential query parameters, `.netrc` and `.pgpass` lines.
 * Low/medium confidence; never reports placeholders or references.
 */
import type { SecretMatch } from "./api.js";
import { charClasses, shannonEntropy } from "./entropy.js";
import { classifyKey, isCookieHeader, isCredentialParam, type KeyKind } from "./keys.js";
import { supabaseKeyRole } from "./jwt.js";
import { containsReference, isPlaceholder } from "./placeholders.js";
import { isPasswordHash } from "./password-hash.js";
import { secretManagerAddress } from "./secret-manager-uri.js";
import { isBlockScalarIndicator } from "../parse/yaml-block-scalar.js";
import { pieceContext } from "./scan-providers.js";
import { CANDIDATE_WORDS, LINE_ALL, LINE_AUTH, LINE_BEARER, LINE_COOKIE, LINE_FULL, LINE_IDENTIFIED, LINE_LOGIN, LINE_MYSQL, LINE_URL, LINE_VALUE, prefilterText, type TextHits } from "./text-prefilter.js";

type Confidence = SecretMatch["confidence"];

/** Lines longer than this are skipped by the generic line scanner (providers still run). */
export const MAX_GENERIC_LINE = 64 * 1024;

function match(detector: string, title: string, confidence: Confidence, start: number, secret: string, key?: string): SecretMatch {
  return { detector, title, confidence, start, end: start + secret.length, secret, ...(key !== undefined ? { key } : {}) };
}

// ---------------------------------------------------------------------------
// Value plausibility

const COMMON_DEFAULTS = /^(?:postgres|mysql|root|admin|administrator|guest|pass|password|passwd|secret|user|default|changeit|letmein|welcome|qwerty|test|none|null|true|false)$/i;

/** A key written after the name of its encoding: `base64:<base64>` (Laravel, Symfony secrets), `hex:<hex>`. */
const ENCODED_KEY = /^(?:base64:[A-Za-z0-9+/]{16,}={0,2}|hex:[0-9a-fA-F]{32,})$/;

/** Shapes that are clearly not a secret literal: paths, URLs, identifiers, numbers, e-mails. */
function notSecretShape(v: string): boolean {
  if (/\s/.test(v)) return true;
  if (/^[-+]?[\d.,:_]+$/.test(v)) return true; // numbers, times, versions
  if (/^v?\d+(?:\.\d+){1,3}(?:[-+][\w.]+)?$/.test(v)) return true; // versions
  if (/^(?:true|false|yes|no|on|off|null|nil|none|undefined)$/i.test(v)) return true;
  // URL, scheme:ref; not a key written with its encoding (Laravel's APP_KEY=base64:<32 bytes>)
  if (/^[a-z][a-z0-9+.-]{0,30}:/i.test(v) && !/^[A-Za-z0-9+/]+={0,2}$/.test(v) && !ENCODED_KEY.test(v)) return true;
  if (/^(?:\/|~\/|\.{1,2}\/|[A-Za-z]:[\\/]|\\\\)/.test(v) || /\\/.test(v)) return true; // paths
  if (/^[\w.-]+\/[\w./-]+\.[a-z]{1,5}$/i.test(v)) return true; // relative path with extension
  if (/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)) return true; // e-mail
  if (/^[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+$/.test(v) && v === v.toUpperCase()) return true; // ENV_VAR_NAME
  if (/^[a-z]+(?:[._-][a-z]+)*$/.test(v) || /^[A-Za-z]+$/.test(v)) return true; // words, identifiers
  if (/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*\.(?:com|org|net|io|dev|ai|app|co)$/i.test(v)) return true; // host names
  if (/^(?:[!&*]|!!)[A-Za-z_]+$/.test(v)) return true; // YAML tags, anchors, aliases; code's `!!ownPass` (a source map's sourcesContent)
  if (/^x-[a-z]+(?:-[a-z]+\d{0,3})+$/i.test(v)) return true; // HTTP header names (`x-amz-server-side-encryption-customer-key-MD5`)
  if (/^[A-Za-z_$][A-Za-z_$]*\d{0,2}(?:\.[A-Za-z_$][A-Za-z_$]*\d{0,2})+$/.test(v)) return true; // member access
  if (/^(?:ctrl|cmd|alt|shift|meta|option)\+/i.test(v)) return true; // key bindings
  if (/^(?:Get|Set|New|Read|ConvertTo|ConvertFrom|Import|Export|Invoke|Select|Test|Join|Out|Format|Add|Remove|Write|Start|Resolve|Split|Unprotect|Protect)-[A-Z][A-Za-z]+$/.test(v)) return true; // PowerShell cmdlets
  if (/[()[\]{}]/.test(v)) return true; // code
  if (isPublicKeyValue(v)) return true;
  if (v.startsWith("Ag") && SEALED_SECRET.test(v)) return true;
  return false;
}

/**
 * A Sealed Secrets ciphertext (kubeseal, a SealedSecret's `encryptedData`): base64 of the RSA-encrypted
 * session key's length (512 for the controller's 4096-bit key: the bytes 02 00, `Ag` and A-D), the key,
 * then the AES-GCM ciphertext; made to be committed, readable only by the cluster's controller.
 */
const SEALED_SECRET = /^Ag[A-D][A-Za-z0-9+/]{680,}={0,2}$/;

/**
 * Keys their providers publish for browsers and apps, under names such as MAPBOX_ACCESS_TOKEN or
 * POSTHOG_API_KEY: Stripe's (and Clerk's) publishable `pk_live_`/`pk_test_` keys, a Mapbox public
 * token (`pk.eyJ...`; its secret tokens are `sk.`), a PostHog project API key (`phc_`).
 */
const PUBLISHABLE_KEY = /^(?:pk_(?:live|test)_[A-Za-z0-9$_-]{16,}|pk\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|phc_[A-Za-z0-9]{30,})$/;

/** A public key under a `key` name: a base64 SubjectPublicKeyInfo, a publishable key, or a Supabase project's anon key (a JWT apps ship to browsers). */
function isPublicKeyValue(v: string): boolean {
  return PUBLIC_KEY_DER.test(v) || PUBLISHABLE_KEY.test(v) || (v.startsWith("eyJ") && supabaseKeyRole(v) === "anon");
}

/** A URL's userinfo with no password that is a token, not a user name (`https://<token>@host`, not `git@`). */
export function userinfoToken(userinfo: string): boolean {
  return plausibleSecret(userinfo, "token") && userinfo.length >= 20 && shannonEntropy(userinfo) >= 3.5;
}

/**
 * The base64 openings of a DER SubjectPublicKeyInfo, i.e. a public key under
 * a `key` name: EC P-256, P-384, P-521, RSA 1024/2048/3072/4096, Ed25519, X25519.
 */
const PUBLIC_KEY_DER = /^(?:MFkwEwYHKoZIzj0CAQ|MHYwEAYHKoZIzj0CAQ|MIGbMBAGByqGSM49AgE|MIGfMA0GCSqGSIb3DQEBAQUAA4GN|MIIBIjANBgkqhkiG9w0BAQEFAAOC|MIIBojANBgkqhkiG9w0BAQEFAAOC|MIICIjANBgkqhkiG9w0BAQEFAAOC|MCowBQYDK2Vw|MCowBQYDK2Vu)/;

/** A credential-looking literal under a key of the given kind. */
export function plausibleSecret(raw: string, kind: KeyKind | "token"): boolean {
  const v = raw.trim();
  // Cheapest checks first: this runs for every credential-named key in every file.
  if (v.length > 4096 || v.length < (kind === "password" ? 8 : 12)) return false;
  if (containsReference(v) || notSecretShape(v) || isPasswordHash(v)) return false;
  const c = charClasses(v);
  if (kind === "password") {
    if (COMMON_DEFAULTS.test(v) || c.count < 2 || shannonEntropy(v) < 2.5) return false;
  } else if (!((c.lower || c.upper) && c.digit) || shannonEntropy(v) < 3.0 || CAMEL_IDENTIFIER.test(v)) {
    return false;
  }
  return !isPlaceholder(v);
}

/**
 * A name written in camel case with a short number after it (`capabilityKey1`, `SigningKey2`: an AWS
 * tag's `Key`, a key's id): words, not key material. Not for passwords, which people make of words.
 */
const CAMEL_IDENTIFIER = /^[A-Za-z][a-z]+(?:[A-Z][a-z]+)+\d{0,3}$/;

/** Hex digits, optionally in dash-separated groups (UUIDs): at most 4 bits a character. */
const HEX_VALUE = /^[0-9a-f]+(?:-[0-9a-f]+)*$/i;

function genericConfidence(v: string, kind: KeyKind | "token"): Confidence {
  const h = shannonEntropy(v);
  if (kind === "password") return v.length >= 12 && charClasses(v).count >= 3 ? "medium" : "low";
  // A random 32-digit hex key stays under 3.5 bits a character about one time in five (a
  // 16-symbol alphabet tops out at 4): hex values get the bar scaled to their alphabet.
  return (h >= 3.5 || (h >= 3.0 && HEX_VALUE.test(v))) && v.length >= 20 ? "medium" : "low";
}

// ---------------------------------------------------------------------------
// Value-level checks (offsets relative to the value, shifted by `base`)

/** `Authorization` value: `Bearer X`, `Basic X`, `token X`, or a bare credential. */
export function checkAuthorization(value: string, base: number, key: string | undefined, out: SecretMatch[]): void {
  const m = /^\s*(?:(bearer|basic|token|bot|ssws|apikey|api-key|key|digest|sharedaccesssignature)\s+)?(\S+)\s*$/i.exec(value);
  if (!m) return;
  const scheme = (m[1] ?? "").toLowerCase();
  const cred = m[2] ?? "";
  const start = base + value.indexOf(cred, m[1] ? m[1].length : 0);
  if (isPlaceholder(cred) || containsReference(cred)) return;
  if (scheme === "basic") {
    const decoded = Buffer.from(cred, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i <= 0 || !/^[\x20-\x7e]+$/.test(decoded)) return;
    const pw = decoded.slice(i + 1);
    if (pw.length < 4 || isPlaceholder(pw) || containsReference(pw) || COMMON_DEFAULTS.test(pw)) return;
    out.push(match("generic-authorization-header", "Basic credentials in an Authorization value", "medium", start, cred, key));
    return;
  }
  if (cred.length < 16 || /^[a-z][a-z0-9+.-]*:\/\//i.test(cred) || isPublicKeyValue(cred)) return;
  const c = charClasses(cred);
  if (!((c.lower || c.upper) && c.digit) || shannonEntropy(cred) < 3.0) return;
  out.push(match("generic-authorization-header", "Credential in an Authorization value", genericConfidence(cred, "secret"), start, cred, key));
}

/** Analytics and anti-forgery cookies: ids and CSRF tokens that a captured request holds, no session. */
const TRACKING_COOKIE = /^(?:_ga\w*|_gid|_gat\w*|_gcl_\w+|_fb[pc]|_hj\w+|__utm\w|_ym_\w+|ajs_\w+|mp_\w+|_clck|_clsk|__cf_bm|_cfuvid|csrftoken|_?csrf(?:_token)?|xsrf-token|__Host-csrf\w*)$/i;

/**
 * `Cookie` header value (`session=X; theme=dark`): a session cookie is a bearer
 * credential under whatever name the service gives it (`urbauth-~zod`, `sid`).
 * Each pair's value counts when it looks like a token; `theme=dark` does not.
 */
export function checkCookie(value: string, base: number, key: string | undefined, out: SecretMatch[]): void {
  const pair = /(?:^|;)[ \t]*([^=;\s]{1,100})=([^;]{0,4096})/g;
  let m: RegExpExecArray | null;
  while ((m = pair.exec(value)) !== null) {
    if (TRACKING_COOKIE.test(m[1] ?? "")) continue;
    const raw = m[2] ?? "";
    const v = raw.trim().replace(/^"(.*)"$/, "$1");
    if (!plausibleSecret(v, "secret")) continue;
    const start = base + m.index + m[0].length - raw.length + raw.indexOf(v);
    out.push(match("generic-cookie", `Session cookie \`${m[1] ?? ""}\` in a Cookie value`, genericConfidence(v, "secret"), start, v, key));
  }
}


const URL_RE = /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s"'<>`\\]{1,4000}/gi;
const PARAM_RE = /([^&=#?]{1,100})=([^&#]{1,2000})/g;

/**
 * Where a URL's authority ends: at the first `/`, `?` or `#` after the
 * scheme, or, when a password holds `#` or `?` unencoded
 * (`postgresql://app:Tr7#kLm2@db/app`, which libpq and most database
 * drivers read up to the `@`), after the host that follows the `@`. Only
 * then: a user without `?` or `#`, a colon before them, a plain host (and
 * port) after the last `@` before any `/`, and no port-and-query shape
 * (`https://host:8080?to=a@b.test`).
 */
function authorityEndOf(url: string, afterScheme: number): number {
  const first = url.slice(afterScheme).search(/[/?#]/);
  const end = first < 0 ? url.length : afterScheme + first;
  if (first < 0 || url[end] === "/") return end;
  const slash = url.indexOf("/", afterScheme);
  const region = url.slice(afterScheme, slash < 0 ? url.length : slash);
  const at = region.lastIndexOf("@");
  const colon = region.indexOf(":");
  if (at < 0 || colon < 0 || colon > first || !/^[A-Za-z0-9.-]+(?::\d{1,5})?$/.test(region.slice(at + 1)) || /^\d{1,5}[?#]/.test(region.slice(colon + 1))) return end;
  return afterScheme + region.length;
}

/** URL userinfo password (or token user) and credential query (or fragment) parameters in every URL of `text`. */
export function checkUrls(text: string, base: number, out: SecretMatch[]): void {
  if (!text.includes("://")) return;
  URL_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = URL_RE.exec(text)) !== null) {
    const url = m[0];
    const urlStart = m.index;
    const afterScheme = url.indexOf("://") + 3;
    const authorityEnd = authorityEndOf(url, afterScheme);
    const authority = url.slice(afterScheme, authorityEnd);
    const at = authority.lastIndexOf("@");
    if (at > 0) {
      const userinfo = authority.slice(0, at);
      const colon = userinfo.indexOf(":");
      if (colon >= 0) {
        const user = userinfo.slice(0, colon);
        const pw = userinfo.slice(colon + 1);
        let decoded = pw;
        try {
          decoded = decodeURIComponent(pw);
        } catch {
          /* raw */
        }
        // `cvs://:pserver:anoncvs@host`: a CVS access method and user, not a password.
        const cvsMethod = user === "" && /^(?:pserver|ext|gserver|kserver|server|local|fork|sspi):/.test(pw);
        if (!cvsMethod && pw.length >= 3 && pw !== user && !isPlaceholder(pw) && !isPlaceholder(decoded) && !containsReference(pw) && !COMMON_DEFAULTS.test(decoded) && !/^\d{1,5}$/.test(pw)) {
          out.push(match("generic-url-userinfo", "Password in URL userinfo", "medium", base + urlStart + afterScheme + colon + 1, pw));
        }
      } else if (userinfoToken(userinfo)) {
        out.push(match("generic-url-userinfo", "Token in URL userinfo", "medium", base + urlStart + afterScheme, userinfo));
      }
    }
    // The query, or a fragment that carries parameters as one (`#access_token=...`: OAuth's implicit grant).
    const rest = url.slice(authorityEnd).search(/[?#]/);
    const q = rest < 0 ? -1 : authorityEnd + rest;
    if (q >= 0) {
      PARAM_RE.lastIndex = 0;
      const query = url.slice(q + 1);
      let p: RegExpExecArray | null;
      while ((p = PARAM_RE.exec(query)) !== null) {
        const name = p[1] ?? "";
        const raw = p[2] ?? "";
        if (!isCredentialParam(name)) continue;
        let v = raw;
        try {
          v = decodeURIComponent(raw);
        } catch {
          /* raw */
        }
        if (!plausibleSecret(v, classifyKey(name) === "password" ? "password" : "token")) continue;
        out.push(match("generic-url-query-credential", `Credential in URL ${url[q] === "#" ? "fragment" : "query"} parameter \`${name}\``, genericConfidence(v, "token"), base + urlStart + q + 1 + p.index + (p[1] ?? "").length + 1, raw, name));
      }
    }
  }
}

/**
 * curl's `-u user:password` / `--user user:password` (and `--proxy-user`): the part after the first
 * colon is a password, as in a URL's userinfo. Read on lines that hold a URL (a curl command names
 * what it fetches), so it costs one `includes` on the lines the URL checks already examine.
 * A uid:gid (`docker run -u 1000:1000`), a user repeated (`root:root`) and references stay quiet.
 */
const USER_FLAG_RE = /(?:^|[\s"'])(?:-u|--user|--proxy-user)(?:[ \t]{1,3}|=)(["']?)([^\s"':]{1,200}):([^\s"'\\]{1,2000})/g;

function checkUserFlag(line: string, base: number, out: SecretMatch[]): void {
  if (!line.includes("-u")) return;
  reportPasswords(USER_FLAG_RE, line, base, out, "generic-cli-flag", "Password in a user:password flag", (m) => {
    const pw = m[3] ?? "";
    return pw === (m[2] ?? "") || /^\d+$/.test(pw) ? undefined : [pw, m.index + m[0].length - pw.length];
  }, "medium");
}

/**
 * Each plausible password that the global `re` finds in `line`: `at` gives the password and where it
 * starts in the line (or undefined: not one), reported under the key `password`.
 */
function reportPasswords(re: RegExp, line: string, base: number, out: SecretMatch[], detector: string, title: string, at: (m: RegExpExecArray) => [string, number] | undefined, confidence?: Confidence): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const hit = at(m);
    if (hit === undefined || !plausibleSecret(hit[0], "password")) continue;
    out.push(match(detector, title, confidence ?? genericConfidence(hit[0], "password"), base + hit[1], hit[0], "password"));
  }
}

/** A literal under a credential-naming key (env, setting, header, flag). */
export function checkKeyValue(key: string, value: string, base: number, out: SecretMatch[], detector?: string): void {
  const kind = classifyKey(key);
  if (!kind) return;
  if (kind === "authorization") {
    checkAuthorization(value, base, key, out);
    return;
  }
  // Spring Security's `{noop}` marks the rest as the password in plain text (`{bcrypt}...` is a hash).
  const noop = /^\s*\{noop\}/i.exec(value)?.[0].length ?? 0;
  const lead = noop + value.slice(noop).length - value.slice(noop).trimStart().length;
  const v = value.slice(noop).trim();
  if (/^(?:bearer|token|basic)\s+\S+$/i.test(v)) {
    checkAuthorization(v, base + lead, key, out);
    return;
  }
  if (!plausibleSecret(v, kind)) return;
  const id = detector ?? (kind === "password" ? "generic-password" : "generic-credential");
  const title = kind === "password" ? `Hard-coded password under \`${key}\`` : `Hard-coded credential under \`${key}\``;
  out.push(match(id, title, genericConfidence(v, kind), base + lead, v, key));
}

// ---------------------------------------------------------------------------
// Text-level scanning

// An unquoted value may start with a backtick that nothing closes (YAML rejects it as a reserved
// indicator, as it does `@` and `%`): it is part of the value, like those.
// An unquoted value does not start with `#` but may hold one: in .env, INI, YAML and shell a comment
// starts only after a blank (`password = Ab3#kL9...` is one value).
// A value between escaped quotes (`db_password = \"...\"`) is code quoted inside a JSON string: a
// Jupyter notebook's cell source.
// Up to 40 blanks may stand before the operator: formatters align a block's `=` or `:` under the longest
// key (terraform fmt, .properties and .env files aligned by hand), and a value so aligned is as written.
// A key may be a Ruby symbol (`:password => '...'`, the hash-rocket style of older Ruby and Chef).
// A key may be quoted with escaped quotes (`{\"password\": \"...\"}`: JSON inside a JSON string, as
// Postman's raw bodies hold it; ESCAPED_KEY_IN). A Makefile's `?=` is an assignment. An unquoted
// value may start with Spring Security's `{noop}` (checkKeyValue reads the password after it).
// A key may follow `&`: a form-encoded body's pair (`grant_type=password&password=...`, FORM_NEXT).
// The key is matched atomically (lookahead + back-reference): no operator character can be part of
// a key, so a shorter key never matches where the longest failed, and irregexp stops retrying them.
const ASSIGN_RE =
  /(?:^|[\s{,;(\[.&]|\/:)(?:export\s+|set\s+|const\s+|let\s+|var\s+|final\s+|private\s+|public\s+|static\s+|readonly\s+)?(?:\\?["']|[$@:])?(?=([A-Za-z_][A-Za-z0-9_.-]{0,100}))\1(?:\\?["'])?\]?\s{0,40}(?::=|=>|\?{1,2}=|=|:)(?![=:])[ \t]{0,5}(?:"((?:[^"\\\r\n]|\\.){0,2000})(?:"|$)|'((?:[^'\\\r\n]|\\.){0,2000})(?:'|$)|`([^`\r\n]{0,2000})`|\\"([^"\\\r\n]{0,2000})\\"|(`?(?:\{noop\})?[^\s"'`,;{}[\]()#][^\s"'`,;{}[\]()]{0,1999}))/g;
/**
 * `Authorization` and its value: after `:`, `=` or `,` (a header line, a setting, a call's arguments), or
 * after blanks when a quoted scheme follows (nginx's `proxy_set_header Authorization "Basic ..."`,
 * Apache's `RequestHeader set Authorization "Basic ..."`).
 */
const AUTH_RE = /\b(?:proxy-)?authorization["']?(?:\s{0,3}[:=,]\s{0,3}["'`]?|[ \t]{1,3}["'](?=(?:bearer|basic|token)[ \t]))((?:bearer|basic|token|bot|ssws|apikey|key)\s+[^\s"'`,;)}\]\\]{1,4000}|[^\s"'`,;)}\]\\]{1,4000})/gi;
const BEARER_RE = /\bbearer\s+([A-Za-z0-9._~+/=-]{16,4000})/gi;
/**
 * A Cookie header's value after the header's name: `Cookie: sid=...` (an .http file, curl's `-H`),
 * `"Cookie", "JSESSIONID=..."` (setRequestProperty, Header.Set), `{"Cookie": "sessionid=..."}`; the
 * value quoted (group 2) or to the line's end (group 3).
 */
const COOKIE_RE = /\bcookie["']?[ \t]{0,3}(?:=>|[:=,])[ \t]{0,3}(?:(["'`])((?:(?!\1)[^\\\r\n]){1,4000})|([^\s"'`][^"'`\r\n]{0,3999}))/gi;
const FLAG_RE = /(?:^|[\s"'[,=])--?([A-Za-z][\w-]{1,60})(?:=|["']?\s{0,3},\s{0,3}["']|[ \t]{1,3})["']?([^\s"',\]\\]{1,2000})/g;
/** PHP `define('NAME', 'value')`; wp-config.php aligns its values after the comma (`define( 'AUTH_KEY',         '...' )`). */
const DEFINE_RE = /\bdefine\(\s{0,3}['"]([A-Za-z_][A-Za-z0-9_]{0,100})['"]\s{0,3},\s{0,40}(['"])((?:(?!\2)[^\\\r\n]|\\.){1,2000})\2/g;
const NETRC_RE = /(?:^|\s)(?:password|passwd)\s+([^\s"']{1,500})/g;
const PGPASS_RE = /^[^:\s#]{1,255}:(?:\d{1,5}|\*):[^:\s]{1,255}:[^:\s]{1,255}:(\S{1,500})$/;
const YAML_FLAG_LINE = /^\s*(?:-\s+)?["']?(--?[A-Za-z][\w-]{1,60})["']?,?\s*$/;
const YAML_ITEM_VALUE = /^(\s*(?:-\s+)?)(["']?)([^\s"',]{1,2000})\2,?\s*$/;
/** A quoted value that holds JSON written with escaped quotes (`"{\"password\": \"...\"}"`): read again from its start. */
const ESCAPED_KEY_IN = /\\["'][A-Za-z_][\w.-]{0,100}\\["']\s{0,40}:/;
/** An unquoted value that is a function's name (`base64encode`, `vault.read`), when a `(` follows it. */
const CALLEE = /^[A-Za-z_][A-Za-z0-9_.]{0,100}$/;
/** A value that starts with an assignment of its own (`API_KEY=...`). */
const INNER_ASSIGN = /^[A-Za-z_][A-Za-z0-9_]{0,100}=/;
/** A `name:` line (a Kubernetes env entry) or a `"key":` line (Postman's and Insomnia's pairs, pretty-printed). */
const NAME_LINE = /^\s*-?\s*["']?(name|key)["']?\s*:\s*["']?([A-Za-z_][\w.-]{0,100})["']?,?\s*$/;
/**
 * The name a `key` gives the `value` beside it: itself, but Postman's `apikey` auth writes
 * `{ "key": "value", "value": "<the API key>" }` (its `key` entry names the header).
 */
const keyName = (name: string): string => (name === "value" ? "apikey" : name);
/** A YAML key with nothing after it (`DEPLOY_PASSWORD:`): the mapping below it is that setting's (GitLab CI's `value:`). */
const PARENT_KEY_LINE = /^(\s*)["']?([A-Za-z_][\w.-]{0,100})["']?\s*:\s*$/;
/** A flow mapping opened after a key (`SONAR_TOKEN: { value: "..." }`): its `value` is that key's. */
const FLOW_PARENT = /["']?([A-Za-z_][\w.-]{0,100})["']?\s*:\s*\{\s*$/;

/**
 * The key of a flow mapping that `line` opens just before `end` (`SONAR_TOKEN: { value: ...`).
 * The brace, the colon and the blanks around them are found walking back from `end`; FLOW_PARENT
 * then reads only the key and its quotes before them (103 characters at most). Unanchored on the
 * whole prefix it tried every start of a minified line at each `{value:` in it: a 1.8 MB bundle
 * of such lines took 20 s.
 */
function flowParent(line: string, end: number): string | undefined {
  const blankBack = (from: number) => {
    let i = from;
    while (i >= 0 && BLANK.test(line[i] ?? "")) i--;
    return i;
  };
  const brace = blankBack(end - 1);
  if (line[brace] !== "{") return undefined;
  const colon = blankBack(brace - 1);
  if (line[colon] !== ":") return undefined;
  const keyEnd = blankBack(colon - 1);
  return FLOW_PARENT.exec(line.slice(Math.max(0, keyEnd - 102), end))?.[1];
}
const BLANK = /\s/;

/**
 * The name that a `value:` on the line at `lineStart` takes from the line above: a `name: X` line
 * (a Kubernetes env entry), or a key with nothing after it under which the `value:` is indented.
 */
function nameAbove(text: string, lineStart: number): string | undefined {
  const prev = previousLine(text, lineStart);
  if (prev === undefined) return undefined;
  const named = NAME_LINE.exec(prev);
  if (named) return named[1] === "key" ? keyName(named[2] ?? "") : named[2];
  const parent = PARENT_KEY_LINE.exec(prev);
  if (!parent) return undefined;
  let indent = 0;
  while (text[lineStart + indent] === " " || text[lineStart + indent] === "\t") indent++;
  return indent > (parent[1] ?? "").length ? parent[2] : undefined;
}
/**
 * What every assignment that the line checks can report has: a candidate
 * word in its key (each credential word holds one, and so does `value`),
 * the rest of the key, and ASSIGN_RE's operator after it. Most lines of
 * declarations and code have none (`nextToken?: string;`, `if (key in x)`):
 * there the assignment pattern does not run.
 */
const GATE_WORDS = `(?:${CANDIDATE_WORDS.filter((w) => /^[a-z]+$/.test(w)).join("|")})`;
const GATE_KEY = `${GATE_WORDS}[A-Za-z0-9_.-]*(?:\\\\?["'])?\\]?\\s{0,40}(?::=|=>|\\?{1,2}=|=|:)(?![=:])`;
const ASSIGN_GATE = new RegExp(GATE_KEY, "i");
/**
 * In program source only a quoted value counts (scanGeneric's `quotedOnly`):
 * the gate then also wants ASSIGN_RE's quote after the operator, or a pair of a
 * connection string (`;name=`, `&name=`, ` name=value`: inKeywordDsn). Code is
 * full of `const token = getToken()`, which the plain gate lets through.
 */
const QUOTED_ASSIGN_GATE = new RegExp(`${GATE_KEY}[ \\t]{0,5}["'\`]|[;&][ \\t]{0,5}[A-Za-z0-9_.-]{0,60}?${GATE_WORDS}[A-Za-z0-9_.-]*[ \\t]{0,5}=(?!=)|[ \\t][A-Za-z0-9_.-]{0,60}?${GATE_WORDS}[A-Za-z0-9_.-]*=[^\\s=]`, "i");

/**
 * A `;name=value` segment of a connection string (ADO.NET `...;Password=<pw>;`, JDBC
 * `jdbc:sqlserver://db;password=<pw>`): in program source it sits inside a string literal, so
 * its unquoted value is a value, not an expression. SEGMENT_IN: a quoted value that holds one.
 */
const SEGMENT_START = /^[;&][ \t]{0,5}[A-Za-z_][A-Za-z0-9_.-]{0,100}[ \t]{0,5}=/;
const SEGMENT_IN = /;[ \t]{0,5}[A-Za-z_][A-Za-z0-9_.-]{0,100}[ \t]{0,5}=/;
/**
 * A pair of a blank-separated keyword/value connection string (libpq's `"host=db user=app
 * password=<pw> dbname=app"`, Go's `sql.Open("postgres", ...)`, ODBC and Oracle Easy Connect likewise):
 * in program source it sits inside a string literal, as a `;name=` segment does. Another pair stands
 * next to it: after it (a blank and `name=`), or before it when a quote closes it. Both tests read a
 * bounded stretch beside the pair.
 */
const DSN_PAIR_AFTER = /^[ \t]{1,5}[A-Za-z_][\w.-]{0,40}=[^\s=]/;
const DSN_PAIR = /^[A-Za-z_][\w.-]{0,40}=[^\s="'`]{1,200}$/;

/**
 * Does the unquoted value at line[start, end) open a secret manager's reference that a `(`
 * continues? ASSIGN_RE's unquoted value stops at `(`: a connection string's
 * `Password=@Microsoft.KeyVault(SecretUri=...)` would leave `@Microsoft.KeyVault` as the password.
 */
function secretManagerCall(line: string, start: number, end: number): boolean {
  if (line[end] !== "(") return false;
  const close = line.slice(end, start + 520).indexOf(")"); // bounded: a minified line may hold many `(`
  return close > 0 && secretManagerAddress(line.slice(start, end + close + 1)) !== undefined;
}

function inKeywordDsn(line: string, pairStart: number, valueEnd: number): boolean {
  if (line[pairStart] !== " " && line[pairStart] !== "\t") return false;
  if (DSN_PAIR_AFTER.test(line.slice(valueEnd, valueEnd + 50))) return true;
  if (!/["'`]/.test(line[valueEnd] ?? "")) return false;
  // The word before the blanks before the pair (at most 242 characters back: a pair's length).
  let end = pairStart;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  let start = end;
  while (start > 0 && end - start <= 242 && !/[\s"'`]/.test(line[start - 1] as string)) start--;
  return DSN_PAIR.test(line.slice(start, end));
}

/**
 * The next pair of a form-encoded body (`username=ops&password=<pw>&client_id=web`, a curl `-d`, an
 * .http request body, a `data=` string in code): an unquoted value ends before it, and the pair is
 * read on its own (ASSIGN_RE takes a key after `&`; in program source, as a `;name=` segment does).
 */
const FORM_NEXT = /&[A-Za-z_][A-Za-z0-9_.-]{0,100}=/;
/**
 * Is the text before a pair at `i` (back to a blank or a quote) a URL, whose query checkUrls reads?
 * One per line, asked at increasing `i`: the line is read forward once, keeping where the current
 * word's first `?` or `://` ends (walking back from each pair read a line of thousands of `&name=`
 * pairs once per pair). An `i` behind what was read starts the reading again. Exported for tests.
 */
export function urlWords(line: string): (i: number) => boolean {
  let read = 0;
  let firstMarkEnd = Infinity;
  return (i) => {
    if (i < read) [read, firstMarkEnd] = [0, Infinity];
    for (; read < i; read++) {
      const c = line[read] as string;
      if (URL_WORD_END.test(c)) firstMarkEnd = Infinity;
      else if (c === "?") firstMarkEnd = Math.min(firstMarkEnd, read + 1);
      else if (c === ":" && line.startsWith("://", read)) firstMarkEnd = Math.min(firstMarkEnd, read + 3);
    }
    return firstMarkEnd <= i;
  };
}
const URL_WORD_END = /[\s"'`]/;

/** Can the assignment check report anything in this line (ASSIGN_GATE, or QUOTED_ASSIGN_GATE for `quotedOnly`)? Exported for tests. */
export function mayAssign(line: string, quotedOnly = false): boolean {
  return (quotedOnly ? QUOTED_ASSIGN_GATE : ASSIGN_GATE).test(line);
}


function lineAt(text: string, pos: number): [number, number] {
  const s = text.lastIndexOf("\n", pos - 1) + 1;
  let e = text.indexOf("\n", pos);
  if (e < 0) e = text.length;
  return [s, e];
}

/** Start and end of the non-blank line before the line starting at `lineStart`, if any. */
function previousNonBlank(text: string, lineStart: number): [number, number] | undefined {
  let end = lineStart - 1;
  while (end > 0) {
    const s = text.lastIndexOf("\n", end - 1) + 1;
    if (text.slice(s, end).trim().length > 0) return [s, end];
    end = s - 1;
  }
  return undefined;
}

/** The non-blank line before the line starting at `lineStart`, if any (and within the cap). */
function previousLine(text: string, lineStart: number): string | undefined {
  const span = previousNonBlank(text, lineStart);
  return span && span[1] - span[0] <= MAX_GENERIC_LINE ? text.slice(span[0], span[1]) : undefined;
}

/** Lines this long or longer get every check whatever their words (see scanGeneric), but for EXACT_BITS. */
const FULL_LINE_FROM = 2000;
/**
 * Line kinds that hold at any length: AUTH_RE and BEARER_RE match only at
 * `authorization` / `bearer` standing as a word of its own (after `\b`,
 * before a quote, a space or an operator), which the keyword pass always
 * takes as a candidate of its line and marks with these bits (COOKIE_RE at
 * `cookie`, SQL_IDENTIFIED_RE at `identified`, REGISTRY_LOGIN_RE at `login`
 * and MYSQL_FLAG_RE at a MySQL client's name so standing, likewise). On minified
 * lines of many kilobytes they were a quarter of the generic checks' time.
 */
const EXACT_BITS = LINE_AUTH | LINE_BEARER | LINE_COOKIE | LINE_IDENTIFIED | LINE_LOGIN | LINE_MYSQL;

/**
 * Is the non-blank line above the line at `lineStart` a `name:` line (or a parent key, nameAbove) that
 * names a credential? Only then can a line whose one line word is `value`
 * give a finding: its `value:` takes that name (scanLine). A `name` on the
 * line itself would name a credential with words of that line, and such a
 * line is examined whole anyway.
 */
function namedAbove(text: string, lineStart: number): boolean {
  const name = nameAbove(text, lineStart);
  return name !== undefined && name !== "" && classifyKey(name) !== undefined;
}

/**
 * What the line checks read of `text` for a candidate at `pos`: its line, the
 * non-blank line before it (a `value:` takes its name there) and the line
 * after it (a flag's value), as [start, end); undefined when the line is over
 * the cap (not examined).
 */
export function examinedSpan(text: string, pos: number): [number, number] | undefined {
  const [s, e] = lineAt(text, pos);
  if (e - s > MAX_GENERIC_LINE) return undefined;
  let to = e < text.length ? text.indexOf("\n", e + 1) : e;
  if (to < 0) to = text.length;
  return [previousNonBlank(text, s)?.[0] ?? s, to];
}

/**
 * Generic detections over a whole text; offsets into `text`. Only lines that
 * contain a candidate word are examined (the keyword pass found them; it runs
 * here when `hits` is not given), each by the checks that its words allow
 * (`hits.lineKinds`; without them, by every check); `.pgpass`-shaped files
 * are examined line by line.
 */
export function scanGeneric(text: string, hits: Pick<TextHits, "candidates" | "netrc" | "lineKinds"> = prefilterText(text), quotedOnly = false): SecretMatch[] {
  const out: SecretMatch[] = [];
  const netrc = hasNetrcEntry(text, hits);
  let next = 0;
  for (let i = 0; i < hits.candidates.length; i++) {
    const pos = hits.candidates[i] as number;
    if (pos < next) continue;
    const [s, e] = lineAt(text, pos);
    if (e - s <= MAX_GENERIC_LINE) {
      // What the line's words allow (see LINE_FULL): a line without a credential word needs only
      // the URL checks, and the others only for a `value:` under a credential `name:` line. Over
      // FULL_LINE_FROM characters a value caught at its 2,000-character bound could end inside a
      // word and make one that the line does not have: such lines get every check but those that
      // need a word of their own (EXACT_BITS).
      const known = hits.lineKinds?.[i];
      const kind = known === undefined ? LINE_ALL : e - s >= FULL_LINE_FROM ? (LINE_ALL & ~EXACT_BITS) | (known & EXACT_BITS) : known;
      if (kind & (LINE_FULL | LINE_COOKIE | LINE_IDENTIFIED) || (kind & LINE_VALUE && namedAbove(text, s))) scanLine(text, s, e, out, netrc, quotedOnly, kind);
      else if (kind & (LINE_URL | LINE_LOGIN | LINE_MYSQL)) {
        const line = text.slice(s, e);
        if (kind & LINE_URL) {
          checkUrls(line, s, out);
          checkUserFlag(line, s, out);
        }
        if (kind & LINE_LOGIN) checkRegistryLogin(line, s, out);
        if (kind & LINE_MYSQL) checkMysqlFlag(line, s, out);
      }
    }
    next = e + 1;
    if (e >= text.length) break;
  }
  scanPgpass(text, out);
  return out;
}

/** Does the text hold a `.netrc` entry (then the checks read passwords on candidate lines as such)? */
export function hasNetrcEntry(text: string, hits: Pick<TextHits, "netrc">): boolean {
  return hits.netrc.some((p) => isNetrcStart(text, p));
}

/**
 * After `machine <host>` or `default`, what a `.netrc` entry holds: the end of the line (its tokens
 * follow on the next lines) or one of its tokens. Prose that starts a line with the word ("machine
 * learning models ...", a docstring's "default to binary_type)") has neither.
 */
const NETRC_ENTRY = /(?:machine[ \t]+[^\s]{1,253}|default)(?:[ \t]*(?:\r?\n|$)|[ \t]+(?:login|password|account|macdef|port)(?:[ \t]|$))/y;

/** `machine` / `default` at `pos` starts a `.netrc` entry: only blanks before it on its line, a host or an entry token after it. */
function isNetrcStart(text: string, pos: number): boolean {
  if (!text.startsWith("machine", pos) && !text.startsWith("default", pos)) return false;
  const after = text.charCodeAt(pos + 7);
  if (after !== 32 && after !== 9) return false;
  NETRC_ENTRY.lastIndex = pos;
  if (!NETRC_ENTRY.test(text)) return false;
  for (let i = pos - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Is the text `.pgpass`-shaped (its first entry `host:port:db:user:password`)? Then every line is checked. */
export function looksLikePgpass(text: string): boolean {
  // The first entry runs from its first character to the line feed: found by the native search,
  // where a pattern's `[^\n]*` read a minified first line of a megabyte character by character.
  const first = FIRST_ENTRY.exec(text);
  if (first === null) return false;
  const from = first.index + first[0].length - 1;
  const end = text.indexOf("\n", from);
  return PGPASS_RE.test(text.slice(from, end < 0 ? text.length : end).trim());
}
/** The first character of the first line that is neither blank nor a comment. */
const FIRST_ENTRY = /^[ \t]*[^#\s]/m;

/** `.pgpass` (`host:port:db:user:password`): only when the first entry has that shape. */
function scanPgpass(text: string, out: SecretMatch[]): void {
  if (!looksLikePgpass(text)) return;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, "");
    const pg = line.length < 2048 ? PGPASS_RE.exec(line) : null;
    if (pg && pg[1] && plausibleSecret(pg[1], "password")) out.push(match("generic-pgpass-password", "Password in a .pgpass entry", "medium", lineStart + line.length - pg[1].length, pg[1], "password"));
    lineStart = lineEnd + 1;
  }
}

/**
 * A Dockerfile `ENV NAME value` (the form with a blank, not `=`, which Docker still reads): the rest of
 * the line is the value, quoted or not. The `NAME=value` form is read as any other assignment.
 */
const DOCKER_ENV_BLANK = /^([ \t]*ENV[ \t]+([A-Za-z_][A-Za-z0-9_.-]{0,100})[ \t]+)(?:"([^"\r\n]{1,2000})"|([^\s"][^\r\n]{0,2000}?))[ \t]*\r?$/;

/** `<password>value</password>` on one line (Maven settings.xml, Ant, Jenkins): the element's name is the key. */
const XML_ELEMENT_RE = /<([A-Za-z_][\w.:-]{0,100})>([^<>\r\n]{1,2000})<\/\1\s*>/g;
/** A `key` attribute's value that is a setting's name (`ClearTextPassword`, `Stripe:ApiKey`), not a key itself. */
const XML_KEY_NAME = /^[A-Za-z_][\w.:-]{0,100}$/;

function checkXmlElements(line: string, base: number, out: SecretMatch[]): void {
  XML_ELEMENT_RE.lastIndex = 0;
  let x: RegExpExecArray | null;
  while ((x = XML_ELEMENT_RE.exec(line)) !== null) {
    const name = x[1] ?? "";
    checkKeyValue(name, x[2] ?? "", base + x.index + name.length + 2, out);
  }
}

/**
 * SQL's `CREATE USER app WITH PASSWORD '<pw>'`, `CREATE ROLE app LOGIN PASSWORD '<pw>'`, `ALTER USER app
 * PASSWORD '<pw>'` (PostgreSQL, Oracle, Snowflake, SQL Server's `WITH PASSWORD = ` is an assignment
 * already): the quoted literal after PASSWORD. A stored hash (`md5` + 32 hex, `SCRAM-SHA-256$...`:
 * password-hash.ts, which plausibleSecret asks) is no password.
 */
const SQL_PASSWORD_RE = /\b(?:with|login|encrypted|(?:user|role)\s+["\w.]{1,100})\s+password\s+'([^'\r\n]{1,2000})'/gi;
const PASSWORD_WORD = /password/i;
const SQL_VALUES_WORD = /values/i;

/**
 * Credentials passed to a call in program source: a setter or builder method named after a credential
 * (`ds.setPassword("<pw>")`, `cfg.setApiKey("<key>")`, reqwest's `.bearer_auth("<token>")`, a builder's
 * `.password("<pw>")`: the method's name is the key), and a user and
 * password to a Basic-auth helper (Go's `req.SetBasicAuth("u", "<pw>")`, requests' `HTTPBasicAuth`
 * and `auth=("u", "<pw>")`, OkHttp's `Credentials.basic`, .NET's `NetworkCredential`, Apache
 * HttpClient's `UsernamePasswordCredentials`, Java's `PasswordAuthentication`), and PowerShell's
 * `ConvertTo-SecureString "<pw>" -AsPlainText`. Literals only.
 */
const SETTER_CALL_RE = /\.([A-Za-z_][A-Za-z0-9_]{0,60})\([ \t]{0,3}(["'`])((?:(?!\2)[^\\\r\n]|\\.){1,2000})\2[ \t]{0,3}\)/g;
/**
 * A call that stores or reads a setting by its name, with a literal: `props.put("mail.smtp.password",
 * "<pw>")`, `System.setProperty("javax.net.ssl.keyStorePassword", "<pw>")`, Spark's and Hadoop's
 * `conf.set("fs.s3a.secret.key", "<key>")`, `os.Setenv("API_KEY", "<key>")`, `env::set_var(...)`,
 * `.header("X-Api-Key", "<key>")`, and a literal default (`os.getenv("DB_PASSWORD", "<pw>")`,
 * `os.environ.get(...)`): the first literal is the key, the second its value.
 */
const KEYED_CALL_RE = /\b(?:put|putIfAbsent|setProperty|getProperty|set|Set|Setenv|setenv|set_var|setdefault|putenv|getenv|get|header|addHeader|setHeader|config|option|add|append)\([ \t]{0,3}(["'`])([A-Za-z_][\w.:-]{0,100})\1[ \t]{0,3},[ \t]{0,3}(["'`])((?:(?!\3)[^\\\r\n]|\\.){1,2000})\3[ \t]{0,3}\)/g;
const BASIC_CALL_RE = /(?:\b(?:SetBasicAuth|setBasicAuth|HTTPBasicAuth|HttpBasicAuth|HTTPDigestAuth|basicAuth|BasicAuth|withBasicAuth|NetworkCredential|UsernamePasswordCredentials|PasswordAuthentication)|\.basic|\bauth[ \t]{0,3}=[ \t]{0,3})\([ \t]{0,3}(["'`])([^"'`\\\r\n]{0,200})\1[ \t]{0,3},[ \t]{0,3}(["'`])((?:(?!\3)[^\\\r\n]|\\.){1,2000})\3[ \t]{0,3}[,).]/g;

/** PowerShell's `ConvertTo-SecureString "<pw>" -AsPlainText -Force`: the quoted literal is the password in plain text. */
const SECURE_STRING_RE = /\bConvertTo-SecureString[ \t]+(?:-String[ \t]+)?(["'])([^"'\r\n]{1,2000})\1[ \t]+-AsPlainText\b/gi;

/**
 * Words one of BASIC_CALL_RE's openings holds (`asicAuth`: SetBasicAuth ... withBasicAuth): checkCallArguments
 * runs on every long line of minified code, and the expression's many openings cost more there than
 * these literal searches.
 */
const BASIC_CALL_WORDS = ["asicAuth", "DigestAuth", "Credential", "Authentication", ".basic", "auth"];

function checkCallArguments(line: string, base: number, out: SecretMatch[]): void {
  if (line.includes("-")) {
    reportPasswords(SECURE_STRING_RE, line, base, out, "generic-password", "Password in plain text given to ConvertTo-SecureString", (c) => {
      const pw = c[2] ?? "";
      return [pw, c.index + c[0].lastIndexOf(c[1] ?? "") - pw.length];
    });
  }
  if (!line.includes("(")) return;
  let m: RegExpExecArray | null;
  SETTER_CALL_RE.lastIndex = 0;
  while ((m = SETTER_CALL_RE.exec(line)) !== null) {
    const v = m[3] ?? "";
    // The value ends at the closing quote, the last quote of the match.
    checkKeyValue(m[1] ?? "", v, base + m.index + m[0].lastIndexOf(m[2] ?? "") - v.length, out);
  }
  if (line.includes('",') || line.includes("',") || line.includes("`,")) {
    KEYED_CALL_RE.lastIndex = 0;
    while ((m = KEYED_CALL_RE.exec(line)) !== null) {
      const v = m[4] ?? "";
      checkKeyValue(m[2] ?? "", v, base + m.index + m[0].lastIndexOf(m[3] ?? "") - v.length, out);
    }
  }
  if (!BASIC_CALL_WORDS.some((w) => line.includes(w))) return;
  reportPasswords(BASIC_CALL_RE, line, base, out, "generic-password", "Password passed to a Basic-auth call", (c) => {
    const pw = c[4] ?? "";
    return pw === (c[2] ?? "") ? undefined : [pw, c.index + c[0].lastIndexOf(c[3] ?? "") - pw.length];
  });
}

/**
 * A container registry login's short password flag: `docker login -u ci -p <pw> registry`, and the
 * same in podman, buildah, nerdctl, skopeo, oras and helm registry (the long `--password <pw>` is a
 * credential flag that FLAG_RE reads already). `--password-stdin` and references stay quiet.
 */
const REGISTRY_LOGIN_RE = /\b(?:docker|podman|buildah|nerdctl|skopeo|oras|helm[ \t]+registry)[ \t]+login\b[^\r\n|;&]{0,300}?[ \t]-p(?:[ \t]+|=)(["']?)([^\s"'`|;&]{1,500})\1/gi;

function checkRegistryLogin(line: string, base: number, out: SecretMatch[]): void {
  if (!line.includes("-p")) return;
  reportPasswords(REGISTRY_LOGIN_RE, line, base, out, "generic-cli-flag", "Password in a registry login's -p flag", (m) => {
    const pw = m[2] ?? "";
    return [pw, m.index + m[0].length - pw.length - (m[1] ?? "").length];
  });
}

/**
 * A MySQL or MariaDB client's password glued to its flag: `mysql -u root -p<pw> db`, `mysqldump -p'<pw>'`
 * (a blank after `-p` asks for the password; `-P` is the port).
 */
const MYSQL_FLAG_RE = /\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlsh|mariadb)\b[^\r\n|;&]{0,300}?[ \t]-p(["']?)([^\s"'`|;&]{1,500})\1/g;

/** sshpass's `-p <pw>` (or `-p<pw>`): the password for the ssh, scp or rsync command that follows. */
const SSHPASS_FLAG_RE = /\bsshpass\b[^\r\n|;&]{0,100}?[ \t]-p[ \t]{0,3}(["']?)([^\s"'`|;&]{1,500})\1/g;

function checkMysqlFlag(line: string, base: number, out: SecretMatch[]): void {
  if (!line.includes("-p")) return;
  const at = (m: RegExpExecArray): [string, number] => {
    const pw = m[2] ?? "";
    return [pw, m.index + m[0].length - pw.length - (m[1] ?? "").length];
  };
  reportPasswords(MYSQL_FLAG_RE, line, base, out, "generic-cli-flag", "Password in a MySQL client's -p flag", at);
  if (line.includes("sshpass")) reportPasswords(SSHPASS_FLAG_RE, line, base, out, "generic-cli-flag", "Password in sshpass's -p flag", at);
}

/**
 * MySQL's and Oracle's `CREATE USER 'app'@'%' IDENTIFIED BY '<pw>'`, `ALTER USER ... IDENTIFIED WITH
 * mysql_native_password BY '<pw>'`, `GRANT ... TO app IDENTIFIED BY '<pw>'`, Oracle's `IDENTIFIED BY
 * <pw>` between double quotes or unquoted (an identifier, then the statement's end or its next clause).
 * The user comes first, so that prose ("the node identified by `id`") is not read. MySQL's older
 * `IDENTIFIED BY PASSWORD '<hash>'` gives a hash; a SQL*Plus substitution (`&pw`) is no literal.
 */
const SQL_IDENTIFIED_RE = /\b(?:user|role|to)\s+(?:if\s+not\s+exists\s+)?[^\s]{1,200}\s+identified\s+(?:with\s+["'`]?\w{1,64}["'`]?\s+)?by\s+(?!password\b)(?:'([^'\r\n]{1,2000})'|"([^"\r\n]{1,2000})"|([A-Za-z][\w$#]{0,127})(?=\s*(?:;|$|\s(?:default|temporary|quota|account|password|profile|container)\b)))/gi;

function checkSqlIdentified(line: string, base: number, out: SecretMatch[]): void {
  reportPasswords(SQL_IDENTIFIED_RE, line, base, out, "generic-password", "Password in a SQL user statement (IDENTIFIED BY)", (m) => {
    const pw = m[1] ?? m[2] ?? m[3] ?? "";
    return [pw, m.index + m[0].length - (m[3] === undefined ? 1 : 0) - pw.length];
  });
}

function checkSqlPassword(line: string, base: number, out: SecretMatch[]): void {
  reportPasswords(SQL_PASSWORD_RE, line, base, out, "generic-password", "Password in a SQL user or role statement", (m) => {
    const pw = m[1] ?? "";
    return [pw, m.index + m[0].length - pw.length - 1];
  });
}

/**
 * SQL's `INSERT INTO users (id, email, password) VALUES (2, 'ops@x', '<pw>'), (...)`: a column list
 * that names a credential gives the quoted literal at that position of each row. Rows without a
 * column list (mysqldump's `INSERT INTO \`users\` VALUES (...)`) are not read: nothing says which
 * value is which, and a stored hash (`password_hash`, or a bcrypt value: plausibleSecret) is quiet.
 * One forward read of the line.
 */
const SQL_INSERT_RE = /\binsert[ \t]+into[ \t]+[`"[]?[\w.]{1,128}[`"\]]?[ \t]*\(([^()\r\n]{1,2000})\)[ \t]*values[ \t]*/gi;

function checkSqlInsert(line: string, base: number, out: SecretMatch[]): void {
  SQL_INSERT_RE.lastIndex = 0;
  const m = SQL_INSERT_RE.exec(line);
  if (!m) return;
  const columns = (m[1] ?? "").split(",").map((c) => c.trim().replace(/^[`"[]|[`"\]]$/g, ""));
  const credential = columns.map((c) => classifyKey(c) !== undefined);
  if (!credential.includes(true)) return;
  let i = m.index + m[0].length;
  while (line[i] === "(") {
    i++;
    for (let col = 0; i < line.length; col++) {
      while (line[i] === " " || line[i] === "\t") i++;
      if (line[i] === "'") {
        let end = i + 1;
        // '' and \' (MySQL) escape a quote.
        while (end < line.length && !(line[end] === "'" && line[end + 1] !== "'")) end += line[end] === "'" || line[end] === "\\" ? 2 : 1;
        if (credential[col]) checkKeyValue(columns[col] ?? "", line.slice(i + 1, end), base + i + 1, out);
        i = end + 1;
      } else {
        while (i < line.length && line[i] !== "," && line[i] !== ")") i++;
      }
      while (line[i] === " " || line[i] === "\t") i++;
      if (line[i] !== ",") break;
      i++;
    }
    if (line[i] !== ")") return;
    i++;
    while (line[i] === " " || line[i] === "\t" || line[i] === ",") i++;
  }
}

/**
 * The value of a YAML block scalar that holds one line (`signing_secret: |` and the secret below it,
 * as Helm values and Kubernetes stringData write it) and where it starts; undefined when the block
 * is empty or spans lines (a PEM key, a JSON document: the provider formats read those).
 */
function singleLineBlock(text: string, lineStart: number, lineEnd: number): [string, number] | undefined {
  if (lineEnd >= text.length) return undefined;
  const indentOf = (from: number) => {
    let i = from;
    while (text[i] === " ") i++;
    return i - from;
  };
  const own = indentOf(lineStart);
  const nextStart = lineEnd + 1;
  const nextEnd = text.indexOf("\n", nextStart) < 0 ? text.length : text.indexOf("\n", nextStart);
  const indent = indentOf(nextStart);
  const value = text.slice(nextStart + indent, nextEnd).replace(/\s+$/, "");
  if (indent <= own || value === "" || nextEnd - nextStart > MAX_GENERIC_LINE) return undefined;
  // A second line of the block (as indented, not blank) makes it a multi-line value.
  const after = nextEnd + 1 + indentOf(nextEnd + 1);
  if (nextEnd < text.length && after - nextEnd - 1 >= indent && after < text.length && text[after] !== "\n" && text[after] !== "\r") return undefined;
  return [value, nextStart + indent];
}

/**
 * A Terraform (or OpenTofu) input variable named for a credential with a literal default:
 * `variable "master_password" {` and, within its block, `default = "<pw>"`: the default is the value
 * whenever no one sets the variable, and it is committed. The block is read from the `variable` line
 * to its closing brace, at most VARIABLE_BLOCK_LINES lines and as far as a piece of a large text holds
 * past its own lines (pieces.ts: the line after them and pieceContext() characters), so that the scan
 * in pieces sees every default that the whole-text scan sees.
 */
const TF_VARIABLE_LINE = /^[ \t]*variable[ \t]+"([A-Za-z_][\w-]{0,100})"[ \t]*\{[ \t]*\r?$/;
const TF_DEFAULT_LINE = /^([ \t]*default[ \t]*=[ \t]*")((?:[^"\\\r\n]|\\.){1,2000})"[ \t]*\r?$/;
const VARIABLE_BLOCK_LINES = 40;

function checkTerraformVariable(text: string, line: string, lineEnd: number, out: SecretMatch[]): void {
  const name = TF_VARIABLE_LINE.exec(line)?.[1];
  if (name === undefined || classifyKey(name) === undefined) return;
  let start = lineEnd + 1;
  const reach = Math.min(text.length, start + pieceContext());
  for (let n = 0; n < VARIABLE_BLOCK_LINES && start < reach; n++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end > reach) return;
    const l = text.slice(start, end);
    if (l.startsWith("}")) return;
    const d = TF_DEFAULT_LINE.exec(l);
    if (d) {
      checkKeyValue(name, d[2] ?? "", start + (d[1] ?? "").length, out);
      return;
    }
    start = end + 1;
  }
}

/** The checks over one line; `kind` (LINE_AUTH, LINE_BEARER bits) says which words it has. */
function scanLine(text: string, lineStart: number, lineEnd: number, out: SecretMatch[], netrc: boolean, quotedOnly: boolean, kind: number): void {
  const line = text.slice(lineStart, lineEnd);
  const base = lineStart;
  if (line.includes("://")) {
    checkUrls(line, base, out);
    checkUserFlag(line, base, out);
  }
  // A flag alone on its line (`- --token` / `"--token",`): its value is the next array item.
  const flag = YAML_FLAG_LINE.exec(line)?.[1];
  if (flag !== undefined && lineEnd < text.length) {
    const nextEnd = text.indexOf("\n", lineEnd + 1);
    const next = text.slice(lineEnd + 1, nextEnd < 0 ? text.length : nextEnd);
    const iv = next.length <= MAX_GENERIC_LINE ? YAML_ITEM_VALUE.exec(next) : null;
    if (iv && !(iv[3] ?? "").startsWith("-")) checkKeyValue(flag, iv[3] ?? "", lineEnd + 1 + (iv[1] ?? "").length + (iv[2] ?? "").length, out, "generic-cli-flag");
  }
  if (netrc) {
    NETRC_RE.lastIndex = 0;
    let n: RegExpExecArray | null;
    while ((n = NETRC_RE.exec(line)) !== null) {
      const pw = n[1] ?? "";
      if (plausibleSecret(pw, "password")) out.push(match("generic-netrc-password", "Password in a .netrc entry", "medium", base + n.index + n[0].length - pw.length, pw, "password"));
    }
  }
  let a: RegExpExecArray | null;
  // `Authorization` holds the word `auth`, `Bearer` the word `bearer`: the keyword pass saw them or not.
  AUTH_RE.lastIndex = 0;
  if (kind & LINE_AUTH) {
    while ((a = AUTH_RE.exec(line)) !== null) {
      const v = a[1] ?? "";
      checkAuthorization(v, base + a.index + a[0].length - v.length, "Authorization", out);
    }
  }
  BEARER_RE.lastIndex = 0;
  if (kind & LINE_BEARER) {
    while ((a = BEARER_RE.exec(line)) !== null) {
      const v = a[1] ?? "";
      checkAuthorization(v, base + a.index + a[0].length - v.length, undefined, out);
    }
  }
  COOKIE_RE.lastIndex = 0;
  if (kind & LINE_COOKIE) {
    while ((a = COOKIE_RE.exec(line)) !== null) {
      const v = a[2] ?? a[3] ?? "";
      checkCookie(v, base + a.index + a[0].length - v.length, "Cookie", out);
    }
  }
  FLAG_RE.lastIndex = 0;
  while ((a = FLAG_RE.exec(line)) !== null) {
    const flag = a[1] ?? "";
    const v = a[2] ?? "";
    if (v.startsWith("-")) {
      FLAG_RE.lastIndex = a.index + a[0].length - v.length;
      continue;
    }
    checkKeyValue(`--${flag}`, v, base + a.index + a[0].length - v.length, out, "generic-cli-flag");
  }
  DEFINE_RE.lastIndex = 0;
  if (line.includes("define(")) {
    while ((a = DEFINE_RE.exec(line)) !== null) {
      const v = a[3] ?? "";
      checkKeyValue(a[1] ?? "", v, base + a.index + a[0].length - v.length - 1, out);
    }
  }
  if (line.includes("</")) checkXmlElements(line, base, out);
  // SQL_PASSWORD_RE tried every start of a line with a quote; a literal test of its word first.
  if (kind & LINE_FULL && line.includes("'") && PASSWORD_WORD.test(line)) checkSqlPassword(line, base, out);
  if (kind & LINE_FULL && line.includes("'") && SQL_VALUES_WORD.test(line)) checkSqlInsert(line, base, out);
  if (kind & LINE_IDENTIFIED) checkSqlIdentified(line, base, out);
  if (kind & LINE_LOGIN) checkRegistryLogin(line, base, out);
  if (kind & LINE_MYSQL) checkMysqlFlag(line, base, out);
  if (kind & LINE_FULL) checkCallArguments(line, base, out);
  if (kind & LINE_FULL && line.includes("variable")) checkTerraformVariable(text, line, lineEnd, out);
  const env = DOCKER_ENV_BLANK.exec(line);
  if (env) checkKeyValue(env[2] ?? "", env[3] ?? env[4] ?? "", base + (env[1] ?? "").length + (env[3] !== undefined ? 1 : 0), out);
  if (!mayAssign(line, quotedOnly)) return;
  ASSIGN_RE.lastIndex = 0;
  let lastName: string | undefined;
  let above: string | undefined;
  let aboveAsked = false;
  let inUrl: ((i: number) => boolean) | undefined;
  while ((a = ASSIGN_RE.exec(line)) !== null) {
    // `${VAR:-default}` / `{env:X}`: a reference, not an assignment.
    if (line[a.index] === "{" && (line[a.index - 1] === "$" || /^\{(?:env|file|input):/.test(line.slice(a.index)))) continue;
    let key = a[1] ?? "";
    const quoted = a[2] ?? a[3] ?? a[4] ?? a[5];
    let v = quoted ?? a[6] ?? "";
    // A quote left open to the line's end (a file that does not parse: `API_KEY: "<key>` with no
    // closing quote) still holds its value; the match then ends with the value, not a quote.
    const closing = a[2] !== undefined ? '"' : a[3] !== undefined ? "'" : a[4] !== undefined ? "`" : '\\"';
    const closed = quoted !== undefined && a[0].endsWith(v + closing);
    const vStart = base + a.index + a[0].length - v.length - (closed ? closing.length : 0);
    // A form-encoded pair: in a URL the query check reads it; otherwise its value ends at the next pair.
    if (line[a.index] === "&" && (inUrl ??= urlWords(line))(a.index)) continue;
    const next = quoted === undefined ? v.search(FORM_NEXT) : -1;
    if (next > 0) {
      v = v.slice(0, next);
      ASSIGN_RE.lastIndex = vStart - base + next;
    }
    if (/^name$/i.test(key)) {
      lastName = v;
      continue;
    }
    // `<add key="ClearTextPassword" value="<pw>" />` (NuGet.config, .NET appSettings): a quoted `key`
    // that is a name names the `value` after it. Its own value is checked as any other.
    if (/^key$/i.test(key) && quoted !== undefined && XML_KEY_NAME.test(v)) lastName = keyName(v);
    if (/^value$/i.test(key)) {
      if (lastName === undefined) lastName = flowParent(line, a.index + 1);
      if (lastName === undefined) {
        // The line above is the same for every `value` of this line: asked once (a minified line
        // holds thousands, and each ask copied the line above).
        if (!aboveAsked) above = nameAbove(text, lineStart);
        aboveAsked = true;
        lastName = above;
      }
      if (lastName) key = lastName;
    }
    // Postman's and Insomnia's `{ "key": "Cookie", "value": "sid=..." }`: the value is a Cookie header's.
    if (isCookieHeader(key) && /^value$/i.test(a[1] ?? "")) {
      checkCookie(v, vStart, key, out);
      continue;
    }
    const keyKind = classifyKey(key);
    if (keyKind === "authorization") continue; // AUTH_RE handles the scheme
    // `run: API_KEY=<key> npm test`, `command: "TOKEN=<key> node server.js"`, `# old: API_KEY=<key>`:
    // a value that is itself an assignment is read again from its start (the blank or quote before it).
    // So is a quoted connection string's `;Password=<pw>` (`"jdbc:sqlserver://db;password=<pw>"`).
    if (keyKind === undefined && (INNER_ASSIGN.test(v) || (quoted !== undefined && SEGMENT_IN.test(v)))) {
      ASSIGN_RE.lastIndex = vStart - base - (quoted !== undefined ? closing.length + 1 : 1);
      continue;
    }
    if (keyKind === undefined && quoted !== undefined && v.includes("\\") && ESCAPED_KEY_IN.test(v)) {
      ASSIGN_RE.lastIndex = vStart - base;
      continue;
    }
    if (quoted === undefined && /^(?:bearer|token|basic)$/i.test(v)) continue;
    if (quoted === undefined && secretManagerCall(line, vStart - base, vStart - base + v.length)) continue;
    if (quoted === undefined && quotedOnly && next < 0 && !SEGMENT_START.test(a[0]) && !inKeywordDsn(line, a.index, vStart - base + v.length)) continue;
    // `api_key = base64encode("...")`, `JWT_SECRET = base64encode(random_password.jwt.result)` (Terraform and
    // HCL), `password = getpass()`: a name called as a function is an expression, not the value.
    if (quoted === undefined && CALLEE.test(v) && line.charCodeAt(vStart - base + v.length) === 40 /* ( */) continue;
    const block = quoted === undefined && isBlockScalarIndicator(v) ? singleLineBlock(text, lineStart, lineEnd) : undefined;
    if (block) checkKeyValue(key, block[0], block[1], out);
    else checkKeyValue(key, v, vStart, out);
  }
}
