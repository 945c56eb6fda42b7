/**
 * The HTML governance report: ONE self-contained file (inline CSS, JS and
 * SVG; a Content-Security-Policy that forbids any fetch), drawing clients →
 * servers → credentials and policies as a layered graph coloured by verdict
 * and findings, with the findings list beside it. Every text from a scanned
 * file is escaped; secrets appear only as redacted previews.
 */
import { REDACTION_TOKEN } from "../engine/redact-values.js";
import { approvalLine, registeredToolsText } from "./inventory.js";
import { countsText, governanceSummary, noDriftText, VERDICT_TEXT, type GovernanceInput, type GovernanceSummary, type ServerRow } from "./governance.js";
import { printable, printableLines } from "./printable.js";
import { toolVersion } from "./version.js";

/** Text for HTML: markup escaped, control characters and bidi overrides made visible (printable). */
export function escapeHtml(text: string): string {
  return printableLines(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

type Tone = "bad" | "warn" | "good" | "neutral";

interface Node {
  readonly id: string;
  readonly column: 0 | 1 | 2;
  readonly label: string;
  readonly sub: string;
  readonly tone: Tone;
  /** Server key for filtering findings, when the node is a server. */
  readonly server?: string;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly tone: Tone;
}

const NODE_W = 220;
const NODE_H = 40;
const GAP = 14;
const COL_X = [16, 316, 616] as const;
const TOP = 40;

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Clients, servers, credentials and policies, and who connects to whom. */
export function graphOf(g: GovernanceSummary): { nodes: Node[]; edges: Edge[] } {
  const nodes = new Map<string, Node>();
  const edges: Edge[] = [];
  const add = (n: Node) => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
    return n.id;
  };
  for (const r of g.servers) {
    const inv = r.inventory;
    const client = add({ id: `client:${inv.client}`, column: 0, label: inv.client, sub: "client / agent", tone: "neutral" });
    const server = add({ id: `server:${r.key}`, column: 1, label: inv.name, sub: `${inv.transport} · ${VERDICT_TEXT[r.verdict.authorization.value] ?? ""}`, tone: r.health, server: r.label });
    edges.push({ from: client, to: server, tone: r.health });
    for (const c of inv.credentials) {
      const literal = c.reference === "literal";
      const shared = r.verdict.identity.value === "shared-credential";
      const label = literal ? `${c.key}: ${(c.value ?? "").replace(REDACTION_TOKEN, "")}` : `${c.reference === "secretStore" ? "secret" : c.reference} ${c.name ?? c.key}`;
      const tone: Tone = c.secret ? "bad" : shared ? "warn" : "good";
      // A literal, a ciphertext or a value computed at run time is this server's own slot: two servers' SOPS values,
      // or two computed `Authorization` headers, are not one credential.
      const own = literal || c.reference === "encrypted" || c.reference === "runtime";
      const id = own ? `cred:${r.key}:${c.key}:${c.line}` : `cred:${c.reference}:${c.name ?? c.key}`;
      add({ id, column: 2, label, sub: `credential (${c.source})`, tone });
      edges.push({ from: server, to: id, tone });
    }
    const p = r.verdict.authorization.policy;
    if (p) {
      const tone: Tone = r.verdict.authorization.value === "default-deny" ? "good" : r.verdict.authorization.value === "allow-by-default" ? "bad" : "neutral";
      const id = add({ id: `policy:${p.file}:${p.line}:${p.name}`, column: 2, label: p.name, sub: `${p.kind} policy · ${VERDICT_TEXT[r.verdict.authorization.value] ?? ""}`, tone });
      edges.push({ from: server, to: id, tone });
    }
  }
  const list = [...nodes.values()];
  // Credentials first, then policies, in the third column.
  list.sort((a, b) => a.column - b.column || (a.id.startsWith("policy:") ? 1 : 0) - (b.id.startsWith("policy:") ? 1 : 0));
  return { nodes: list, edges };
}

function layout(nodes: readonly Node[]): Map<string, { x: number; y: number }> {
  const pos = new Map<string, { x: number; y: number }>();
  const row = [0, 0, 0];
  for (const n of nodes) {
    const i = row[n.column] ?? 0;
    pos.set(n.id, { x: COL_X[n.column], y: TOP + i * (NODE_H + GAP) });
    row[n.column] = i + 1;
  }
  return pos;
}

function svg(g: GovernanceSummary): string {
  const { nodes, edges } = graphOf(g);
  const pos = layout(nodes);
  const rows = Math.max(1, ...[0, 1, 2].map((c) => nodes.filter((n) => n.column === c).length));
  const height = TOP + rows * (NODE_H + GAP) + 10;
  const out: string[] = [];
  out.push(`<svg id="graph" role="img" aria-label="Clients, MCP servers, credentials and policies" width="852" height="${height}" viewBox="0 0 852 ${height}">`);
  out.push(`<text x="${COL_X[0]}" y="22" class="col">Clients and agents</text><text x="${COL_X[1]}" y="22" class="col">MCP servers</text><text x="${COL_X[2]}" y="22" class="col">Credentials and policies</text>`);
  for (const e of edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    const x1 = a.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const x2 = b.x;
    const y2 = b.y + NODE_H / 2;
    const mid = (x1 + x2) / 2;
    out.push(`<path class="edge ${e.tone}" d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}"/>`);
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    if (!p) continue;
    const data = n.server !== undefined ? ` data-server="${escapeHtml(n.server)}" tabindex="0"` : "";
    out.push(
      `<g class="node ${n.tone}${n.server !== undefined ? " server" : ""}"${data} transform="translate(${p.x},${p.y})"><title>${escapeHtml(`${n.label} — ${n.sub}`)}</title>` +
        `<rect width="${NODE_W}" height="${NODE_H}" rx="6"/><text x="10" y="17" class="label">${escapeHtml(truncate(n.label, 25))}</text><text x="10" y="32" class="sub">${escapeHtml(truncate(n.sub, 36))}</text></g>`,
    );
  }
  out.push("</svg>");
  return out.join("\n");
}

function verdictRows(rows: readonly ServerRow[]): string {
  const tone = (v: string) => (["unique-workload-identity", "default-deny", "audit-configured"].includes(v) ? "good" : ["literal-secret", "allow-by-default", "absent"].includes(v) ? "bad" : "warn");
  const td = (v: string, extra = "") => `<td class="${tone(v)}">${escapeHtml(VERDICT_TEXT[v] ?? v)}${extra}</td>`;
  return rows
    .map((r) => {
      const v = r.verdict;
      const evidence = [...v.identity.evidence, ...v.authorization.evidence, ...v.traceability.evidence].map((e) => `${e.file}:${e.line} ${e.key}: ${e.note}`).join("\n");
      const policy = v.authorization.policy ? ` <small>(${escapeHtml(v.authorization.policy.name)})</small>` : "";
      const approval = v.approval ? escapeHtml(approvalLine(v.approval).replace(/^approval: /, "")) : "—";
      const tools = r.inventory.registeredTools?.length ? `<br><small>registers: ${escapeHtml(registeredToolsText(r.inventory.registeredTools))}</small>` : "";
      return `<tr data-server="${escapeHtml(r.label)}" title="${escapeHtml(evidence)}"><th>${escapeHtml(r.inventory.name)}<br><small>${escapeHtml(r.inventory.client)} · ${escapeHtml(r.inventory.file)}:${r.inventory.line}</small>${tools}</th>${td(v.identity.value)}${td(v.authorization.value, policy)}${td(v.traceability.value)}<td>${approval}</td><td>${escapeHtml(countsText(r.counts))}</td></tr>`;
    })
    .join("\n");
}

/** The `data-server` of a finding: its server's label, or a JSON list in `data-servers` when it belongs to several. */
function serverAttribute(labels: readonly string[]): string {
  if (labels.length === 0) return "";
  if (labels.length === 1) return ` data-server="${escapeHtml(labels[0] ?? "")}"`;
  // As data-server shows them (escapeHtml), so that the script compares the same strings.
  return ` data-servers="${escapeHtml(JSON.stringify(labels.map((l) => printable(l))))}"`;
}

function findingItems(g: GovernanceSummary): string {
  const findings = g.findings;
  if (!findings.length) return `<li class="none">No findings.</li>`;
  const labelOf = new Map(g.servers.map((r) => [r.key, r.label]));
  return findings
    .map((f) => {
      const server = serverAttribute((g.serversOf.get(f) ?? []).map((k) => labelOf.get(k) ?? k));
      return `<li class="finding ${f.level}"${server}><span class="lvl">${f.level}</span> <code>${escapeHtml(`${f.loc.file}:${f.loc.line}:${f.loc.column}`)}</code> <code class="rule">${escapeHtml(f.ruleId)}</code><div>${escapeHtml(f.message)}</div></li>`;
    })
    .join("\n");
}

const CSS = `
*{box-sizing:border-box}body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header{padding:16px 24px;background:#24292f;color:#fff}header h1{margin:0;font-size:20px}header p{margin:4px 0 0;color:#d0d7de}
main{display:flex;gap:16px;padding:16px 24px;align-items:flex-start}section.graph{flex:0 0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px;overflow:auto;max-width:900px}
aside{flex:1 1 360px;min-width:320px;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:8px 12px;max-height:80vh;overflow:auto}
aside h2,section h2{font-size:15px;margin:6px 0}ol{list-style:none;padding:0;margin:0}li.finding{border-left:4px solid #999;padding:4px 8px;margin:6px 0;background:#fafbfc}
li.error{border-color:#cf222e}li.warning{border-color:#bf8700}li.note{border-color:#0969da}.lvl{font-weight:600;text-transform:uppercase;font-size:11px}
li.hidden{display:none}code{font-size:12px}code.rule{color:#57606a}
.col{font-weight:600;fill:#57606a;font-size:13px}.node rect{stroke-width:1.5}.node .label{font-size:13px;font-weight:600;fill:#1b1f24}.node .sub{font-size:11px;fill:#57606a}
.node.good rect{fill:#dafbe1;stroke:#1a7f37}.node.warn rect{fill:#fff8c5;stroke:#bf8700}.node.bad rect{fill:#ffebe9;stroke:#cf222e}.node.neutral rect{fill:#f6f8fa;stroke:#8c959f}
.node.server{cursor:pointer}.node.selected rect{stroke-width:3.5}
.edge{fill:none;stroke-width:1.6;stroke:#8c959f}.edge.bad{stroke:#cf222e}.edge.warn{stroke:#bf8700}.edge.good{stroke:#1a7f37}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}th small{font-weight:400;color:#57606a}
td.good{background:#dafbe1}td.warn{background:#fff8c5}td.bad{background:#ffebe9}section.verdicts{padding:0 24px 24px}
button{font:inherit;padding:2px 8px;margin-left:8px}
`;

const JS = `
(function(){
  var items = document.querySelectorAll("li.finding");
  var label = document.getElementById("filter");
  function show(server){
    for (var i = 0; i < items.length; i++) {
      var it = items[i];
      var list = it.getAttribute("data-servers");
      var match = server === null || it.getAttribute("data-server") === server || (list !== null && JSON.parse(list).indexOf(server) >= 0);
      it.className = it.className.replace(/ hidden/g, "") + (match ? "" : " hidden");
    }
    var nodes = document.querySelectorAll("g.node.server");
    for (var j = 0; j < nodes.length; j++) {
      var n = nodes[j];
      var cls = n.getAttribute("class").replace(/ selected/g, "");
      n.setAttribute("class", server !== null && n.getAttribute("data-server") === server ? cls + " selected" : cls);
    }
    label.textContent = server === null ? "all servers" : server;
  }
  var servers = document.querySelectorAll("[data-server]");
  for (var k = 0; k < servers.length; k++) {
    if (servers[k].tagName.toLowerCase() === "li") continue;
    servers[k].addEventListener("click", function(ev){ show(ev.currentTarget.getAttribute("data-server")); });
  }
  document.getElementById("all").addEventListener("click", function(){ show(null); });
})();
`;

export function toHtml(input: GovernanceInput & { readonly title?: string }): string {
  const g = governanceSummary(input);
  const title = input.title ?? "MCP governance report";
  const n = g.servers.length;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p>mcplint ${escapeHtml(toolVersion())} · ${n} MCP server${n === 1 ? "" : "s"} · ${g.policies.length} polic${g.policies.length === 1 ? "y" : "ies"} · ${g.findings.length} finding${g.findings.length === 1 ? "" : "s"} (${escapeHtml(countsText(g.counts))})${g.suppressed ? ` · ${g.suppressed} suppressed` : ""} · ${g.filesScanned} file${g.filesScanned === 1 ? "" : "s"}</p></header>
<main>
<section class="graph"><h2>Who talks to what</h2>
${svg(g)}
</section>
<aside><h2>Findings <small>for <span id="filter">all servers</span></small><button id="all" type="button">show all</button></h2>
<ol id="findings">
${findingItems(g)}
</ol></aside>
</main>
<section class="verdicts"><h2>Verdicts: who called, what was allowed, what is recorded</h2>
<table><thead><tr><th>Server</th><th>Identity</th><th>Authorization</th><th>Traceability</th><th>Approval</th><th>Findings</th></tr></thead>
<tbody>
${verdictRows(g.servers)}
</tbody></table>
<h2>Changes since the lock</h2>
<ul>${g.drift.length ? g.drift.map((f) => `<li><code>${escapeHtml(`${f.loc.file}:${f.loc.line}`)}</code> ${escapeHtml(f.message)}</li>`).join("") : `<li>${escapeHtml(noDriftText(g))}</li>`}</ul>
</section>
<script>${JS}</script>
</body>
</html>
`;
}
