/**
 * The Markdown governance summary, fit for a pull-request comment: a verdict
 * table per server (who called, what was allowed, what is recorded, the
 * approval record), findings by severity and by framework, and what changed
 * since the lock. Text from files is escaped so it cannot break the table or
 * inject HTML; secrets appear only as redacted previews.
 */
import type { Finding } from "../engine/finding.js";
import { approvalLine, registeredToolsText } from "./inventory.js";
import { printable } from "./printable.js";
import { countsText, governanceSummary, noDriftText, suppressedText, VERDICT_TEXT, type GovernanceInput, type ServerRow } from "./governance.js";

export interface MarkdownInput extends GovernanceInput {
  /** `scan` lists findings; `inventory` lists credentials and policies. */
  readonly kind?: "scan" | "inventory";
  /** Findings listed in full (the rest are counted). */
  readonly maxFindings?: number;
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

function serverTable(rows: readonly ServerRow[]): string[] {
  const out = ["| Server | Client | Identity | Authorization | Traceability | Approval | Findings |", "|---|---|---|---|---|---|---|"];
  for (const r of rows) {
    const v = r.verdict;
    const policy = v.authorization.policy ? ` (${md(v.authorization.policy.name)})` : "";
    const where = r.label === `${r.inventory.name} (${r.inventory.client})` ? "" : ` ${code(`${r.inventory.file}:${r.inventory.line}`)}`;
    out.push(`| ${md(r.inventory.name)}${where} | ${md(r.inventory.client)} | ${cell(v.identity.value)} | ${cell(v.authorization.value)}${policy} | ${cell(v.traceability.value)} | ${approvalCell(r)} | ${countsText(r.counts)} |`);
  }
  return out;
}

function evidence(rows: readonly ServerRow[]): string[] {
  const out = ["<details><summary>What each verdict is based on</summary>", ""];
  for (const r of rows) {
    out.push(`**${md(r.inventory.name)}** (${md(r.inventory.client)}, ${code(`${r.inventory.file}:${r.inventory.line}`)})`, "");
    for (const [what, v] of [["identity", r.verdict.identity], ["authorization", r.verdict.authorization], ["traceability", r.verdict.traceability]] as const) {
      for (const e of v.evidence) out.push(`- ${what}: ${md(e.note)} — ${code(`${e.file}:${e.line}`)} ${md(e.key)}`);
    }
    out.push("");
  }
  out.push("</details>");
  return out;
}

const where = (f: Finding) => code(`${f.loc.file}:${f.loc.line}:${f.loc.column}`);

export function toMarkdown(input: MarkdownInput): string {
  const g = governanceSummary(input);
  const kind = input.kind ?? "scan";
  const max = input.maxFindings ?? 50;
  const out: string[] = [];
  const n = g.servers.length;
  out.push("## MCP governance summary", "");
  out.push(`${n} MCP server${n === 1 ? "" : "s"}, ${g.policies.length} polic${g.policies.length === 1 ? "y" : "ies"}, ${g.findings.length} finding${g.findings.length === 1 ? "" : "s"} (${countsText(g.counts)}) in ${g.filesScanned} file${g.filesScanned === 1 ? "" : "s"}${suppressedText(g)}.`, "");
  if (n) out.push(...serverTable(g.servers), "", ...evidence(g.servers), "");
  else out.push("No MCP server configuration found.", "");

  if (kind === "inventory") {
    if (g.policies.length) {
      out.push("### Policies", "", "| Policy | Client | Kind | Default | Audit | Where |", "|---|---|---|---|---|---|");
      for (const p of g.policies) {
        const audit = p.audit ? (p.audit.configured ? "configured" : `off: ${md(p.audit.detail)}`) : "—";
        out.push(`| ${md(p.name)} | ${md(p.client)} | ${p.kind} | ${p.defaultDecision}${p.defaultDeny ? " (default-deny)" : ""} | ${audit} | ${code(`${p.file}:${p.line}`)} |`);
      }
      out.push("");
    }
    const implemented = g.servers.filter((r) => r.inventory.registeredTools?.length);
    if (implemented.length) {
      out.push("### Tools the servers register", "", "| Server | Where | Tools |", "|---|---|---|");
      for (const r of implemented) out.push(`| ${md(r.inventory.name)} | ${code(`${r.inventory.file}:${r.inventory.line}`)} | ${md(registeredToolsText(r.inventory.registeredTools ?? []))} |`);
      out.push("");
    }
    const creds = g.servers.flatMap((r) => r.inventory.credentials.map((c) => ({ r, c })));
    if (creds.length) {
      out.push("### Credentials (by reference)", "", "| Server | Client | Key | Source | Reference |", "|---|---|---|---|---|");
      for (const { r, c } of creds) out.push(`| ${md(r.inventory.name)} | ${md(r.inventory.client)} | ${md(c.key)} | ${c.source} | ${c.reference === "literal" ? `literal ${md(c.value ?? "")}` : `${c.reference} ${md(c.name ?? "")}${c.secret ? ` with literal ${md(c.value ?? "")}` : ""}`} |`);
      out.push("");
    }
  }

  if (kind === "scan") {
    out.push("### Findings by severity", "", "| Level | Findings |", "|---|---|", `| 🔴 error | ${g.counts.error} |`, `| 🟠 warning | ${g.counts.warning} |`, `| 🔵 note | ${g.counts.note} |`, "");
    const ordered = [...g.findings].sort((a, b) => ({ error: 0, warning: 1, note: 2 })[a.level] - ({ error: 0, warning: 1, note: 2 })[b.level]);
    if (ordered.length) {
      out.push("<details><summary>Findings</summary>", "");
      for (const f of ordered.slice(0, max)) out.push(`- **${f.level}** ${where(f)} \`${f.ruleId}\`: ${md(f.message)}`);
      if (ordered.length > max) out.push(`- … and ${ordered.length - max} more (see the SARIF or JSON report)`);
      out.push("", "</details>", "");
    }
    out.push("### Findings by framework", "");
    if (g.frameworks.length) {
      out.push("| Framework id | Title | Findings | Rules |", "|---|---|---|---|");
      for (const f of g.frameworks) out.push(`| \`${f.id}\` | ${md(f.title)} | ${f.findings} | ${f.rules.map((r) => `\`${r}\``).join(", ")} |`);
    } else out.push("No finding maps to a framework.");
    out.push("");
  }

  out.push("### Changes since the lock", "");
  if (g.drift.length) for (const f of g.drift) out.push(`- ${where(f)} ${md(f.message)}`);
  else out.push(noDriftText(g, code));
  out.push("");
  return out.join("\n");
}
