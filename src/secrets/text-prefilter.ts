/**
 * The one keyword pass over a text: provider keywords (which provider
 * patterns run), the generic detector's candidate words (which lines it
 * examines), the `.netrc` words and the words that decide whether a file
 * needs its comments read or its code parsed, all found by a single
 * multi-needle scan.
 */
import { SNIFF_WORDS } from "../catalog/sniff-words.js";
import { MCP_CODE_WORDS } from "../parse/mcp-code-markers.js";
import { CREDENTIAL_WORDS, isCompoundPassword, keyWords } from "./keys.js";
import { boundedMemo } from "./memo.js";
import { byteSearchFor } from "./needle-bytes.js";
import { buildNeedles, findNeedles } from "./prefilter.js";
import { PROVIDERS } from "./providers/index.js";

/**
 * Words and marks that a line must contain to be worth the generic line
 * checks. Each word is part of one or more of {@link LINE_WORDS}; an
 * occurrence counts only when the name around it has such a word.
 */
export const CANDIDATE_WORDS = ["token", "secret", "key", "pass", "pwd", "auth", "cred", "bearer", "private", "pat", "salt", "value", "cookie", "identified", "login", "mysql", "mariadb", "://"];

/**
 * The words (as keyWords splits a name: `apiKey`, `API_KEY`, `x-api-key` ->
 * api, key) that a generic line check can act on: a credential word (the
 * only keys checkKeyValue reports), `authorization` and `bearer` (header
 * values), `value` (a `name:`/`value:` pair). A line whose candidate words
 * all sit inside other names (`path`, `keyboard`, `passive`, `author`)
 * cannot give a generic finding, so it is not examined.
 */
export const LINE_WORDS: ReadonlySet<string> = new Set([...CREDENTIAL_WORDS, "authorization", "bearer", "value"]);
/** Words that start a `.netrc` entry. */
export const NETRC_WORDS = ["machine", "default"];
/** What starts a `${NAME:-fallback}` (index.ts fallbackSecrets): its positions spare that check a pass over the text. */
export const DOLLAR_BRACE = "${";

/**
 * Words that other passes look for, found here ASCII case-insensitively (so
 * their absence is certain; their presence is then checked exactly):
 * `mcplint` (every suppression comment has it), the markers of MCP code
 * that the TS/JS parse prefilter (`shouldParse`) looks for, and the words of
 * the content-sniffed formats' text tests.
 */
export const MENTION_WORDS = { mcplint: ["mcplint"], mcpCode: MCP_CODE_WORDS, sniff: Object.values(SNIFF_WORDS).flat() } as const;
type Mention = keyof typeof MENTION_WORDS;
const MENTION_BIT: Record<Mention, number> = { mcplint: 1, mcpCode: 2, sniff: 4 };

/** Per-rule cap on recorded keyword positions (past it the rule scans the whole text). */
export const MAX_POSITIONS = 4096;

/**
 * What the words of a candidate line let the generic checks find there
 * (bit flags, see TextHits.lineKinds). A line has a credential word
 * (LINE_FULL: every check runs), or only `value` names (LINE_VALUE: only a
 * `value:` that takes a credential name from the line above can give a
 * finding), and/or a `://` (LINE_URL: the URL checks).
 */
export const LINE_FULL = 1;
export const LINE_VALUE = 2;
export const LINE_URL = 4;
/** The line has the word `auth` (an `Authorization` value needs it) / `bearer` (a `Bearer` credential needs it). */
export const LINE_AUTH = 8;
export const LINE_BEARER = 16;
/** The line has the word `cookie` standing alone (`Cookie:`, `Set-Cookie`, `"Cookie", "..."`): a Cookie header's value may follow. */
export const LINE_COOKIE = 32;
/** The line has the word `identified` standing alone: SQL's `CREATE USER u IDENTIFIED BY '<pw>'` may follow. */
export const LINE_IDENTIFIED = 64;
/** The line has the word `login` standing alone: a registry login's `-p <pw>` (`docker login -u u -p <pw>`) may follow. */
export const LINE_LOGIN = 128;
/**
 * The line names a MySQL client (`mysql`, `mysqldump`, `mysqladmin`, `mariadb` ...) or `sshpass`: its
 * `-p<pw>` (`-p <pw>` for sshpass) may follow.
 */
export const LINE_MYSQL = 256;
/** Every check: a line whose kind is not known. */
export const LINE_ALL = LINE_FULL | LINE_VALUE | LINE_URL | LINE_AUTH | LINE_BEARER | LINE_COOKIE | LINE_IDENTIFIED | LINE_LOGIN | LINE_MYSQL;
/** MySQL's and MariaDB's command-line clients, and sshpass (LINE_MYSQL; `sshpass` holds the needle `pass`). */
const MYSQL_CLIENTS: ReadonlySet<string> = new Set(["mysql", "mysqldump", "mysqladmin", "mysqlimport", "mysqlcheck", "mysqlsh", "mariadb", "sshpass"]);
/** The kind bits that a candidate word gives its line by itself, whatever the name around it. */
const WORD_BITS: Readonly<Record<string, number>> = { auth: LINE_AUTH, bearer: LINE_BEARER };

export interface TextHits {
  /** Provider rule index -> positions of its keywords (capped at MAX_POSITIONS). */
  readonly rules: Map<number, number[]>;
  /** Positions of candidate words, ascending: the first accepted one of each line. */
  readonly candidates: number[];
  /**
   * Per candidate, the kind of its line (LINE_* flags) from all the
   * candidate words on the line. Absent: every check on every line (LINE_ALL).
   */
  readonly lineKinds?: number[];
  /** Positions of `machine` / `default`, ascending. */
  readonly netrc: number[];
  /** Positions of `${` (DOLLAR_BRACE), ascending. Absent: not looked for (check the whole text). */
  readonly dollarBraces?: number[];
  /** Which of MENTION_WORDS' groups may occur (false: certainly not in the text). */
  readonly mentions: Readonly<Record<Mention, boolean>>;
}

interface Owner {
  readonly rules: readonly number[];
  /** Rules for which this word counts only in capitals (ProviderRule.capitalKeywords), and the word so. */
  readonly capitalRules: readonly number[];
  readonly upper: string;
  readonly candidate: boolean;
  /** A candidate that is not a word (`://`): always counts. */
  readonly mark: boolean;
  /** WORD_BITS of this needle (0 for most). */
  readonly bits: number;
  readonly netrc: boolean;
  readonly dollarBrace: boolean;
  /** MENTION_BIT of the groups this word belongs to. */
  readonly mentions: number;
}

function buildIndex() {
  const owners = new Map<string, { rules: Set<number>; capitalRules: Set<number>; candidate: boolean; netrc: boolean; mentions: number }>();
  const own = (w: string) => {
    const k = w.toLowerCase();
    let o = owners.get(k);
    if (!o) owners.set(k, (o = { rules: new Set(), capitalRules: new Set(), candidate: false, netrc: false, mentions: 0 }));
    return o;
  };
  PROVIDERS.forEach((r, i) => r.keywords.forEach((k) => (r.capitalKeywords?.includes(k) ? own(k).capitalRules : own(k).rules).add(i)));
  for (const w of CANDIDATE_WORDS) own(w).candidate = true;
  for (const w of NETRC_WORDS) own(w).netrc = true;
  own(DOLLAR_BRACE);
  for (const [group, words] of Object.entries(MENTION_WORDS) as [Mention, readonly string[]][]) for (const w of words) own(w).mentions |= MENTION_BIT[group];
  const words = [...owners.keys()];
  const { set, refused } = buildNeedles(words);
  const byNeedle: Owner[] = set.needles.map((n) => {
    const o = owners.get(n);
    const sorted = (rules: Set<number> | undefined) => [...(rules ?? [])].sort((a, b) => a - b);
    return { rules: sorted(o?.rules), capitalRules: sorted(o?.capitalRules), upper: n.toUpperCase(), candidate: o?.candidate ?? false, mark: /^[^a-z]+$/.test(n), bits: WORD_BITS[n] ?? 0, netrc: o?.netrc ?? false, dollarBrace: n === DOLLAR_BRACE, mentions: o?.mentions ?? 0 };
  });
  // A keyword the table cannot hold (one character, non-ASCII) would silently never fire: run its rules always.
  const always = new Set<number>();
  for (const w of refused) {
    const o = owners.get(w.toLowerCase());
    for (const r of [...(o?.rules ?? []), ...(o?.capitalRules ?? [])]) always.add(r);
  }
  return { set, byNeedle, always: [...always] };
}

const INDEX = buildIndex();

/** The needle pairs of `text` from its bytes, or undefined (no WebAssembly, or bytes that cannot be the text's). */
function searchBytes(text: string, bytes: TextBytes): ArrayLike<number> | undefined {
  const search = byteSearchFor(INDEX.set);
  if (!search) return undefined;
  if ("oneByte" in bytes) return bytes.oneByte.length === text.length ? search.find(bytes.oneByte) : undefined;
  // A UTF-8 text has at least as many bytes as UTF-16 units, at most three per unit.
  if (bytes.utf8.length < text.length || bytes.utf8.length > 3 * text.length) return undefined;
  return toUtf16Indices(search.find(bytes.utf8), bytes.utf8);
}

/**
 * The pairs' positions, byte offsets into valid UTF-8 (ascending, each at a
 * keyword's first byte, which is ASCII), as UTF-16 indices: every byte but a
 * continuation byte starts a character, and a four-byte one is two units.
 */
function toUtf16Indices(flat: Int32Array, utf8: Uint8Array): Int32Array {
  let b = 0;
  let u = 0;
  for (let i = 1; i < flat.length; i += 2) {
    const pos = flat[i] as number;
    for (; b < pos; b++) {
      const c = utf8[b] as number;
      if (c < 0x80 || c >= 0xc0) u++;
      if (c >= 0xf0) u++;
    }
    flat[i] = u;
  }
  return flat;
}
/** The keyword pass's needle table (for tests and the benchmark). */
export const KEYWORD_NEEDLES = INDEX.set;

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Longer letter-and-digit runs than this are never a key the line checks accept (keys are <= 101 characters); kept, to be safe. */
const MAX_RUN = 128;
/**
 * What a letter-and-digit run's words let the line checks do: LINE_FULL (a
 * word of LINE_WORDS but `value`), LINE_VALUE (only `value`), LINE_COOKIE
 * LINE_IDENTIFIED, LINE_LOGIN or LINE_MYSQL (the run is the word `cookie`,
 * `identified`, `login`, a MySQL client's name or `sshpass`), or 0. Room for
 * 16,384 runs: a tree of 14,700 npm files has ~14,000 distinct ones (a memo
 * that forgets sooner recomputes them; ~5% of the keyword pass).
 */
const runKind = boundedMemo((run) => {
  const lower = run.toLowerCase();
  if (lower === "cookie") return LINE_COOKIE;
  if (lower === "identified") return LINE_IDENTIFIED;
  if (lower === "login") return LINE_LOGIN;
  if (MYSQL_CLIENTS.has(lower)) return LINE_MYSQL;
  let kind = 0;
  for (const w of keyWords(run)) if (LINE_WORDS.has(w) || isCompoundPassword(w)) kind |= w === "value" ? LINE_VALUE : LINE_FULL;
  return kind & LINE_FULL ? LINE_FULL : kind;
}, 16384);

/** The kind (runKind) of the letter-and-digit run around `pos`; a run too long to be a key counts as full, to be safe. */
function wordKind(text: string, pos: number): number {
  let s = pos;
  while (s > 0 && isAlnum(text.charCodeAt(s - 1))) if (pos - --s > MAX_RUN) return LINE_FULL;
  let e = pos;
  while (e < text.length && isAlnum(text.charCodeAt(e))) if (++e - pos > MAX_RUN) return LINE_FULL;
  return runKind(text.slice(s, e));
}

/**
 * A text's bytes for the keyword pass: `oneByte`, its characters one byte
 * each (an ASCII text, or the reader's byte view, whose bytes above ASCII may
 * stand for other characters above ASCII: no keyword has one), or `utf8`, its
 * valid UTF-8 encoding (the positions found are then turned into the text's
 * UTF-16 indices). Either way the needle search runs over them in WebAssembly.
 */
export type TextBytes = { readonly oneByte: Uint8Array } | { readonly utf8: Uint8Array };

/** Records a keyword position for rule `r` (ascending, once, at most MAX_POSITIONS). */
function hit(byRule: (number[] | undefined)[], r: number, pos: number): void {
  let list = byRule[r];
  if (!list) byRule[r] = list = [];
  if (list.length < MAX_POSITIONS && list[list.length - 1] !== pos) list.push(pos);
}

/** One pass over `text`; `bytes`: see TextBytes. */
export function prefilterText(text: string, bytes?: TextBytes): TextHits {
  const flat = (bytes && searchBytes(text, bytes)) ?? findNeedles(INDEX.set, text);
  const byRule: (number[] | undefined)[] = [];
  const candidates: number[] = [];
  const lineKinds: number[] = [];
  const netrc: number[] = [];
  const dollarBraces: number[] = [];
  // One candidate per line (the generic checks examine whole lines), with the kind of the line:
  // once a word on it is LINE_FULL, the names around the line's other words are not looked at
  // (their own bits, LINE_AUTH and LINE_BEARER, still count).
  let lineEnd = -1;
  let mentions = 0;
  for (let i = 0; i < flat.length; i += 2) {
    const o = INDEX.byNeedle[flat[i] as number] as Owner;
    const pos = flat[i + 1] as number;
    mentions |= o.mentions;
    if (o.candidate) {
      if (pos > lineEnd) {
        const kind = o.mark ? LINE_URL : wordKind(text, pos);
        if (kind !== 0) {
          candidates.push(pos);
          lineKinds.push(kind | o.bits);
          lineEnd = text.indexOf("\n", pos);
          if (lineEnd < 0) lineEnd = text.length;
        }
      } else {
        const last = lineKinds.length - 1;
        const kind = (lineKinds[last] as number) | o.bits;
        lineKinds[last] = kind & LINE_FULL ? kind : kind | (o.mark ? LINE_URL : wordKind(text, pos));
      }
    }
    if (o.netrc) netrc.push(pos);
    else if (o.dollarBrace) dollarBraces.push(pos);
    for (const r of o.rules) hit(byRule, r, pos);
    if (o.capitalRules.length > 0 && text.startsWith(o.upper, pos)) for (const r of o.capitalRules) hit(byRule, r, pos);
  }
  const rules = new Map<number, number[]>();
  for (const r of INDEX.always) rules.set(r, [0, ...(byRule[r] ?? [])]);
  byRule.forEach((list, r) => {
    if (list && !rules.has(r)) rules.set(r, list);
  });
  return {
    rules,
    candidates,
    lineKinds,
    netrc,
    dollarBraces,
    mentions: { mcplint: (mentions & MENTION_BIT.mcplint) !== 0, mcpCode: (mentions & MENTION_BIT.mcpCode) !== 0, sniff: (mentions & MENTION_BIT.sniff) !== 0 },
  };
}
