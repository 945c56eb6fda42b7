/**
 * The governance summary both people-facing reports (Markdown, HTML) draw
 * from: per-server verdicts with their findings, findings by level and by
 * framework, and what changed since the lock. Plain data; no secret (values
 * come from the inventory's redacted previews and the findings' messages).
 */
import type { Finding } from "../engine/finding.js";
import type { ScanModel } from "../engine/model.js";
import type { McpServer, Policy } from "../model/types.js";
import type { Loc } from "../model/location.js";
import type { Level, Rule } from "../engine/rule.js";
import { governingPolicies, verdictOf, verdictOptions, type ServerVerdict } from "../engine/verdict.js";
import { FRAMEWORKS } from "../rules/frameworks.js";
import { inventoryPolicy, inventoryServer } from "./inventory.js";

export interface GovernanceInput {
  readonly model: ScanModel;
  readonly findings: readonly Finding[];
  readonly rules: readonly Rule[];
  /** Scan options (`approved`, `today`). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** Whether a drift lock was compared (decides the "since the lock" wording). */
  readonly lockPresent?: boolean;
  /** The lock's path as reports name files (default `mcplint.lock.json`). */
  readonly lockName?: string;
  /** Why no lock was compared (ScanResult.lockSkipped): drift checks off, or a lock that could not be read (`lockName`). */
  readonly lockSkipped?: "off" | "unreadable";
}

export type LevelCounts = Record<Level, number>;

export interface ServerRow {
  readonly key: string;
  /** How reports name the server: `name (client)`, with its file and line when another server has the same name and client. */
  readonly label: string;
  readonly inventory: ReturnType<typeof inventoryServer>;
  readonly verdict: ServerVerdict;
  readonly findings: readonly Finding[];
  readonly counts: LevelCounts;
  /** `bad` (error, literal secret or fail-open), `warn` (warnings, unknowns, shared identity), `good`. */
  readonly health: "bad" | "warn" | "good";
}

export interface FrameworkRow {
  readonly id: string;
  readonly title: string;
  readonly findings: number;
  readonly rules: readonly string[];
}

export interface GovernanceSummary {
  readonly servers: readonly ServerRow[];
  readonly policies: readonly ReturnType<typeof inventoryPolicy>[];
  readonly findings: readonly Finding[];
  /** Findings left out of `findings` because an inline comment, the configuration or a baseline suppresses them. */
  readonly suppressed: number;
  /** The rows (their `key`) each finding of `findings` belongs to. */
  readonly serversOf: ReadonlyMap<Finding, readonly string[]>;
  readonly counts: LevelCounts;
  readonly frameworks: readonly FrameworkRow[];
  /** config-drift findings: what changed since the lock. */
  readonly drift: readonly Finding[];
  readonly lockPresent: boolean;
  readonly lockName: string;
  readonly lockSkipped?: "off" | "unreadable";
  /** A lock was read and the config-drift rule ran: an empty `drift` means no change. */
  readonly driftChecked: boolean;
  readonly filesScanned: number;
}

export const serverKey = (s: { name: string; client: string }): string => `${s.client}\u0000${s.name}`;

function countLevels(findings: readonly Finding[]): LevelCounts {
  const c: LevelCounts = { error: 0, warning: 0, note: 0 };
  for (const f of findings) c[f.level]++;
  return c;
}

function health(v: ServerVerdict, c: LevelCounts): ServerRow["health"] {
  if (c.error > 0 || v.identity.value === "literal-secret" || v.authorization.value === "allow-by-default" || v.approval?.status === "unapproved" || v.approval?.status === "expired") return "bad";
  if (c.warning > 0 || v.identity.value === "shared-credential" || v.authorization.value === "unknown" || v.traceability.value === "absent") return "warn";
  return "good";
}

/**
 * The servers a finding belongs to. Rules name a server by client and name;
 * when several servers share both (one `github` in the root and in a
 * package's `.mcp.json`), the finding belongs to the one in its file (the
 * nearest entry at or before it), else to the one a related location points
 * into (a loaded `.env`), else to all of them.
 */
function serversOfFinding(f: Finding, byName: ReadonlyMap<string, readonly McpServer[]>, byPolicyKey: ReadonlyMap<string, readonly McpServer[]>): readonly McpServer[] {
  if (!f.server) return byPolicyKey.get(startKey(f.loc)) ?? [];
  const same = byName.get(serverKey(f.server)) ?? [];
  if (same.length < 2) return same;
  const inFile = same.filter((s) => s.file === f.loc.file);
  if (inFile.length) {
    const before = inFile.filter((s) => s.loc.line < f.loc.line || (s.loc.line === f.loc.line && s.loc.column <= f.loc.column)).sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
    return before.length ? before.slice(-1) : inFile.slice(0, 1);
  }
  const related = same.filter((s) => f.related.some((r) => r.loc.file === s.file));
  return related.length === 1 ? related : same;
}

const startKey = (l: Loc) => `${l.file}\u0000${l.line}\u0000${l.column}`;

/**
 * The servers behind each key of a policy that rules report on (its default, its audit
 * setting, and a gateway's switches; missing-default-deny, gateway-audit-off,
 * permissive-setting), by the key's start: a gateway that fails open or keeps no audit trail
 * counts on the rows of the servers it governs, as their verdicts cite it. A client's switches
 * often name one server (`tools.allowed`), so they are not spread over every server.
 */
function serversByPolicyKey(model: ScanModel): Map<string, McpServer[]> {
  const governed = new Map<Policy, McpServer[]>();
  for (const s of model.servers) {
    for (const p of new Set(governingPolicies(model, s).flat())) {
      const list = governed.get(p);
      if (list) list.push(s);
      else governed.set(p, [s]);
    }
  }
  const out = new Map<string, McpServer[]>();
  for (const [p, servers] of governed) {
    const keys = new Set([p.defaultLoc, ...(p.audit ? [p.audit.loc] : []), ...(p.kind === "client" || p.kind === "managed" ? [] : p.settings.map((x) => x.loc))].map(startKey));
    for (const k of keys) out.set(k, [...new Set([...(out.get(k) ?? []), ...servers])]);
  }
  return out;
}

export function governanceSummary(input: GovernanceInput): GovernanceSummary {
  const findings = input.findings.filter((f) => !f.suppression);
  const vo = verdictOptions(input.options);
  const byName = new Map<string, McpServer[]>();
  for (const s of input.model.servers) {
    const list = byName.get(serverKey(s));
    if (list) list.push(s);
    else byName.set(serverKey(s), [s]);
  }
  const byPolicyKey = serversByPolicyKey(input.model);
  const serversOf = new Map(findings.map((f) => [f, serversOfFinding(f, byName, byPolicyKey).map((s) => s.id)] as const));
  const servers = input.model.servers.map((s): ServerRow => {
    const mine = findings.filter((f) => serversOf.get(f)?.includes(s.id));
    const verdict = verdictOf(input.model, s, vo);
    const counts = countLevels(mine);
    const label = (byName.get(serverKey(s))?.length ?? 0) > 1 ? `${s.name} (${s.client}, ${s.file}:${s.loc.line})` : `${s.name} (${s.client})`;
    return { key: s.id, label, inventory: inventoryServer(s, input.model), verdict, findings: mine, counts, health: health(verdict, counts) };
  });
  const ruleById = new Map(input.rules.map((r) => [r.id, r]));
  const byFramework = new Map<string, { findings: number; rules: Set<string> }>();
  for (const f of findings) {
    for (const id of ruleById.get(f.ruleId)?.meta.frameworks ?? []) {
      const e = byFramework.get(id) ?? { findings: 0, rules: new Set<string>() };
      e.findings++;
      e.rules.add(f.ruleId);
      byFramework.set(id, e);
    }
  }
  const frameworks = [...byFramework]
    .map(([id, e]) => ({ id, title: FRAMEWORKS[id]?.title ?? "", findings: e.findings, rules: [...e.rules].sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    servers,
    policies: input.model.policies.map(inventoryPolicy),
    findings,
    suppressed: input.findings.length - findings.length,
    serversOf,
    counts: countLevels(findings),
    frameworks,
    drift: findings.filter((f) => f.ruleId === "config-drift"),
    lockPresent: input.lockPresent ?? false,
    lockName: input.lockName ?? "mcplint.lock.json",
    ...(input.lockSkipped ? { lockSkipped: input.lockSkipped } : {}),
    driftChecked: (input.lockPresent ?? false) && input.rules.some((r) => r.id === "config-drift"),
    filesScanned: input.model.files.length,
  };
}

/** What the "changes since the lock" section says when it lists no change; `name` formats a command, rule or file name. */
export function noDriftText(g: GovernanceSummary, name: (text: string) => string = (t) => t): string {
  if (!g.lockPresent && g.lockSkipped === "off") return "Drift not checked: drift checks are turned off (lock: false), so changes are not listed.";
  if (!g.lockPresent && g.lockSkipped === "unreadable") return `Drift not checked: ${name(g.lockName)} could not be read as an mcplint lock file, so changes are not listed.`;
  if (!g.lockPresent) return `No lock file: run ${name("mcplint lock")} to record what was reviewed, and later scans will list what changed.`;
  if (!g.driftChecked) return `Drift not checked: the ${name("config-drift")} rule is off, so changes since ${name(g.lockName)} are not listed.`;
  return `No change since ${name(g.lockName)}.`;
}

/** Human wording for verdict values. */
export const VERDICT_TEXT: Readonly<Record<string, string>> = {
  "unique-workload-identity": "own credential",
  "shared-credential": "shared credential",
  "literal-secret": "literal secret",
  none: "no credential",
  "default-deny": "default-deny",
  "allow-by-default": "allow by default",
  unknown: "unknown",
  "audit-configured": "audit configured",
  absent: "no audit trail",
};

/** `; 2 suppressed` when findings were suppressed (as the text report's summary says), else nothing. */
export function suppressedText(g: Pick<GovernanceSummary, "suppressed">): string {
  return g.suppressed ? `; ${g.suppressed} suppressed` : "";
}

export function countsText(c: LevelCounts): string {
  const parts = [c.error ? `${c.error} error${c.error === 1 ? "" : "s"}` : "", c.warning ? `${c.warning} warning${c.warning === 1 ? "" : "s"}` : "", c.note ? `${c.note} note${c.note === 1 ? "" : "s"}` : ""].filter(Boolean);
  return parts.length ? parts.join(", ") : "none";
}
