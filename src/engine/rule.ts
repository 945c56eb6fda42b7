/**
 * The shape of a rule: metadata written once (docs, README table and SARIF
 * descriptors are generated from it), message templates, a pure check over the
 * model, and good and bad examples that one table-driven test runs.
 */
import type { Loc } from "../model/location.js";
import type { ScanModel } from "./model.js";

export type Level = "error" | "warning" | "note";
export type Precision = "very-high" | "high" | "medium" | "low";

/** The closed list of categories. Each has one meaning; see README. */
export const CATEGORIES = [
  "hardcoded-secret",
  "shared-secret",
  "shared-identity",
  "broad-scope",
  "missing-default-deny",
  "insecure-transport",
  "unpinned-server",
  "long-lived-token",
  "unapproved-server",
  "config-drift",
  "missing-audit",
  "unexpanded-reference",
  "parse-error",
  "suppression",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface RuleMeta {
  /** Human title, sentence case, no final period. */
  readonly title: string;
  /** PascalCase name for SARIF `name`. */
  readonly name: string;
  /** The risk in one paragraph. */
  readonly description: string;
  readonly category: Category;
  readonly level: Level;
  readonly precision: Precision;
  /**
   * CVSS-like score 0.1..10 as GitHub's `security-severity`. Absent for a
   * hygiene rule (the scan's own housekeeping: a file it could not parse, a
   * suppression comment it could not read): SARIF then gives it
   * `problem.severity` instead, so code scanning ranks it by that, not by a
   * security score (SARIF-AND-CI.md 7.2). Its tags still name `security`
   * next to its category, as every rule's do.
   */
  readonly securitySeverity?: number;
  /** How to fix it (Markdown allowed). */
  readonly help: string;
  /** CWE ids, e.g. ["CWE-798"]. */
  readonly cwe: readonly string[];
  readonly references: readonly string[];
  /** Extra tags (the category and `security` are added automatically). */
  readonly tags?: readonly string[];
  /** Framework identifiers (OWASP agentic, NIST CSF 2.0), verified only. */
  readonly frameworks?: readonly string[];
}

export interface RuleExample {
  /** Path of the example file (decides the format), e.g. `.mcp.json`. */
  readonly file: string;
  readonly code: string;
  /** For bad examples: where the first finding must start (1-based). */
  readonly expect?: { readonly line: number; readonly column?: number; readonly count?: number };
  /** Other files that form the scenario (e.g. a lock file). */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /** Scan options for this example (approved list, lock, ...). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** POSIX file mode of the example file (as `--user` records it), e.g. 0o644. */
  readonly mode?: number;
}

export interface RelatedLocation {
  readonly loc: Loc;
  readonly message: string;
}

/** What a rule says about one problem. */
export interface ReportDescriptor {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly loc: Loc;
  readonly related?: readonly RelatedLocation[];
  /**
   * Location-independent identity (no line numbers): e.g. server name + key,
   * or the keyed hash of a credential. Baselines and `mcplintFinding/v1` use it.
   */
  readonly identity: string;
  /** Server this finding belongs to, if any. */
  readonly server?: { readonly name: string; readonly client: string };
  /** Overrides the rule's default level for this finding (e.g. expired token as note). */
  readonly level?: Level;
  /** Redacted secret preview and keyed hash, when the finding is about a secret. */
  readonly secret?: { readonly preview: string; readonly hash: string; readonly provider?: string };
}

export interface RuleContext {
  report(descriptor: ReportDescriptor): void;
  /** Options given to the scan (approved servers, lock, config). */
  readonly options: Readonly<Record<string, unknown>>;
}

export interface Rule {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly messages: Readonly<Record<string, string>>;
  check(model: ScanModel, ctx: RuleContext): void;
  readonly examples: { readonly bad: readonly RuleExample[]; readonly good: readonly RuleExample[] };
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/** Fills `{name}` placeholders of a message template. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}
