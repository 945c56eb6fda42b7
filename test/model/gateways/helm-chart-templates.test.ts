/**
 * Helm chart templates with control lines (fixtures/helm-charts, real charts trimmed; see
 * fixtures/helm-charts/SOURCES.txt): read with their actions set aside (parse/helm-template.ts),
 * they give the servers they declare, and findings at the line and column where the text is.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources, type ScanResult } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { deployment, REPO_ROOT } from "../../helpers.js";

const DIR = "fixtures/helm-charts";

function files(dir: string): string[] {
  return readdirSync(`${REPO_ROOT}/${dir}`).flatMap((f) => (statSync(`${REPO_ROOT}/${dir}/${f}`).isDirectory() ? files(`${dir}/${f}`) : f.endsWith(".yaml") ? [`${dir}/${f}`] : []));
}

function scanCharts(): ScanResult {
  return scanSources(files(DIR).map((path) => ({ path, text: readFileSync(`${REPO_ROOT}/${path}`, "utf8") })));
}

const short = (file: string) => file.slice(DIR.length + 1);

describe("Helm chart templates with control lines", () => {
  const r = scanCharts();

  it("a control-line-heavy template yields the servers it declares, named and located as written", () => {
    expect(r.model.servers.map((s) => `${short(s.file)} ${s.client} ${s.name} ${s.loc.line}:${s.loc.column} ${s.command?.raw ?? ""}`)).toEqual([
      'acme-mcp/templates/deployment.yaml kubernetes {{ include "acme-mcp.fullname" . }}/acme-mcp 19:17 ',
      // Both branches of the `if` set `command`: the last one written is read (as a YAML loader reads a repeated key).
      'ggmcp/templates/deployment.yaml kubernetes {{ include "mcp-server.fullname" . }}/{{ .Chart.Name }} 27:15 uvx',
      // Of the tools and querydoc containers, querydoc names MCP (its values live under `.Values.mcp`).
      'kagent/templates/deployment.yaml kubernetes {{ include "kagent.fullname" . }}/querydoc 33:17 ',
      'launchdarkly-mcp/templates/deployment.yaml kubernetes {{ include "mcp-server.fullname" . }}/mcp-server 30:17 ',
      // LibreChat's librechat.yaml and mcpo's server map, carried in values files (helm-value-configs.test.ts).
      "librechat/stacklok_values.yaml librechat stacklok-internal 24:7 ",
      "librechat/stacklok_values.yaml librechat kubernetes 27:7 ",
      "librechat/stacklok_values.yaml librechat time 30:7 ",
      'mcp-server-kubernetes/templates/deployment.yaml kubernetes {{ include "mcp-server.fullname" . }}/{{ .Chart.Name }} 27:17 ',
      // One Deployment and one ToolHive MCPServer per entry of a `range` (a chart value picks which renders).
      "mcp-servers/templates/deployment.yaml kubernetes mcp-{{ $key }}/{{ $key }} 17:15 ",
      "mcp-servers/templates/mcpserver.yaml toolhive {{ $key }} 11:9 ",
      "mcpo/values.yaml unknown-client memory 35:5 npx",
      'notes-values/templates/deployment.yaml kubernetes {{ include "notes-values.fullname" . }}/notes-mcp 9:17 ',
      "sre-agent/charts/mcp-github/templates/deployment.yaml kubernetes mcp-github/mcp-github 19:17 ",
      "sre-agent/charts/mcp-slack/templates/deployment.yaml kubernetes mcp-slack/mcp-slack 19:17 ",
    ]);
    // The nginx chart runs no MCP server: it gives none (and no finding, below), and stays a text file.
    expect(r.model.files.find((f) => f.path === `${DIR}/nginx/templates/deployment.yaml`)?.format).toBe("text");
    // A value that starts with an action is the action's text: a template reference at the action.
    const acme = r.model.servers[0];
    expect(acme?.image?.raw).toBe("{{ .Values.image.repository }}:{{ .Values.image.tag }}");
    expect(acme?.credentials.map((c) => `${c.key} ${c.ref.kind}:${"name" in c.ref ? c.ref.name : ""} ${c.loc.line}:${c.loc.column}`)).toEqual(["{{ $k }} template:$v | quote 34:22", "ACME_API_TOKEN template:.Values.acme.token | quote 43:22"]);
  });

  it("reports findings after blanked lines, in a branch of an `if` too, at their exact line and column", () => {
    expect(r.findings.map((f) => `${short(f.loc.file)} ${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual([
      // hostNetwork and privileged are set in the `if` branch, whose `else` writes the key again.
      "acme-mcp/templates/deployment.yaml broad-resource-access 14:20",
      "acme-mcp/templates/deployment.yaml broad-resource-access 23:25",
      "acme-mcp/templates/deployment.yaml broad-resource-access 49:19",
      "ggmcp/templates/deployment.yaml unpinned-package 39:13",
      "librechat/stacklok_values.yaml plain-http-remote 26:14",
      "librechat/stacklok_values.yaml plain-http-remote 29:14",
      "librechat/stacklok_values.yaml plain-http-remote 32:14",
      "mcp-servers/templates/mcpserver.yaml gateway-audit-off 14:1",
      "mcp-servers/templates/mcpserver.yaml missing-default-deny 14:1",
      "mcpo/values.yaml unpinned-package 39:11",
      // Two subcharts given one Secret through the parent's `.Values.global.secretKeyRef` (below).
      "sre-agent/charts/mcp-github/templates/deployment.yaml shared-credential-reference 28:19",
      "sre-agent/charts/mcp-slack/templates/deployment.yaml shared-credential-reference 28:19",
    ]);
    const text = readFileSync(`${REPO_ROOT}/${DIR}/acme-mcp/templates/deployment.yaml`, "utf8").split("\n");
    expect(r.findings.filter((f) => f.loc.file.includes("acme-mcp")).map((f) => text[f.loc.line - 1]?.slice(f.loc.column - 1))).toEqual(["true", "true", "/var/run/docker.sock"]);
  });

  it("a Secret named by `.Values.global` is one Secret in every subchart of the umbrella chart (Helm hands `global` down)", () => {
    const shared = r.findings.filter((f) => f.ruleId === "shared-credential-reference");
    expect(shared.map((f) => f.message)).toEqual([
      "Server 'mcp-github/mcp-github' (kubernetes) gets credential secret:fixtures/helm-charts/sre-agent:{{ .Values.global.secretKeyRef }}/GITHUB_PERSONAL_ACCESS_TOKEN under 'GITHUB_PERSONAL_ACCESS_TOKEN', which 2 servers share ('mcp-slack/mcp-slack'): one identity for several workloads.",
      "Server 'mcp-slack/mcp-slack' (kubernetes) gets credential secret:fixtures/helm-charts/sre-agent:{{ .Values.global.secretKeyRef }}/GITHUB_PERSONAL_ACCESS_TOKEN under 'GITHUB_PERSONAL_ACCESS_TOKEN', which 2 servers share ('mcp-github/mcp-github'): one identity for several workloads.",
    ]);
    // A chart value that is not global stays one value per chart: the same name in two charts is two Secrets.
    const own = (chart: string) => ({ path: `charts/umbrella/charts/${chart}/templates/deployment.yaml`, text: deployment(`${chart}-mcp`, ["      - name: server", "        image: ghcr.io/acme/notes-mcp:1.0.0", "        env:", "          - name: NOTES_TOKEN", "            valueFrom: { secretKeyRef: { name: \"{{ .Values.secretName }}\", key: token } }"]) });
    expect(scanSources([own("a"), own("b")]).findings.filter((f) => f.ruleId === "shared-credential-reference")).toEqual([]);
    // A token written from `.Values.global` is one value in every subchart too.
    const global = (chart: string) => ({ path: `charts/umbrella/charts/${chart}/templates/deployment.yaml`, text: deployment(`${chart}-mcp`, ["      - name: server", `        image: ghcr.io/acme/${chart}-mcp:1.0.0`, "        env:", "          - name: NOTES_TOKEN", "            value: {{ .Values.global.notesToken | quote }}"]) });
    expect(scanSources([global("a"), global("b")]).findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column}`)).toEqual([
      "charts/umbrella/charts/a/templates/deployment.yaml:12:20",
      "charts/umbrella/charts/b/templates/deployment.yaml:12:20",
    ]);
  });

  it("a range variable is no credential shared across templates, and a templated env name names nothing", () => {
    const byName = new Map(r.model.servers.map((s) => [`${short(s.file)} ${s.name}`, verdictOf(r.model, s).identity] as const));
    // `{{ $envKey }}: {{ $envValue }}` in two templates is not one credential; their secretKeyRefs are theirs.
    expect(byName.get("mcp-servers/templates/deployment.yaml mcp-{{ $key }}/{{ $key }}")?.value).toBe("unique-workload-identity");
    expect(byName.get("mcp-servers/templates/mcpserver.yaml {{ $key }}")?.value).toBe("unique-workload-identity");
    // `- name: {{ $key }}` (a `range` key called `key`) with `value: {{ $val.value }}` is no credential name.
    expect(byName.get('launchdarkly-mcp/templates/deployment.yaml {{ include "mcp-server.fullname" . }}/mcp-server')?.value).toBe("none");
    expect(byName.get('acme-mcp/templates/deployment.yaml {{ include "acme-mcp.fullname" . }}/acme-mcp')?.evidence.map((e) => `${e.line} ${e.note}`)).toEqual(["43 template:fixtures/helm-charts/acme-mcp:.Values.acme.token used by this server only"]);
  });

  it("finds a literal secret in either branch of an `if` and in a blanked action, at its column", () => {
    const a = fakeGitHubToken("ghp", "helm-branch-a");
    const b = fakeGitHubToken("ghp", "helm-branch-b");
    const c = fakeGitHubToken("ghp", "helm-blanked");
    const text = deployment("github-mcp", [
      "        - name: github-mcp",
      "          env:",
      `            {{- $fallback := "${c}" }}`,
      "            - name: GITHUB_TOKEN",
      "              {{- if .Values.token }}",
      `              value: ${a}`,
      "              {{- else }}",
      `              value: "${b}"`,
      "              {{- end }}",
    ]);
    const s = scanSources([{ path: "charts/github/templates/deployment.yaml", text }]);
    expect(s.model.servers.map((x) => x.name)).toEqual(["github-mcp/github-mcp"]);
    expect(s.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["10:31", "13:22", "15:23"]);
    expect(JSON.stringify(s.findings)).not.toContain(a);
  });

  it("an action's `default \"...\"` is a literal in the file, in a chart's template or any manifest with actions", () => {
    const token = fakeGitHubToken("ghp", "helm-default");
    const text = deployment("github-mcp", [
      "        - name: github-mcp",
      "          env:",
      "            - name: GITHUB_TOKEN",
      `              value: {{ .Values.token | default "${token}" | quote }}`,
      "            - name: DB_PASSWORD",
      '              value: {{ default "Xk9#mQ2vL8pZr4Tw" .Values.db.password }}',
      "            - name: GITLAB_API_URL",
      '              value: {{ .Values.gitlab.url | default "https://gitlab.com/api/v4" }}',
    ]);
    // Outside a chart's templates/ folder the text parses as written, but each unquoted action reads as an empty map: its text was lost.
    for (const path of ["charts/github/templates/deployment.yaml", "deploy/github-mcp.yaml"]) {
      const s = scanSources([{ path, text }]);
      expect(s.model.servers[0]?.credentials.map((c) => `${c.key} ${c.ref.kind}`)).toEqual(["GITHUB_TOKEN template", "DB_PASSWORD template", "GITLAB_API_URL template"]);
      expect(s.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["hardcoded-secret 11:50", "long-lived-token 11:50", "hardcoded-secret 13:34"]);
    }
  });

  it("an unbalanced or odd template does not stop the scan: no server, no finding but its secrets, one diagnostic", () => {
    const token = fakeGitHubToken("ghp", "helm-odd");
    const odd = [
      "kind: Deployment\nmetadata:\n  name: mcp-x\nspec:\n  template:\n    spec:\n      containers:\n        - name: mcp-x\n          image: {{ .Values.image\n",
      "kind: Deployment\n{{ {{ {{ }}\nmetadata: {{ }}: {{\n  name: mcp-x\n}}}}}}\n",
      `kind: Deployment\nmetadata:\n  name: mcp-x\n  token: ${token}\n  labels: {{- toYaml . | nindent 4 }}\n   {{- end }}\n bad: [\n`,
    ];
    const s = scanSources(odd.map((text, i) => ({ path: `charts/x/templates/odd-${i}.yaml`, text })));
    expect(s.model.servers).toEqual([]);
    expect(s.findings.map((f) => `${f.loc.file} ${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toEqual(["charts/x/templates/odd-2.yaml hardcoded-secret 4:10", "charts/x/templates/odd-2.yaml long-lived-token 4:10"]);
    // A chart template that mentions MCP and is not read says so (a warning diagnostic, not a finding), where it stops parsing.
    expect(s.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "unread-template charts/x/templates/odd-0.yaml:10:1: Helm chart template that mentions MCP does not read as YAML with its template actions set aside (YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }); its MCP servers are not analysed (its text was scanned for secrets)",
      "unread-template charts/x/templates/odd-1.yaml:3:11: Helm chart template that mentions MCP does not read as YAML with its template actions set aside (YAML syntax error: Nested mappings are not allowed in compact mappings); its MCP servers are not analysed (its text was scanned for secrets)",
      "unread-template charts/x/templates/odd-2.yaml:6:1: Helm chart template that mentions MCP does not read as YAML with its template actions set aside (YAML syntax error: All mapping items must start at the same column); its MCP servers are not analysed (its text was scanned for secrets)",
    ]);
    // A chart that does not mention MCP stays silent.
    expect(scanSources([{ path: "charts/web/templates/d.yaml", text: "kind: Deployment\nmetadata:\n  name: web\n  x: [{{ .Values.a }}: {{- b }}\n" }]).diagnostics).toEqual([]);
  });
});

describe("a chart's values.yaml holds what its templates read (fixtures/helm-charts/notes-values)", () => {
  const KEY = fakeOpaqueKey("helm-values-notes", 40);
  const PASSWORD = fakeOpaqueKey("helm-values-db", 24);
  const read = (f: string) => readFileSync(`${REPO_ROOT}/${DIR}/notes-values/${f}`, "utf8");
  const chart = (values: string) => [
    { path: "charts/notes/values.yaml", text: values },
    { path: "charts/notes/templates/deployment.yaml", text: read("templates/deployment.yaml") },
  ];
  const values = read("values.yaml").replace("NOTES_KEY_HERE", KEY).replace("DB_PASSWORD_HERE", PASSWORD);

  it("a literal in values.yaml that a template puts in an MCP server's env is reported once, at the values line, as that server's credential", () => {
    const r = scanSources(chart(values));
    const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(secrets.map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.server?.name ?? "-"} ${f.related?.map((x) => `${x.loc.file}:${x.loc.line}`).join(",") ?? ""}`)).toEqual([
      'charts/notes/values.yaml:7:12 {{ include "notes-values.fullname" . }}/notes-mcp charts/notes/templates/deployment.yaml:13',
      // No template of the chart reads the database password: a secret of the file, no server's.
      "charts/notes/values.yaml:11:16 - ",
    ]);
    expect(secrets[0]?.message).toContain(`loaded by MCP server '{{ include "notes-values.fullname" . }}/notes-mcp' (kubernetes, NOTES_API_KEY)`);
    expect(secrets[0]?.related?.[0]?.message).toBe(`server '{{ include "notes-values.fullname" . }}/notes-mcp' (kubernetes) reads .Values.mcp.apiKey from this file`);
    const server = r.model.servers[0];
    expect(server && verdictOf(r.model, server).identity.value).toBe("literal-secret");
    expect(JSON.stringify(r.findings)).not.toContain(KEY);
  });

  it("the same key under another path is not the server's; values beside no templates/ folder are no chart's", () => {
    const moved = values.replace("mcp:\n  apiKey:", "mcp:\n  other: x\nsearch:\n  apiKey:");
    const r = scanSources(chart(moved));
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.server?.name ?? "-")).toEqual(["-", "-"]);
    const loose = scanSources([{ path: "deploy/values.yaml", text: values }, { path: "deploy/deployment.yaml", text: read("templates/deployment.yaml") }]);
    expect(loose.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.server?.name ?? "-")).toEqual(["-", "-"]);
  });
});
