/**
 * The client audit corpus (fixtures/clients/<client>/real-*, real public files of the less-covered
 * clients, sources in fixtures/clients/REAL-SOURCES.txt): every server found per file (client,
 * name, transport, disabled) and every finding (rule, line:column, server), as judged by hand against
 * MCP-CONFIG-FORMATS.md and each client's docs. A change here is a change of judgement: check it
 * against the client's docs before updating the table. Files that give nothing (a Gemini settings file
 * with only `autoAccept`, Qwen Code settings that allow only built-in tools, Crush and opencode files with no MCP server, a bare server object in a
 * Continue `mcpServers/*.json`, which Continue's schema rejects) are absent from the table.
 */
import { describe, expect, it } from "vitest";
import { scan } from "../../../src/api.js";
import { REPO_ROOT } from "../../helpers.js";

describe("real client files (audit corpus)", () => {
  it("finds the servers, findings and diagnostics judged by hand", async () => {
    const r = await scan({ paths: ["fixtures/clients"], cwd: REPO_ROOT, lockFile: false });
    const real = (f: string) => f.includes("/real-");
    const rows: Record<string, string[]> = {};
    const row = (file: string) => (rows[file.slice("fixtures/clients/".length)] ??= []);
    for (const s of r.model.servers) if (real(s.file)) row(s.file).push(`server ${s.client} ${s.name} ${s.transport}${s.enabled === false ? " disabled" : ""}`);
    for (const f of r.findings) if (real(f.loc.file)) row(f.loc.file).push(`${f.ruleId} ${f.loc.line}:${f.loc.column}${f.server ? ` ${f.server.name}` : ""}`);
    // The one diagnostic: a remote entry in Claude Desktop's file, which starts local servers only (never connected to).
    const diagnostics = r.diagnostics.filter((d) => d.file !== undefined && real(d.file)).map((d) => `${d.file?.slice("fixtures/clients/".length)} ${d.code} ${d.loc?.line}:${d.loc?.column}`);
    expect(diagnostics).toEqual(["claude-desktop/real-book-api/claude_desktop_config.json config 17:5"]);
    expect(Object.fromEntries(Object.entries(rows).sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual({
      "amazon-q/real-awslabs/.amazonq/mcp.json": [
        "server amazon-q cost-explorer stdio"
      ],
      "amazon-q/real-creator-flow/.amazonq/mcp.json": [
        "server amazon-q serena stdio",
        "server amazon-q playwright stdio",
        "unpinned-package 9:26 serena",
        "unpinned-package 20:16 playwright"
      ],
      "amazon-q/real-eks/.amazonq/mcp.json": [
        "server amazon-q awslabs.eks-mcp-server stdio",
        "server amazon-q awslabsfinch-mcp-server stdio",
        "server amazon-q awslabs.aws-documentation-mcp-server stdio disabled",
        "server amazon-q awslabs.aws-diagram-mcp-server stdio disabled",
        "server amazon-q amzn-mcp stdio disabled",
        "unpinned-package 7:9 awslabs.eks-mcp-server",
        "broad-resource-access 9:9 awslabs.eks-mcp-server",
        "unpinned-package 20:9 awslabsfinch-mcp-server",
        "unpinned-package 28:9 awslabs.aws-documentation-mcp-server",
        "unpinned-package 38:9 awslabs.aws-diagram-mcp-server"
      ],
      "amazon-q/real-promptz/.amazonq/mcp.json": [
        "server amazon-q powertools-typescript-docs stdio",
        "server amazon-q playwright stdio",
        "unpinned-package 7:9 powertools-typescript-docs",
        "unpinned-package 16:9 playwright"
      ],
      "amp/real-emmaneugene/skills/web-browser/mcp.json": [
        "server amp playwright stdio",
        "unpinned-package 4:14 playwright"
      ],
      // The action's own workflow hands its base action (`uses: ./base-action`, no claude-code-action name) a one-line mcp_config.
      "claude-code-action/real-anthropics/.github/workflows/test-mcp-servers.yml": [
        "server github-action test-server stdio"
      ],
      // enableAllProjectMcpServers, enabledMcpjsonServers and six mcp__<server> allows: each approves without a prompt.
      "claude-code/real-acd/.claude/settings.json": [
        "permissive-setting 3:33",
        "permissive-setting 4:28",
        "permissive-setting 17:7",
        "permissive-setting 18:7",
        "permissive-setting 19:7",
        "permissive-setting 20:7",
        "permissive-setting 21:7",
        "permissive-setting 22:7"
      ],
      // Roo Code's `alwaysAllow` in a Claude Code file: Claude Code's server entries have no approval field, every tool still prompts.
      "claude-code/real-ahk-mcp/.mcp.json": [
        "server claude-code ahk stdio",
        "server claude-code ahk-server stdio"
      ],
      "claude-code/real-jenkins/.mcp.json": [
        "server claude-code jenkins http",
        "plain-http-remote 5:14 jenkins",
        "unexpanded-reference 7:26 jenkins"
      ],
      // The `url` entry (beside a nested `transport: { "type": "http" }`) is never connected to: Claude Desktop starts local
      // servers only from this file. It is the diagnostic above, not a server.
      "claude-desktop/real-book-api/claude_desktop_config.json": [
        "server claude-desktop book-api-mcp-server-dotnet stdio",
        "unpinned-package 14:9 book-api-mcp-server-dotnet"
      ],
      "claude-desktop/real-johanwulf/Library/Application Support/Claude/claude_desktop_config.json": [
        "server claude-desktop sequential-thinking stdio",
        "server claude-desktop filesystem stdio",
        "server claude-desktop desktop-commander stdio",
        "unpinned-package 5:22 sequential-thinking",
        "unpinned-package 11:9 filesystem",
        "broad-resource-access 13:9 filesystem",
        "unpinned-package 20:22 desktop-commander"
      ],
      "cline/real-clineconfig/cline_mcp_settings.json": [
        "server cline github.com/upstash/context7-mcp stdio",
        "unpinned-package 8:9 github.com/upstash/context7-mcp"
      ],
      // `alwaysAllow` is Roo Code's key: Cline's schema reads `autoApprove` only, so these tools still prompt.
      "cline/real-danilofreire/cline_mcp_settings.json": [
        "server cline tavily-search stdio",
        "server cline playwright stdio",
        "unpinned-package 19:9 playwright"
      ],
      "cline/real-safe-ssh/cline_mcp_settings.json": [
        "server cline safe-ssh-mcp stdio"
      ],
      "codex/real-aido/.codex/config.toml": [
        "server codex specd stdio",
        "broad-resource-access 2:14 specd"
      ],
      "codex/real-garment/.codex/config.toml": [
        "server codex valentina_cad stdio",
        "server codex garmentcode_cad stdio",
        "broad-resource-access 1:14 valentina_cad",
        "broad-resource-access 5:14 garmentcode_cad"
      ],
      "codex/real-ipykernel/.codex/config.toml": [
        "server codex ipykernel stdio",
        "broad-resource-access 1:14 ipykernel"
      ],
      "codex/real-mcp-tracker/.codex/config.toml": [
        "server codex mcp-tracker stdio",
        "broad-resource-access 1:14 mcp-tracker"
      ],
      "codex/real-rsydn/.codex/config.toml": [
        "permissive-setting 10:15",
        "permissive-setting 13:15"
      ],
      "codex/real-zhuyao/.codex/config.toml": [
        "server codex context7 stdio",
        "server codex filesystem stdio",
        "broad-resource-access 1:14 context7",
        "unpinned-package 5:5 context7",
        "broad-resource-access 8:14 filesystem",
        "unpinned-package 12:5 filesystem",
        "broad-resource-access 14:5 filesystem"
      ],
      "continue/real-continuedev/.continue/mcpServers/continue-docs-mcp.yaml": [
        "server continue Continue Docs Search stdio"
      ],
      "continue/real-continuedev/.continue/mcpServers/linear-mcp.yaml": [
        "server continue Linear stdio",
        "unpinned-package 8:12 Linear",
        "unexpanded-reference 10:23 Linear"
      ],
      "continue/real-serveur-mcp/.continue/config.yaml": [
        "server continue network-security stdio"
      ],
      "crush/real-basic-memory/crush.json": [
        "server crush basic-memory stdio",
        "server crush apple-mail stdio",
        "tool-auto-approval 41:7 basic-memory",
        "tool-auto-approval 42:7 basic-memory",
        "tool-auto-approval 43:7 basic-memory"
      ],
      "crush/real-screentime/crush.json": [
        "server crush screentime_mcp stdio"
      ],
      "crush/real-tls-cert/crush.json": [
        "server crush gopls stdio",
        "server crush deepwiki sse",
        "server crush x509_resolver stdio",
        "unauthenticated-remote 16:14 deepwiki"
      ],
      "gemini-cli/real-expo/.gemini/settings.json": [
        "server gemini-cli expo http",
        "missing-default-deny 1:1",
        "broad-resource-access 17:5 expo",
        "unauthenticated-remote 18:18 expo"
      ],
      "gemini-cli/real-hartonomous/.gemini/settings.json": [
        "server gemini-cli qdrant stdio",
        "server gemini-cli pinecone stdio",
        "missing-default-deny 1:1",
        "broad-resource-access 3:5 qdrant",
        "broad-resource-access 15:5 pinecone",
        "unpinned-package 17:22 pinecone"
      ],
      "gemini-cli/real-laravel-demo/.gemini/settings.json": [
        "server gemini-cli specd stdio",
        "missing-default-deny 1:1",
        "broad-resource-access 3:5 specd"
      ],
      "gemini-cli/real-liferay/.gemini/settings.json": [
        "server gemini-cli liferay sse",
        "missing-default-deny 1:1",
        "broad-resource-access 6:5 liferay"
      ],
      "gemini-cli/real-qt-mcp/.gemini/settings.json": [
        "server gemini-cli coder stdio",
        "missing-default-deny 1:1",
        "broad-resource-access 3:5 coder"
      ],
      "gh-aw/real-gh-aw/.github/workflows/shared/mcp/azure-devops.md": [
        "server gh-aw azure-devops http",
        "tool-auto-approval 22:7 azure-devops"
      ],
      "gh-aw/real-gh-aw/.github/workflows/shared/mcp/serena.md": [
        "server gh-aw serena container",
        "broad-resource-access 21:3 serena",
        "unpinned-package 22:16 serena",
        "broad-resource-access 24:9 serena"
      ],
      "goose/real-goose-cookbook/documentation/src/pages/recipes/data/recipes/use-openmetadata.yaml": [
        "server goose openmetadata stdio",
        "unpinned-package 11:5 openmetadata"
      ],
      "goose/real-mondo/.config/goose/config.yaml": [
        "server goose git stdio disabled",
        "missing-default-deny 1:1",
        "unpinned-package 15:7 git"
      ],
      "goose/real-phatblat/.config/goose/config.yaml": [
        "server goose Puppeteer stdio",
        "missing-default-deny 1:1",
        "unpinned-package 7:7 Puppeteer"
      ],
      "goose/real-tstapler/.config/goose/config.yaml": [
        "server goose aider stdio disabled",
        "server goose atlassian stdio disabled",
        "server goose context7 stdio",
        "server goose filesystem stdio disabled",
        "server goose slack stdio disabled",
        "unpinned-package 9:7 aider",
        "unpinned-package 22:7 atlassian",
        "unauthenticated-remote 23:7 atlassian",
        "unpinned-package 36:7 context7",
        "unpinned-package 56:7 filesystem",
        "unpinned-package 70:7 slack"
      ],
      "jetbrains/real-housekeepr/.junie/mcp/mcp.json": [
        "server jetbrains laravel-boost stdio"
      ],
      "kiro/real-act-placemat/.kiro/settings/mcp.json": [
        "server kiro notion stdio",
        "unpinned-package 5:16 notion",
        "hardcoded-secret 7:26 notion"
      ],
      "kiro/real-asu/.kiro/settings/mcp.json": [
        "server kiro mcp-atlassian stdio",
        "server kiro figma http",
        "server kiro asu-unity-react-core http",
        "server kiro asu-component-news http",
        "unpinned-package 5:16 mcp-atlassian",
        "unexpanded-reference 8:26 mcp-atlassian",
        "unexpanded-reference 9:27 mcp-atlassian",
        "unexpanded-reference 11:32 mcp-atlassian",
        "unexpanded-reference 12:33 mcp-atlassian"
      ],
      "kiro/real-call-center/.kiro/settings/mcp.json": [
        "server kiro aws-docs stdio",
        "server kiro aws-cli stdio",
        "unpinned-package 5:16 aws-docs",
        "unpinned-package 15:16 aws-cli"
      ],
      "kiro/real-ecs/.kiro/settings/mcp.json": [
        "server kiro awslabs.ecs-mcp-server stdio",
        "unpinned-package 5:26 awslabs.ecs-mcp-server"
      ],
      "kiro/real-juanie/.kiro/settings/mcp.json": [
        "server kiro figma stdio",
        "unpinned-package 5:22 figma",
        "hardcoded-secret 7:41 figma"
      ],
      "kiro/real-k8s-coffee/.kiro/settings/mcp.json": [
        "server kiro aws-docs stdio",
        "server kiro git-docs stdio",
        "unpinned-package 6:9 aws-docs",
        "unpinned-package 17:9 git-docs"
      ],
      // build_run_macos runs the app it builds: auto-approved, it changes state; the discovery and build tools are left.
      "kiro/real-time-trace/.kiro/settings/mcp.json": [
        "server kiro XcodeBuildMCP stdio",
        "server kiro macos-ui-automation stdio",
        "unpinned-package 7:9 XcodeBuildMCP",
        "tool-auto-approval 10:22 XcodeBuildMCP"
      ],
      // call_aws runs any AWS CLI command (the AWS API MCP server's tool), add_code_connect_map writes to Figma; the docs and git reads are no finding.
      "kiro/real-ymca/.kiro/settings/mcp.json": [
        "server kiro aws-api stdio",
        "server kiro aws-docs stdio",
        "server kiro git stdio",
        "server kiro figma stdio",
        "unpinned-package 6:9 aws-api",
        "tool-auto-approval 14:22 aws-api",
        "unpinned-package 21:9 aws-docs",
        "unpinned-package 40:9 git",
        "unpinned-package 52:8 figma",
        "tool-auto-approval 59:20 figma"
      ],
      // The user's global config: its permission rules name built-in tools only, so opencode's own `"*": "allow"` runs brave-search's tools unprompted.
      "opencode/real-0xgurg/.config/opencode/opencode.json": [
        "server opencode brave-search stdio",
        "missing-default-deny 1:1"
      ],
      "opencode/real-opencode-config/opencode.json": [
        "server opencode atlassian-rovo http disabled",
        "server opencode chrome-devtools stdio disabled",
        "server opencode gitlab stdio disabled",
        "server opencode sauron stdio",
        "server opencode slack stdio",
        "unpinned-package 29:32 chrome-devtools",
        "unpinned-package 49:9 slack"
      ],
      // A bare `url` is SSE in Qwen Code (as in Gemini CLI); the Bash(...) allows govern no MCP tool.
      "qwen-code/real-0xstack/.qwen/settings.json": [
        "server qwen-code dodo-knowledge stdio",
        "server qwen-code dodopayments stdio",
        "server qwen-code stripe sse",
        "missing-default-deny 1:1",
        "broad-resource-access 10:5 dodo-knowledge",
        "unpinned-package 14:9 dodo-knowledge",
        "unauthenticated-remote 15:9 dodo-knowledge",
        "broad-resource-access 18:5 dodopayments",
        "unpinned-package 22:9 dodopayments",
        "unauthenticated-remote 23:9 dodopayments",
        "broad-resource-access 26:5 stripe",
        "unauthenticated-remote 27:14 stripe"
      ],
      "qwen-code/real-telegram/.qwen/settings.json": [
        "server qwen-code lisp-dev stdio",
        "missing-default-deny 1:1",
        "broad-resource-access 3:5 lisp-dev"
      ],
      "roo-code/real-aicontext/.roo/mcp.json": [
        "server roo-code context7 stdio",
        "server roo-code deepwiki http",
        "server roo-code wikidata http",
        "server roo-code sonarqube stdio",
        "unpinned-package 1:57 context7",
        "unauthenticated-remote 1:235 deepwiki",
        "unauthenticated-remote 1:401 wikidata",
        "unpinned-package 1:709 sonarqube",
        "unexpanded-reference 1:751 sonarqube",
        "unexpanded-reference 1:800 sonarqube",
        "tool-auto-approval 1:846 sonarqube"
      ],
      "roo-code/real-keybound/.roo/mcp.json": [
        "server roo-code fetch stdio disabled",
        "server roo-code context7 stdio",
        "server roo-code memory stdio",
        "unpinned-package 9:5 fetch",
        "unpinned-package 20:5 context7",
        "unpinned-package 32:5 memory",
        "tool-auto-approval 34:19 memory"
      ],
      "roo-code/real-mnga/.roo/mcp.json": [
        "server roo-code sosumi http",
        "unauthenticated-remote 5:14 sosumi"
      ],
      "roo-code/real-n8n/.roo/mcp.json": [
        "server roo-code n8n-mcp-server stdio",
        "unpinned-package 4:18 n8n-mcp-server"
      ],
      "roo-code/real-smart-tree/.roo/mcp.json": [
        "server roo-code smart-tree stdio"
      ],
      "vscode/real-forti/.vscode/mcp.json": [
        "server vscode fortigate-mcp stdio",
        "unpinned-package 6:35 fortigate-mcp"
      ],
      "windsurf/real-chisanan/.windsurf/mcp_config.json": [
        "server windsurf fetch stdio",
        "server windsurf github-mcp-server stdio",
        "server windsurf slack stdio",
        "server windsurf sonarqube stdio",
        "server windsurf jira http disabled",
        "unpinned-package 5:9 fetch",
        "unpinned-package 16:9 github-mcp-server",
        "unpinned-package 32:9 slack",
        "unpinned-package 51:9 sonarqube"
      ],
      "windsurf/real-effectpatterns/.windsurf/mcp_config.json": [
        "server windsurf next-devtools stdio",
        "server windsurf effect-patterns stdio",
        "unpinned-package 7:9 next-devtools"
      ],
      "windsurf/real-mariadb/.windsurf/mcp_config.json": [
        "server windsurf mcp-mariadb stdio",
        "unpinned-package 15:9 mcp-mariadb"
      ],
      "zed/real-0spura/.config/zed/settings.json": [
        "permissive-setting 30:28"
      ],
      // session.trust_all_worktrees; the tool_permissions entries name built-in tools (write_file, terminal), not MCP ones.
      "zed/real-anjanj/.config/zed/settings.json": [
        "server zed rails-ai-context stdio",
        "server zed git stdio",
        "server zed sequential-thinking stdio",
        "permissive-setting 3:28",
        "unpinned-package 38:9 rails-ai-context",
        "unpinned-package 45:9 git",
        "unpinned-package 53:9 sequential-thinking"
      ],
      // Audit clientfmt. The IDE agent file: servers beside no allowedTools; pnpm dlx packages pinned.
      "amazon-q/real-gs1/.amazonq/default.json": [
        "server amazon-q filesystem stdio",
        "server amazon-q git stdio",
        "server amazon-q openai_docs http",
        "server amazon-q github http",
        "unauthenticated-remote 18:14 openai_docs",
        "unauthenticated-remote 22:14 github"
      ],
      // bearer_token_env_var is the credential; the static http_headers name the client and repository.
      "codex/real-murmur/.codex/config.toml": [
        "server codex murmur http",
        "broad-resource-access 1:14 murmur"
      ],
      // Copilot CLI: `tools: ["*"]` offers every tool (each call still asked); github's named list does not.
      "copilot/real-natoboram/.copilot/mcp-config.json": [
        "server copilot context7 sse",
        "server copilot deepwiki sse",
        "server copilot exa http",
        "server copilot github http",
        "server copilot grep http",
        "broad-resource-access 5:13 context7",
        "unauthenticated-remote 7:11 context7",
        "broad-resource-access 11:13 deepwiki",
        "unauthenticated-remote 13:11 deepwiki",
        "broad-resource-access 17:13 exa",
        "unauthenticated-remote 19:11 exa",
        "unauthenticated-remote 31:11 github",
        "broad-resource-access 35:13 grep",
        "unauthenticated-remote 37:11 grep"
      ],
      // Claude Code's permissions.allow and enableAllProjectMcpServers copied here: Gemini CLI reads neither.
      "gemini-cli/real-abap/.gemini/settings.json": [
        "server gemini-cli abap stdio",
        "server gemini-cli abap-docs http",
        "server gemini-cli sap-docs http",
        "missing-default-deny 1:1",
        "broad-resource-access 3:5 abap",
        "broad-resource-access 15:5 abap-docs",
        "unauthenticated-remote 17:14 abap-docs",
        "broad-resource-access 19:5 sap-docs",
        "unauthenticated-remote 21:14 sap-docs"
      ],
      // jbang's jdbc server takes the password attached to -p (made up here).
      "goose/real-msbaek/.config/goose/config.yaml": [
        "server goose shop-db stdio",
        "missing-default-deny 1:1",
        "hardcoded-secret 14:11 shop-db"
      ],
      // `type: platform` extensions run inside Goose (no server); streamable_http's `uri` is the URL.
      "goose/real-theherk/.config/goose/config.yaml": [
        "server goose semble stdio",
        "server goose atlassian http",
        "missing-default-deny 1:1",
        "unpinned-package 27:9 semble",
        "unauthenticated-remote 37:10 atlassian"
      ],
      // interface.mcpServers (use/share/create/public) is the permission block for user-made servers, not servers.
      "librechat/real-clickhouse/librechat.yaml": [
        "server librechat ClickHouse-Local http",
        "server librechat ClickHouse-Cloud http",
        "plain-http-remote 35:10 ClickHouse-Local",
        "shared-upstream-key 38:22 ClickHouse-Local",
        "unauthenticated-remote 41:10 ClickHouse-Cloud"
      ]
    });
  });
});
