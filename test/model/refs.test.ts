/**
 * Reference syntax per client: each client's own syntaxes are references, any
 * other reference-looking text is a literal that reaches the server as is
 * (`unexpanded`). The syntaxes come from the catalog entry a real path of the
 * client matches, so this checks the catalog too.
 */
import { describe, expect, it } from "vitest";
import { classifyPath } from "../../src/catalog/classify.js";
import { classifyValue } from "../../src/model/refs.js";
import { describe as show } from "./clients/helpers.js";

const show1 = (raw: string, syntaxes: Parameters<typeof classifyValue>[1]) => show({ raw, ...classifyValue(raw, syntaxes), loc: { file: "", line: 1, column: 1, endLine: 1, endColumn: 1 } });

/** client path -> [raw value, expected "kind:name" (+ " !unexpanded")] */
const TABLE: Record<string, [string, string][]> = {
  "Library/Application Support/Claude/claude_desktop_config.json": [
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
    ["plain-value", "literal"],
  ],
  ".mcp.json": [
    ["${ACME_KEY}", "env:ACME_KEY"],
    ["${ACME_REGION:-eu-west-1}", "env:ACME_REGION:-eu-west-1"],
    ["Bearer ${ACME_TOKEN}", "env:ACME_TOKEN"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
    ["${input:acme-key}", "literal !${input:acme-key}"],
    ["${CLAUDE_PLUGIN_ROOT}/bin/x", "builtin:CLAUDE_PLUGIN_ROOT"],
  ],
  ".vscode/mcp.json": [
    ["${input:acme-key}", "input:acme-key"],
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${workspaceFolder}/data", "builtin:workspaceFolder"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
  ],
  // Copilot coding agent: only COPILOT_MCP_* names are visible; anything else stays text.
  ".github/copilot/mcp.json": [
    ["$COPILOT_MCP_ACME_TOKEN", "env:COPILOT_MCP_ACME_TOKEN"],
    ["${COPILOT_MCP_ACME_TOKEN}", "env:COPILOT_MCP_ACME_TOKEN"],
    ["${COPILOT_MCP_ACME_ORG:-acme}", "env:COPILOT_MCP_ACME_ORG:-acme"],
    ["$ACME_TOKEN", "literal !$ACME_TOKEN"],
    ["${GITHUB_TOKEN}", "literal !${GITHUB_TOKEN}"],
    ["${env:COPILOT_MCP_X}", "literal !${env:COPILOT_MCP_X}"],
  ],
  // Copilot CLI expands the user's own environment.
  ".copilot/mcp-config.json": [
    ["$ACME_TOKEN", "env:ACME_TOKEN"],
    ["${ACME_TOKEN:-x}", "env:ACME_TOKEN:-x"],
    ["${env:ACME_TOKEN}", "literal !${env:ACME_TOKEN}"],
  ],
  ".cursor/mcp.json": [
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${userHome}/.acme", "builtin:userHome"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
  ],
  ".codeium/windsurf/mcp_config.json": [
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${file:/home/dev/.acme-token}", "file:/home/dev/.acme-token"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
  ],
  "cline_mcp_settings.json": [
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
  ],
  ".roo/mcp.json": [
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${workspaceFolder}", "builtin:workspaceFolder"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
  ],
  ".kiro/settings/mcp.json": [
    ["${ACME_KEY}", "env:ACME_KEY"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  ".amazonq/mcp.json": [
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["${env:ACME_KEY}", "env:ACME_KEY"],
  ],
  ".kiro/agents/dev.json": [
    ["${env:ACME_KEY}", "env:ACME_KEY"],
    ["${ACME_KEY}", "env:ACME_KEY"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
  ],
  ".gemini/settings.json": [
    ["$ACME_KEY", "env:ACME_KEY"],
    ["${ACME_KEY}", "env:ACME_KEY"],
    ["${ACME_KEY:-d}", "env:ACME_KEY:-d"],
    ["%ACME_KEY%", "env:ACME_KEY"],
    ["${extensionPath}/x", "builtin:extensionPath"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  // Codex expands nothing in `env` / `http_headers` (references go through env_vars, bearer_token_env_var, env_http_headers).
  ".codex/config.toml": [
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  ".zed/settings.json": [
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
  ],
  ".continue/config.yaml": [
    ["${{ secrets.ACME_KEY }}", "secretStore:secrets.ACME_KEY"],
    ["${{secrets.ACME_KEY}}", "secretStore:secrets.ACME_KEY"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  ".config/goose/config.yaml": [
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["$ACME_KEY", "literal !$ACME_KEY"],
  ],
  "opencode.json": [
    ["{env:ACME_KEY}", "env:ACME_KEY"],
    ["Bearer {env:ACME_TOKEN}", "env:ACME_TOKEN"],
    ["{file:~/.acme-token}", "file:~/.acme-token"],
    ["${ACME_KEY}", "literal !${ACME_KEY}"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  "librechat.yaml": [
    ["${ACME_KEY}", "env:ACME_KEY"],
    ["{{LIBRECHAT_USER_ID}}", "userPlaceholder:LIBRECHAT_USER_ID"],
    ["{{ACME_USER_KEY}}", "userPlaceholder:ACME_USER_KEY"],
    ["${env:ACME_KEY}", "literal !${env:ACME_KEY}"],
  ],
  ".junie/mcp/mcp.json": [["${ACME_KEY}", "literal !${ACME_KEY}"]],
};

/** Ciphertext in place of a value is no client's reference and no literal, whatever the client. */
const SOPS_VALUE = "ENC[AES256_GCM,data:c2VjcmV0,iv:aXZpdml2aXZpdml2,tag:dGFndGFndGFn,type:str]";
for (const rows of Object.values(TABLE)) rows.push([SOPS_VALUE, "encrypted:sops"], [`Bearer ${SOPS_VALUE}`, "literal"]);

/** A shell's command substitution is run by no client: text the server receives, whatever the client. */
for (const rows of Object.values(TABLE)) rows.push(["$(cat ~/.acme-token)", "literal !$(cat ~/.acme-token)"], ["Bearer $(security find-generic-password -w -s acme)", "literal !$(security find-generic-password -w -s acme)"]);

describe.each(Object.entries(TABLE))("reference syntax of %s", (path, rows) => {
  const spec = classifyPath(path);
  it("is a catalog file", () => expect(spec?.id).toBeDefined());
  it.each(rows)("%s -> %s", (raw, expected) => {
    expect(show1(raw, spec?.syntaxes ?? [])).toBe(expected);
  });
});

describe("classifyValue edge cases", () => {
  it("a value mixing an expanded and an unexpanded reference is a reference that lists the unexpanded part", () => {
    expect(classifyValue("${ACME_A}-${env:ACME_B}", ["dollar-brace"])).toEqual({ ref: { kind: "env", name: "ACME_A" }, unexpanded: ["${env:ACME_B}"] });
  });
  it("Kubernetes' $(VAR) stays a variable; a shell command in $(...) is text there too", () => {
    expect(classifyValue("$(ACME_KEY)", ["k8s-paren"])).toEqual({ ref: { kind: "env", name: "ACME_KEY" } });
    expect(classifyValue("$(cat /var/run/secrets/acme/token)", ["k8s-paren"])).toEqual({ ref: { kind: "literal" }, unexpanded: ["$(cat /var/run/secrets/acme/token)"] });
    // Elsewhere `$(VAR)` is left as it was (plain text, no finding): only a command is judged.
    expect(classifyValue("$(ACME_KEY)", ["env-colon"])).toEqual({ ref: { kind: "literal" } });
  });
  it("URL-encoded text and plain dollars are not references", () => {
    expect(classifyValue("https://x.example/?q=%20a%2F", ["percent"])).toEqual({ ref: { kind: "literal" } });
    expect(classifyValue("costs 5$", ["dollar"])).toEqual({ ref: { kind: "literal" } });
  });
});
