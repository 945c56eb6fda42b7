import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scan } from "../../../src/api.js";
import { at, FIXTURES, scanFixture } from "./helpers.js";

describe("client fixtures scanned from disk", () => {
  it("the walker finds every fixture and models the same servers, at the same places, as the in-memory scan", async () => {
    const r = await scan({ cwd: FIXTURES, gitignore: false });
    // Only the real corpus's judged diagnostic (real-corpus.test.ts): a remote entry Claude Desktop never connects to.
    expect(r.diagnostics.map((d) => `${d.file} ${d.code}`)).toEqual(["claude-desktop/real-book-api/claude_desktop_config.json config"]);
    // The real-* corpus folders are left out of the per-client scans (real-corpus.test.ts pins them).
    const fromDisk = r.model.servers.filter((s) => !s.file.includes("/real-")).map((s) => `${s.id} ${s.client} ${s.transport} ${at(s.loc)?.join(":")}`).sort();
    const inMemory = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => scanFixture(d.name).servers.map((s) => `${d.name}/${s.id} ${s.client} ${s.transport} ${at(s.loc)?.join(":")}`))
      .sort();
    expect(fromDisk).toEqual(inMemory);
    // Goose's secrets.yaml is plain text to the catalog: its entries count only for the extensions whose `env_keys` name them.
    // A README in `.github/workflows/` without agentic front matter is not a GitHub agentic workflow.
    // REAL-SOURCES.txt lists where the real-* corpus files come from: plain text.
    // A JSON whose mcpServers key holds no server (feature flags) is no MCP configuration of any client.
    expect(r.model.files.filter((f) => f.format === "text").map((f) => f.path)).toEqual([
      "README.md",
      "REAL-SOURCES.txt",
      "gh-aw/.github/workflows/README.md",
      "goose/home/.config/goose/secrets.yaml",
      "unknown-client/config/feature-flags.json",
    ]);
  });
});
