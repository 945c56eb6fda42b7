import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { imagePin, npmPin, pypiPin } from "../../src/model/launcher.js";

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
