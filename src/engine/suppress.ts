/**
 * Suppressions: inline comments (`mcplint-disable-next-line <rule> -- <reason>`,
 * `mcplint-disable-line <rule> until=YYYY-MM-DD -- <reason>`), configuration
 * entries and baselines. Findings are never dropped here: a suppressed finding
 * carries `suppression` and reporters leave it out unless asked.
 */
import { globMatcher } from "../catalog/glob.js";
import type { DocComment } from "../parse/doc.js";
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
const BLOCK_SCALAR_HEADER = /(?:^|[:\-?]\s)\s*[|>](?:[1-9][+-]?|[+-][1-9]?)?\s*(?:#.*)?$/;

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

/** Marks suppressed findings; returns the directives annotated with use, expiry and unknown rules. */
export function applySuppressions(findings: readonly Finding[], sources: SuppressionSources): { findings: Finding[]; directives: SuppressionDirective[] } {
  const directives = sources.directives ?? [];
  const byFile = new Map<string, number[]>();
  directives.forEach((d, i) => byFile.set(d.file, [...(byFile.get(d.file) ?? []), i]));
  const used = new Set<number>();
  const config = (sources.config?.entries ?? [])
    .filter((e) => !isExpired(e.expires, sources.now))
    // Reported paths are relative: a leading `/` anchors the glob at the scan root, as in a .gitignore file.
    .map((e) => ({ e, path: globMatcher(e.path.replace(/^\/+(?=[^/])/, ""), { dot: true }) }));
  const out = findings.map((f): Finding => {
    for (const i of byFile.get(f.loc.file) ?? []) {
      const d = directives[i] as SuppressionDirective;
      if (d.problems.length || f.loc.line < d.targetLine || f.loc.line > (d.lastTargetLine ?? d.targetLine) || isExpired(d.until, sources.now) || !d.rules.some((r) => matchesRule(f, r))) continue;
      used.add(i);
      return { ...f, suppression: { kind: "inSource", justification: d.reason, source: `${d.file}:${d.loc.line}` } };
    }
    const c = config.find(({ e, path }) => (e.path === f.loc.file || path(f.loc.file)) && matchesRule(f, e.rule) && (e.fingerprint === undefined || e.fingerprint === f.fingerprint || e.fingerprint === f.rootFingerprint));
    if (c && sources.config) return { ...f, suppression: { kind: "external", justification: c.e.reason, source: sources.config.source } };
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
