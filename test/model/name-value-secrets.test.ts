/**
 * Strings of a modelled YAML/JSON file that no adapter reads as a credential
 * get the secret check with the key they sit under; a `value` takes the `name`
 * beside it (Kubernetes env lists), as the text scan does.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { Fake } from "../../src/secrets/fake.js";

const f = new Fake("name-value-model");

describe("name/value pairs in a modelled manifest", () => {
  it("a container that is no MCP server: its env literals are reported under their names, at their lines", () => {
    const mistral = f.alnum(32);
    const password = `Zk2${f.alnum(20)}`;
    const text = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: acme-notes-mcp",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "      - name: server",
      "        image: ghcr.io/acme/notes-mcp:1.4.2",
      '        args: ["--transport", "streamable-http", "--port", "8080"]',
      "      - name: worker",
      "        image: acme/worker:2.0.0",
      "        env:",
      "        - name: MISTRAL_API_KEY",
      `          value: "${mistral}"`,
      "        - name: DB_PASSWORD",
      `          value: ${password}`,
      "",
    ].join("\n");
    const r = scanSources([{ path: "deploy/notes-mcp.yaml", text }]);
    expect(r.model.servers.length).toBeGreaterThan(0);
    const secrets = r.model.secrets.map((s) => [s.detector, s.key, s.loc.line, s.loc.column]);
    expect(secrets).toEqual([
      ["mistral-api-key", "MISTRAL_API_KEY", 16, 19],
      ["generic-password", "DB_PASSWORD", 18, 18],
    ]);
    expect(r.findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => x.loc.line)).toEqual([16, 18]);
  });
});
