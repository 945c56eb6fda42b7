/**
 * Credentials passed as CLI flags in a server's args: every flag that names a
 * credential, in both spellings (`--flag=X`, `--flag X`), is the same finding
 * on the same value X (its location, hash and key).
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";
import { secretHash } from "../../src/secrets/index.js";
import { inventoryJson, inventoryText } from "../../src/report/inventory.js";
import { lockEntry } from "../../src/engine/lock.js";
import { literalCredentialLocs } from "../../src/engine/redact-values.js";
import type { McpServer } from "../../src/model/types.js";

const secret = fakeOpaqueKey("arg-credentials", 40);
const password = "Tr7#kLm2!qZx" + "9vB";

function hitsFor(args: string[]) {
  const text = JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0", ...args] } } }) + "\n";
  const r = scanSources([{ path: ".mcp.json", text }]);
  return { text, hits: r.model.secrets.map((h) => ({ column: h.loc.column, hash: h.hash, key: h.key, server: h.server?.name })) };
}

describe("credential flags in args", () => {
  it.each([
    ["--key=", secret],
    ["--pass=", password],
    ["--auth=", secret],
    ["--pat=", secret],
  ])("%s<value>: the value after '=' is the secret, not the whole argument", (flag, value) => {
    const { text, hits } = hitsFor([flag + value]);
    expect(hits).toEqual([{ column: text.indexOf(value) + 1, hash: secretHash(value), key: flag.slice(0, -1), server: "acme" }]);
  });

  it.each([
    ["--github-token", secret],
    ["--db-password", password],
    ["--oauth2Bearer", secret],
    ["--slack-bot-token", secret],
  ])("%s <value> is read as the same flag with =<value> is", (flag, value) => {
    const separate = hitsFor([flag, value]);
    expect(separate.hits).toEqual([{ column: separate.text.indexOf(value) + 1, hash: secretHash(value), key: flag, server: "acme" }]);
    expect(hitsFor([`${flag}=${value}`]).hits.map((h) => [h.hash, h.key])).toEqual([[secretHash(value), flag]]);
  });

  it("--flag=<value> with any credential-named flag is a server credential in the model, as --flag <value> is", () => {
    const text = `{ "mcpServers": {
  "issues": { "command": "npx", "args": ["-y", "@acme/issues@1.0.0", "--github-token=\${GITHUB_TOKEN}"] },
  "repos": { "command": "npx", "args": ["-y", "@acme/repos@1.0.0", "--github-token", "\${GITHUB_TOKEN}"] },
  "notes": { "command": "npx", "args": ["-y", "@acme/notes@1.0.0", "--notes-api-key=${secret}", "--log-level=debug"] }
} }
`;
    const r = scanSources([{ path: ".mcp.json", text }]);
    const creds = (name: string) => r.model.servers.find((s) => s.name === name)?.credentials.map((c) => [c.source, c.key, c.ref.kind]);
    expect(creds("issues")).toEqual([["arg", "--github-token", "env"]]);
    expect(creds("repos")).toEqual(creds("issues"));
    expect(creds("notes")).toEqual([["arg", "--notes-api-key", "literal"]]);
    // Two different servers on one variable: one identity for both.
    expect(r.findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => f.loc.line)).toEqual([2, 3]);
    expect(inventoryText(r.model)).toContain("credential arg --notes-api-key: LITERAL");
  });

  it("a credential-named flag followed by another flag takes no value, and non-credential flags take none", () => {
    expect(hitsFor(["--api-token-stdin", "--token", secret]).hits.map((h) => h.key)).toEqual(["--token"]);
    expect(hitsFor(["--max-tokens", "4096", "--token-file", "/run/secrets/token"]).hits).toEqual([]);
  });
});

describe("mcp-remote `--header` values", () => {
  // mcp-remote's documented pattern for clients that split or do not expand args:
  // `--header Authorization:${AUTH_HEADER}` with the token in `env.AUTH_HEADER`.
  const desktop = (bridge: string, header: string, token: string) =>
    JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", bridge, "https://mcp.acme.example/sse", "--header", header], env: { AUTH_HEADER: `Bearer ${token}` } } } }, null, 2) + "\n";

  it("expand ${VAR} themselves: a reference to that variable, not unexpanded text, in a client that expands nothing", () => {
    const text = desktop("mcp-remote@0.1.29", "Authorization:${AUTH_HEADER}", fakeOpaqueKey("mcp-remote", 40));
    const r = scanSources([{ path: "claude_desktop_config.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference")).toEqual([]);
    const header = r.model.servers[0]?.credentials.find((c) => c.key === "--header");
    expect([header?.ref, header?.unexpanded]).toEqual([{ kind: "env", name: "AUTH_HEADER" }, undefined]);
    // The token itself, in env, is still reported.
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.line)).toEqual([text.split("\n").findIndex((l) => l.includes("AUTH_HEADER\":")) + 1]);
  });

  it("only for mcp-remote: another launcher's ${VAR} arg is still unexpanded text", () => {
    const text = desktop("@acme/bridge@1.0.0", "Authorization:${AUTH_HEADER}", "<your-token>");
    const r = scanSources([{ path: "claude_desktop_config.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference").length).toBe(1);
  });
});

describe("a whole command line in one value", () => {
  // `"command": "npx -y pkg --token X"` or one arg `"--token X"`: the flag and its value share a string.
  const cases = [
    ["command", { command: `npx -y @acme/mcp@1.0.0 --token ${secret}` }],
    ["one arg", { command: "npx", args: ["-y", "@acme/mcp@1.0.0", `--api-key ${secret}`] }],
  ] as const;
  it.each(cases)("%s: the flag's value is a literal credential, reported and kept out of the inventory", (_name, entry) => {
    const text = JSON.stringify({ mcpServers: { acme: entry } }) + "\n";
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret");
    expect(hits.map((f) => [f.server?.name, f.loc.line, f.loc.column])).toEqual([["acme", 1, text.indexOf(secret) + 1]]);
    expect(inventoryText(r.model)).not.toContain(secret.slice(4));
    expect(inventoryJson(r.model)).not.toContain(secret.slice(4));
  });
  it("a command line whose flags hold no credential is not a finding", () => {
    const text = JSON.stringify({ mcpServers: { acme: { command: "node server.js --port 8080 --host 0.0.0.0", args: ["--api-key <YOUR_KEY>"] } } }) + "\n";
    expect(scanSources([{ path: ".cursor/mcp.json", text }]).findings.filter((f) => f.ruleId === "hardcoded-secret")).toEqual([]);
  });
});

describe("envmcp arguments", () => {
  it("envmcp expands $VAR in the arguments after it from its env file: a reference, not unexpanded text", () => {
    const text = JSON.stringify({ mcpServers: { db: { command: "npx", args: ["envmcp@1.0.0", "--env-file", "/home/me/.env.mcp", "acme-db-mcp", "$DATABASE_URL"] } } }) + "\n";
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "unexpanded-reference")).toEqual([]);
    expect(r.model.servers[0]?.args.at(-1)?.ref).toEqual({ kind: "env", name: "DATABASE_URL" });
  });
});

describe("credential flags whose value is a file path", () => {
  it.each([["--secrets=/run/secrets/mcp"], ["--api-key", "./secrets/acme.key"], ["--password", "~/.config/acme/pw"]])("%s %s: a file reference, not a literal", (...args) => {
    const text = JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", "@acme/mcp@1.0.0", ...args] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    const path = args.length === 1 ? (args[0] as string).split("=")[1] : args[1];
    expect(r.model.servers[0]?.credentials.map((c) => [c.key, c.ref])).toEqual([[(args[0] as string).split("=")[0], { kind: "file", path }]]);
    expect(r.findings.filter((f) => f.ruleId.includes("secret"))).toEqual([]);
  });
});

describe("files of secrets and environment named in args", () => {
  const creds = (args: string[], command = "docker") => {
    const text = JSON.stringify({ mcpServers: { acme: { command, args } } }) + "\n";
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    return { r, creds: r.model.servers[0]?.credentials.map((c) => [c.source, c.key, c.ref]) };
  };
  const gateway = ["mcp", "gateway", "run", "--servers=github"];

  it.each([[["--secrets=docker-desktop:./.env"]], [["--secrets", "docker-desktop:./.env"]], [["--secrets=./.env:docker-desktop"]]])(
    "the Docker MCP gateway's --secrets search path %j reads the .env file in it: a file reference, not a literal",
    (flag) => {
      const { r, creds: c } = creds([...gateway, ...flag]);
      expect(c).toEqual([["arg", "--secrets", { kind: "file", path: "./.env" }]]);
      expect(inventoryText(r.model)).toContain("credential arg --secrets: file ./.env");
      expect(inventoryText(r.model)).not.toContain("LITERAL");
    },
  );

  it("--secrets=docker-desktop alone is Docker Desktop's secret store; a --secrets value that is no search path stays a literal", () => {
    expect(creds([...gateway, "--secrets=docker-desktop"]).creds).toEqual([["arg", "--secrets", { kind: "secretStore", name: "docker-desktop" }]]);
    expect(creds(["-y", "@acme/mcp@1.0.0", `--secrets=${secret}`], "npx").creds).toEqual([["arg", "--secrets", { kind: "literal" }]]);
  });

  it.each([[["--env-file", "./.env"]], [["--env-file=.env"]], [["--env-file", "config/mcp.env"]]])("docker run %j loads the server's environment from that file: a file reference", (flag) => {
    const { creds: c } = creds(["run", "-i", "--rm", ...flag, "ghcr.io/github/github-mcp-server:v0.20.1"]);
    expect(c).toEqual([["arg", "--env-file", { kind: "file", path: (flag.at(-1) as string).replace(/^--env-file=/, "") }]]);
  });
});

describe("URLs that carry a credential, as plain arguments", () => {
  // `server-postgres` and most database servers take their connection string as a positional argument.
  const dbPassword = "Tr7kLm2" + "qZx9vBw4";
  const pg = (url: string) => ({ command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres@0.6.2", url] });

  it("a connection string with a literal password is a server credential: inventory, verdict and the finding agree", () => {
    const text = JSON.stringify({ mcpServers: { db: pg(`postgresql://app:${dbPassword}@db/app`) } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers[0]?.credentials.map((c) => [c.source, c.key, c.ref.kind])).toEqual([["url", "url", "literal"]]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").length).toBe(1);
    const inv = inventoryJson(r.model);
    expect(JSON.parse(inv).servers[0].credentials).toHaveLength(1);
    expect(inv).not.toContain(dbPassword.slice(3));
  });

  it("a referenced password is a credential reference: in the lock, and shared between two servers", () => {
    const text = JSON.stringify({
      mcpServers: {
        db: pg("postgresql://app:${PGPASSWORD}@db/app"),
        reports: { command: "uvx", args: ["acme-reports-mcp==1.0.0", "--dsn", "postgresql://reports:${PGPASSWORD}@db/app"] },
        remote: { command: "npx", args: ["-y", "mcp-remote@0.1.29", "https://mcp.acme.example/sse?token=${ACME_TOKEN}"] },
      },
    }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers.map((s) => s.credentials.map((c) => `${c.key}=${c.ref.kind === "env" ? c.ref.name : c.ref.kind}`))).toEqual([["url=PGPASSWORD"], ["url=PGPASSWORD"], ["url=ACME_TOKEN"]]);
    expect(lockEntry(r.model.servers[0] as McpServer, r.model).credentials).toEqual(["url=env:PGPASSWORD"]);
    expect(r.findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => f.server?.name)).toEqual(["db", "reports"]);
  });

  it("a URL given as a flag's value (--url=...) counts once; a URL with no credential is none", () => {
    const text = JSON.stringify({ mcpServers: { a: { command: "acme-mcp", args: ["--url=https://mcp.acme.example/sse?api_key=${ACME_KEY}", "https://docs.acme.example/start"] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers[0]?.credentials.map((c) => [c.source, c.key])).toEqual([["url", "--url"]]);
  });
});

describe("the reference of a credential URL is the one in its credential part", () => {
  it("names the password's variable, not the user's or the host's (in args, the url field and a connection-string env value)", () => {
    const text = JSON.stringify({
      mcpServers: {
        db: { command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}/app"] },
        remote: { type: "http", url: "https://${TENANT}.acme.example/mcp?api_key=${ACME_KEY}" },
        env: { command: "acme-db-mcp", env: { DATABASE_URL: "postgresql://${PGUSER}:${PGPASSWORD}@db/app" } },
      },
    }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers.map((s) => s.credentials.map((c) => (c.ref.kind === "env" ? c.ref.name : c.ref.kind)))).toEqual([["PGPASSWORD"], ["ACME_KEY"], ["PGPASSWORD"]]);
    // Three servers, two on one password: one identity for both.
    expect(r.findings.filter((f) => f.ruleId === "shared-credential-reference").map((f) => f.server?.name)).toEqual(["db", "env"]);
  });
});

describe("a connection string whose password is a Continue secret", () => {
  it("names the secret as the server's credential, as ${VAR} in Claude Code does", () => {
    const r = scanSources([
      {
        path: ".continue/mcpServers/db.yaml",
        text: `name: db\nversion: 0.0.1\nschema: v1\nmcpServers:\n  - name: pg\n    command: npx\n    args: ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://\${{ secrets.PG_USER }}:\${{ secrets.PG_PASSWORD }}@db.internal:5432/app"]\n`,
      },
      { path: ".mcp.json", text: `{ "mcpServers": { "pg": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://app:\${PG_PASSWORD}@db.internal:5432/app"] } } }\n` },
    ]);
    const doc = JSON.parse(inventoryJson(r.model)) as { servers: { client: string; credentials: { key: string; reference: string; name?: string }[] }[] };
    const creds = (client: string) => doc.servers.find((s) => s.client === client)?.credentials.map((c) => `${c.key} ${c.reference} ${c.name ?? ""}`);
    expect(creds("claude-code")).toEqual(["url env PG_PASSWORD"]);
    expect(creds("continue")).toEqual(["url secretStore secrets.PG_PASSWORD"]);
  });
});

describe("-h is a host, -H a header", () => {
  it("'-h <host>' (mysql, psql, redis-cli) is no credential: no inventory row, identity none", () => {
    const text = JSON.stringify({ mcpServers: { redis: { command: "uvx", args: ["redis-mcp-server@0.2.0", "-h", "redis.internal", "-p", "6379"] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers[0]?.credentials).toEqual([]);
    expect(inventoryText(r.model)).toContain("identity: none");
    expect(inventoryText(r.model)).toContain("-h redis.internal");
  });
  it("a header line that names no credential, with a literal value, is no credential slot (Port's bridge: x-read-only-mode: 0)", () => {
    const args = ["-y", "mcp-remote@0.1.29", "https://mcp.port.io/v1", "--header", "Authorization: Bearer ${PORT_TOKEN}", "--header", "x-read-only-mode: 0", "--header=Accept: application/json"];
    const text = JSON.stringify({ mcpServers: { port: { command: "npx", args } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers[0]?.credentials.map((c) => `${c.key} ${c.ref.kind}`)).toEqual(["--header env"]);
    // Identity rests on the token's reference, not on a literal "credential" that is a switch.
    expect(inventoryText(r.model)).toContain("identity: unique-workload-identity");
    expect(inventoryJson(r.model)).not.toContain("literal value that no detector flagged");
  });
  it("'-H <header line>' (curl) stays a credential slot", () => {
    const { text, hits } = hitsFor(["-H", `X-Api-Key: ${secret}`]);
    expect(hits).toEqual([{ column: text.indexOf(secret) + 1, hash: secretHash(secret), key: "X-Api-Key", server: "acme" }]);
  });
});

describe("docker --env=KEY=value", () => {
  it("is an env credential as '-e KEY=value' is: listed by the inventory, its value withheld", () => {
    const weak = ["Plum", "tree", "42", "walk"].join("-");
    for (const args of [["-e", `API_TOKEN=${weak}`], [`--env=API_TOKEN=${weak}`], [`-e=API_TOKEN=${weak}`]]) {
      const text = JSON.stringify({ mcpServers: { acme: { command: "docker", args: ["run", "-i", "--rm", ...args, "ghcr.io/acme/mcp:1.0.0"] } } }) + "\n";
      const r = scanSources([{ path: ".mcp.json", text }]);
      expect(r.model.servers[0]?.credentials.map((c) => [c.key, c.source]), args.join(" ")).toEqual([["API_TOKEN", "env"]]);
      for (const out of [inventoryText(r.model), inventoryJson(r.model)]) expect(out, args.join(" ")).not.toContain(weak);
    }
  });
});

describe("the short password flag of database clients", () => {
  it("-p<password> beside a user flag (MySQL, MariaDB, the JDBC server) is a password under --password", () => {
    const db = ["jdbc:mariadb://db.internal:3306/shop", "-ureporting", "-p" + password];
    const { text, hits } = hitsFor(db);
    expect(hits).toEqual([{ column: text.indexOf(password) + 1, hash: secretHash(password), key: "--password", server: "acme" }]);
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message)).toEqual([expect.stringContaining("--password")]);
    expect(JSON.stringify(r.findings)).not.toContain(password);
    // The separate `-u reporting` spelling is a user flag as well.
    expect(hitsFor(["-u", "reporting", "-p" + password]).hits.map((h) => h.key)).toEqual(["--password"]);
  });

  it("-p<value> with no user flag, or a published port, is not read as a password", () => {
    expect(hitsFor(["-p" + password]).hits).toEqual([]);
    const text = JSON.stringify({ mcpServers: { web: { command: "docker", args: ["run", "-i", "-u1000", "-p127.0.0.1:8080:80/tcp", "acme/web:1.2.0"] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.servers[0]?.credentials).toEqual([]);
  });
});

describe("a launch line that starts with env (`env NAME=value program ...`)", () => {
  // Public Cline and Claude Code set-ups pass a variable so: `env TAVILY_API_KEY=... npx -y tavily-mcp`.
  const token = fakeGitHubToken();
  const weak = ["Plum", "tree", "42", "walk"].join("-");
  const phrase = ["correct", "horse", "battery"].join(" ");
  const text = `{ "mcpServers": {
  "gh": { "command": "env", "args": ["GITHUB_PERSONAL_ACCESS_TOKEN=${token}", "npx", "-y", "@modelcontextprotocol/server-github"] },
  "weak": { "command": "/usr/bin/env", "args": ["-u", "HOME", "API_TOKEN=${weak}", "uvx", "acme-db-mcp==1.0.0"] },
  "split": { "command": "env", "args": ["-S", "npx -y @acme/notes-mcp@latest"] },
  "unset": { "command": "env", "args": ["ACME_TOKEN=\${ACME_TOKEN}", "acme-notes-mcp"] },
  "phrase": { "command": "env", "args": ["TAVILY_API_KEY=${phrase}", "npx", "-y", "tavily-mcp@0.1.4"] }
} }
`;
  const r = scanSources([{ path: ".cursor/mcp.json", text }]);

  it("reads the assignments as the program's environment and what it runs as the launch line", () => {
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column} ${f.server?.name ?? ""}`)).toEqual([
      "hardcoded-secret 2:68 gh",
      "long-lived-token 2:68 gh",
      "unpinned-package 2:124 gh",
      "hardcoded-secret 3:74 weak",
      "unpinned-package 4:47 split",
      // Cursor expands `${env:X}`, not `${X}`: reported once, at the env entry's value (not again as args[0]).
      "unexpanded-reference 5:53 unset",
    ]);
    expect(r.findings[0]?.message).toContain("written literally in env 'GITHUB_PERSONAL_ACCESS_TOKEN' of MCP server 'gh'");
    expect(r.findings[5]?.message).toContain("env ACME_TOKEN holds `${ACME_TOKEN}`");
    const creds = r.model.servers.map((s) => s.credentials.map((c) => `${c.source} ${c.key} ${c.ref.kind}`));
    expect(creds).toEqual([["env GITHUB_PERSONAL_ACCESS_TOKEN literal"], ["env API_TOKEN literal"], [], ["env ACME_TOKEN literal"], ["env TAVILY_API_KEY literal"]]);
  });

  it("withholds a literal credential set so, detected or not, in the inventory and the text report's frames", () => {
    for (const out of [inventoryText(r.model), inventoryJson(r.model)]) {
      expect(out).not.toContain(token);
      expect(out).not.toContain(weak);
      expect(out).not.toContain(phrase);
    }
    // No detector reports the passphrase: withheld as the credential row withholds it.
    expect(inventoryText(r.model)).toContain("runs: env TAVILY_API_KEY=[REDACTED] npx -y tavily-mcp@0.1.4");
    expect(inventoryText(r.model)).toContain("runs: /usr/bin/env -u HOME API_TOKEN=Plu…[REDACTED] uvx acme-db-mcp==1.0.0");
    // The frames mask the value itself, after its NAME=.
    expect(literalCredentialLocs(r.model.servers).map((l) => `${l.line}:${l.column}-${l.endColumn}`)).toEqual([`2:68-${68 + token.length}`, `3:74-${74 + weak.length}`, `6:58-${58 + phrase.length}`]);
  });
});
