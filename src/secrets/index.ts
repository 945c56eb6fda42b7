/**
 * Secret detection library: provider token formats (data in ./providers/),
 * generic credential heuristics, placeholder/reference filters, redaction.
 */
import type { SecretMatch, ValueContext } from "./api.js";
import { checkAuthorization, checkCookie, checkKeyValue, checkUrls, scanGeneric } from "./generic.js";
import { classifyKey, isCookieHeader, isHeaderFlag } from "./keys.js";
import { scanProviders, type RankedMatch } from "./scan-providers.js";
import { prefilterText, type TextHits } from "./text-prefilter.js";
import { keepDisjoint } from "../util/disjoint-spans.js";

export type { SecretMatch, ValueContext } from "./api.js";
export type { ProviderRule, RuleContext } from "./types.js";
export { PROVIDERS } from "./providers/index.js";
export { shannonEntropy } from "./entropy.js";
export { isPlaceholder } from "./placeholders.js";
export { redact, secretHash } from "./redact.js";
export { decodeJwt } from "./jwt.js";
export { classifyKey } from "./keys.js";
export { prefilterText, type TextBytes, type TextHits } from "./text-prefilter.js";

const CONFIDENCE_RANK = { high: 0, medium: 1, low: 2 } as const;
const GENERIC_RANK = 1_000_000;

interface Ranked {
  readonly m: SecretMatch;
  readonly rank: number;
}

/**
 * Keep the best match for each span: providers before generic detectors,
 * then higher confidence, then catalog order, then the longer span.
 */
function resolve(providers: readonly RankedMatch[], generic: readonly SecretMatch[]): SecretMatch[] {
  const all: Ranked[] = [
    ...providers.map(({ rank, ...m }) => ({ m, rank })),
    ...generic.map((m) => ({ m, rank: GENERIC_RANK })),
  ];
  all.sort(
    (a, b) =>
      Number(a.rank >= GENERIC_RANK) - Number(b.rank >= GENERIC_RANK) ||
      CONFIDENCE_RANK[a.m.confidence] - CONFIDENCE_RANK[b.m.confidence] ||
      a.rank - b.rank ||
      b.m.end - b.m.start - (a.m.end - a.m.start) ||
      a.m.start - b.m.start,
  );
  return keepDisjoint(all.map((r) => r.m)).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The assignment key on the same line before `start`, for provider matches in text files (a URL's scheme is none). */
const KEY_BEFORE =
  /(?:^|[\s{,;(\[.])(?:export\s+)?["'$@]?([A-Za-z_][A-Za-z0-9_.-]{0,100})["']?\]?\s{0,40}(?::=|=>|=|:(?!\/\/))\s{0,5}["'`]?[^\s"'`]{0,300}$/;
function keyBefore(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const prefix = text.slice(Math.max(lineStart, start - 400), start);
  const m = KEY_BEFORE.exec(prefix);
  return m?.[1];
}

/**
 * A generic hit under a key from another line (`- name: MISTRAL_API_KEY` /
 * `value: "..."`, paired by the line checks) is seen by no keyed provider
 * format in the text: they see `KEY=value`, as in detectInValue, and a
 * provider that matches the whole value names it.
 */
function keyedProvider(m: SecretMatch): SecretMatch {
  if ((m.detector !== "generic-credential" && m.detector !== "generic-password") || m.key === undefined || !/^[\w.-]{1,100}$/.test(m.key)) return m;
  const prefix = `${m.key}=`;
  const p = scanProviders(prefix + m.secret).find((x) => x.start === prefix.length && x.end === prefix.length + m.secret.length);
  if (!p) return m;
  const { rank: _rank, ...provider } = p;
  return { ...provider, start: m.start, end: m.end, key: m.key };
}

/**
 * Secrets in a whole text file (source, `.env`, YAML, `.npmrc`, `.netrc`,
 * `.pgpass`, docker `config.json`, `.htpasswd` …). Offsets into `text`. Never throws.
 */
export interface TextOptions {
  /**
   * The text is program source: an unquoted right-hand side is an expression
   * (`pass = !this.ok`), not a value, so only quoted values count as literals.
   */
  readonly code?: boolean;
  /** The keyword pass over this text, when the caller has made it already. */
  readonly hits?: TextHits;
}

export function scanText(text: string, options: TextOptions = {}): SecretMatch[] {
  try {
    const hits = options.hits ?? prefilterText(text);
    const providers = scanProviders(text, hits.rules);
    const generic = scanGeneric(text, hits, options.code === true);
    const found = resolve(providers, generic);
    const fallbacks = fallbackSecrets(text, hits.dollarBraces).filter((f) => !found.some((k) => f.start < k.end && k.start < f.end));
    const all = fallbacks.length ? [...found, ...fallbacks].sort((a, b) => a.start - b.start || a.end - b.end) : found;
    return all.map((m) => {
      if (m.key !== undefined) return keyedProvider(m);
      const key = keyBefore(text, m.start);
      return key !== undefined ? { ...m, key } : m;
    });
  } catch {
    return [];
  }
}

/**
 * Sticky: tried at each `${` (a match holds no other `${`: its name has no `$`, its fallback no `{`).
 * The shell's and Compose's `${NAME:-fallback}` / `${NAME-fallback}`, and Spring's (and Quarkus's,
 * MicroProfile's) `${NAME:default}`, whose name may hold dots (`${spring.datasource.password:...}`);
 * not a client's variable with a colon (`${env:NAME}`, `${input:id}`, `${config:x}`: VARIABLE_PREFIX).
 */
const FALLBACK = /\$\{(?:([A-Za-z_][A-Za-z0-9_]{0,100}):?-|(?!(?:env|input|config|command|file|secret|secrets|vault|workspaceFolder|userHome|sys|jndi|ctx|java|date|docker|aws):)([A-Za-z_][A-Za-z0-9_.-]{0,100}):(?![-?+=]))([^{}\s"'`$]{8,500})\}/y;
/** Real files hold a few fallbacks; a hostile one with thousands is not checked past this many. */
const MAX_FALLBACKS = 200;

/**
 * Secrets in the literal fallback of `${NAME:-fallback}` (shell, Compose, `.env`): the detectors
 * skip the whole as a reference and no provider format matches after `:-`, yet whenever NAME is
 * unset the fallback is the credential, and it is written in the file. Only provider formats and
 * confident generic hits count. `at`: the positions of every `${` in the text, ascending (the
 * keyword pass's TextHits.dollarBraces); found here when not given.
 */
export function fallbackSecrets(text: string, at?: readonly number[]): SecretMatch[] {
  if (at ? at.length === 0 : !text.includes("${")) return [];
  const out: SecretMatch[] = [];
  let found = 0;
  for (let p = at ? (at[0] as number) : text.indexOf("${"), k = 0; p >= 0 && found < MAX_FALLBACKS; p = at ? (at[++k] ?? -1) : text.indexOf("${", p + 2)) {
    FALLBACK.lastIndex = p;
    const m = FALLBACK.exec(text);
    if (m === null) continue;
    found++;
    const value = m[3] ?? "";
    const valueAt = p + m[0].length - 1 - value.length;
    // Low-confidence generic hits (`fallback-value-1234`) stay quiet here, as the reference they sit in.
    for (const x of detectInValue(value, { key: m[1] ?? m[2] ?? "", source: "env" })) if (x.confidence !== "low") out.push({ ...x, start: x.start + valueAt, end: x.end + valueAt });
  }
  return out;
}

const FLAG_EQ = /^(--?[A-Za-z][\w-]{0,60})=(.+)$/s;
const ENV_ASSIGN = /^([A-Za-z_][A-Za-z0-9_]{0,100})=(.*)$/s;
const HEADER_LINE = /^([A-Za-z][\w-]{0,60}):[ \t]*(.+)$/s;
const BEARER_VALUE = /^\s*bearer\s+\S+\s*$/i;
/** A command line in one value: a flag and its value, or an assignment before more words (`sh -c "API_KEY=<key> exec npx ..."`). */
const COMMAND_LINE = /(?:^|\s)--?[A-Za-z][\w-]*[ \t]+\S|(?:^|\s)[A-Za-z_]\w*=\S+[ \t]+\S/;

/**
 * Secrets in one configured value (env value, header, arg, URL, setting) with
 * the key it sits under. Offsets relative to `value`. Never throws.
 */
export function detectInValue(value: string, ctx: ValueContext = {}): SecretMatch[] {
  try {
    const key = ctx.key;
    // Providers see `KEY=value` so that keyed formats (`MISTRAL_API_KEY=…`) apply.
    const prefix = key !== undefined && /^[\w.-]{1,100}$/.test(key.replace(/^-+/, "")) ? `${key}=` : "";
    const providers = scanProviders(prefix + value)
      .filter((m) => m.start >= prefix.length)
      .map((m) => ({ ...m, start: m.start - prefix.length, end: m.end - prefix.length }));

    const generic: SecretMatch[] = [];
    const kind = classifyKey(key);
    if (key !== undefined && (kind === "authorization" || (ctx.source === "header" && /^(?:proxy-)?authorization$/i.test(key)))) {
      checkAuthorization(value, 0, key, generic);
    } else if (key !== undefined && ctx.source === "header" && isCookieHeader(key)) {
      checkCookie(value, 0, key, generic);
    } else if (key !== undefined && kind !== undefined && !value.startsWith(`${key}=`)) {
      // (`--key=X` under its own flag `--key`: FLAG_EQ below checks X, not the whole argument.)
      checkKeyValue(key, value, 0, generic, ctx.source === "arg" ? "generic-cli-flag" : undefined);
    } else if (kind === undefined && BEARER_VALUE.test(value)) {
      // `Bearer X` names its own scheme: a credential under any key (mcp-remote's `AUTH_HEADER`, whose last word alone says nothing).
      checkAuthorization(value, 0, key, generic);
    }
    let m: RegExpExecArray | null;
    if ((m = FLAG_EQ.exec(value))) {
      // `--header=X-Api-Key:<key>`: the flag's value is a header line, read as `--header` `X-Api-Key:<key>` is.
      const h = isHeaderFlag(m[1] ?? "") ? HEADER_LINE.exec(m[2] ?? "") : null;
      if (h) checkKeyValue(h[1] ?? "", h[2] ?? "", value.length - (h[2] ?? "").length, generic);
      else checkKeyValue(m[1] ?? "", m[2] ?? "", value.length - (m[2] ?? "").length, generic, "generic-cli-flag");
    } else if ((m = ENV_ASSIGN.exec(value))) {
      checkKeyValue(m[1] ?? "", m[2] ?? "", value.length - (m[2] ?? "").length, generic);
    } else if ((m = HEADER_LINE.exec(value)) && !value.includes("://")) {
      checkKeyValue(m[1] ?? "", m[2] ?? "", value.length - (m[2] ?? "").length, generic);
    }
    checkUrls(value, 0, generic);
    // JSON, several lines, or a whole command line in one value (`npx -y pkg --token X`): its flags and assignments.
    if (/^\s*[{[]/.test(value) || value.includes("\n") || COMMAND_LINE.test(value)) generic.push(...scanGeneric(value));
    return resolve(providers, generic).map((x) => (x.key === undefined && key !== undefined ? { ...x, key } : x));
  } catch {
    return [];
  }
}
