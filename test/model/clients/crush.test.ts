import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "crush";
const FILE = ".crush.json";

describe("Crush (.crush.json)", () => {
  const f = scanFixture(C);

  it("reads the servers under `mcp` with their types; `$VAR` and `${VAR}` are references", () => {
    expect(summary(f.server("acme-files"))).toMatchObject({ client: "crush", scope: "project", transport: "stdio", command: "npx", env: { ACME_TOKEN: "env:ACME_TOKEN" } });
    expect(summary(f.server("acme-remote"))).toMatchObject({ transport: "http", headers: { Authorization: "env:ACME_MCP_TOKEN", "X-Acme-Key": "literal" }, exclude: ["delete_note"] });
    expect(summary(f.server("acme-events"))).toMatchObject({ transport: "sse", enabled: false });
    expect(at(f.server("acme-files").loc)).toEqual(find(C, FILE, '"acme-files": {'));
  });

  it("an `mcp_<server>_<tool>` entry of permissions.allowed_tools runs without a prompt: a state-changing one is reported there", () => {
    const s = f.server("acme-files");
    expect(summary(s)).toMatchObject({ autoApprove: ["read_text_file", "write_file"], grants: ["auto-approve-list:permissions.allowed_tools", "auto-approve-list:permissions.allowed_tools"] });
    const finding = f.result.findings.find((x) => x.ruleId === "tool-auto-approval");
    expect(finding?.message).toContain("write_file");
    expect(at(finding?.loc)).toEqual(find(C, FILE, '"mcp_acme-files_write_file"'));
  });

  it("a literal header value is a hard-coded secret, located at the value", () => {
    const secrets = f.result.findings.filter((x) => x.ruleId === "hardcoded-secret");
    const [line, col] = find(C, FILE, '"X-Acme-Key": "');
    expect(secrets.map((x) => at(x.loc))).toEqual([[line, col + '"X-Acme-Key": "'.length]]);
  });
});
