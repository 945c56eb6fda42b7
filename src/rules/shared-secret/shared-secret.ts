import { defineRule } from "../../engine/rule.js";
import { MAX_RELATED } from "../../engine/run-rules.js";
import { firstOthers } from "../../util/short-list.js";
import { describeLoaders, fileLoaders, loaderContext, loadersOfHit, reportedSecrets, type SecretHit } from "../../engine/model.js";
import { fakeGitHubToken } from "../fake-secrets.js";

export default defineRule({
  id: "shared-secret",
  meta: {
    title: "One literal credential used in several places",
    name: "SharedSecret",
    description:
      "The same literal credential is held by two or more servers, or files (the same value twice in one server is not reported). Every holder acts under one identity, so nothing downstream can tell the callers apart, one leak exposes all of them, and rotating it breaks every server at once. Occurrences are compared by a keyed hash; the value is never printed.",
    category: "shared-secret",
    level: "error",
    precision: "high",
    securitySeverity: 8.0,
    help: "Give each server (workload) its own credential, scoped to what that server needs, and reference it from a secret store. Revoke the shared one.",
    cwe: ["CWE-798", "CWE-522"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-01"],
    references: ["https://cwe.mitre.org/data/definitions/522.html"],
    tags: ["secret", "identity"],
  },
  messages: {
    shared: "The same {title} ({preview}, fingerprint {hash}) is used in {count} places{server}; see the related locations.",
    loaded: "The same {title} ({preview}, fingerprint {hash}) in this file is the credential of {count} MCP {servers}, which all load this file; see the related locations.",
  },
  check(model, ctx) {
    const loaders = fileLoaders(model);
    // Who holds a hit: the server it sits in, else every server that loads its file (`envFile`), else the file.
    const holder = (file: string, s?: { client: string; name: string }) => `${file}\u0000${s ? `${s.client}\u0000${s.name}` : ""}`;
    const holdersOf = (h: SecretHit): string[] => {
      if (h.server) return [holder(h.loc.file, h.server)];
      const loads = loadersOfHit(loaders, h);
      return loads.length ? loads.map((l) => holder(l.server.file, l.server)) : [holder(h.loc.file)];
    };
    const groups = new Map<string, SecretHit[]>();
    for (const hit of reportedSecrets(model)) {
      if (hit.confidence === "low") continue;
      const list = groups.get(hit.hash) ?? [];
      list.push(hit);
      groups.set(hit.hash, list);
    }
    for (const [hash, hits] of groups) {
      // A provider-format secret anywhere; a generic one when a server uses it, and then its other
      // copies count too (a server's password that also sits in .env and a deploy script). Generic
      // values seen only in docs and code are often repeated examples, not one shared identity.
      // A file that servers load (`envFile`) counts as theirs.
      if (!hits.some((h) => h.confidence === "high" || h.server || loadersOfHit(loaders, h).length > 0)) continue;
      const places = new Set(hits.map((h) => `${h.loc.file}:${h.loc.line}:${h.loc.column}`));
      // Shared means two holders: servers, or files for a value no server uses. One server that
      // passes its own token twice (an argument and an env var) shares it with no one.
      const holders = new Set(hits.flatMap(holdersOf));
      if (holders.size < 2) continue;
      if (places.size < 2) {
        // One place: servers that all load the file it is in.
        const hit = hits[0] as SecretHit;
        const loads = loadersOfHit(loaders, hit);
        if (!loads.length) continue;
        ctx.report({
          messageId: "loaded",
          data: { title: hit.title, preview: hit.preview, hash, count: holders.size, servers: describeLoaders(loads) },
          loc: hit.loc,
          identity: `${hit.key ?? ""}\u0000${hash}`,
          secret: { preview: hit.preview, hash, provider: hit.detector },
          ...loaderContext(loads),
        });
        continue;
      }
      for (const hit of hits) {
        const others = firstOthers(hits, hit, MAX_RELATED);
        ctx.report({
          messageId: "shared",
          data: { title: hit.title, preview: hit.preview, hash, count: places.size, server: hit.server ? ` (here by server '${hit.server.name}')` : "" },
          loc: hit.loc,
          related: others.map((o) => ({ loc: o.loc, message: o.server ? `also used by server '${o.server.name}' (${o.server.client})` : "also used here" })),
          identity: `${hit.server?.name ?? ""}\u0000${hit.key ?? ""}\u0000${hash}`,
          ...(hit.server ? { server: { name: hit.server.name, client: hit.server.client } } : {}),
          secret: { preview: hit.preview, hash, provider: hit.detector },
        });
      }
    }
  },
  examples: {
    bad: [
      {
        // A server's password that also sits in the deploy environment.
        file: ".vscode/mcp.json",
        code: `{ "servers": { "db": { "command": "pg-mcp", "env": { "DB_PASSWORD": "${["Qm7vX2pLr9", "TzW4kB8nYe"].join("")}" } } } }\n`,
        extraFiles: { "deploy/.env": `DB_HOST=db.internal\nDB_PASSWORD=${["Qm7vX2pLr9", "TzW4kB8nYe"].join("")}\n` },
        expect: { line: 1, column: 70, count: 2 },
      },
      {
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": {
  "github-issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp"], "env": { "GITHUB_TOKEN": "${fakeGitHubToken("ghp", "shared")}" } },
  "github-prs": { "command": "npx", "args": ["-y", "@acme/prs-mcp"], "env": { "GITHUB_TOKEN": "${fakeGitHubToken("ghp", "shared")}" } }
} }
`,
        expect: { line: 2, column: 102, count: 2 },
      },
      {
        // Two servers load one committed environment file: its token is the credential of both.
        file: ".env",
        code: `GITHUB_TOKEN=${fakeGitHubToken("ghp", "loaded")}\n`,
        extraFiles: {
          ".cursor/mcp.json": `{ "mcpServers": {
  "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "envFile": "\${workspaceFolder}/.env" },
  "prs": { "command": "npx", "args": ["-y", "@acme/prs-mcp@1.0.0"], "envFile": "\${workspaceFolder}/.env" }
} }
`,
        },
        expect: { line: 1, column: 14, count: 1 },
      },
    ],
    good: [
      {
        // One server loads the file: its own credential (hardcoded-secret reports it), shared with no one.
        file: ".env",
        code: `GITHUB_TOKEN=${fakeGitHubToken("ghp", "loaded")}\n`,
        extraFiles: { ".cursor/mcp.json": `{ "mcpServers": { "issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp@1.0.0"], "envFile": "\${workspaceFolder}/.env" } } }\n` },
      },
      {
        // One server, its own token passed twice: no one else holds it (hardcoded-secret reports the literal).
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": {
  "github": { "command": "github-mcp", "args": ["--token", "${fakeGitHubToken("ghp", "own")}"], "env": { "GITHUB_TOKEN": "${fakeGitHubToken("ghp", "own")}" } }
} }
`,
      },
      {
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": {
  "github-issues": { "command": "npx", "args": ["-y", "@acme/issues-mcp"], "env": { "GITHUB_TOKEN": "\${env:ISSUES_TOKEN}" } },
  "github-prs": { "command": "npx", "args": ["-y", "@acme/prs-mcp"], "env": { "GITHUB_TOKEN": "\${env:PRS_TOKEN}" } }
} }
`,
      },
    ],
  },
});
