/**
 * A secret manager's address as a value (`op://vault/item/field`, `vault:path#key`, an AWS Secrets
 * Manager ARN, `projects/p/secrets/s`): a secret store reference in every client, never a literal
 * credential, and one credential per address (two items of one vault are two credentials).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { verdictOf } from "../../src/engine/verdict.js";
import { classifyValue } from "../../src/model/refs.js";
import { inventoryJson } from "../../src/report/inventory.js";

describe("classifyValue of a secret manager's address", () => {
  it.each([
    ["op://Private/OpenAI/credential", []],
    ["op://Private/OpenAI/api key", ["env-colon"]],
    ["vault:secret/data/github#token", ["dollar-brace"]],
    ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme/github-AbCdEf", []],
    ["arn:aws:ssm:eu-west-1:123456789012:parameter/acme/token", ["brace-env"]],
    ["projects/acme/secrets/github-token/versions/latest", ["gh-secrets"]],
    ["@Microsoft.KeyVault(SecretUri=https://acme.vault.azure.net/secrets/github/)", []],
  ] as const)("%s is that store's secret", (raw, syntaxes) => {
    expect(classifyValue(raw, syntaxes)).toEqual({ ref: { kind: "secretStore", name: raw } });
  });
  it("keeps the judgement of a reference inside it", () => {
    expect(classifyValue("op://${VAULT}/acme/credential", ["dollar-brace"])).toEqual({ ref: { kind: "secretStore", name: "op://${VAULT}/acme/credential" } });
    expect(classifyValue("op://${VAULT}/acme/credential", ["env-colon"])).toEqual({ ref: { kind: "secretStore", name: "op://${VAULT}/acme/credential" }, unexpanded: ["${VAULT}"] });
  });
  it("text around an address, or a bare scheme, is not one", () => {
    expect(classifyValue("Bearer op://Private/OpenAI/credential", [])).toEqual({ ref: { kind: "literal" } });
    expect(classifyValue("vault:", [])).toEqual({ ref: { kind: "literal" } });
    expect(classifyValue("op://Private", [])).toEqual({ ref: { kind: "literal" } });
  });
});

describe("servers whose credentials are 1Password references (op run)", () => {
  const text = JSON.stringify(
    {
      mcpServers: {
        openai: { command: "op", args: ["run", "--", "acme-openai-mcp"], env: { OPENAI_API_KEY: "op://${VAULT_NAME}/OpenAI/credential" } },
        github: { command: "op", args: ["run", "--", "github-mcp-server", "stdio"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: "op://${VAULT_NAME}/GitHub/credential" } },
        search: { command: "op", args: ["run", "--", "acme-search-mcp"], env: { ACME_API_KEY: "op://Private/Acme/credential" } },
        crawl: { command: "op", args: ["run", "--", "acme-crawl-mcp"], env: { ACME_API_KEY: "op://Private/Acme/credential" } },
      },
    },
    null,
    2,
  );
  const r = scanSources([{ path: ".mcp.json", text }]);
  const byName = (n: string) => r.model.servers.find((s) => s.name === n)!;

  it("are secret store references in the inventory, not literals and not the vault's variable", () => {
    const inv = JSON.parse(inventoryJson(r.model)) as { servers: { name: string; credentials: Record<string, unknown>[] }[] };
    expect(inv.servers.map((s) => [s.name, s.credentials.map((c) => [c.reference, c.name])])).toEqual([
      ["openai", [["secretStore", "op://${VAULT_NAME}/OpenAI/credential"]]],
      ["github", [["secretStore", "op://${VAULT_NAME}/GitHub/credential"]]],
      ["search", [["secretStore", "op://Private/Acme/credential"]]],
      ["crawl", [["secretStore", "op://Private/Acme/credential"]]],
    ]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret" || f.ruleId === "unexpanded-reference")).toEqual([]);
  });

  it("share an identity only where they name the same item", () => {
    expect(verdictOf(r.model, byName("openai")).identity.value).toBe("unique-workload-identity");
    expect(verdictOf(r.model, byName("github")).identity.value).toBe("unique-workload-identity");
    expect(verdictOf(r.model, byName("search")).identity).toMatchObject({ value: "shared-credential", evidence: [{ note: "secret:op://Private/Acme/credential is also given to 'crawl' (claude-code)" }] });
  });
});
