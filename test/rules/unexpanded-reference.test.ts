import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { inventoryJson } from "../../src/report/inventory.js";
import { fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

function found(file: string, text: string): string[] {
  return scanSources([{ path: file, text }]).findings.filter((f) => f.ruleId === "unexpanded-reference").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
}

describe("unexpanded-reference", () => {
  it("names the syntax the client does expand", () => {
    const [f] = found(".vscode/mcp.json", `{ "servers": { "n": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${ACME_KEY}" } } } }\n`);
    expect(f).toBe("1:73 Server 'n' (vscode): env ACME_KEY holds `${ACME_KEY}`, which vscode does not expand here (it expands `${env:VAR}`, `${input:id}`); the server receives the literal text.");
  });

  it("leaves expanded references, built-ins and shell scripts alone", () => {
    // An input reference with its inputs[] entry (MCP-CONFIG-FORMATS: `${input:id}` plus an `inputs[]` entry).
    expect(found(".vscode/mcp.json", `{ "inputs": [{ "type": "promptString", "id": "acme-key", "password": true }], "servers": { "n": { "command": "acme-notes-mcp", "args": ["\${workspaceFolder}"], "env": { "ACME_KEY": "\${input:acme-key}" } } } }\n`)).toEqual([]);
    expect(found(".mcp.json", `{ "mcpServers": { "n": { "command": "bash", "args": ["-c", "exec acme-notes-mcp --token $ACME_TOKEN"] } } }\n`)).toEqual([]);
  });

  it("withholds the fallback of `${NAME:-fallback}` (often the credential itself) in the message and the inventory", () => {
    const key = fakeOpaqueKey("unexpanded-fallback", 32);
    const text = `{ "mcpServers": { "n": { "command": "acme-notes-mcp", "env": { "ACME_API_KEY": "\${ACME_API_KEY:-${key}}" } } } }\n`;
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    const f = r.findings.find((x) => x.ruleId === "unexpanded-reference");
    expect(f?.message).toBe("Server 'n' (cursor): env ACME_API_KEY holds `${ACME_API_KEY:-...}`, which cursor does not expand here (it expands `${env:VAR}`); the server receives the literal text.");
    const inv = inventoryJson(r.model);
    expect(inv).toContain('"${ACME_API_KEY:-...}"');
    expect(inv).not.toContain(key.slice(0, 12));
  });

  it("reads a LiteLLM proxy's credential settings: `${NAME}` there is sent upstream as the token (LiteLLM reads only `os.environ/NAME`)", () => {
    const config = (token: string, secret: string) =>
      `model_list: []\nmcp_servers:\n  notes:\n    url: https://mcp.acme.example/mcp\n    auth_type: bearer_token\n    authentication_token: ${token}\n  wiki:\n    url: https://wiki.acme.example/mcp\n    auth_type: oauth2\n    oauth2_flow: client_credentials\n    client_id: acme-wiki\n    client_secret: ${secret}\n`;
    expect(found("litellm/config.yaml", config('"${ACME_MCP_TOKEN}"', '"${WIKI_CLIENT_SECRET}"'))).toEqual([
      "6:27 Server 'notes' (litellm): authentication_token holds `${ACME_MCP_TOKEN}`, which litellm does not expand here (it expands `os.environ/VAR`); the server receives the literal text.",
      "12:20 Server 'wiki' (litellm): client_secret holds `${WIKI_CLIENT_SECRET}`, which litellm does not expand here (it expands `os.environ/VAR`); the server receives the literal text.",
    ]);
    expect(found("litellm/config.yaml", config("os.environ/ACME_MCP_TOKEN", "os.environ/WIKI_CLIENT_SECRET"))).toEqual([]);
  });
});
