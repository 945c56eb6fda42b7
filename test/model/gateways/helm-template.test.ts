import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { classifyValue } from "../../../src/model/refs.js";
import { inventoryJson } from "../../../src/report/inventory.js";
import { fakeGitHubToken } from "../../../src/rules/fake-secrets.js";
import { credentialRows, scanFixture } from "./helpers.js";

const CHART = "helm-template/charts/gitlab/templates/deployment.yaml";

describe("Helm chart templates: {{ ... }} actions are filled when the chart is rendered", () => {
  it("a credential written as {{ .Values.x }} is a template reference, not a literal, in the inventory and the identity verdict", () => {
    const r = scanFixture(CHART);
    const server = r.model.servers[0];
    expect(credentialRows(r, server?.name ?? "")).toEqual([
      { key: "GITLAB_PERSONAL_ACCESS_TOKEN", ref: "template:.Values.gitlab.token", line: 15 },
      { key: "GITLAB_API_URL", ref: 'template:.Values.gitlab.url | default "https://gitlab.com/api/v4"', line: 17 },
      { key: "MCP_API_KEY", ref: "template:.Values.secret | b64enc", line: 19 },
    ]);
    const inv = JSON.parse(inventoryJson(r.model)) as { servers: { credentials: { key: string; reference: string; name?: string }[] }[] };
    expect(inv.servers[0]?.credentials.map((c) => `${c.key} ${c.reference} ${c.name ?? ""}`)).toEqual([
      "GITLAB_PERSONAL_ACCESS_TOKEN template .Values.gitlab.token",
      "MCP_API_KEY template .Values.secret | b64enc",
    ]);
    const v = server && verdictOf(r.model, server);
    expect(v?.identity.value).toBe("unique-workload-identity");
    expect(v?.identity.evidence.map((e) => `${e.line} ${e.note}`)).toEqual([
      "15 template:helm-template/charts/gitlab:.Values.gitlab.token used by this server only",
      "19 template:helm-template/charts/gitlab:.Values.secret used by this server only",
    ]);
    expect(r.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it("a literal token beside them is still a literal secret", () => {
    const token = fakeGitHubToken("ghp", "helm-template");
    const text = `apiVersion: v1\nkind: Pod\nmetadata: { name: gitlab-mcp }\nspec:\n  containers:\n    - name: gitlab-mcp\n      image: "iwakitakuma/gitlab-mcp:{{ .Values.image.tag }}"\n      env:\n        - { name: GITLAB_API_URL, value: "{{ .Values.gitlab.url }}" }\n        - { name: GITLAB_PERSONAL_ACCESS_TOKEN, value: "${token}" }\n`;
    const r = scanSources([{ path: "charts/gitlab/templates/pod.yaml", text }]);
    const server = r.model.servers[0];
    expect(server && verdictOf(r.model, server).identity.value).toBe("literal-secret");
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line}:${f.loc.column}`)).toEqual(["10:57"]);
  });

  it("is a reference only in Kubernetes manifests; other files read the text as written, as before", () => {
    expect(classifyValue("{{ .Values.gitlab.token | quote }}", ["dollar-brace", "k8s-paren", "go-template"]).ref).toEqual({ kind: "template", name: ".Values.gitlab.token | quote" });
    expect(classifyValue("{{- .Values.token -}}", ["go-template"]).ref).toEqual({ kind: "template", name: ".Values.token" });
    expect(classifyValue("{{ .Values.gitlab.token }}", ["dollar-brace"]).ref).toEqual({ kind: "literal" });
    // Docker MCP's and LibreChat's {{NAME}} stay theirs.
    expect(classifyValue("{{GITHUB_TOKEN}}", ["mustache", "dollar-brace"]).ref).toEqual({ kind: "userPlaceholder", name: "GITHUB_TOKEN" });
  });
});
