import { describe, expect, it } from "vitest";
import { inventoryPolicy } from "../../../src/report/inventory.js";
import { scanSources } from "../../../src/api.js";
import { dockerGatewayPolicy, dockerGatewaySettings, isDockerMcpGateway } from "../../../src/model/adapters/docker-gateway-args.js";
import { fakeOpaqueKey } from "../../../src/rules/fake-secrets.js";
import { credentialRows, factRows, findingRows, scanFixture, serverRows } from "./helpers.js";
import { deployment } from "../../helpers.js";

describe("Docker MCP catalog", () => {
  it("image and remote entries; named secrets are references; egress and host mounts are facts", () => {
    const r = scanFixture("docker-mcp/.docker/mcp/catalogs/acme.yaml");
    expect(r.model.files[0]?.format).toBe("docker-mcp-catalog");
    expect(serverRows(r)).toEqual([
      { client: "docker-mcp", name: "acme-notes", at: "5:3", transport: "container", image: "acme/notes-mcp@sha256:0000000000000000000000000000000000000000000000000000000000000000" },
      { client: "docker-mcp", name: "acme-files", at: "16:3", transport: "container", image: "acme/files-mcp:latest" },
      { client: "docker-mcp", name: "acme-tickets", at: "24:3", transport: "http", url: "https://tickets.acme.example/mcp" },
    ]);
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "ACME_KEY", ref: "secretStore:acme-notes.api_key", line: 11 }]);
    expect(credentialRows(r, "acme-files")).toEqual([{ key: "FILES_ROOT", ref: "userPlaceholder:acme-files.root", line: 23 }]);
    expect(credentialRows(r, "acme-tickets")).toEqual([{ key: "Authorization", ref: "env:ACME_TICKETS_TOKEN", line: 30 }]);
    expect(r.model.servers[0]?.tools.include).toEqual(["search_notes", "get_note"]);
    expect(factRows(r)).toEqual(["acme-files egress-open 16:3", "acme-files host-mount 20:7"]);
    expect(findingRows(r)).toEqual(["broad-resource-access 16:3", "broad-resource-access 20:7"]);
  });

  it("a catalog under another name is recognised by content", () => {
    const r = scanSources([{ path: "mcp/catalog.yaml", text: "registry:\n  notes:\n    image: acme/notes-mcp:1.0.0\n    disableNetwork: true\n" }]);
    expect(r.model.files[0]?.format).toBe("docker-mcp-catalog-file");
    expect(factRows(r)).toEqual([]);
  });
});

describe("Docker MCP Toolkit registry.yaml", () => {
  it("each enabled server ({ ref, config }) is a server of the model, by name", () => {
    const text = 'registry:\n  duckduckgo:\n    ref: ""\n  github-official:\n    ref: ""\n    config:\n      read_only: true\n';
    const r = scanSources([{ path: ".docker/mcp/registry.yaml", text }]);
    expect(r.model.files[0]?.format).toBe("docker-mcp-catalog");
    expect(serverRows(r)).toEqual([
      { client: "docker-mcp", name: "duckduckgo", at: "2:3", transport: "container" },
      { client: "docker-mcp", name: "github-official", at: "4:3", transport: "container" },
    ]);
    expect(r.findings).toEqual([]);
    // Entries with nothing to run stay out of a catalog that is not the registry file.
    const other = scanSources([{ path: ".docker/mcp/catalogs/acme.yaml", text: "registry:\n  a:\n    image: acme/a-mcp:1.0.0\n    disableNetwork: true\n  b:\n    ref: x\n" }]);
    expect(serverRows(other).map((s) => s.name)).toEqual(["a"]);
  });
});

describe("Docker MCP Toolkit config.yaml (each server's configuration values)", () => {
  it("a server's paths are host folders mounted into its container: a home folder is a host-mount fact, reported", () => {
    const r = scanFixture("real-docker-mcp/dotfiles/.docker/mcp/config.yaml");
    expect(r.model.files[0]?.format).toBe("docker-mcp-config");
    expect(serverRows(r)).toEqual([
      { client: "docker-mcp", name: "markdownify", at: "4:1", transport: "container" },
      { client: "docker-mcp", name: "markitdown", at: "8:1", transport: "container" },
      { client: "docker-mcp", name: "google-workspace-mcp", at: "12:1", transport: "container" },
    ]);
    expect(findingRows(r)).toEqual(["broad-resource-access 6:7", "broad-resource-access 10:7", "broad-resource-access 14:7"]);
    expect(r.findings.find((f) => f.ruleId === "broad-resource-access")?.message).toContain("mounts /Users/eric into the container");
  });

  it("project folders are no broad mount (Windows paths included); entries with no paths are no server", () => {
    const r = scanFixture("real-docker-mcp/windows-dotfiles/.docker/mcp/config.yaml");
    expect(serverRows(r).map((s) => s.name)).toEqual(["git", "filesystem", "desktop-commander"]);
    expect(r.findings).toEqual([]);
    const other = scanSources([{ path: ".docker/mcp/config.yaml", text: "github-official:\n  read_only: true\nfilesystem:\n  paths: ['C:\\\\']\n" }]);
    expect(serverRows(other).map((s) => s.name)).toEqual(["filesystem"]);
    expect(findingRows(other)).toEqual(["broad-resource-access 4:11"]);
  });
});

describe("Docker MCP catalog remotes written with sseEndpoint", () => {
  it("the deprecated sseEndpoint (docker/mcp-gateway examples/remote_mcp) is a remote SSE server, also when it is the catalog's only kind of entry", () => {
    const text = "version: 2\nname: my-catalog\nregistry:\n  gitmcpmoby:\n    description: Connect to the moby repo.\n    title: GitMCP\n    sseEndpoint: \"http://gitmcp.io/moby/moby\"\n";
    const r = scanSources([{ path: "catalogs/remote.yaml", text }]);
    expect(r.model.files[0]?.format).toBe("docker-mcp-catalog-file");
    expect(serverRows(r)).toEqual([{ client: "docker-mcp", name: "gitmcpmoby", at: "4:3", transport: "sse", url: "http://gitmcp.io/moby/moby" }]);
    expect(r.findings.map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`)).toContain("plain-http-remote 7:18");
  });
});

describe("docker mcp gateway run flags (client entries)", () => {
  const gateway = (args: string[]) => {
    const text = JSON.stringify({ mcpServers: { MCP_DOCKER: { command: "docker", args } } }, null, 2);
    const s = scanSources([{ path: ".mcp.json", text }]).model.servers[0];
    if (!s) throw new Error("no server");
    return s;
  };

  it("turns permissive flags into settings located at the flag", () => {
    const s = gateway(["mcp", "gateway", "run", "--enable-all-servers", "--allow-unauthenticated", "--verify-signatures=false", "--block-secrets=false", "--tools", "github:*", "--transport", "sse"]);
    expect(isDockerMcpGateway(s)).toBe(true);
    expect(dockerGatewaySettings(s).map((x) => `${x.key}=${x.value} ${x.loc.line}:${x.loc.column} ${x.meaning}`)).toEqual([
      "--enable-all-servers=true 9:9 every server of the catalog is enabled, not a named list",
      "--allow-unauthenticated=true 10:9 HTTP transports accept calls without the gateway bearer token",
      "--verify-signatures=false 11:9 signatures of Docker mcp/ images are not verified",
      "--block-secrets=false 12:9 secrets are not blocked from flowing through tool calls",
      "--tools=github:* 14:9 every tool is enabled for server 'github'",
    ]);
    const p = dockerGatewayPolicy(s);
    // Unauthenticated over SSE weighs more than every server enabled: it is the reason given.
    expect(p).toMatchObject({ client: "docker-mcp", kind: "gateway", defaultDecision: "allow", defaultReason: "--allow-unauthenticated with --transport=sse (any caller that reaches the port calls the gateway's tools without a token)" });
    expect(dockerGatewayPolicy(gateway(["mcp", "gateway", "run", "--enable-all-servers", "--allow-unauthenticated"]))).toMatchObject({ defaultDecision: "allow", defaultReason: "--enable-all-servers is set (every catalog server is started)" });
  });

  it("--allow-unauthenticated over a network transport fails open (missing-default-deny); over stdio it changes nothing", () => {
    const rows = (args: string[]) => findingRows(scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: { MCP_DOCKER: { command: "docker", args } } }, null, 2) }]), ["missing-default-deny", "permissive-setting"]);
    expect(rows(["mcp", "gateway", "run", "--servers=github", "--transport=streaming", "--port=8811", "--allow-unauthenticated"])).toEqual(["missing-default-deny 12:9", "permissive-setting 12:9"]);
    expect(rows(["mcp", "gateway", "run", "--servers=github", "--allow-unauthenticated"])).toEqual(["permissive-setting 10:9"]);
    expect(rows(["mcp", "gateway", "run", "--servers=github", "--transport=stdio", "--allow-unauthenticated"])).toEqual(["permissive-setting 11:9"]);
  });

  it("the CLI plugin's own binary (`docker-mcp gateway run`, as the gateway image's entrypoint spells it) is the same gateway", () => {
    const text = JSON.stringify({ mcpServers: { MCP_DOCKER: { command: "/Users/me/.docker/cli-plugins/docker-mcp", args: ["gateway", "run", "--enable-all-servers", "--log-calls=false"] } } }, null, 2);
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.model.policies.map((p) => `${p.client} ${p.defaultDecision} ${p.defaultLoc.line}:${p.defaultLoc.column}`)).toEqual(["docker-mcp allow 8:9"]);
    expect(findingRows(r, ["missing-default-deny", "gateway-audit-off"])).toEqual(["missing-default-deny 8:9", "gateway-audit-off 9:9"]);
  });

  it("over a network transport callers authenticate with the gateway's one bearer token (inventory authn; was: none recorded)", () => {
    const authn = (args: string[]) => {
      const p = dockerGatewayPolicy(gateway(args));
      return p && inventoryPolicy(p).authn;
    };
    expect(authn(["mcp", "gateway", "run", "--servers=duckduckgo", "--transport=streaming"])).toEqual({ required: true, mode: "bearer token (MCP_GATEWAY_AUTH_TOKEN, one for every caller)" });
    expect(authn(["mcp", "gateway", "run", "--servers=fetch", "--transport", "sse", "--port", "8080"])).toEqual({ required: true, mode: "bearer token (MCP_GATEWAY_AUTH_TOKEN, one for every caller)" });
    // stdio (the default): the client that starts the gateway is its only caller.
    expect(authn(["mcp", "gateway", "run", "--servers=fetch"])).toBeUndefined();
    expect(authn(["mcp", "gateway", "run", "--servers=fetch", "--transport=sse", "--allow-unauthenticated"])).toEqual({ required: false, mode: "none" });
  });

  it("a named server list with default flags is clean", () => {
    const s = gateway(["mcp", "gateway", "run", "--servers=github,notes", "--tools", "github:get_issue"]);
    expect(dockerGatewaySettings(s)).toEqual([]);
    expect(dockerGatewayPolicy(s)).toMatchObject({ defaultDecision: "deny", defaultReason: "--servers names the enabled servers (others are not started)" });
    expect(dockerGatewaySettings(gateway(["run", "-i", "mcp/github"]))).toEqual([]);
  });
});

describe("the Docker MCP gateway run from its image", () => {
  it("docker run ... docker/mcp-gateway <flags> (the usual Claude Desktop entry): the flags after the image are the gateway's", () => {
    const args = ["run", "-i", "--rm", "-v", "/var/run/docker.sock:/var/run/docker.sock", "docker/mcp-gateway", "--catalog=/mcp/catalogs/docker-mcp.yaml", "--enable-all-servers", "--log-calls=false", "--transport=stdio"];
    const text = JSON.stringify({ mcpServers: { "mcp-toolkit-gateway": { command: "docker", args } } }, null, 2);
    const r = scanSources([{ path: ".mcp.json", text }]);
    const s = r.model.servers[0];
    if (!s) throw new Error("no server");
    expect(isDockerMcpGateway(s)).toBe(true);
    expect(dockerGatewaySettings(s).map((x) => `${x.key}=${x.value} ${x.loc.line}:${x.loc.column}`)).toEqual(["--enable-all-servers=true 13:9"]);
    expect(dockerGatewayPolicy(s)).toMatchObject({ client: "docker-mcp", defaultDecision: "allow" });
    expect(findingRows(r, ["missing-default-deny", "permissive-setting", "gateway-audit-off"])).toEqual(["missing-default-deny 13:9", "permissive-setting 13:9", "gateway-audit-off 14:9"]);
    // docker's own flags before the image, and other images, are not the gateway's
    const other = scanSources([{ path: ".mcp.json", text: JSON.stringify({ mcpServers: { gh: { command: "docker", args: ["run", "-i", "--rm", "ghcr.io/github/github-mcp-server", "--enable-all-servers"] } } }) }]).model.servers[0];
    expect(other && isDockerMcpGateway(other)).toBe(false);
  });

  it("a Kubernetes container of docker/mcp-gateway: its args are the gateway's flags", () => {
    const text = deployment("mcp-gateway", [
      "      - name: gateway",
      "        image: docker/mcp-gateway:v0.20.0",
      "        args:",
      "          - --transport=streaming",
      "          - --servers=duckduckgo,fetch",
      "          - --allow-unauthenticated",
    ]);
    const r = scanSources([{ path: "k8s/gateway.yaml", text }]);
    expect(r.model.policies.map((p) => `${p.client} ${p.defaultDecision}`)).toEqual(["docker-mcp allow"]);
    expect(findingRows(r, ["missing-default-deny", "permissive-setting"])).toEqual(["missing-default-deny 13:13", "permissive-setting 13:13"]);
  });
});

describe("credentials in the args and URL of gateway-declared servers", () => {
  it("a catalog entry's `--api-key X` and a remote's `?api_key=` are credentials, reported when literal", () => {
    const key = fakeOpaqueKey("docker-catalog-arg", 40);
    const lines = [
      "registry:",
      "  acme-notes:",
      `    image: acme/notes-mcp@sha256:${"0".repeat(64)}`,
      "    disableNetwork: true",
      `    command: ["--api-key", "${key}", "--region", "{{acme-notes.region}}"]`,
      "  acme-remote:",
      "    remote:",
      `      url: "https://mcp.acme.example/mcp?api_key=${key.slice(0, 32)}"`,
      "",
    ];
    const r = scanSources([{ path: ".docker/mcp/catalogs/acme.yaml", text: lines.join("\n") }]);
    expect(credentialRows(r, "acme-notes")).toEqual([{ key: "--api-key", ref: "literal", line: 5 }]);
    expect(credentialRows(r, "acme-remote")).toEqual([{ key: "url", ref: "literal", line: 8 }]);
    const hits = r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => `${f.server?.name} ${f.loc.line}:${f.loc.column}`);
    expect(hits).toEqual([`acme-notes 5:${(lines[4] as string).indexOf(key) + 1}`, `acme-remote 8:${(lines[7] as string).indexOf("api_key=") + 9}`]);
  });

  it("a ToolHive MCPServer's `--token` arg is a credential (a reference here)", () => {
    const text = [
      "apiVersion: toolhive.stacklok.dev/v1alpha1",
      "kind: MCPServer",
      "metadata: { name: notes }",
      "spec:",
      "  image: ghcr.io/acme/notes-mcp:1.2.3",
      '  args: ["--token", "${NOTES_TOKEN}"]',
      "",
    ].join("\n");
    const r = scanSources([{ path: "deploy/notes.yaml", text }]);
    expect(credentialRows(r, "notes")).toEqual([{ key: "--token", ref: "env:NOTES_TOKEN", line: 6 }]);
  });
});
