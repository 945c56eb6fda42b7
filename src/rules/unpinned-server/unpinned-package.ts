import { hitsWithin } from "../../engine/model.js";
import { withoutServerSecrets } from "../../engine/redact-values.js";
import { defineRule } from "../../engine/rule.js";
import { launchedPackages, type Launched } from "../../model/launcher.js";
import { within, type Loc } from "../../model/location.js";

const ECOSYSTEM: Readonly<Record<string, string>> = { npm: "npm package", pypi: "Python package", nix: "Nix flake", nuget: "NuGet package", go: "Go module", jsr: "JSR package", deno: "Deno module", image: "container image" };

/** The message for how `p` floats; a package `--with` adds is said to be added, not run. */
function messageId(p: Launched): "none" | "latest" | "range" | "gitNone" | "gitRange" | "extraNone" | "extraLatest" | "extraRange" | "extraGitNone" | "extraGitRange" {
  const git = p.pin === "none" ? "GitNone" : "GitRange";
  if (p.extra) return p.git ? `extra${git}` : p.pin === "none" ? "extraNone" : p.pin === "latest" ? "extraLatest" : "extraRange";
  return p.git ? (p.pin === "none" ? "gitNone" : "gitRange") : p.pin === "none" || p.pin === "latest" ? p.pin : "range";
}

/** Is `hit` the whole of `value` (but for its quotes)? */
function isWholeValue(hit: Loc, value: Loc): boolean {
  return within(hit, value) && hit.line === value.line && hit.endLine === value.endLine && hit.endColumn - hit.column >= value.endColumn - value.column - 2;
}

export default defineRule({
  id: "unpinned-package",
  meta: {
    title: "MCP server fetched at an unpinned version",
    name: "UnpinnedPackage",
    description:
      "The server is downloaded and run at whatever version the registry serves today: `npx -y pkg` or `pkg@latest` (also `pnpm dlx`, `yarn dlx`, `bunx`, `npm exec`, `deno run npm:`/`jsr:`/a URL, NuGet's `dnx`), `uvx pkg` or `pipx run pkg` without `==`, `go run module@latest`, a package uv's `--with` adds (`uv run --with mcp[cli] mcp run server.py`), a container image with no tag or `:latest`, a git source (`uvx --from git+https://...`, `npx github:owner/repo`) with no ref or a branch, a Nix flake `nix run` fetches from a git host with no ref or a branch (`github:owner/repo`) or from the flake registry (`nixpkgs#pkg`: a moving branch; local flakes such as `.#pkg` fetch nothing). A hijacked release or a typo-squatted name then runs at the next start with the user's rights, unreviewed. Version ranges and dist-tags float the same way. Named image tags and git tags that read as versions (`#v1.4.2`) are accepted (a digest `@sha256:` or a commit SHA is stronger); exact versions, digests and commit SHAs are pinned.",
    category: "unpinned-server",
    level: "warning",
    precision: "high",
    securitySeverity: 5.5,
    help: "Pin an exact version (`@acme/notes-mcp@1.4.2`, `acme-notes-mcp==1.4.2`), an image digest (`acme/notes-mcp@sha256:…`) or a git commit (`git+https://github.com/acme/notes-mcp@<commit sha>`, `github:acme/notes-mcp#<commit sha>`, `go run github.com/acme/notes-mcp@v1.4.2`, for `nix run` `github:acme/notes-mcp/<commit sha>`), and update it deliberately (Renovate or Dependabot can bump pins in MCP configs). Better still, install the server once from a lock file and run the installed binary.",
    cwe: ["CWE-494", "CWE-829"],
    frameworks: ["owasp-agentic/ASI04", "nist-csf/PR.PS-01"],
    references: ["https://docs.npmjs.com/cli/commands/npx", "https://docs.astral.sh/uv/guides/tools/", "https://docs.docker.com/reference/cli/docker/image/pull/#pull-an-image-by-digest-immutable-identifier"],
    tags: ["supply-chain"],
  },
  messages: {
    none: "Server '{server}' ({client}) runs {ecosystem} '{name}' with no version: every start fetches whatever the registry serves.",
    latest: "Server '{server}' ({client}) runs {ecosystem} '{name}' at `latest`: every start fetches whatever the registry serves.",
    range: "Server '{server}' ({client}) runs {ecosystem} '{name}' at the floating version `{version}`: pin an exact version.",
    gitNone: "Server '{server}' ({client}) runs {ecosystem} from git '{name}' with no ref: every start fetches whatever its default branch holds.",
    gitRange: "Server '{server}' ({client}) runs {ecosystem} from git '{name}' at `{version}`, a ref that can move: pin a commit SHA.",
    extraNone: "Server '{server}' ({client}) adds {ecosystem} '{name}' with `{flag}` and no version: every start fetches whatever the registry serves.",
    extraLatest: "Server '{server}' ({client}) adds {ecosystem} '{name}' with `{flag}` at `latest`: every start fetches whatever the registry serves.",
    extraRange: "Server '{server}' ({client}) adds {ecosystem} '{name}' with `{flag}` at the floating version `{version}`: pin an exact version.",
    extraGitNone: "Server '{server}' ({client}) adds {ecosystem} from git '{name}' with `{flag}` and no ref: every start fetches whatever its default branch holds.",
    extraGitRange: "Server '{server}' ({client}) adds {ecosystem} from git '{name}' with `{flag}` at `{version}`, a ref that can move: pin a commit SHA.",
  },
  check(model, ctx) {
    // Only the secrets inside the value (asking every secret of the model for each package was quadratic: 1.1 s for 4,000 servers).
    const isSecret = (v: Loc) => hitsWithin(model, [v]).some((h) => isWholeValue(h.loc, v));
    for (const s of model.servers) {
      for (const p of launchedPackages(s)) {
        if (p.pin !== "none" && p.pin !== "latest" && p.pin !== "range") continue;
        // An image the file says is never pulled is the one already on the node or host: nothing is fetched.
        if (p.value === s.image && s.imageNeverPulled) continue;
        // A credential in the package's place (a token pasted as the argument) is no package, and its name would print it.
        if (isSecret(p.value.loc)) continue;
        // A secret inside it (`pkg@<token>` as the version) is printed as its preview, as the inventory prints it.
        const inside = hitsWithin(model, [p.value.loc]);
        const shown = (text: string) => withoutServerSecrets(text, s, inside);
        ctx.report({
          messageId: messageId(p),
          data: { server: s.name, client: s.client, ecosystem: ECOSYSTEM[p.ecosystem] ?? p.ecosystem, name: shown(p.name), version: shown(p.version ?? ""), flag: p.extra ?? "" },
          loc: p.value.loc,
          identity: `${s.name}\u0000${p.ecosystem}\u0000${p.spec}`,
          server: { name: s.name, client: s.client },
        });
      }
    }
  },
  examples: {
    bad: [
      { file: ".mcp.json", code: `{\n  "mcpServers": {\n    "notes": { "command": "npx", "args": ["-y", "@acme/notes-mcp"] }\n  }\n}\n`, expect: { line: 3, column: 49 } },
      { file: ".cursor/mcp.json", code: `{ "mcpServers": { "fetch": { "command": "uvx", "args": ["mcp-server-fetch"] } } }\n`, expect: { line: 1, column: 57 } },
      {
        // A Claude Code .mcp.json kept in a ConfigMap (the key names the file): read as that file, at its lines in the manifest.
        file: "k8s/agent-mcp.yaml",
        code: `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: agent-mcp }\ndata:\n  .mcp.json: |\n    { "mcpServers": {\n        "notes": { "command": "npx", "args": ["-y", "@acme/notes-mcp"] } } }\n`,
        expect: { line: 7, column: 53 },
      },
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "ACME_KEY", "acme/notes-mcp:latest"] } } }\n`, expect: { line: 1, column: 96 } },
      { file: ".kiro/settings/mcp.json", code: `{ "mcpServers": { "notes": { "command": "pnpm", "args": ["dlx", "@acme/notes-mcp@latest"] } } }\n`, expect: { line: 1, column: 65 } },
      { file: ".amazonq/mcp.json", code: `{ "mcpServers": { "notes": { "command": "uvx", "args": ["--from", "git+https://github.com/acme/notes-mcp", "notes-mcp"] } } }\n`, expect: { line: 1, column: 67 } },
      // kagent's MCPServer (kmcp): the controller runs spec.deployment's cmd and args in a pod.
      { file: "k8s/notes-mcp.yaml", code: `apiVersion: kagent.dev/v1alpha1\nkind: MCPServer\nmetadata: { name: notes }\nspec:\n  deployment: { cmd: npx, args: ["-y", "@acme/notes-mcp"] }\n  transportType: stdio\n`, expect: { line: 5, column: 40 } },
      // A workflow step's `mcp_config` for the Claude Code action: the runner starts the server unattended.
      {
        file: ".github/workflows/claude.yml",
        code: `on: issue_comment\njobs:\n  claude:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: anthropics/claude-code-action@beta\n        with:\n          mcp_config: |\n            { "mcpServers": { "notes": { "command": "npx", "args": ["-y", "@acme/notes-mcp"] } } }\n`,
        expect: { line: 9, column: 75 },
      },
      // A GitHub agentic workflow's `container:` server: `docker run` of that image.
      { file: ".github/workflows/triage.md", code: `---\non: issues\nmcp-servers:\n  notion:\n    container: "mcp/notion"\n    allowed: [search_pages]\n---\n`, expect: { line: 5, column: 16 } },
      // A shell's `-c` script: the program it ends by starting (a public Goose config runs a git source so).
      { file: ".config/goose/config.yaml", code: `extensions:\n  aider:\n    type: stdio\n    cmd: bash\n    args:\n    - -c\n    - aws-sso-util login && uvx --from git+https://github.com/acme/aider-mcp.git aider-mcp\n`, expect: { line: 7, column: 7 } },
      // What the MCP Python SDK's `mcp install` writes: a local script run with the SDK uv fetches at every start.
      { file: "claude_desktop_config.json", code: `{ "mcpServers": { "notes": { "command": "uv", "args": ["run", "--with", "mcp[cli]", "mcp", "run", "/srv/notes/server.py"] } } }\n`, expect: { line: 1, column: 73 } },
      // A .NET tool package `dnx` fetches from NuGet (how .NET MCP servers' READMEs configure them).
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "command": "dnx", "args": ["Acme.Notes.Mcp", "--yes"] } } }\n`, expect: { line: 1, column: 54 } },
      // `env NAME=value program ...`: what the program fetches.
      { file: ".roo/mcp.json", code: `{ "mcpServers": { "search": { "command": "env", "args": ["TAVILY_API_KEY=\${env:TAVILY_API_KEY}", "npx", "-y", "tavily-mcp"] } } }\n`, expect: { line: 1, column: 111 } },
      // A Nix flake fetched from GitHub at its default branch (`nix run github:owner/repo --`, as flake READMEs suggest).
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "nix", "args": ["run", "github:acme/notes-mcp", "--"] } } }\n`, expect: { line: 1, column: 64 } },
      // Global flags before the subcommand (`npm --yes exec pkg`, `pnpm --silent dlx pkg`), as some MCP READMEs write them.
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "pnpm", "args": ["--silent", "dlx", "@acme/notes-mcp"] } } }\n`, expect: { line: 1, column: 77 } },
      // `go run` of a remote module at `latest`: the newest release is built at every start (how some Go MCP servers' READMEs run them).
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "go", "args": ["run", "github.com/acme/notes-mcp/cmd/server@latest"] } } }\n`, expect: { line: 1, column: 63 } },
      // `deno run` of a JSR package with no version (also `npm:pkg`, or a URL with no `@version`).
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "deno", "args": ["run", "-A", "jsr:@acme/notes-mcp"] } } }\n`, expect: { line: 1, column: 71 } },
    ],
    good: [
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "npx", "args": ["-y", "@acme/notes-mcp@1.4.2"] }, "fetch": { "command": "uvx", "args": ["mcp-server-fetch==2025.4.7"] } } }\n` },
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "command": "docker", "args": ["run", "-i", "--rm", "acme/notes-mcp@sha256:0000000000000000000000000000000000000000000000000000000000000000"] }, "local": { "command": "node", "args": ["./tools/notes-mcp.js"] } } }\n` },
      { file: ".amazonq/mcp.json", code: `{ "mcpServers": { "notes": { "command": "uvx", "args": ["--from", "git+https://github.com/acme/notes-mcp@4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39", "notes-mcp"] }, "wiki": { "command": "npx", "args": ["-y", "github:acme/wiki-mcp#v1.4.2"] } } }\n` },
      { file: ".github/workflows/triage.md", code: `---\non: issues\nmcp-servers:\n  notion:\n    container: "mcp/notion:1.8.1"\n    allowed: [search_pages]\n---\n` },
      // A locally built image that Kubernetes is told never to pull: its `latest` names no registry release.
      { file: "k8s/notes-mcp.yaml", code: `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: notes-mcp }\nspec:\n  template:\n    spec:\n      containers:\n      - name: server\n        image: notes-mcp-server:latest\n        imagePullPolicy: Never\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "sh", "args": ["-c", "cd /srv/acme && exec npx -y @acme/notes-mcp@1.4.2"] } } }\n` },
      { file: "claude_desktop_config.json", code: `{ "mcpServers": { "notes": { "command": "uv", "args": ["run", "--with", "mcp[cli]==1.9.4", "mcp", "run", "/srv/notes/server.py"] } } }\n` },
      { file: ".vscode/mcp.json", code: `{ "servers": { "notes": { "command": "dnx", "args": ["Acme.Notes.Mcp@1.0.903-preview1", "--yes"] } } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "nix", "args": ["run", "github:acme/notes-mcp/4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39", "--"] }, "local": { "command": "nix", "args": ["run", ".#notes-mcp"] } } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "npm", "args": ["--yes", "exec", "@acme/notes-mcp@1.4.2"] } } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "go", "args": ["run", "github.com/acme/notes-mcp/cmd/server@v1.4.2"] }, "local": { "command": "go", "args": ["run", "./cmd/server"] } } }\n` },
      { file: ".mcp.json", code: `{ "mcpServers": { "notes": { "command": "deno", "args": ["run", "-A", "jsr:@acme/notes-mcp@1.4.2"] }, "wiki": { "command": "deno", "args": ["run", "-A", "https://deno.land/x/wiki_mcp@1.0.3/mod.ts"] }, "local": { "command": "deno", "args": ["run", "-A", "./server.ts"] } } }\n` },
    ],
  },
});
