import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, folderSources } from "../helpers.js";
import { scanSources } from "../../src/api.js";
import { goModulePin, imagePin, urlModulePin, nixFlakePin, npmGitPin, npmPin, pypiGitPin, pypiPin } from "../../src/model/launcher.js";
import { serverIdentity } from "../../src/model/identity.js";
import type { McpServer } from "../../src/model/types.js";

function unpinned(file: string, text: string): string[] {
  return scanSources([{ path: file, text }]).findings.filter((f) => f.ruleId === "unpinned-package").map((f) => `${f.loc.line}:${f.loc.column} ${f.message}`);
}

describe("version pins", () => {
  it.each([
    ["@acme/notes-mcp", "none"],
    ["@acme/notes-mcp@latest", "latest"],
    ["@acme/notes-mcp@^1.2.0", "range"],
    ["@acme/notes-mcp@next", "range"],
    ["@acme/notes-mcp@1.2.3", "exact"],
    ["notes-mcp@1.2.3-beta.1", "exact"],
  ])("npm %s is %s", (spec, pin) => expect(npmPin(spec).pin).toBe(pin));

  it.each([
    ["mcp-server-fetch", "none"],
    ["mcp-server-fetch==2025.4.7", "exact"],
    ["mcp-server-fetch@0.6.2", "exact"],
    ["mcp-server-fetch@latest", "latest"],
    ["mcp-server-fetch>=0.6", "range"],
    ["mcp-server-git[cli]==1.0.0", "exact"],
  ])("PyPI %s is %s", (spec, pin) => expect(pypiPin(spec).pin).toBe(pin));

  it.each([
    ["acme/notes-mcp", "none"],
    ["acme/notes-mcp:latest", "latest"],
    ["ghcr.io/acme/notes-mcp:1.4", "tag"],
    ["localhost:5000/notes-mcp", "none"],
    ["acme/notes-mcp@sha256:0000000000000000000000000000000000000000000000000000000000000000", "digest"],
  ])("image %s is %s", (spec, pin) => expect(imagePin(spec).pin).toBe(pin));
});

describe("unpinned-package over launch lines", () => {
  it("reads npx -p, yarn dlx, bunx and npm exec", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "npx", "args": ["--yes", "-p", "@acme/a-mcp", "a-mcp"] },
  "b": { "command": "yarn", "args": ["dlx", "@acme/b-mcp@^2"] },
  "c": { "command": "bunx", "args": ["@acme/c-mcp@1.0.0"] },
  "d": { "command": "npm", "args": ["exec", "--", "@acme/d-mcp"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:52 Server 'a' (claude-code) runs npm package '@acme/a-mcp' with no version: every start fetches whatever the registry serves.",
      "3:45 Server 'b' (claude-code) runs npm package '@acme/b-mcp' at the floating version `^2`: pin an exact version.",
      "5:51 Server 'd' (claude-code) runs npm package '@acme/d-mcp' with no version: every start fetches whatever the registry serves.",
    ]);
  });

  it("reads global flags written before the subcommand (npm --yes exec, pnpm --silent dlx, pnpm --package=pkg dlx, yarn --silent dlx)", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "npm", "args": ["--yes", "exec", "@acme/a-mcp"] },
  "b": { "command": "npm", "args": ["-y", "exec", "--", "@acme/b-mcp@latest"] },
  "c": { "command": "pnpm", "args": ["--silent", "dlx", "@acme/c-mcp"] },
  "d": { "command": "pnpm", "args": ["--package=@acme/d-mcp", "dlx", "d-mcp"] },
  "e": { "command": "yarn", "args": ["--silent", "dlx", "@acme/e-mcp@^1"] },
  "f": { "command": "pnpm", "args": ["--package=@acme/f-mcp@1.2.3", "dlx", "f-mcp"] },
  "g": { "command": "npm", "args": ["--prefix", "/srv/acme", "run", "exec"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:54 Server 'a' (claude-code) runs npm package '@acme/a-mcp' with no version: every start fetches whatever the registry serves.",
      "3:57 Server 'b' (claude-code) runs npm package '@acme/b-mcp' at `latest`: every start fetches whatever the registry serves.",
      "4:57 Server 'c' (claude-code) runs npm package '@acme/c-mcp' with no version: every start fetches whatever the registry serves.",
      "5:38 Server 'd' (claude-code) runs npm package '@acme/d-mcp' with no version: every start fetches whatever the registry serves.",
      "6:57 Server 'e' (claude-code) runs npm package '@acme/e-mcp' at the floating version `^1`: pin an exact version.",
    ]);
  });

  it("reads uvx --from, pipx run and docker run with valued flags; skips local paths and digests", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "uvx", "args": ["--python", "3.12", "--from", "acme-notes-mcp", "notes"] },
  "b": { "command": "pipx", "args": ["run", "acme-wiki-mcp==1.0.0"] },
  "c": { "command": "docker", "args": ["run", "-i", "--rm", "-e", "ACME_KEY", "--network", "none", "acme/notes-mcp"] },
  "d": { "command": "node", "args": ["./build/index.js"] },
  "e": { "command": "npx", "args": ["-y", "./packages/notes-mcp"] }
} }
`;
    expect(unpinned(".cursor/mcp.json", text).map((f) => f.split(" ").slice(0, 7).join(" "))).toEqual([
      "2:67 Server 'a' (cursor) runs Python package",
      "4:100 Server 'c' (cursor) runs container image",
    ]);
  });

  it("reads the packages uv's --with adds (uv run, uvx, uv tool run), not as the server's identity", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "uv", "args": ["run", "--with", "mcp[cli]", "mcp", "run", "/srv/notes/server.py"] },
  "b": { "command": "uvx", "args": ["--with", "httpx>=0.27,<1", "--with=pandas,numpy==2.1.0", "notes-mcp==1.0.0"] },
  "c": { "command": "uv", "args": ["--directory", "/srv/notes", "run", "-w", "git+https://github.com/acme/ext", "notes.py"] },
  "d": { "command": "uv", "args": ["run", "--with", "mcp==1.9.0", "--with-editable", "./lib", "mcp", "run", "server.py"] },
  "e": { "command": "uv", "args": ["tool", "run", "--with", "./local", "--from", "notes-mcp@latest", "notes"] },
  "f": { "command": "uv", "args": ["run", "server.py", "--with", "not-uvs"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:53 Server 'a' (claude-code) adds Python package 'mcp' with `--with` and no version: every start fetches whatever the registry serves.",
      "3:47 Server 'b' (claude-code) adds Python package 'httpx' with `--with` at the floating version `0.27,<1`: pin an exact version.",
      "3:65 Server 'b' (claude-code) adds Python package 'pandas' with `--with` and no version: every start fetches whatever the registry serves.",
      "4:78 Server 'c' (claude-code) adds Python package from git 'git+https://github.com/acme/ext' with `--with` and no ref: every start fetches whatever its default branch holds.",
      "6:82 Server 'e' (claude-code) runs Python package 'notes-mcp' at `latest`: every start fetches whatever the registry serves.",
    ]);
    const servers = scanSources([{ path: ".mcp.json", text }]).model.servers;
    // A local script is what runs: its identity is the command, not the SDK uv adds.
    expect(servers.map((s) => serverIdentity(s))).toEqual([
      { kind: "command", command: "uv" },
      { kind: "package", ecosystem: "pypi", name: "notes-mcp", version: "1.0.0" },
      { kind: "command", command: "uv" },
      { kind: "command", command: "uv" },
      { kind: "package", ecosystem: "pypi", name: "notes-mcp", version: "latest" },
      { kind: "command", command: "uv" },
    ]);
  });

  it("reads dnx, the .NET SDK's tool runner (also dotnet dnx, dotnet tool exec): a NuGet package", () => {
    // Shapes of public READMEs and .mcp.json files of .NET MCP servers.
    const text = `{ "servers": {
  "a": { "command": "dnx", "args": ["Acme.Metadata.Mcp", "--yes"] },
  "b": { "command": "dnx", "args": ["-y", "--prerelease", "acme.devserver", "--mcp-app"] },
  "c": { "command": "dnx", "args": ["Acme.AppModernization.Mcp@1.0.903-preview1", "--yes", "--source", "https://api.nuget.org/v3/index.json"] },
  "d": { "command": "dotnet", "args": ["tool", "exec", "--source", "https://nuget.acme.example/v3/index.json", "Acme.Notes.Mcp", "--yes", "--", "--root", "/srv"] },
  "e": { "command": "dnx", "args": ["--version", "2.1.0", "Acme.Wiki.Mcp", "--yes"] },
  "f": { "command": "dotnet", "args": ["dnx", "Acme.Search.Mcp@2.*", "--yes"] },
  "g": { "command": "dnx", "args": ["./artifacts/Acme.Local.Mcp.1.0.0.nupkg"] }
} }
`;
    expect(unpinned(".vscode/mcp.json", text)).toEqual([
      "2:37 Server 'a' (vscode) runs NuGet package 'Acme.Metadata.Mcp' with no version: every start fetches whatever the registry serves.",
      "3:59 Server 'b' (vscode) runs NuGet package 'acme.devserver' with no version: every start fetches whatever the registry serves.",
      "5:112 Server 'd' (vscode) runs NuGet package 'Acme.Notes.Mcp' with no version: every start fetches whatever the registry serves.",
      "7:47 Server 'f' (vscode) runs NuGet package 'Acme.Search.Mcp' at the floating version `2.*`: pin an exact version.",
    ]);
    const servers = scanSources([{ path: ".vscode/mcp.json", text }]).model.servers;
    expect(serverIdentity(servers[2] as McpServer)).toEqual({ kind: "package", ecosystem: "nuget", name: "Acme.AppModernization.Mcp", version: "1.0.903-preview1" });
    expect(serverIdentity(servers[4] as McpServer)).toEqual({ kind: "package", ecosystem: "nuget", name: "Acme.Wiki.Mcp", version: "2.1.0" });
  });

  it("takes the current or parent folder and Windows relative paths as local (uvx --from ., npx .\\tools)", () => {
    const text = JSON.stringify({ mcpServers: { a: { command: "uvx", args: ["--from", ".", "mcp-server"] }, b: { command: "uvx", args: ["--from", "..", "x"] }, c: { command: "npx", args: ["-y", ".\\tools\\notes"] } } });
    expect(unpinned(".mcp.json", text)).toEqual([]);
  });

  it("splits a launch line written as one command string", () => {
    expect(unpinned(".mcp.json", `{ "mcpServers": { "a": { "command": "npx -y @acme/a-mcp@latest" } } }\n`)).toHaveLength(1);
  });
});

describe("Windows cmd wrapper", () => {
  it("reads the launch line after `cmd /c` (the Windows way to start npx from Claude Desktop or Cursor)", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "cmd", "args": ["/c", "npx", "-y", "@acme/a-mcp"] },
  "b": { "command": "cmd.exe", "args": ["/s", "/C", "uvx", "acme-b-mcp"] },
  "c": { "command": "cmd", "args": ["/c", "npx", "-y", "@acme/c-mcp@1.2.3"] }
} }
`;
    expect(unpinned(".cursor/mcp.json", text)).toEqual([
      "2:56 Server 'a' (cursor) runs npm package '@acme/a-mcp' with no version: every start fetches whatever the registry serves.",
      "3:60 Server 'b' (cursor) runs Python package 'acme-b-mcp' with no version: every start fetches whatever the registry serves.",
    ]);
  });
});

describe("POSIX shell -c wrapper", () => {
  it("reads what a `sh -c` / `bash -lc` script starts: the last command of its chain, after assignments and exec", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "bash", "args": ["-c", "aws-sso-util login && uvx --from git+https://github.com/acme/aider-mcp.git aider-mcp"] },
  "b": { "command": "/bin/sh", "args": ["-c", "ACME_REGION=eu exec npx -y '@acme/b-mcp'"] },
  "c": { "command": "zsh", "args": ["-lc", "cd /srv/acme; npx -y @acme/c-mcp@1.2.3"] },
  "d": { "command": "bash", "args": ["./start.sh", "-c", "npx -y @acme/d-mcp"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:44 Server 'a' (claude-code) runs Python package from git 'git+https://github.com/acme/aider-mcp.git' with no ref: every start fetches whatever its default branch holds.",
      "3:47 Server 'b' (claude-code) runs npm package '@acme/b-mcp' with no version: every start fetches whatever the registry serves.",
    ]);
  });
});

describe("git sources", () => {
  const sha = "4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";

  it.each([
    ["github:acme/notes-mcp", "github:acme/notes-mcp", "none"],
    ["acme/notes-mcp", "acme/notes-mcp", "none"],
    ["git+https://github.com/acme/notes.git#main", "git+https://github.com/acme/notes.git", "range"],
    ["acme/notes-mcp#semver:^1.0", "acme/notes-mcp", "range"],
    ["github:acme/notes-mcp#v1.4.2", "github:acme/notes-mcp", "tag"],
    [`github:acme/notes-mcp#${sha}`, "github:acme/notes-mcp", "exact"],
    ["https://github.com/acme/notes-mcp", "https://github.com/acme/notes-mcp", "none"],
  ])("npm %s is %s at %s", (spec, name, pin) => expect(npmGitPin(spec)).toMatchObject({ name, pin }));

  it.each(["@acme/notes-mcp", "notes-mcp@1.2.3", "build/index.js", "./notes", "https://example.com/notes-1.0.0.tgz"])("npm %s is no git source", (spec) =>
    expect(npmGitPin(spec)).toBeUndefined(),
  );

  it.each([
    ["git+https://github.com/oraios/serena", "git+https://github.com/oraios/serena", undefined, "none"],
    [`git+https://github.com/oraios/serena@${sha}`, "git+https://github.com/oraios/serena", sha, "exact"],
    ["git+https://github.com/acme/x@feature/litellm-mcp", "git+https://github.com/acme/x", "feature/litellm-mcp", "range"],
    ["git+ssh://git@github.com/acme/x.git", "git+ssh://git@github.com/acme/x.git", undefined, "none"],
    ["git+ssh://git@github.com/acme/x.git@v1.2.3#subdirectory=srv", "git+ssh://git@github.com/acme/x.git", "v1.2.3", "tag"],
    ["serena @ git+https://github.com/oraios/serena", "git+https://github.com/oraios/serena", undefined, "none"],
    ["https://github.com/acme/x.git", "https://github.com/acme/x.git", undefined, "none"],
  ])("PyPI %s is %s at %s (%s)", (spec, name, version, pin) => expect(pypiGitPin(spec)).toEqual({ name, ...(version ? { version } : {}), pin }));

  it.each(["mcp-server-fetch", "mcp-server-fetch==1.0", "https://example.com/x-1.0-py3-none-any.whl"])("PyPI %s is no git source", (spec) =>
    expect(pypiGitPin(spec)).toBeUndefined(),
  );

  it("reports servers fetched from a git branch (uvx --from git+https, npx github:), not those at a commit or version tag", () => {
    const text = `{"mcpServers":{
"serena":{"command":"uvx","args":["--from","git+https://github.com/oraios/serena","serena","start-mcp-server"]},
"gh":{"command":"npx","args":["-y","github:acme/notes-mcp"]},
"wiki":{"command":"npx","args":["-y","git+https://github.com/acme/wiki.git#main"]},
"pinned":{"command":"uvx","args":["--from","git+https://github.com/oraios/serena@${sha}","serena"]},
"tagged":{"command":"npx","args":["-y","github:acme/notes-mcp#v1.4.2"]},
"local":{"command":"npx","args":["-y","build/index.js"]}
}}
`;
    expect(unpinned(".amazonq/mcp.json", text)).toEqual([
      "2:44 Server 'serena' (amazon-q) runs Python package from git 'git+https://github.com/oraios/serena' with no ref: every start fetches whatever its default branch holds.",
      "3:36 Server 'gh' (amazon-q) runs npm package from git 'github:acme/notes-mcp' with no ref: every start fetches whatever its default branch holds.",
      "4:38 Server 'wiki' (amazon-q) runs npm package from git 'git+https://github.com/acme/wiki.git' at `main`, a ref that can move: pin a commit SHA.",
    ]);
  });

  it("a number, boolean or null written where the package goes is no package (args: [1, null])", () => {
    const text = `{"mcpServers":{
"a":{"command":"npx","args":[1,null]},
"b":{"command":"uvx","args":[true]},
"c":{"command":"docker","args":["run","-i",3]},
"d":{"command":"npx","args":["-y","@acme/notes-mcp"]}
}}
`;
    expect(unpinned(".mcp.json", text)).toEqual(["5:35 Server 'd' (claude-code) runs npm package '@acme/notes-mcp' with no version: every start fetches whatever the registry serves."]);
  });
});

describe("Nix flakes (nix run)", () => {
  it.each([
    ["nixpkgs#mcp-nixos", "nixpkgs#mcp-nixos", undefined, "none"],
    ["flake:nixpkgs/nixos-24.11#hello", "nixpkgs#hello", "nixos-24.11", "range"],
    ["github:acme/x", "github:acme/x", undefined, "none"],
    ["github:acme/x?ref=v2.0.1#srv", "github:acme/x#srv", "v2.0.1", "tag"],
    ["git+https://git.acme.example/x.git?ref=main&rev=4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39", "git+https://git.acme.example/x.git", "4f1c2a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39", "exact"],
  ])("flake %s is %s at %s (%s)", (spec, name, version, pin) => expect(nixFlakePin(spec)).toMatchObject({ name, ...(version ? { version } : {}), pin }));

  it.each([".#browser-mcp", ".", "/opt/yask", "./tools", "path:/opt/x", "git+file:///srv/x", "https://acme.example/x.tar.gz"])("flake %s is local or a tarball: nothing checked", (spec) =>
    expect(nixFlakePin(spec)).toBeUndefined(),
  );

  it("reports a flake fetched from the registry or a git host with no ref or a branch, not one at a commit or version tag, nor a local flake (fixtures/nix-flakes)", () => {
    const r = scanSources(folderSources(path.join(FIXTURES, "nix-flakes")));
    expect(r.findings.filter((f) => f.ruleId === "unpinned-package").map((f) => `${f.loc.file}:${f.loc.line}:${f.loc.column} ${f.message}`)).toEqual([
      ".mcp.json:3:70 Server 'nixarchy' (claude-code) runs Nix flake from git 'github:acme/mcp-nixarchy' with no ref: every start fetches whatever its default branch holds.",
      ".mcp.json:4:63 Server 'jlink' (claude-code) runs Nix flake from git 'github:acme/jlink-mcp#jlink-mcp' at `main`, a ref that can move: pin a commit SHA.",
      ".mcp.json:7:52 Server 'channel' (claude-code) runs Nix flake 'nixpkgs#mcp-nixos' at the floating version `nixos-24.11`: pin an exact version.",
      "opencode.json:6:33 Server 'nix' (opencode) runs Nix flake 'nixpkgs#mcp-nixos' with no version: every start fetches whatever the registry serves.",
      "opencode.json:10:32 Server 'context7' (opencode) runs npm package '@upstash/context7-mcp' with no version: every start fetches whatever the registry serves.",
    ]);
    // What the server is, for approval lists and the lock: the flake, its ref apart.
    const inv = (name: string) => r.model.servers.find((s) => s.name === name)!;
    expect(serverIdentity(inv("tagged"))).toEqual({ kind: "package", ecosystem: "nix", name: "github:acme/jlink-mcp#jlink-mcp", version: "v1.4.2" });
    expect(serverIdentity(inv("kiln-browser"))).toEqual({ kind: "command", command: "nix" });
    expect(serverIdentity(inv("yask"))).toEqual({ kind: "command", command: "nix" });
  });
});

describe("Go modules (go run)", () => {
  it.each([
    ["github.com/acme/notes-mcp@latest", "latest"],
    ["github.com/acme/notes-mcp/cmd/server@main", "range"],
    ["github.com/acme/notes-mcp@v1.2", "range"],
    ["github.com/acme/notes-mcp@v1.2.3", "exact"],
    ["golang.org/x/tools/gopls@v0.0.0-20240101000000-abcdef123456", "exact"],
    ["github.com/acme/notes-mcp@4f1c2a9e8b7d", "exact"],
  ])("%s is %s", (spec, pin) => expect(goModulePin(spec)?.pin).toBe(pin));

  it.each(["github.com/acme/notes-mcp", "./cmd/server", ".", "main.go", "cmd/server@latest", "/srv/notes@latest"])(
    "%s is local or resolved through go.mod: nothing fetched at a floating version",
    (spec) => expect(goModulePin(spec)).toBeUndefined(),
  );

  it("reports go run of a remote module at latest or a branch, not at a version or a local package; the module is the identity", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "go", "args": ["run", "github.com/acme/a-mcp/cmd/server@latest"] },
  "b": { "command": "go", "args": ["run", "-tags", "netgo", "github.com/acme/b-mcp@main", "--stdio"] },
  "c": { "command": "go", "args": ["run", "github.com/acme/c-mcp@v1.2.3"] },
  "d": { "command": "go", "args": ["run", "./cmd/server"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:43 Server 'a' (claude-code) runs Go module 'github.com/acme/a-mcp/cmd/server' at \`latest\`: every start fetches whatever the registry serves.",
      "3:61 Server 'b' (claude-code) runs Go module 'github.com/acme/b-mcp' at the floating version \`main\`: pin an exact version.",
    ]);
    const { servers } = scanSources([{ path: ".mcp.json", text }]).model;
    expect(serverIdentity(servers[2] as McpServer)).toEqual({ kind: "package", ecosystem: "go", name: "github.com/acme/c-mcp", version: "v1.2.3" });
    expect(serverIdentity(servers[3] as McpServer)).toEqual({ kind: "command", command: "go" });
  });
});

describe("Deno (deno run)", () => {
  it.each([
    ["https://deno.land/x/notes_mcp/mod.ts", "none"],
    ["https://deno.land/x/notes_mcp@1.2.3/mod.ts", "exact"],
    ["https://deno.land/x/notes_mcp@v1/mod.ts", "range"],
    ["https://esm.sh/@acme/notes-mcp", "none"],
    ["https://esm.sh/@acme/notes-mcp@1.2.3", "exact"],
    ["https://esm.sh/notes-mcp@latest", "latest"],
    ["https://raw.githubusercontent.com/acme/notes-mcp/v1.2.3/cli.ts", "tag"],
  ])("URL %s is %s", (url, pin) => expect(urlModulePin(url).pin).toBe(pin));

  it("reports deno run of an npm:, jsr: or URL module with no version or a range, not a pinned one or a local script", () => {
    const text = `{ "mcpServers": {
  "a": { "command": "deno", "args": ["run", "-A", "npm:@acme/a-mcp"] },
  "b": { "command": "deno", "args": ["run", "--allow-net", "jsr:@acme/b-mcp@^1/cli"] },
  "c": { "command": "deno", "args": ["run", "-A", "https://deno.land/x/c_mcp/mod.ts"] },
  "d": { "command": "deno", "args": ["run", "-A", "npm:@acme/d-mcp@1.2.3/bin"] },
  "e": { "command": "deno", "args": ["run", "-A", "jsr:@acme/e-mcp@1.0.0"] },
  "f": { "command": "deno", "args": ["run", "--config", "deno.json", "-A", "./server.ts"] }
} }
`;
    expect(unpinned(".mcp.json", text)).toEqual([
      "2:51 Server 'a' (claude-code) runs npm package '@acme/a-mcp' with no version: every start fetches whatever the registry serves.",
      "3:60 Server 'b' (claude-code) runs JSR package '@acme/b-mcp' at the floating version \`^1\`: pin an exact version.",
      "4:51 Server 'c' (claude-code) runs Deno module 'https://deno.land/x/c_mcp/mod.ts' with no version: every start fetches whatever the registry serves.",
    ]);
    const { servers } = scanSources([{ path: ".mcp.json", text }]).model;
    expect(serverIdentity(servers[3] as McpServer)).toEqual({ kind: "package", ecosystem: "npm", name: "@acme/d-mcp", version: "1.2.3" });
    expect(serverIdentity(servers[4] as McpServer)).toEqual({ kind: "package", ecosystem: "jsr", name: "@acme/e-mcp", version: "1.0.0" });
  });
});
