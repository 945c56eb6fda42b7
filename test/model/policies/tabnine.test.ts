import { describe, expect, it } from "vitest";
import { findingsOf, policyOf, scanFixture } from "./load.js";

describe("Tabnine (agent and CLI: Gemini CLI's settings layout, under Tabnine's name)", () => {
  const result = scanFixture("tabnine");

  it("reads the servers of .tabnine/agent/settings.json and of the earlier .tabnine/mcp_servers.json", () => {
    expect(result.model.servers.map((s) => [s.client, s.file, s.name, s.transport])).toEqual([
      ["tabnine", ".tabnine/agent/settings.json", "acme-notes", "stdio"],
      ["tabnine", ".tabnine/agent/settings.json", "acme-wiki", "http"],
      ["tabnine", ".tabnine/mcp_servers.json", "acme-tickets", "stdio"],
    ]);
    const refs = result.model.servers.flatMap((s) => s.credentials.map((c) => `${s.name}:${c.key}:${c.ref.kind}`));
    expect(refs).toEqual(["acme-notes:ACME_TOKEN:env", "acme-wiki:X-Api-Key:literal", "acme-tickets:ACME_TICKETS_TOKEN:env"]);
  });

  it("a trusted server runs every tool unconfirmed, a pasted key is a hard-coded secret; the workspace settings name no allowlist", () => {
    expect(findingsOf(result, ".tabnine/agent/settings.json", ["tool-auto-approval", "hardcoded-secret", "missing-default-deny"])).toEqual([
      "missing-default-deny 1:1 note",
      "tool-auto-approval 3:135 warning",
      "hardcoded-secret 4:90 warning",
    ]);
    expect(policyOf(result, ".tabnine/agent/settings.json")).toMatchObject({ client: "tabnine", kind: "client", defaultDecision: "allow" });
  });

  it("system settings (tabnine-cli/settings.json) with mcp.allowed are a managed default-deny policy", () => {
    expect(policyOf(result, "etc/tabnine-cli/settings.json")).toMatchObject({ client: "tabnine", kind: "managed", defaultDecision: "deny" });
  });
});
