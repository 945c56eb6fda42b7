/**
 * A `$`-named entry in a map of servers (seen in public Windsurf and Cursor
 * files: `"$comment"`, `"$disabled_examples": { ... }`) is metadata, not a
 * server; its text is still scanned for secrets.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { inventoryJson } from "../../src/report/inventory.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("metadata-entries");

function secretLines(path: string, text: string): number[] {
  return scanSources([{ path, text }]).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.loc.line);
}

describe("`$`-named metadata entries in a map of servers", () => {
  const text = [
    "{",
    '  "mcpServers": {',
    '    "memory": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory@2025.8.4"] },',
    '    "$comment": { "note": "servers below are switched off" },',
    '    "$disabled_examples": {',
    '      "linear": { "url": "https://mcp.linear.app/mcp", "headers": { "Authorization": "Bearer ${env:LINEAR_TOKEN}" } }',
    "    },",
    '    "$probe": { "command": "acme-probe-mcp" }',
    "  }",
    "}",
    "",
  ].join("\n");

  it("are not inventory servers; a `$`-named entry that has a command still is", () => {
    const r = scanSources([{ path: ".windsurf/mcp_config.json", text }]);
    const names = (JSON.parse(inventoryJson(r.model)) as { servers: { name: string }[] }).servers.map((s) => s.name);
    expect(names).toEqual(["memory", "$probe"]);
  });

  it("still have their literal secrets reported (as text of the file)", () => {
    const key = f.alnum(40);
    const withSecret = text.replace("Bearer ${env:LINEAR_TOKEN}", `Bearer ${key}`);
    expect(secretLines(".windsurf/mcp_config.json", withSecret)).toEqual([6]);
  });
});
