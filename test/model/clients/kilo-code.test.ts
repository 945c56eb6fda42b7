import { describe, expect, it } from "vitest";
import { at, find, scanFixture, summary } from "./helpers.js";

const C = "kilo-code";
const FILE = ".kilocode/mcp.json";

describe("Kilo Code (.kilocode/mcp.json, a fork of Roo Code)", () => {
  const f = scanFixture(C);

  it("claims the file for kilo-code and reads alwaysAllow as an auto-approve list", () => {
    const s = f.server("acme-files");
    expect(summary(s)).toMatchObject({ client: "kilo-code", scope: "project", transport: "stdio", enabled: true, command: "npx", autoApprove: ["read_text_file", "write_file", "move_file"], grants: ["auto-approve-list:alwaysAllow"] });
    expect(at(s.loc)).toEqual(find(C, FILE, '"acme-files"'));
    const finding = f.result.findings.find((x) => x.ruleId === "tool-auto-approval" && x.message.includes("acme-files"));
    expect(finding?.message).toContain("write_file, move_file");
    expect(at(finding?.loc)).toEqual(find(C, FILE, '["read_text_file"'));
  });

  it("`${env:NAME}` is a reference, a literal under a credential key is a hard-coded secret, `${NAME}` is not expanded", () => {
    const s = f.server("acme-tickets");
    expect(summary(s)).toMatchObject({ env: { ACME_API_KEY: "literal", ACME_TOKEN: "env:ACME_TOKEN" } });
    const secret = f.result.findings.filter((x) => x.ruleId === "hardcoded-secret");
    const [line, col] = find(C, FILE, '"ACME_API_KEY": "');
    expect(secret.map((x) => at(x.loc))).toEqual([[line, col + '"ACME_API_KEY": "'.length]]);
    const remote = f.server("acme-remote");
    expect(summary(remote)).toMatchObject({ transport: "http", enabled: false, headers: { Authorization: "env:ACME_MCP_TOKEN", "X-Acme-Org": "literal !${ACME_ORG}" } });
  });
});
