/**
 * Kubernetes Secret `data:` values are base64 of the secret: the detectors see them decoded, the
 * finding points at the value as written, and no output prints the secret or its base64 form.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { secretHash } from "../../src/secrets/index.js";
import { cli, deployment, tempTree } from "../helpers.js";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const token = fakeGitHubToken("ghp", "kube-secret-data");
const plain = fakeGitHubToken("ghp", "kube-string-data");
const secret = [
  "apiVersion: v1",
  "kind: Secret",
  "metadata: { name: mcp-github }",
  "type: Opaque",
  "data:",
  `  github-token: ${b64(token)}`,
  `  password: ${b64("password")}`,
  "stringData:",
  `  other-token: ${plain}`,
  "",
].join("\n");
// The same Secret beside the MCP workload that takes it (a file a catalog format reads).
const withWorkload = [
  secret,
  "---",
  deployment("github-mcp", ["        - name: github-mcp", "          image: ghcr.io/github/github-mcp-server:1.0", "          env:", "            - name: GITHUB_PERSONAL_ACCESS_TOKEN", "              valueFrom: { secretKeyRef: { name: mcp-github, key: github-token } }"]),
].join("\n");

describe("a Kubernetes Secret's data: values", () => {
  for (const [what, text] of [["alone in its file", secret], ["beside the MCP workload that takes it", withWorkload]] as const) {
    it(`are read decoded: a GitHub token in data: is a GitHub token at the value (${what})`, () => {
      const r = scanSources([{ path: "k8s/mcp.yaml", text }]);
      const found = r.findings.filter((f) => f.ruleId === "hardcoded-secret" || f.ruleId === "long-lived-token").map((f) => [f.ruleId, f.level, f.loc.line, f.loc.column, f.secret?.provider, f.secret?.preview, f.secret?.hash]);
      expect(found).toEqual([
        ["hardcoded-secret", "error", 6, 17, "github-pat-classic", "ghp_…", secretHash(token)],
        ["long-lived-token", "warning", 6, 17, "github-pat-classic", "ghp_…", secretHash(token)],
        // stringData: is plain text, read as written.
        ["hardcoded-secret", "error", 9, 16, "github-pat-classic", "ghp_…", secretHash(plain)],
        ["long-lived-token", "warning", 9, 16, "github-pat-classic", "ghp_…", secretHash(plain)],
      ]);
      // password: cGFzc3dvcmQ= encodes a placeholder: quiet.
      expect(r.findings.some((f) => f.loc.line === 7)).toBe(false);
    });
  }

  it("are read decoded in the items of a `kind: List` (`kubectl get secrets -o yaml`) and in every document of a file", () => {
    const item = (indent: string) => [`${indent}kind: Secret`, `${indent}metadata: { name: mcp-github }`, `${indent}data:`, `${indent}  github-token: ${b64(token)}`].join("\n");
    const list = ["apiVersion: v1", "kind: List", "items:", "- apiVersion: v1", item("  ").replace(/^ {2}/, "  "), ""].join("\n");
    const apiList = ["apiVersion: v1", "kind: SecretList", "items:", "  - apiVersion: v1", item("    "), ""].join("\n");
    const multi = ["apiVersion: v1", "kind: ConfigMap", "metadata: { name: notes }", "data: { level: info }", "---", "apiVersion: v1", item(""), ""].join("\n");
    for (const [text, line, column] of [[list, 8, 19], [apiList, 8, 21], [multi, 10, 17]] as const) {
      const r = scanSources([{ path: "k8s/secrets.yaml", text }]);
      const found = r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column, f.secret?.provider, f.secret?.hash]);
      expect(found, text).toEqual([[line, column, "github-pat-classic", secretHash(token)]]);
    }
  });

  it("print neither the secret nor its base64 form (text, JSON, SARIF)", async () => {
    const dir = tempTree({ "k8s/mcp.yaml": withWorkload });
    for (const format of ["text", "json", "sarif"]) {
      const out = await cli(["--format", format, "."], dir);
      expect(out.stdout).toContain("GitHub personal access token");
      const printed = out.stdout + out.stderr;
      for (const whole of [token, b64(token), plain]) for (let i = 4; i + 12 <= whole.length; i += 4) expect(printed).not.toContain(whole.slice(i, i + 12));
    }
  });
});
