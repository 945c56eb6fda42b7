import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../../src/api.js";
import { verdictOf } from "../../../src/engine/verdict.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, findingRows, policyRows, scanFixture, serverRows } from "./helpers.js";

// The fixture holds placeholders; real-looking values are put in here, never committed.
const NOTES_KEY = fakeOpaqueKey("mcp-proxy-notes", 40);
const PROXY_TOKEN = fakeOpaqueKey("mcp-proxy-inbound", 40);
const WIKI_TOKEN = fakeOpaqueKey("mcp-proxy-wiki", 40);
const FIXTURE = readFileSync(new URL("../../../fixtures/gateways/mcp-proxy/config.json", import.meta.url), "utf8")
  .replace("NOTES_KEY_HERE", NOTES_KEY)
  .replace("PROXY_TOKEN_HERE", PROXY_TOKEN)
  .replace("WIKI_TOKEN_HERE", WIKI_TOKEN);

describe("TBXark mcp-proxy config (mcpProxy + mcpServers)", () => {
  const r = scanSources([{ path: "config.json", text: FIXTURE }]);

  it("reads the proxied servers in the clients' entry shape, under client mcp-proxy", () => {
    expect(serverRows(r)).toEqual([
      { client: "mcp-proxy", name: "notes", at: "10:5", transport: "stdio", command: "npx" },
      { client: "mcp-proxy", name: "wiki", at: "19:5", transport: "http", url: "https://wiki.acme.example/mcp" },
    ]);
    expect(credentialRows(r, "notes")).toEqual([{ key: "NOTES_API_KEY", ref: "literal", line: 13 }]);
    expect(r.model.servers[0]?.tools.include).toEqual(["search_notes", "get_note"]);
  });

  it("authTokens with a toolFilter allow list is default-deny; a server with no authTokens and no oauth2 is open to anyone", () => {
    expect(policyRows(r)).toEqual([
      { client: "mcp-proxy", kind: "gateway", name: "notes", decision: "deny", at: "16:9", reason: "toolFilter mode allow: only the tools its list names are served" },
      { client: "mcp-proxy", kind: "gateway", name: "wiki", decision: "allow", at: "19:5", reason: "no authTokens and no oauth2: anyone who reaches the proxy may call every tool it serves" },
    ]);
    expect(findingRows(r)).toEqual(["missing-default-deny 19:5"]);
    const notes = r.model.servers[0];
    expect(notes && verdictOf(r.model, notes).authorization.value).toBe("default-deny");
  });

  it("literal keys in the file are reported, the server's own at its entry; none is printed whole", () => {
    const secrets = r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.loc.line} ${f.server?.name ?? "-"}`);
    expect(secrets).toEqual(expect.arrayContaining(["13 notes", "22 wiki"]));
    const text = JSON.stringify(r.findings);
    for (const s of [NOTES_KEY, PROXY_TOKEN, WIKI_TOKEN]) expect(text).not.toContain(s);
  });

  it("claims only files with mcpProxy beside mcpServers (a client's mcpServers file stays a client's)", () => {
    const plain = scanSources([{ path: "tools/config.json", text: '{ "mcpServers": { "notes": { "command": "acme-notes-mcp" } } }\n' }]);
    expect(plain.model.servers.map((s) => s.client)).not.toContain("mcp-proxy");
  });
});

describe("real mcp-proxy configs (fixtures/gateways/real-mcp-proxy)", () => {
  it("the README's example: oauth2 in front, no tool allow list: every admitted caller reaches every tool", () => {
    const r = scanFixture("real-mcp-proxy/config.example.json");
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["github allow 42:9", "fetch allow 15:20", "amap allow 15:20"]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret")).toEqual([]);
  });

  it("userFilter mode allow admits only the users it lists (default deny); mode block does not", () => {
    const r = scanFixture("real-mcp-proxy/example_config_with_user_restrictions.json");
    expect(policyRows(r).map((p) => `${p.name} ${p.decision} ${p.at}`)).toEqual(["server1 deny 27:9", "server2 deny 38:9", "server3 allow 10:20"]);
  });
});

describe("mcp-proxy expands ${VAR} from its environment (-expand-env, on by default)", () => {
  it("a ${VAR} in a header, env value, URL or authTokens is a reference, not text the server receives", () => {
    const r = scanFixture("real-mcp-proxy/ahaufox/config.json");
    expect(findingRows(r, ["unexpanded-reference", "hardcoded-secret"])).toEqual([]);
    expect(credentialRows(r, "stitch")).toEqual([{ key: "X-Goog-Api-Key", ref: "env:STITCH_API_KEY", line: 24 }]);
    expect(credentialRows(r, "github")).toEqual([{ key: "GITHUB_PERSONAL_ACCESS_TOKEN", ref: "env:GITHUB_PERSONAL_ACCESS_TOKEN", line: 34 }]);
    const github = r.model.servers.find((s) => s.name === "github");
    expect(github && verdictOf(r.model, github).identity.value).not.toBe("literal-secret");
  });
});
