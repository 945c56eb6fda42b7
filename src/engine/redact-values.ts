/**
 * Printable forms of configured values with every detected secret replaced by
 * its redacted preview (inventory, lock file).
 */
import { hitsInside, type SecretHit } from "./model.js";
import { secretHash } from "../secrets/index.js";
import { classifyKey, isCredentialParam, isHeaderFlag } from "../secrets/keys.js";
import { within, type Loc } from "../model/location.js";
import type { ConfigValue, Credential, McpServer } from "../model/types.js";
import { describeIdentity, type ServerIdentity } from "../model/identity.js";
import { isSwitchValue, onlyUnexpanded } from "../model/credential-identity.js";

export const REDACTION_TOKEN = "[REDACTED]";


/**
 * The password of URL userinfo (`scheme://user:password@host`, also one with an unencoded `#`
 * or `?`) and the value of a credential query parameter (`?token=`, `&api_key=`) withheld,
 * detected or not: a weak password no detector reports is still one. References stay.
 */
export function withoutUrlPassword(raw: string): string {
  const keep = (head: string, v: string, tail: string) => (/^[$%{<]/.test(v) ? `${head}${v}${tail}` : `${head}${REDACTION_TOKEN}${tail}`);
  return raw
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)([^\s/@]+)(@)/gi, (_m, head: string, pw: string, at: string) => keep(head, pw, at))
    .replace(/([?&]([^&=#?/\s]{1,100})=)([^&#\s]+)/g, (m: string, head: string, name: string, v: string) => (isCredentialParam(name) ? keep(head, v, "") : m));
}

/** The name before a withheld value: `--flag=`, `NAME=`, or a header line's `Name: `. */
const VALUE_NAME = /^(?:--?[A-Za-z][\w-]{0,100}=|[A-Za-z_][A-Za-z0-9_]{0,100}=|[A-Za-z][\w-]{0,60}:[ \t]*)/;
const HEADER_NAME = /^([A-Za-z][\w-]{0,60}):/;

/**
 * Is this a literal credential whose value a reader must not see: one under a name that names a
 * credential (`MYSQL_PASSWORD: <pw>`, `--password <pw>`, `--password=<pw>`, docker
 * `-e DB_PASSWORD=<pw>`, or a `--header` line such as `X-Api-Key: <key>`)? A URL keeps all but
 * its credential (withoutUrlPassword).
 */
function withheldCredential(c: Credential): boolean {
  // A switch (`DANGEROUSLY_OMIT_AUTH: "true"`, `MCP_REQUIRE_AUTH: "false"`) under a credential-like name holds no secret.
  if (c.source === "url" || c.ref.kind !== "literal" || onlyUnexpanded(c) || isSwitchValue(c.raw)) return false;
  if (!isHeaderFlag(c.key)) return classifyKey(c.key) !== undefined;
  const line = c.raw.startsWith(`${c.key}=`) ? c.raw.slice(c.key.length + 1) : c.raw;
  return classifyKey(HEADER_NAME.exec(line)?.[1]) !== undefined;
}

/**
 * A server's arguments, printable: every secret replaced by its redacted preview, and an argument
 * that is a literal credential of the server (withheldCredential) withheld after its name even when no
 * detector reported it (a weak password), as the inventory's credential row withholds it.
 */
export function shownArgs(s: McpServer, secrets: readonly SecretHit[]): string[] {
  // By line: a credential is the whole argument (docker `-e K=V`) or the value inside it (`env K=V`).
  const withheld = new Map<number, Loc[]>();
  for (const c of s.credentials.filter(withheldCredential)) withheld.set(c.loc.line, [...(withheld.get(c.loc.line) ?? []), c.loc]);
  const inside = hitsInside(secrets);
  return s.args.map((a) => shown(a, inside(a.loc), (withheld.get(a.loc.line) ?? []).some((l) => within(l, a.loc))) ?? "");
}

/** The name part of a withheld value: `--flag=`, `NAME=`, a header line's `Name: `, or `--header=Name: `. */
function valueName(raw: string): string {
  const name = VALUE_NAME.exec(raw)?.[0] ?? "";
  return isHeaderFlag(name.slice(0, -1)) ? name + (VALUE_NAME.exec(raw.slice(name.length))?.[0] ?? "") : name;
}

/**
 * Where the literal credentials of these servers sit (withheldCredential; on one line, the value
 * after its `--flag=` or `NAME=`), detected or not: the text report's code frames mask them as
 * they mask detected secrets, so a weak password the inventory withholds is not printed there.
 */
export function literalCredentialLocs(servers: readonly McpServer[]): Loc[] {
  return servers.flatMap((s) =>
    s.credentials.filter((c) => c.raw !== "" && withheldCredential(c)).map((c) => {
      if (c.loc.line !== c.loc.endLine) return c.loc;
      const quote = Math.max(0, Math.round((c.loc.endColumn - c.loc.column - c.raw.length) / 2));
      const column = Math.min(c.loc.column + quote + valueName(c.raw).length, c.loc.endColumn);
      return { ...c.loc, column, endColumn: Math.max(column, c.loc.endColumn - quote) };
    }),
  );
}

/**
 * A printable form of a configured value: every secret in it replaced by its redacted preview.
 * `credential`: the value is a literal credential, withheld (after its `--flag=` or `NAME=`) when no secret was found in it.
 */
/** Where a hit sits in a one-line value's raw text (the value's location may include its quotes). */
function spanIn(v: ConfigValue, h: SecretHit): { start: number; end: number } {
  const quote = Math.max(0, Math.round((v.loc.endColumn - v.loc.column - v.raw.length) / 2));
  const start = h.loc.column - v.loc.column - quote;
  return { start, end: start + (h.loc.endColumn - h.loc.column) };
}

export function shown(v: ConfigValue | undefined, secrets: readonly SecretHit[], credential = false): string | undefined {
  if (!v) return undefined;
  const hits = secrets.filter((s) => within(s.loc, v.loc)).sort((a, b) => b.loc.column - a.loc.column);
  if (hits.length === 0 && credential && v.raw !== "") return `${valueName(v.raw)}${REDACTION_TOKEN}`;
  if (hits.length === 0) return withoutUrlPassword(v.raw);
  if (v.loc.line !== v.loc.endLine) return REDACTION_TOKEN;
  let out = v.raw;
  for (const h of hits) {
    const { start, end } = spanIn(v, h);
    if (h.loc.line !== h.loc.endLine || start < 0 || end > out.length) return REDACTION_TOKEN;
    // Only cut where the secret really is: when a location is approximate the span misses,
    // and the whole value is withheld rather than printed around the wrong cut.
    if (secretHash(out.slice(start, end)) !== h.hash) return REDACTION_TOKEN;
    out = out.slice(0, start) + h.preview + REDACTION_TOKEN + out.slice(end);
  }
  return out;
}


/**
 * `text` with each detected secret of the server's URL, command, image or arguments replaced by its
 * preview, where it appears as written or as a URL path writes it. A server's identity names its
 * URL's path (`https://actions.zapier.com/mcp/<key>/sse`) or its command as written, and reaches
 * messages, the inventory and the lock. A secret in the URL or command whose place in the value is
 * approximate withholds everything after the text's first word (`URL [REDACTED]`).
 */
export function withoutServerSecrets(text: string, s: McpServer, secrets: readonly SecretHit[]): string {
  if (secrets.length === 0) return text;
  const inside = hitsInside(secrets);
  let out = text;
  for (const v of [s.url, s.command, s.image, ...s.args]) {
    if (!v) continue;
    for (const h of inside(v.loc)) {
      const { start, end } = spanIn(v, h);
      const secret = v.loc.line === v.loc.endLine && start >= 0 && end <= v.raw.length ? v.raw.slice(start, end) : "";
      if (!secret || secretHash(secret) !== h.hash) {
        if (v === s.url || v === s.command) return `${text.split(" ", 1)[0]} ${REDACTION_TOKEN}`;
        continue;
      }
      for (const form of new Set([secret, inUrlPath(secret)])) out = out.split(form).join(h.preview + REDACTION_TOKEN);
    }
  }
  return out;
}

/** A text as a URL's path writes it (percent-encoded where the path must be). */
function inUrlPath(text: string): string {
  try {
    return new URL(`http://h/${text}`).pathname.slice(1);
  } catch {
    return text;
  }
}

/** A server's identity (describeIdentity), printable: withoutServerSecrets. */
export function shownIdentity(id: ServerIdentity, s: McpServer, secrets: readonly SecretHit[]): string {
  return withoutServerSecrets(describeIdentity(id), s, secrets);
}
