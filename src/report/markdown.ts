/**
 * The Markdown governance summary, fit for a pull-request comment: a verdict
 * table per server (who called, what was allowed, what is recorded, the
 * approval record), findings by severity and by framework, and what changed
 * since the lock. Text from files is escaped so it cannot break the table or
 * inject HTML; secrets appear only as redacted previews.
 */
import type { Finding } from "../engine/finding.js";
import type { Diagnostic } from "../model/types.js";
import { approvalLine, registeredToolsText, unexpandedNote } from "./inventory.js";
import { printable } from "./printable.js";
import { MAX_PROBLEMS, setupProblems } from "./setup-problems.js";
import type { UserLocationResult } from "../api.js";
import { userLocationsMarkdown } from "./user-locations.js";
import { countsText, governanceSummary, noDriftText, suppressedText, VERDICT_TEXT, type GovernanceInput, type ServerRow } from "./governance.js";

export interface MarkdownInput extends GovernanceInput {
  /** `scan` lists findings; `inventory` lists credentials and policies. */
  readonly kind?: "scan" | "inventory";
  /** Findings listed in full (the rest are counted). */
  readonly maxFindings?: number;
  /** The scan's diagnostics: its warnings and errors (files it could not read or parse, a broken lock) are listed. */
  readonly diagnostics?: readonly Diagnostic[];
  /** With `--user`: the known user-level locations and the files found there. */
  readonly userLocations?: readonly UserLocationResult[];
}

/**
 * Escapes text for a Markdown table cell or line: no HTML, no table breaks, and
 * no @-mention (`@modelcontextprotocol/server-github` in a pull-request comment
 * would notify a team): a zero-width space follows an `@` that could start one,
 * as Dependabot does in the release notes it quotes. Control characters and
 * bidi overrides become visible escapes (printable), so a crafted name can
 * neither reorder what a reviewer reads nor drive the terminal it is printed on.
 */
export function md(text: string): string {
  return printable(text.replace(/\r?\n|\r/g, " "))
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|])/g, "\\$1")
    .replace(/(^|[^A-Za-z0-9_])@(?=[A-Za-z0-9])/g, "$1@&#8203;");
}

/** A code span: backticks cannot close it, pipes cannot split a table row. */
export function code(text: string): string {
  return "`" + printable(text.replace(/\r?\n|\r/g, " ")).replace(/`/g, "'").replace(/\|/g, "\\|") + "`";
}

const ICON: Readonly<Record<string, string>> = {
  "unique-workload-identity": "🟢",
  "default-deny": "🟢",
  "audit-configured": "🟢",
  "shared-credential": "🟠",
  none: "⚪",
  unknown: "❔",
  absent: "🔴",
  "literal-secret": "🔴",
  "allow-by-default": "🔴",
};

const cell = (value: string) => `${ICON[value] ?? ""} ${VERDICT_TEXT[value] ?? value}`.trim();

function approvalCell(r: ServerRow): string {
  const a = r.verdict.approval;
  if (!a) return "—";
  return md(approvalLine(a).replace(/^approval: /, ""));
}

/**
 * GitHub refuses a comment (or a pull request's body) longer than 65,536
 * characters: the report stays under it by shortening its longest lists.
 */
export const COMMENT_MAX_CHARS = 65_536;

/** A list the report may shorten to fit: its items (lines each), and the line that says how many were left out. */
interface Trimmable {
  readonly items: readonly (readonly string[])[];
  /** Items left out before fitting (the findings beyond `maxFindings`). */
  readonly omitted?: number;
  readonly more: (n: number) => string;
  /** Lists of lower rank are shortened first. */
  readonly rank: number;
}

type Part = string | Trimmable;

const linesSize = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

/** The parts joined by line, the lowest-ranked lists cut from their end until the text fits `budget`. */
function fit(parts: readonly Part[], budget: number): string {
  const lists = parts.filter((p): p is Trimmable => typeof p !== "string");
  // Room for each list's "... and N more" line.
  const room = budget - lists.length * 200;
  let total = parts.reduce((n, p) => n + (typeof p === "string" ? p.length + 1 : p.items.reduce((m, it) => m + linesSize(it), 0)), 0);
  const kept = new Map(lists.map((l) => [l, l.items.length]));
  for (const l of [...lists].sort((a, b) => a.rank - b.rank)) {
    let k = l.items.length;
    while (total > room && k > 0) total -= linesSize(l.items[--k] ?? []);
    kept.set(l, k);
  }
  return parts
    .flatMap((p) => {
      if (typeof p === "string") return [p];
      const k = kept.get(p) ?? p.items.length;
      const left = p.items.length - k + (p.omitted ?? 0);
      return [...p.items.slice(0, k).flat(), ...(left ? [p.more(left)] : [])];
    })
    .join("\n");
}

const ELSEWHERE = "see the HTML or JSON report";

function serverTable(rows: readonly ServerRow[]): Part[] {
  const items = rows.map((r) => {
    const v = r.verdict;
    const policy = v.authorization.policy ? ` (${md(v.authorization.policy.name)})` : "";
    const where = r.label === `${r.inventory.name} (${r.inventory.client})` ? "" : ` ${code(`${r.inventory.file}:${r.inventory.line}`)}`;
    return [`| ${md(r.inventory.name)}${where} | ${md(r.inventory.client)} | ${cell(v.identity.value)} | ${cell(v.authorization.value)}${policy} | ${cell(v.traceability.value)} | ${approvalCell(r)} | ${countsText(r.counts)} |`];
  });
  return ["| Server | Client | Identity | Authorization | Traceability | Approval | Findings |", "|---|---|---|---|---|---|---|", { items, rank: 6, more: (n) => `| … and ${n} more server${n === 1 ? "" : "s"} (${ELSEWHERE}) | | | | | | |` }];
}

function evidence(rows: readonly ServerRow[]): Part[] {
  const items = rows.map((r) => {
    const out = [`**${md(r.inventory.name)}** (${md(r.inventory.client)}, ${code(`${r.inventory.file}:${r.inventory.line}`)})`, ""];
    for (const [what, v] of [["identity", r.verdict.identity], ["authorization", r.verdict.authorization], ["traceability", r.verdict.traceability]] as const) {
      for (const e of v.evidence) out.push(`- ${what}: ${md(e.note)} — ${code(`${e.file}:${e.line}`)} ${md(e.key)}`);
    }
    out.push("");
    return out;
  });
  return ["<details><summary>What each verdict is based on</summary>", "", { items, rank: 0, more: (n) => `… and the evidence of ${n} more server${n === 1 ? "" : "s"} (${ELSEWHERE}).\n` }, "</details>"];
}

const where = (f: Finding) => code(`${f.loc.file}:${f.loc.line}:${f.loc.column}`);

/** A table whose rows the report may shorten. */
function table(head: readonly string[], rows: readonly string[], rank: number, what: string): Part[] {
  return [...head, { items: rows.map((r) => [r]), rank, more: (n) => `\n… and ${n} more ${what} (${ELSEWHERE}).` }];
}

function readProblems(diagnostics: readonly Diagnostic[]): Part[] {
  const shown = setupProblems(diagnostics);
  if (!shown.length) return [];
  const items = shown.slice(0, MAX_PROBLEMS).map((d) => [`- **${d.level}** ${md(d.message)}`]);
  return [
    "### Problems reading the set-up",
    "",
    "What these files hold may be missing from this summary.",
    "",
    { items, omitted: shown.length - items.length, rank: 7, more: (k) => `- … and ${k} more (see the JSON or SARIF report)` },
    "",
  ];
}

export function toMarkdown(input: MarkdownInput): string {
  const g = governanceSummary(input);
  const kind = input.kind ?? "scan";
  const max = input.maxFindings ?? 50;
  const out: Part[] = [];
  const n = g.servers.length;
  out.push("## MCP governance summary", "");
  out.push(`${n} MCP server${n === 1 ? "" : "s"}, ${g.policies.length} polic${g.policies.length === 1 ? "y" : "ies"}, ${g.findings.length} finding${g.findings.length === 1 ? "" : "s"} (${countsText(g.counts)}) in ${g.filesScanned} file${g.filesScanned === 1 ? "" : "s"}${suppressedText(g)}.`, "");
  out.push(...readProblems(input.diagnostics ?? []));
  if (input.userLocations) out.push(...userLocationsMarkdown(input.userLocations, md, code));
  if (n) out.push(...serverTable(g.servers), "", ...evidence(g.servers), "");
  else out.push("No MCP server configuration found.", "");

  if (kind === "inventory") {
    if (g.policies.length) {
      const rows = g.policies.map((p) => {
        const audit = p.audit ? (p.audit.configured ? "configured" : `off: ${md(p.audit.detail)}`) : "—";
        return `| ${md(p.name)} | ${md(p.client)} | ${p.kind} | ${p.defaultDecision}${p.defaultDeny ? " (default-deny)" : ""} | ${audit} | ${code(`${p.file}:${p.line}`)} |`;
      });
      out.push(...table(["### Policies", "", "| Policy | Client | Kind | Default | Audit | Where |", "|---|---|---|---|---|---|"], rows, 3, "policies"), "");
    }
    const implemented = g.servers.filter((r) => r.inventory.registeredTools?.length);
    if (implemented.length) {
      const rows = implemented.map((r) => `| ${md(r.inventory.name)} | ${code(`${r.inventory.file}:${r.inventory.line}`)} | ${md(registeredToolsText(r.inventory.registeredTools ?? []))} |`);
      out.push(...table(["### Tools the servers register", "", "| Server | Where | Tools |", "|---|---|---|"], rows, 2, "servers"), "");
    }
    const creds = g.servers.flatMap((r) => r.inventory.credentials.map((c) => ({ r, c })));
    if (creds.length) {
      const rows = creds.map(({ r, c }) => `| ${md(r.inventory.name)} | ${md(r.inventory.client)} | ${md(c.key)} | ${c.source} | ${c.reference === "runtime" ? "computed by the code at run time" : c.reference === "literal" && c.value === "" ? "empty" : c.reference === "literal" ? `${c.placeholder ? "placeholder" : "literal"} ${md(c.value ?? "")}` : `${c.reference} ${md(c.name ?? "")}${c.secret ? ` with literal ${md(c.value ?? "")}` : ""}`}${c.unexpanded ? `; ${unexpandedNote(c.unexpanded, r.inventory.client, code)}` : ""} |`);
      out.push(...table(["### Credentials (by reference)", "", "| Server | Client | Key | Source | Reference |", "|---|---|---|---|---|"], rows, 1, "credentials"), "");
    }
  }

  if (kind === "scan") {
    out.push("### Findings by severity", "", "| Level | Findings |", "|---|---|", `| 🔴 error | ${g.counts.error} |`, `| 🟠 warning | ${g.counts.warning} |`, `| 🔵 note | ${g.counts.note} |`, "");
    const ordered = [...g.findings].sort((a, b) => ({ error: 0, warning: 1, note: 2 })[a.level] - ({ error: 0, warning: 1, note: 2 })[b.level]);
    if (ordered.length) {
      const items = ordered.slice(0, max).map((f) => [`- **${f.level}** ${where(f)} \`${f.ruleId}\`: ${md(f.message)}`]);
      out.push("<details><summary>Findings</summary>", "", { items, omitted: Math.max(0, ordered.length - max), rank: 4, more: (k) => `- … and ${k} more (see the SARIF or JSON report)` }, "", "</details>", "");
    }
    out.push("### Findings by framework", "");
    if (g.frameworks.length) {
      out.push("| Framework id | Title | Findings | Rules |", "|---|---|---|---|");
      for (const f of g.frameworks) out.push(`| \`${f.id}\` | ${md(f.title)} | ${f.findings} | ${f.rules.map((r) => `\`${r}\``).join(", ")} |`);
    } else out.push("No finding maps to a framework.");
    out.push("");
  }

  out.push("### Changes since the lock", "");
  if (g.drift.length) out.push({ items: g.drift.map((f) => [`- ${where(f)} ${md(f.message)}`]), rank: 5, more: (k) => `- … and ${k} more (see the SARIF or JSON report)` });
  else out.push(noDriftText(g, code));
  out.push("");
  return fit(out, COMMENT_MAX_CHARS);
}
