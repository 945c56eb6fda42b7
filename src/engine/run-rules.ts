/**
 * Runs the rules over the model. A rule that throws is a bug: it is reported
 * as an internal diagnostic naming the rule, and the other rules still run.
 */
import type { Diagnostic } from "../model/types.js";
import { compareFindings, fingerprintOf, type Finding } from "./finding.js";
import type { ScanModel } from "./model.js";
import { formatMessage, type Level, type ReportDescriptor, type Rule } from "./rule.js";

export interface RuleRunOptions {
  /** Per-rule level override or `off`. */
  readonly levels?: Readonly<Record<string, Level | "off">>;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The path a reported file is fingerprinted by (default: the reported path). */
  readonly fingerprintPath?: (file: string) => string;
}

export function runRules(model: ScanModel, rules: readonly Rule[], opts: RuleRunOptions = {}): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    const override = opts.levels?.[rule.id] ?? opts.levels?.[rule.meta.category];
    if (override === "off") continue;
    const report = (d: ReportDescriptor) => {
      const template = rule.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${d.messageId}`);
      const idFile = opts.fingerprintPath?.(d.loc.file) ?? d.loc.file;
      const fingerprint = fingerprintOf(rule.id, idFile, d.identity);
      const key = `${fingerprint}:${d.loc.line}:${d.loc.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        ruleId: rule.id,
        category: rule.meta.category,
        level: override ?? d.level ?? rule.meta.level,
        message: formatMessage(template, d.data),
        loc: d.loc,
        related: d.related ?? [],
        fingerprint,
        ...(idFile !== d.loc.file ? { rootFingerprint: fingerprintOf(rule.id, d.loc.file, d.identity) } : {}),
        ...(d.server ? { server: d.server } : {}),
        ...(d.secret ? { secret: d.secret } : {}),
      });
    };
    try {
      rule.check(model, { report, options: opts.options ?? {} });
    } catch (err) {
      diagnostics.push({ level: "error", code: "internal", message: `rule ${rule.id} failed: ${(err as Error).message} (this is a bug in mcplint; other rules ran)` });
    }
  }
  findings.sort(compareFindings);
  return { findings, diagnostics };
}
