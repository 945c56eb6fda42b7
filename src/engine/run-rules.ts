/**
 * Runs the rules over the model. A rule that throws is a bug: it is reported
 * as an internal diagnostic naming the rule, and the other rules still run.
 */
import type { Diagnostic, McpServer } from "../model/types.js";
import { compareFindings, fingerprintOf, type Finding } from "./finding.js";
import type { ScanModel } from "./model.js";
import { formatMessage, type Level, type ReportDescriptor, type Rule } from "./rule.js";

/**
 * Related locations kept per finding. A credential shared by hundreds of
 * servers would otherwise list every other holder on every holder's finding
 * (1,600 servers gave a 160 MB JSON report); the message gives the count.
 */
export const MAX_RELATED = 20;

/** Added to the message of a finding about a server its configuration disables (`disabled: true`, `enabled: false` ...). */
const DISABLED_NOTE = " The server is disabled in this configuration: this applies when it is enabled.";

export interface RuleRunOptions {
  /** Per-rule level override or `off`. */
  readonly levels?: Readonly<Record<string, Level | "off">>;
  readonly options?: Readonly<Record<string, unknown>>;
  /** The path a reported file is fingerprinted by (default: the reported path). */
  readonly fingerprintPath?: (file: string) => string;
}

/**
 * The identity with a field that is the reported file's path (a client settings file names its
 * policy by its path) written as the fingerprint names that file, so the fingerprint does not
 * depend on the folder the scan runs from.
 */
function anchoredIdentity(identity: string, file: string, idFile: string): string {
  if (idFile === file) return identity;
  return identity
    .split("\u0000")
    .map((field) => (field === file ? idFile : field))
    .join("\u0000");
}

export function runRules(model: ScanModel, rules: readonly Rule[], opts: RuleRunOptions = {}): { findings: Finding[]; diagnostics: Diagnostic[] } {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const entryOf = serverEntries(model);
  for (const rule of rules) {
    const override = opts.levels?.[rule.id] ?? opts.levels?.[rule.meta.category];
    if (override === "off") continue;
    const report = (d: ReportDescriptor) => {
      const template = rule.messages[d.messageId];
      if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId ${d.messageId}`);
      const idFile = opts.fingerprintPath?.(d.loc.file) ?? d.loc.file;
      const entry = entryOf(d);
      const rootIdentity = disambiguated(d, entry);
      const identity = anchoredIdentity(rootIdentity, d.loc.file, idFile);
      const fingerprint = fingerprintOf(rule.id, idFile, identity);
      const key = `${fingerprint}:${d.loc.line}:${d.loc.column}`;
      if (seen.has(key)) return;
      seen.add(key);
      findings.push({
        ruleId: rule.id,
        category: rule.meta.category,
        level: override ?? d.level ?? rule.meta.level,
        // A literal credential is exposed whether or not its server runs; the rest applies once the server is enabled.
        message: formatMessage(template, d.data) + (entry && !entry.server.enabled && !d.secret ? DISABLED_NOTE : ""),
        loc: d.loc,
        related: (d.related ?? []).slice(0, MAX_RELATED),
        fingerprint,
        ...(idFile !== d.loc.file ? { rootFingerprint: fingerprintOf(rule.id, d.loc.file, rootIdentity) } : {}),
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

/**
 * The server entry a finding is about. Rules name a server by its client and
 * name, and one file may hold several entries of that name (`~/.claude.json`
 * with one `github` per project, one name in several Kubernetes namespaces):
 * the finding's entry is the nearest of that name at or before it. `first`:
 * it is the file's first entry of that name.
 */
function serverEntries(model: ScanModel): (d: ReportDescriptor) => { readonly server: McpServer; readonly first: boolean } | undefined {
  const byName = new Map<string, McpServer[]>();
  for (const s of model.servers) {
    const key = `${s.file}\u0000${s.client}\u0000${s.name}`;
    const list = byName.get(key);
    if (list) list.push(s);
    else byName.set(key, [s]);
  }
  for (const list of byName.values()) if (list.length > 1) list.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
  return (d) => {
    const list = d.server ? byName.get(`${d.loc.file}\u0000${d.server.client}\u0000${d.server.name}`) : undefined;
    if (!list) return undefined;
    const before = list.filter((s) => s.loc.line < d.loc.line || (s.loc.line === d.loc.line && s.loc.column <= d.loc.column));
    const server = before[before.length - 1];
    return server && { server, first: server === list[0] };
  };
}

/**
 * A finding's identity, told apart when its file holds several servers of the
 * same client and name: those findings would share one fingerprint, and a
 * baseline or suppression of one would hide the others. The file's first
 * entry of that name keeps the plain identity (as when the name was unique,
 * so that adding a second entry below it does not bring its baselined
 * findings back), later ones also get their path in the file (the id after `#`).
 */
function disambiguated(d: ReportDescriptor, entry: { readonly server: McpServer; readonly first: boolean } | undefined): string {
  if (!entry || entry.first) return d.identity;
  return `${d.identity}\u0000${entry.server.id.slice(entry.server.id.indexOf("#") + 1)}`;
}
