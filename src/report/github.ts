/**
 * GitHub Actions output: workflow-command annotations (`::error file=…::…`)
 * for the log and the pull request's files view, a Markdown job summary
 * (`$GITHUB_STEP_SUMMARY`) and step outputs (`$GITHUB_OUTPUT`).
 * Messages carry redacted previews only, like every other report.
 */
import type { Finding } from "../engine/finding.js";
import type { Diagnostic } from "../model/types.js";
import { code } from "./markdown.js";
import { counted, levelCounts, problemFiles } from "./counts.js";
import { MAX_PROBLEMS, setupProblems } from "./setup-problems.js";
import { printable } from "./printable.js";

const COMMAND: Record<Finding["level"], string> = { error: "error", warning: "warning", note: "notice" };

/** Escaping of a workflow command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a workflow command's property values. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One annotation per reported (not suppressed) finding. `inRepository` gives a reported path
 * from the repository's top: the runner takes a relative `file` as a path in the repository,
 * not from the step's working directory.
 */
export function annotations(findings: readonly Finding[], inRepository: (file: string) => string = (file) => file): string {
  return findings
    .filter((f) => !f.suppression)
    .map((f) => {
      const l = f.loc;
      const props = [`file=${escapeProperty(inRepository(l.file))}`, `line=${l.line}`, `col=${l.column}`, `endLine=${l.endLine}`, `endColumn=${l.endColumn}`, `title=${escapeProperty(f.ruleId)}`];
      return `::${COMMAND[f.level]} ${props.join(",")}::${escapeData(printable(f.message))}\n`;
    })
    .join("");
}

/** The job summary rows are capped (GitHub caps a summary at 1 MiB). */
export const SUMMARY_MAX_ROWS = 200;

/** A table cell: no row break, no HTML, no link or image (`[x](url)`, `![x](url)`) from a name in a scanned file. */
function cell(s: string): string {
  return printable(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/</g, "&lt;").replace(/([[\]])/g, "\\$1").replace(/\r?\n/g, " ");
}

/** Problems reading the set-up (a lock or configuration that does not parse, an unreadable file): what those files hold is missing from the findings. */
function readProblems(diagnostics: readonly Diagnostic[]): string[] {
  const shown = setupProblems(diagnostics);
  if (!shown.length) return [];
  const more = shown.length - MAX_PROBLEMS;
  return [
    "",
    "### Problems reading the set-up",
    "",
    ...shown.slice(0, MAX_PROBLEMS).map((d) => `- **${d.level}** ${cell(d.message)}`),
    ...(more > 0 ? [`- … and ${more} more (see the log)`] : []),
  ];
}

export function stepSummary(findings: readonly Finding[], filesScanned: number, diagnostics: readonly Diagnostic[] = []): string {
  const shown = findings.filter((f) => !f.suppression);
  const suppressed = findings.length - shown.length;
  const count = (l: Finding["level"]) => shown.filter((f) => f.level === l).length;
  const files = `${filesScanned} file${filesScanned === 1 ? "" : "s"}`;
  const out = ["## mcplint", ""];
  if (shown.length === 0) out.push(`No problems found in ${files}${suppressed ? ` (${suppressed} suppressed)` : ""}.`);
  else {
    out.push(`**${counted(shown.length, "problem")}** (${levelCounts(count)}) ${problemFiles(new Set(shown.map((f) => f.loc.file)).size, filesScanned)}${suppressed ? `; ${suppressed} suppressed` : ""}.`, "");
    out.push("| Level | Rule | Location | Message |", "| --- | --- | --- | --- |");
    for (const f of shown.slice(0, SUMMARY_MAX_ROWS)) out.push(`| ${f.level} | \`${f.ruleId}\` | ${code(`${f.loc.file}:${f.loc.line}:${f.loc.column}`)} | ${cell(f.message)} |`);
    if (shown.length > SUMMARY_MAX_ROWS) out.push("", `… and ${shown.length - SUMMARY_MAX_ROWS} more (see the SARIF report or the log).`);
  }
  out.push(...readProblems(diagnostics));
  return out.join("\n") + "\n\n";
}

/** `name=value` lines for `$GITHUB_OUTPUT` (values are single-line). */
export function stepOutputs(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}=${String(v).replace(/\r?\n/g, " ")}\n`)
    .join("");
}
