/**
 * Suppressions: inline comments (`mcplint-disable-next-line <rule> -- <reason>`,
 * `mcplint-disable-line <rule> until=YYYY-MM-DD -- <reason>`), configuration
 * entries and baselines. Findings are never dropped here: a suppressed finding
 * carries `suppression` and reporters leave it out unless asked.
 */
import { GLOB_SYNTAX, globMatcher } from "../catalog/glob.js";
import type { DocComment } from "../parse/doc.js";
import { BLOCK_SCALAR_INDICATOR } from "../parse/yaml-block-scalar.js";
import type { LineIndex, Loc } from "../model/location.js";
import { BASELINE_SOURCE_PREFIX } from "./baseline.js";
import type { Finding } from "./finding.js";

export interface SuppressionDirective {
  readonly file: string;
  /** Where the comment is. */
  readonly loc: Loc;
  readonly kind: "next-line" | "line";
  /** The line whose findings it suppresses. */
  readonly targetLine: number;
  /** Its last line, when the target line opens a YAML block scalar (`key: |`): the value's text is below the key. */
  readonly lastTargetLine?: number;
  /** Rule ids or categories. */
  readonly rules: readonly string[];
  readonly reason: string;
  /** YYYY-MM-DD, the last day it holds. */
  readonly until?: string;
  /** What is wrong with the comment itself (phrased to follow "it"); a directive with problems suppresses nothing. */
  readonly problems: readonly string[];
  /** Set by `applySuppressions`. */
  readonly used?: boolean;
  readonly expired?: boolean;
  readonly unknownRules?: readonly string[];
}

const DIRECTIVE = /^[\s*#/;!-]*mcplint-(disable-next-line|disable-line|disable|enable)(?![\w-])([^\n]*)/;
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A YAML block scalar header at the end of a line (`key: |`, `- >-`, `key: |2 # note`). */
const BLOCK_SCALAR_HEADER = new RegExp(`(?:^|[:\\-?]\\s)\\s*${BLOCK_SCALAR_INDICATOR}\\s*(?:#.*)?$`);

/**
 * The last line of the YAML block scalar that `line` opens, else `line`: the lines after it
 * that are blank or indented deeper than it.
 */
function blockScalarEnd(text: string, lines: LineIndex, line: number): number {
  const lineText = (n: number) => text.slice(lines.lineStart(n), n < lines.lineCount ? lines.lineStart(n + 1) : text.length).replace(/\r?\n$|\r$/, "");
  const header = lineText(line);
  if (!BLOCK_SCALAR_HEADER.test(header)) return line;
  const indent = header.length - header.trimStart().length;
  let last = line;
  for (let n = line + 1; n <= lines.lineCount; n++) {
    const t = lineText(n);
    if (t.trim() === "") continue;
    if (t.length - t.trimStart().length <= indent) break;
    last = n;
  }
  return last;
}

/** The suppression directives among a file's comments. `text`, when given, lets a directive on a YAML block scalar's key cover the value's lines. */
export function parseDirectives(file: string, comments: readonly DocComment[], lines: LineIndex, text?: string): SuppressionDirective[] {
  const out: SuppressionDirective[] = [];
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const kind = m[1] as string;
    const rest = (m[2] ?? "").replace(/\*\/\s*$/, "");
    const cut = rest.indexOf("--");
    const head = cut >= 0 ? rest.slice(0, cut) : rest;
    const reason = cut >= 0 ? rest.slice(cut + 2).trim() : "";
    const problems: string[] = [];
    const rules: string[] = [];
    let until: string | undefined;
    for (const token of head.split(/[\s,]+/).filter(Boolean)) {
      if (token.startsWith("until=")) {
        until = token.slice(6);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || !isRealDate(until)) problems.push(`has until=${until}, which is not a date (YYYY-MM-DD)`);
      } else if (RULE_ID.test(token)) rules.push(token);
      else problems.push(`has '${token}', which is not a rule id`);
    }
    if (kind === "disable" || kind === "enable") {
      problems.unshift(`is a file-wide mcplint-${kind}, which is not supported (use mcplint-disable-line or mcplint-disable-next-line with a rule id and a reason)`);
    } else {
      if (rules.length === 0) problems.push(`names no rule id (write: mcplint-${kind} <rule-id> -- <reason>)`);
      if (reason === "") problems.push("gives no reason (write the reason after ' -- ')");
    }
    const loc = lines.loc(file, c.span);
    const targetLine = kind === "disable-line" ? loc.line : loc.endLine + 1;
    const lastTargetLine = text !== undefined && targetLine <= lines.lineCount ? blockScalarEnd(text, lines, targetLine) : targetLine;
    out.push({
      file,
      loc,
      kind: kind === "disable-line" ? "line" : "next-line",
      targetLine,
      ...(lastTargetLine > targetLine ? { lastTargetLine } : {}),
      rules,
      reason,
      ...(until !== undefined ? { until } : {}),
      problems,
    });
  }
  return out;
}

export function isRealDate(ymd: string): boolean {
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

/** True once `lastDay` (YYYY-MM-DD, inclusive, UTC) is over. */
export function isExpired(lastDay: string | undefined, now: Date): boolean {
  return lastDay !== undefined && now.toISOString().slice(0, 10) > lastDay;
}

export interface ExternalSuppression {
  readonly path: string;
  readonly rule: string;
  readonly fingerprint?: string;
  readonly reason: string;
  readonly expires?: string;
}

export interface SuppressionSources {
  readonly directives?: readonly SuppressionDirective[];
  /** Entries of the configuration file, with the file's name for the report. */
  readonly config?: { readonly source: string; readonly entries: readonly ExternalSuppression[] };
  /** `rootRelative`: a version 1 baseline, whose fingerprints may be the scan root's (`rootFingerprint`). */
  readonly baseline?: { readonly source: string; readonly fingerprints: ReadonlySet<string>; readonly rootRelative?: boolean };
  readonly now: Date;
  /** Rule ids and categories, to tell a misspelt rule in a comment. */
  readonly knownRules: ReadonlySet<string>;
}

const matchesRule = (f: Finding, rule: string) => f.ruleId === rule || f.category === rule;

/** Is the finding in the baseline? A version 1 baseline written from another scan root holds the root-relative fingerprint. */
function inBaseline(f: Finding, baseline: NonNullable<SuppressionSources["baseline"]>): boolean {
  if (baseline.fingerprints.has(f.fingerprint)) return true;
  return baseline.rootRelative === true && f.rootFingerprint !== undefined && baseline.fingerprints.has(f.rootFingerprint);
}

/** A configuration entry with its path's test. */
interface ConfigEntry {
  readonly e: ExternalSuppression;
  readonly path: (file: string) => boolean;
}

/**
 * The configuration's entries, and the first that suppresses a finding (in
 * file order). An entry whose glob starts with folder or file names written
 * out (`packages/api/**`) can only match that path or paths below it, so a
 * finding tries the entries keyed by its own path and its folders', and those
 * that start with a pattern: testing every glob on every finding cost 0.5 us
 * a pair (4,000 entries and as many findings: 9 s). The rule and the
 * fingerprint are checked before the glob.
 */
function configEntries(entries: readonly ExternalSuppression[]): { first(f: Finding): ExternalSuppression | undefined } {
  const all: ConfigEntry[] = [];
  const byPrefix = new Map<string, number[]>();
  const open: number[] = [];
  for (const e of entries) {
    // Reported paths are relative: a leading `/` anchors the glob at the scan root, as in a .gitignore file.
    const glob = e.path.replace(/^\/+(?=[^/])/, "");
    // Compiled on first use: a glob costs ~0.3 ms to compile, and most are only tried by a few findings.
    let test: ((file: string) => boolean) | undefined;
    const index = all.push({ e, path: (file) => (test ??= globMatcher(glob, { dot: true }))(file) }) - 1;
    // Compared as written (e.path === file) as well as by the glob: only a path that is its own glob is keyed.
    const prefix = glob === e.path ? literalPrefix(glob) : "";
    if (prefix === "") open.push(index);
    else {
      const list = byPrefix.get(prefix);
      if (list) list.push(index);
      else byPrefix.set(prefix, [index]);
    }
  }
  const suppresses = (c: ConfigEntry, f: Finding) =>
    matchesRule(f, c.e.rule) && (c.e.fingerprint === undefined || c.e.fingerprint === f.fingerprint || c.e.fingerprint === f.rootFingerprint) && (c.e.path === f.loc.file || c.path(f.loc.file));
  return {
    first(f) {
      const lists = [open];
      const file = f.loc.file;
      for (let slash = file.indexOf("/"); slash > 0; slash = file.indexOf("/", slash + 1)) {
        const list = byPrefix.get(file.slice(0, slash));
        if (list) lists.push(list);
      }
      const own = byPrefix.get(file);
      if (own) lists.push(own);
      // The ascending lists merged: the first entry in file order wins.
      const heads = lists.map(() => 0);
      for (;;) {
        let best = -1;
        let next = Infinity;
        lists.forEach((list, k) => {
          const i = list[heads[k] as number];
          if (i !== undefined && i < next) [best, next] = [k, i];
        });
        if (best < 0) return undefined;
        heads[best] = (heads[best] as number) + 1;
        const c = all[next] as ConfigEntry;
        if (suppresses(c, f)) return c.e;
      }
    },
  };
}

/**
 * The leading segments of a glob that are names written out (up to the first
 * with pattern syntax, `.`, `..` or nothing), joined: every path the glob
 * matches is that path or below it. Empty when the first segment is a pattern.
 */
function literalPrefix(glob: string): string {
  const segments = glob.split("/");
  let n = 0;
  while (n < segments.length && !isPatternSegment(segments[n] as string)) n++;
  return segments.slice(0, n).join("/");
}

/** Not a name written out: empty, `.`, `..`, pattern syntax, or quotes (picomatch reads `"a*"` as the name `a*`). */
const isPatternSegment = (seg: string) => seg === "" || seg === "." || seg === ".." || GLOB_SYNTAX.test(seg) || seg.includes('"');

/** Marks suppressed findings; returns the directives annotated with use, expiry and unknown rules. */
export function applySuppressions(findings: readonly Finding[], sources: SuppressionSources): { findings: Finding[]; directives: SuppressionDirective[] } {
  const directives = sources.directives ?? [];
  const byFile = new Map<string, number[]>();
  directives.forEach((d, i) => {
    const list = byFile.get(d.file);
    if (list) list.push(i);
    else byFile.set(d.file, [i]);
  });
  const used = new Set<number>();
  const config = configEntries((sources.config?.entries ?? []).filter((e) => !isExpired(e.expires, sources.now)));
  const out = findings.map((f): Finding => {
    for (const i of byFile.get(f.loc.file) ?? []) {
      const d = directives[i] as SuppressionDirective;
      if (d.problems.length || f.loc.line < d.targetLine || f.loc.line > (d.lastTargetLine ?? d.targetLine) || isExpired(d.until, sources.now) || !d.rules.some((r) => matchesRule(f, r))) continue;
      used.add(i);
      return { ...f, suppression: { kind: "inSource", justification: d.reason, source: `${d.file}:${d.loc.line}` } };
    }
    const c = config.first(f);
    if (c && sources.config) return { ...f, suppression: { kind: "external", justification: c.reason, source: sources.config.source } };
    if (sources.baseline && inBaseline(f, sources.baseline)) return { ...f, suppression: { kind: "external", justification: `accepted in baseline ${sources.baseline.source}`, source: BASELINE_SOURCE_PREFIX + sources.baseline.source } };
    return f;
  });
  const annotated = directives.map((d, i) => ({
    ...d,
    used: used.has(i),
    expired: isExpired(d.until, sources.now),
    unknownRules: d.rules.filter((r) => !sources.knownRules.has(r)),
  }));
  return { findings: out, directives: annotated };
}
