/**
 * The reference filesystem server (catalog §29) given a folder of credentials
 * (~/.ssh, ~/.aws ...), or a container with such a folder mounted, is broad
 * access even though the folder is neither `/` nor a home folder.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";

function facts(args: string[], command = "npx"): string[] {
  const r = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: { fs: { command, args } } }, null, 2) }]);
  return (r.model.servers[0]?.facts ?? []).map((f) => `${f.kind} ${f.detail} ${f.loc.line}:${f.loc.column}`);
}

describe("folders of credentials", () => {
  const fs = ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21"];
  it("the filesystem server given ~/.ssh or ~/.aws", () => {
    expect(facts([...fs, "/Users/dev/src/app", "/Users/dev/.ssh"])).toEqual(["root-filesystem filesystem server given /Users/dev/.ssh (a folder of credentials) 9:9"]);
    expect(facts([...fs, "~/.aws/"])).toEqual(["root-filesystem filesystem server given ~/.aws/ (a folder of credentials) 8:9"]);
    expect(facts([...fs, "C:\\Users\\dev\\.ssh"])).toEqual(["root-filesystem filesystem server given C:\\Users\\dev\\.ssh (a folder of credentials) 8:9"]);
  });

  it("a home's whole .config folder (it holds ~/.config/gcloud and gh's token), as a real Claude Desktop config gives it; its other folders are not flagged", () => {
    // johanwulf/.dotfiles Library/Application Support/Claude/claude_desktop_config.json (real): repos, .config, Desktop, Downloads.
    expect(facts([...fs, "/Users/johan.wulf/repos", "/Users/johan.wulf/.config", "/Users/johan.wulf/Desktop"])).toEqual(["root-filesystem filesystem server given /Users/johan.wulf/.config (a folder of credentials) 9:9"]);
    expect(facts([...fs, "~/.config/", "$HOME/.config/gh"])).toEqual(["root-filesystem filesystem server given ~/.config/ (a folder of credentials) 8:9", "root-filesystem filesystem server given $HOME/.config/gh (a folder of credentials) 9:9"]);
    expect(facts([...fs, "/Users/dev/src/app/.config", "~/.config/nvim", "/.config"])).toEqual([]);
  });

  it("a docker mount of ~/.kube; project folders and the Docker MCP gateway's ~/.docker/mcp are not flagged", () => {
    expect(facts(["run", "-i", "--rm", "-v", "/home/dev/.kube:/root/.kube:ro", "acme/k8s-mcp:1.0.0"], "docker")).toEqual(["host-mount host mount of /home/dev/.kube (a folder of credentials) 10:9"]);
    expect(facts([...fs, "/Users/dev/src/app/docs", "/Users/dev/src/sshd-config"])).toEqual([]);
    expect(facts(["run", "-i", "--rm", "-v", "/Users/dev/.docker/mcp:/mcp", "docker/mcp-gateway:v0.20.0", "--servers=fetch"], "docker")).toEqual([]);
  });
});
