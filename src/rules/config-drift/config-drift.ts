import { driftOf, lockEntry, lockFromOptions, lockGoneFromOptions, lockKey } from "../../engine/lock.js";
import { defineRule } from "../../engine/rule.js";
import { outsideTree } from "../../model/location.js";
import { serverValueHits } from "../../engine/model.js";
import { withoutServerSecrets } from "../../engine/redact-values.js";

const LOCK = {
  lockfileVersion: 1,
  generatedBy: "mcplint",
  servers: [
    {
      client: "claude-code",
      file: ".mcp.json",
      name: "github",
      transport: "stdio",
      identity: "npm package @modelcontextprotocol/server-github@2.0.0",
      version: "2.0.0",
      command: "npx",
      args: ["-y", "@modelcontextprotocol/server-github@2.0.0"],
      credentials: ["GITHUB_TOKEN=env:GITHUB_PAT"],
      scope: {},
    },
  ],
};

export default defineRule({
  id: "config-drift",
  meta: {
    title: "MCP server changed since the lock file",
    name: "ConfigDrift",
    description:
      "`mcplint.lock.json` records what each server was when it was reviewed. This server is new, now runs another package, version, command or URL, uses other credentials, or has a wider tool scope than the lock says. Unreviewed drift is how an approved set-up quietly stops being governed. A locked server that is gone from a scanned file is reported as a note (at the top of that file), and so is each locked server of a file deleted since the lock (at the top of the lock file), when the scan would have read that file: the lock no longer describes the set-up. User-level files read with `--user` are not compared with the lock (`mcplint lock` records the repository's servers only).",
    category: "config-drift",
    level: "warning",
    precision: "very-high",
    securitySeverity: 5.0,
    help: "Review the change. If it is intended, run `mcplint lock` and commit the updated `mcplint.lock.json` with the change, so the review is recorded.",
    cwe: ["CWE-1357"],
    frameworks: ["owasp-agentic/ASI04", "nist-csf/PR.PS-01"],
    references: ["https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["policy", "supply-chain"],
  },
  messages: {
    drift: "Server '{server}' ({client}) drifted from the lock: {detail}.",
    removed: "Server '{server}' ({client}) is in the lock file but no longer configured in {file}.",
    fileGone: "Server '{server}' ({client}) is in the lock file but its file {file} was deleted.",
  },
  check(model, ctx) {
    const lock = lockFromOptions(ctx.options);
    if (!lock) return;
    const byKey = new Map(lock.servers.map((e) => [lockKey(e), e]));
    for (const s of model.servers) {
      // User-level files (`--user`, shown as `~/...`) are never locked (`mcplint lock` reads the
      // tree only): against a repository's lock each of their servers would drift, with no fix.
      if (outsideTree(s.file)) continue;
      const current = lockEntry(s, model);
      // A lock written before identities were redacted may name this server's secret (a key in
      // its URL's path): compared, and shown, without it.
      const locked = byKey.get(lockKey(current));
      const seen = locked?.identity ? { ...locked, identity: withoutServerSecrets(locked.identity, s, serverValueHits(model, s)) } : locked;
      for (const d of driftOf(current, seen)) {
        ctx.report({ messageId: "drift", data: { server: s.name, client: s.client, detail: d.detail }, loc: s.loc, identity: `${s.name}\u0000${d.kind}\u0000${d.detail}`, server: { name: s.name, client: s.client } });
      }
    }
    // Removed servers: only in files the scan read whole (a scan of some files, or a file that
    // did not parse, says nothing about the others' servers).
    const current = new Set(model.servers.map((s) => lockKey(s)));
    const unread = new Set([...model.parseErrors.map((e) => e.loc.file), ...model.diagnostics.flatMap((d) => (d.file ? [d.file] : []))]);
    const scanned = new Set(model.files.map((f) => f.path).filter((f) => !unread.has(f)));
    // And in files deleted since the lock (at the top of the lock, when it is in the tree: the deleted file is not).
    const gone = lockGoneFromOptions(ctx.options);
    const goneFiles = new Set(gone?.files ?? []);
    for (const e of lock.servers) {
      if (current.has(lockKey(e))) continue;
      const deleted = !scanned.has(e.file) && goneFiles.has(e.file);
      if (!scanned.has(e.file) && !deleted) continue;
      const at = deleted && gone && !gone.lockFile.startsWith("../") ? gone.lockFile : e.file;
      const loc = { file: at, line: 1, column: 1, endLine: 1, endColumn: 1 };
      ctx.report({ messageId: deleted ? "fileGone" : "removed", data: { server: e.name, client: e.client, file: e.file }, loc, identity: `${e.name}\u0000${e.client}\u0000removed`, level: "note" });
    }
  },
  examples: {
    bad: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2.1.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } }
} }
`,
        options: { lock: LOCK },
        expect: { line: 2, column: 3 },
      },
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } },
  "shell": { "command": "npx", "args": ["-y", "mcp-shell@1.0.0"] }
} }
`,
        options: { lock: LOCK },
        expect: { line: 3, column: 3, count: 1 },
      },
      {
        // 'github' was removed since the lock (a note at the top of the file).
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "shell": { "command": "npx", "args": ["-y", "mcp-shell@1.0.0"] }
} }
`,
        options: { lock: { ...LOCK, servers: [...LOCK.servers, { client: "claude-code", file: ".mcp.json", name: "shell", transport: "stdio", identity: "npm package mcp-shell@1.0.0", version: "1.0.0", command: "npx", args: ["-y", "mcp-shell@1.0.0"], credentials: [], scope: {} }] } },
        expect: { line: 1, column: 1, count: 1 },
      },
    ],
    good: [
      {
        file: ".mcp.json",
        code: `{ "mcpServers": {
  "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github@2.0.0"], "env": { "GITHUB_TOKEN": "\${GITHUB_PAT}" } }
} }
`,
        options: { lock: LOCK },
      },
    ],
  },
});
