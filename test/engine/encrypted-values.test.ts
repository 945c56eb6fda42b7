/**
 * Values encrypted in place (SOPS `ENC[AES256_GCM,...]`, dotenvx `encrypted:...`) in every
 * client's file: no leak (no hardcoded-secret), no reference the client leaves unexpanded (no
 * unexpanded-reference), and the inventory, the identity verdict and the lock call them encrypted,
 * not literal credentials.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { buildLock } from "../../src/engine/lock.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { governanceSummary } from "../../src/report/governance.js";
import { graphOf } from "../../src/report/html.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("encrypted-values");
const sops = (n: number) => `ENC[AES256_GCM,data:${f.b64(n)},iv:${f.b64(43)}=,tag:${f.b64(22)}==,type:str]`;
const dotenvx = () => `encrypted:B${f.b64(130)}==`;

/** One server per client format, its token encrypted in place (`value` is written as the file's syntax needs). */
const FILES: { path: string; text: (value: string) => string; server: string }[] = [
  { path: "Library/Application Support/Claude/claude_desktop_config.json", server: "gh", text: (v) => JSON.stringify({ mcpServers: { gh: { command: "github-mcp-server", args: ["stdio"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: v } } } }, null, 2) },
  { path: ".mcp.json", server: "gh", text: (v) => JSON.stringify({ mcpServers: { gh: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: v } } } }, null, 2) },
  { path: ".vscode/mcp.json", server: "gh", text: (v) => JSON.stringify({ servers: { gh: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: v } } } }, null, 2) },
  { path: ".cursor/mcp.json", server: "gh", text: (v) => JSON.stringify({ mcpServers: { gh: { command: "github-mcp-server", args: ["stdio"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: v } } } }, null, 2) },
  { path: ".codex/config.toml", server: "gh", text: (v) => `[mcp_servers.gh]\ncommand = "github-mcp-server"\nargs = ["stdio"]\n\n[mcp_servers.gh.env]\nGITHUB_PERSONAL_ACCESS_TOKEN = "${v}"\n` },
  { path: ".config/goose/config.yaml", server: "gh", text: (v) => `extensions:\n  gh:\n    type: stdio\n    cmd: github-mcp-server\n    args: [stdio]\n    enabled: true\n    envs:\n      GITHUB_PERSONAL_ACCESS_TOKEN: "${v}"\n` },
  { path: "opencode.json", server: "gh", text: (v) => JSON.stringify({ mcp: { gh: { type: "remote", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: v } } } }, null, 2) },
  { path: ".continue/mcpServers/gh.yaml", server: "gh", text: (v) => `name: gh\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: gh\n    command: github-mcp-server\n    args: [stdio]\n    env:\n      GITHUB_PERSONAL_ACCESS_TOKEN: "${v}"\n` },
];

describe.each([
  ["SOPS", () => sops(60)],
  ["dotenvx", dotenvx],
])("a %s value in each client's file", (scheme, value) => {
  it.each(FILES)("$path: no finding about it, encrypted in the inventory, verdict and lock", ({ path, text, server }) => {
    const v = value();
    const r = scanSources([{ path, text: text(v) }]);
    expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret" || x.ruleId === "unexpanded-reference").map((x) => x.ruleId)).toEqual([]);
    const s = r.model.servers.find((x) => x.name === server);
    expect(s?.credentials.map((c) => c.ref)).toEqual([{ kind: "encrypted", scheme: scheme === "SOPS" ? "sops" : "dotenvx" }]);
    const inv = JSON.parse(inventoryJson(r.model)) as { servers: { credentials: Record<string, unknown>[] }[] };
    expect(inv.servers[0]?.credentials.map((c) => [c.reference, c.name, c.value])).toEqual([["encrypted", scheme, undefined]]);
    expect(inventoryText(r.model)).toMatch(new RegExp(`credential \\S+ \\S+: encrypted ${scheme}\\n`));
    expect(inventoryText(r.model)).not.toContain("LITERAL");
    const identity = verdictOf(r.model, s!).identity;
    expect(identity.value).toBe("unique-workload-identity");
    expect(identity.evidence.map((e) => e.note)).toEqual([`encrypted ${scheme} value, used by this server only: the server receives the ciphertext unless the file is decrypted before use`]);
    expect(buildLock(r.model).servers[0]?.credentials).toEqual([`${s?.credentials[0]?.key}=encrypted:${scheme === "SOPS" ? "sops" : "dotenvx"}`]);
  });
});

describe("text that only looks encrypted", () => {
  it("a token after an ENC[ prefix, or a short `encrypted:` word, stays a literal", () => {
    const token = f.alnum(40);
    const text = JSON.stringify({ mcpServers: { a: { command: "acme-mcp", env: { ACME_API_KEY: `ENC[AES256_GCM,data:${token}` } }, b: { command: "acme-mcp", env: { ACME_API_KEY: "encrypted:yes" } } } }, null, 2);
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    expect(r.model.servers.map((s) => s.credentials.map((c) => c.ref.kind))).toEqual([["literal"], ["literal"]]);
  });
});

describe("the HTML report's graph", () => {
  it("draws each server's ciphertext as its own credential, not one shared `encrypted SOPS` node", () => {
    const text = JSON.stringify({ mcpServers: { a: { command: "acme-mcp", env: { ACME_API_KEY: sops(40) } }, b: { command: "other-mcp", env: { OTHER_API_KEY: sops(40) } } } }, null, 2);
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    const g = graphOf(governanceSummary({ model: r.model, findings: r.findings, rules: r.rules }));
    const creds = g.nodes.filter((n) => n.column === 2);
    expect(creds.map((n) => n.label)).toEqual(["encrypted SOPS", "encrypted SOPS"]);
    expect(g.edges.filter((e) => creds.some((n) => n.id === e.to)).length).toBe(2);
  });
});
