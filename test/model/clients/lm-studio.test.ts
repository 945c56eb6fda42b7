import { describe, expect, it } from "vitest";
import { at, describe as describeValue, find, scanFixture, summary } from "./helpers.js";

const C = "lm-studio";
const FILE = "home/.lmstudio/mcp.json";

describe("LM Studio (~/.lmstudio/mcp.json, Cursor's mcpServers shape)", () => {
  const f = scanFixture(C);

  it("reads the servers of the documented file, as user scope", () => {
    expect(f.servers.map((s) => [s.client, s.name, s.transport, s.scope])).toEqual([["lm-studio", "acme-hub", "http", "user"], ["lm-studio", "acme-notes", "stdio", "user"]]);
    expect(summary(f.server("acme-notes"))).toMatchObject({ command: "npx", env: { ACME_TOKEN: "env:ACME_LMS_TOKEN" } });
    expect(f.server("acme-hub").headers.map(describeValue)).toEqual(["literal"]);
  });

  it("a literal bearer token in a header is reported at its value, tied to its server", () => {
    const hits = f.result.findings.filter((x) => x.ruleId === "hardcoded-secret");
    const [line, col] = find(C, FILE, '"Bearer ');
    expect(hits.map((x) => [x.server?.name, x.server?.client, ...(at(x.loc) ?? [])])).toEqual([["acme-hub", "lm-studio", line, col + '"Bearer '.length]]);
  });
});
