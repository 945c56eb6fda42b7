import { allFormats } from "../../catalog/formats.js";
import { defineRule } from "../../engine/rule.js";
import type { RefSyntax } from "../../model/refs.js";
import { within, type Loc } from "../../model/location.js";
import type { ConfigValue, McpServer } from "../../model/types.js";

const SYNTAX_EXAMPLE: Readonly<Record<RefSyntax, string>> = {
  "dollar-brace": "${VAR}",
  dollar: "$VAR",
  percent: "%VAR%",
  "env-colon": "${env:VAR}",
  input: "${input:id}",
  "file-colon": "${file:/path}",
  "brace-env": "{env:VAR}",
  "gh-secrets": "${{ secrets.X }}",
  "continue-json-env": "${VAR} in env",
  "gh-expression": "${{ github.X }}",
  mustache: "{{VAR}}",
  "copilot-mcp": "$COPILOT_MCP_X",
  "k8s-paren": "$(VAR)",
  "command-substitution": "$(command)",
  "shell-brace": "${VAR:?err}",
  "deck-env": '${{ env "DECK_X" }}',
  "kong-vault": "{vault://env/x}",
  "litellm-env": "os.environ/VAR",
  "go-env": '{{ env "VAR" }}',
  "go-template": "{{ .Values.x }}",
  "ps-env": "$env:VAR",
};

const SHELLS = /(^|[\\/])(sh|bash|zsh|dash|fish|cmd|cmd\.exe|powershell|powershell\.exe|pwsh)$/i;

/** What a client expands in a file, as examples, from the catalog entry that read it. */
function expandsIn(formatId: string | undefined): string {
  const spec = allFormats().find((f) => f.id === formatId);
  if (!spec || spec.syntaxes.length === 0) return "no reference syntax in this file";
  return spec.syntaxes.map((s) => `\`${SYNTAX_EXAMPLE[s]}\``).join(", ");
}

const ENV_COMMAND = /(^|[\\/])env$/;

/** `env -S "..."` (`--split-string`): env itself replaces each `${NAME}` of the string with that variable, as a shell would. */
function splitsString(s: McpServer): boolean {
  return ENV_COMMAND.test(s.command?.raw ?? "") && s.args.some((a) => a.raw === "-S" || a.raw.startsWith("--split-string"));
}
/** Every configured value of a server with where it sits. A shell's script args are left alone: the shell expands them. */
function values(s: McpServer): { where: string; v: ConfigValue }[] {
  const out: { where: string; v: ConfigValue }[] = [];
  const add = (where: string, v: ConfigValue | undefined) => {
    if (v) out.push({ where, v });
  };
  add("command", s.command);
  // An `env NAME=value` argument holds the env entry NAME (model/server-entry.ts): reported once, as that entry.
  const envByLine = new Map<number, Loc[]>();
  for (const e of s.env) envByLine.set(e.loc.line, [...(envByLine.get(e.loc.line) ?? []), e.loc]);
  const holdsEnv = (a: ConfigValue) => (envByLine.get(a.loc.line) ?? []).some((l) => within(l, a.loc));
  if (!(s.command && (SHELLS.test(s.command.raw) || splitsString(s)))) s.args.forEach((a, i) => (holdsEnv(a) ? undefined : add(`args[${i}]`, a)));
  add("url", s.url);
  add("cwd", s.cwd);
  add("image", s.image);
  for (const e of s.env) add(`env ${e.key}`, e);
  for (const h of s.headers) add(`header ${h.key}`, h);
  // Credential settings outside env, headers, args and url (LiteLLM `authentication_token`, an OAuth client secret).
  for (const c of s.credentials) if (c.source === "setting" || c.source === "oauth") add(c.key, c);
  return out;
}

export default defineRule({
  id: "unexpanded-reference",
  meta: {
    title: "Reference syntax the client does not expand",
    name: "UnexpandedReference",
    description:
      "A value holds reference syntax that this client does not expand, such as `${env:X}` in Claude Code's `.mcp.json`, `${X}` in Codex TOML, `$X` in Cursor or `${X}` in a LiteLLM proxy config (which reads only `os.environ/X`). The server receives the literal text instead of the secret or path, so it fails or runs unauthenticated, and the usual fix under pressure is to paste the real value into the file.",
    category: "unexpanded-reference",
    level: "warning",
    precision: "high",
    securitySeverity: 3.0,
    help: "Use the client's own syntax (Claude Code `${VAR}`, VS Code and Cursor `${env:VAR}` or `${input:id}`, opencode `{env:VAR}`, Continue `${{ secrets.X }}`, LiteLLM `os.environ/X` as the whole value); in Codex, pass secrets with `env_vars`, `bearer_token_env_var` or `env_http_headers` instead of `env`.",
    cwe: ["CWE-1188"],
    frameworks: ["nist-csf/PR.PS-01"],
    references: ["https://code.claude.com/docs/en/mcp", "https://code.visualstudio.com/docs/copilot/reference/mcp-configuration", "https://developers.openai.com/codex/config-reference", "https://docs.litellm.ai/docs/proxy/configs"],
    tags: ["configuration"],
  },
  messages: {
    unexpanded: "Server '{server}' ({client}): {where} holds `{refs}`, which {client} does not expand here (it expands {expands}); the server receives the literal text.",
    undeclared: "Server '{server}' ({client}): {where} holds `{refs}`, but no entry of this file's `inputs` has that id, so {client} never prompts for it and the server cannot start with it.",
  },
  check(model, ctx) {
    const formatOf = new Map(model.files.map((f) => [f.path, f.format]));
    for (const s of model.servers) {
      for (const { where, v } of values(s)) {
        if (!v.unexpanded || v.unexpanded.length === 0) continue;
        const refs = v.unexpanded.join("`, `");
        // VS Code expands `${input:id}` only for ids its `inputs` list declares (vscodeAdapter marks the others).
        const undeclared = s.client === "vscode" && v.unexpanded.every((r) => r.startsWith("${input:"));
        ctx.report({
          messageId: undeclared ? "undeclared" : "unexpanded",
          data: { server: s.name, client: s.client, where, refs, expands: expandsIn(formatOf.get(s.file)) },
          loc: v.loc,
          identity: `${s.name}\u0000${where}\u0000${refs}`,
          server: { name: s.name, client: s.client },
        });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{\n  "mcpServers": {\n    "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${env:ACME_KEY}" } }\n  }\n}\n`, expect: { line: 3, column: 66 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "url": "https://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer $ACME_MCP_TOKEN" } } } }\n`, expect: { line: 1, column: 99 } },
      { file: ".vscode/mcp.json", code: `{ "inputs": [{ "type": "promptString", "id": "notes-key", "password": true }],\n  "servers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${input:notes_key}" } } } }\n`, expect: { line: 2, column: 77 } },
      { file: "opencode.json", code: `{ "mcp": { "notes": { "type": "remote", "url": "https://mcp.acme.example/mcp",\n  "headers": { "Authorization": "Bearer \${ACME_MCP_TOKEN}" } } } }\n`, expect: { line: 2, column: 33 } },
      // `env NAME=value program`: the variable the program gets, reported once (at its value), not again as an argument.
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "env", "args": ["ACME_KEY=\${env:ACME_KEY}", "acme-notes-mcp"] } } }\n`, expect: { line: 1, column: 67, count: 1 } },
      // LiteLLM's proxy reads only `os.environ/NAME` (a whole value); a shell-style `${NAME}` goes upstream as the token.
      { file: "litellm/config.yaml", code: `model_list: []\nmcp_servers:\n  notes:\n    url: https://mcp.acme.example/mcp\n    auth_type: bearer_token\n    authentication_token: "\${ACME_MCP_TOKEN}"\n`, expect: { line: 6, column: 27 } },
      // A shell's command substitution (a keychain read) in an env value: no client runs it, the server gets the command's text.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "$(security find-generic-password -s acme-notes -w)" } } } }\n`, expect: { line: 1, column: 80 } },
      // Nor does it read `os.environ/NAME` as an item of a list: the server gets the text as its argument.
      { file: "litellm/config.yaml", code: `model_list: []\nmcp_servers:\n  notes:\n    command: acme-notes-mcp\n    args: ["--token", "os.environ/ACME_MCP_TOKEN"]\n`, expect: { line: 5, column: 23 } },
      // A Continue JSON block rewrites `${VAR}` to a secret in env values only: a header keeps the text.
      { file: ".continue/mcpServers/notes.json", code: `{ "mcpServers": { "notes": { "url": "https://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer \${ACME_MCP_TOKEN}" } } } }\n`, expect: { line: 1, column: 99 } },
    ],
    good: [
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${ACME_KEY}", "ROOT": "\${CLAUDE_PROJECT_DIR}" } } } }\n` },
      { file: ".vscode/mcp.json", code: `{ "inputs": [{ "type": "promptString", "id": "notes-key", "password": true }],\n  "servers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${input:notes-key}" } } } }\n` },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "sh", "args": ["-c", "ACME_KEY=$ACME_KEY exec acme-notes-mcp"], "env": { "ACME_KEY": "\${env:ACME_KEY}" } } } }\n` },
      // A shell runs the command substitution in its own script.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "sh", "args": ["-c", "ACME_KEY=$(cat ~/.acme-key) exec acme-notes-mcp"] } } }\n` },
      // `env -S` expands `${NAME}` in its string itself.
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "notes": { "command": "env", "args": ["-S", "ACME_KEY=\${ACME_KEY} acme-notes-mcp"] } } }\n` },
      { file: "litellm/config.yaml", code: `model_list: []\nmcp_servers:\n  notes:\n    url: https://mcp.acme.example/mcp\n    auth_type: bearer_token\n    authentication_token: os.environ/ACME_MCP_TOKEN\n` },
      // Continue's loader rewrites `${VAR}` in a JSON block's env values to `\${{ secrets.VAR }}`.
      { file: ".continue/mcpServers/notes.json", code: `{ "mcpServers": { "notes": { "command": "acme-notes-mcp", "env": { "ACME_KEY": "\${ACME_KEY}" } } } }\n` },
      // agentgateway expands `$VAR` and `${VAR}` over its whole file before reading it.
      { file: "agentgateway/config.yaml", code: `mcp:\n  policies:\n    backendAuth: { key: "$ACME_NOTES_KEY" }\n  targets:\n  - name: notes\n    mcp: { host: "https://notes.acme.example/mcp" }\n` },
      // gh-aw: Actions evaluates every `${{ ... }}` (gh-aw fills `github.aw.import-inputs.X`), and its MCP gateway expands `${VAR}`.
      { file: ".github/workflows/shared/mcp/notes.md", code: `---\nmcp-servers:\n  notes:\n    url: "https://mcp.acme.example/\${{ github.aw.import-inputs.org }}/mcp"\n    headers:\n      Authorization: "Bearer \${{ secrets.ACME_MCP_TOKEN }}"\n    allowed: [search]\n  files:\n    container: "ghcr.io/acme/files-mcp:1.4.0"\n    entrypointArgs: ["--root", "\${GITHUB_WORKSPACE}"]\n    allowed: [read_file]\n---\n` },
    ],
  },
});
