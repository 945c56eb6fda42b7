import { describeLoaders, fileLoaders, loaderContext, loadersOfHit, reportedSecrets } from "../../engine/model.js";
import { defineRule } from "../../engine/rule.js";
import { JWT_IO_EXAMPLE } from "../../secrets/placeholders.js";
import { fakeGitHubToken, fakeGoogleApiKey, fakeJwtSignedWith, fakeUuid, fakeOpaqueKey, fakeSlackBotToken } from "../fake-secrets.js";

/** Detectors of keys that are public by design: Firebase's web API key identifies the project to clients. */
const PUBLIC_BY_DESIGN: ReadonlySet<string> = new Set(["firebase-api-key"]);

export default defineRule({
  id: "hardcoded-secret",
  meta: {
    title: "Literal credential in a file",
    name: "HardcodedSecret",
    description:
      "A credential (API key, token, password, private key) is written into a file as a literal. Everyone who can read the repository or the machine can use it, it ends up in history and backups, and it cannot be rotated per workload. In an MCP configuration it also means the server runs under whoever pasted the token, not under a workload identity.",
    category: "hardcoded-secret",
    level: "error",
    precision: "high",
    securitySeverity: 9.5,
    help:
      "Revoke and rotate the credential now: it is exposed. Then reference it instead of pasting it: `${env:NAME}` or `${input:id}` (VS Code, Cursor, Cline, Roo, Windsurf), `${NAME}` (Claude Code, Kiro, Gemini), `bearer_token_env_var`/`env_vars` (Codex), `${{ secrets.NAME }}` (Continue), `env_keys` (Goose), `secretKeyRef` (Kubernetes), `{ file: ... }` (agentgateway). Prefer short-lived, per-workload credentials (OAuth, workload identity) to personal tokens. A Firebase client API key (`firebase-api-key`, a note) is the exception: public by design, so rotating it protects nothing; restrict it instead (API restrictions that allow only the Firebase APIs the app calls, and App Check).",
    cwe: ["CWE-798"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-01"],
    references: ["https://cwe.mitre.org/data/definitions/798.html", "https://modelcontextprotocol.io/specification/draft/basic/security_best_practices"],
    tags: ["secret"],
  },
  messages: {
    server: "{title} written literally in {where} of MCP server '{server}' ({client}): {preview} (fingerprint {hash}). Reference it from the environment or a secret store instead.",
    file: "{title} in this file{where}: {preview} (fingerprint {hash}). Move it to a secret store and rotate it.",
    publicKey: "{title} in this file{where}: {preview} (fingerprint {hash}). It is public by design: restrict it rather than rotate it (API restrictions that allow only the Firebase APIs the app calls, and App Check).",
    loaded: "{title} in this file{where}: {preview} (fingerprint {hash}), loaded by MCP {servers}: their credential, written out in this file however their configuration references it. Move it to a secret store, rotate it, and reference it instead.",
  },
  check(model, ctx) {
    const loaders = fileLoaders(model);
    for (const hit of reportedSecrets(model)) {
      const level = hit.confidence === "high" ? "error" : hit.confidence === "medium" ? "warning" : "note";
      const data = { title: hit.title, preview: hit.preview, hash: hit.hash };
      const secret = { preview: hit.preview, hash: hit.hash, provider: hit.detector };
      if (hit.server) {
        ctx.report({
          messageId: "server",
          data: { ...data, where: hit.source === "url" ? "the URL" : hit.key && !hit.title.includes(hit.key) ? `${hit.source} '${hit.key}'` : hit.source, server: hit.server.name, client: hit.server.client },
          loc: hit.loc,
          identity: `${hit.server.name}\u0000${hit.key ?? ""}\u0000${hit.hash}`,
          server: { name: hit.server.name, client: hit.server.client },
          level,
          secret,
        });
      } else {
        const where = hit.key && !hit.title.includes(hit.key) ? ` under '${hit.key}'` : "";
        const identity = `${hit.key ?? ""}\u0000${hit.hash}`;
        const loads = loadersOfHit(loaders, hit);
        // A key that apps ship to every client is restricted, not rotated (the help says so too).
        if (PUBLIC_BY_DESIGN.has(hit.detector)) ctx.report({ messageId: "publicKey", data: { ...data, where }, loc: hit.loc, identity, level, secret, ...(loads.length ? loaderContext(loads) : {}) });
        else if (loads.length) ctx.report({ messageId: "loaded", data: { ...data, where, servers: describeLoaders(loads) }, loc: hit.loc, identity, level, secret, ...loaderContext(loads) });
        else ctx.report({ messageId: "file", data: { ...data, where }, loc: hit.loc, identity, level, secret });
      }
    }
  },
  examples: {
    bad: [
      {
        // A LiteLLM proxy's upstream key written in its config.yaml, and its master key.
        file: "litellm/config.yaml",
        code: `model_list: []
mcp_servers:
  zapier:
    url: https://actions.zapier.com/mcp/sse
    auth_type: api_key
    auth_value: ${fakeOpaqueKey("litellm-zapier", 40)}
general_settings:
  master_key: sk-${fakeOpaqueKey("litellm-master", 32)}
`,
        expect: { line: 6, column: 17, count: 2 },
      },
      {
        // A Zapier MCP server URL is its own credential: the key is a path segment.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "zapier": { "url": "https://mcp.zapier.com/api/mcp/s/${fakeOpaqueKey("zapier", 64)}/mcp" } } }\n`,
        expect: { line: 1, column: 72 },
      },
      {
        // So is Make's: its MCP token is the UUID in the path.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "make": { "url": "https://us2.make.com/mcp/api/v1/u/${fakeUuid("make")}/sse" } } }\n`,
        expect: { line: 1, column: 71 },
      },
      {
        // And Firecrawl's hosted server's: its API key is the first path segment.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "firecrawl": { "url": "https://mcp.firecrawl.dev/fc-${fakeUuid("firecrawl").replace(/-/g, "")}/v2/mcp" } } }\n`,
        expect: { line: 1, column: 68 },
      },
      {
        // Twilio's MCP server takes ACCOUNT_SID/API_KEY:API_SECRET as one argument: the API key SID, then after the colon the key's secret.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "twilio": { "command": "npx", "args": ["-y", "@twilio-alpha/mcp@0.7.0", "AC${fakeUuid("twilio-account").replace(/-/g, "")}/SK${fakeUuid("twilio-key").replace(/-/g, "")}:${fakeOpaqueKey("twilio", 32)}"] } } }\n`,
        expect: { line: 1, column: 127, count: 2 },
      },
      {
        // A literal fallback is the credential whenever the variable is unset.
        file: ".mcp.json",
        code: `{ "mcpServers": { "github": { "command": "github-mcp-server", "env": { "GITHUB_TOKEN": "\${GITHUB_TOKEN:-${fakeGitHubToken("ghp", "fallback")}}" } } } }\n`,
        expect: { line: 1, column: 105 },
      },
      {
        // So is a Helm template action's `default`: Helm renders it whenever the chart's value is empty.
        file: "charts/db-mcp/templates/deployment.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "db-mcp.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: db-mcp
          env:
            {{- if .Values.db.existingSecret }}
            - name: DB_PASSWORD
              valueFrom: { secretKeyRef: { name: db, key: password } }
            {{- else }}
            - name: DB_PASSWORD
              value: {{ .Values.db.password | default "Xk9#mQ2vL8pZr4Tw" | quote }}
            {{- end }}
`,
        expect: { line: 16, column: 56 },
      },
      {
        file: "src/agent.ts",
        code: `import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
const transport = new StdioClientTransport({
  command: "acme-notes-mcp",
  env: { NOTES_API_KEY: process.env.NOTES_API_KEY ?? "${["Qm7vX2pLr9", "TzW4kB8nYe"].join("")}" },
});
`,
        expect: { line: 4, column: 55 },
      },
      {
        // mcp-use sends an entry's authToken as its bearer token.
        file: "src/agent.ts",
        code: `import { MCPClient } from "mcp-use";
const client = new MCPClient({ mcpServers: { tickets: { url: "https://tickets.example.com/mcp", authToken: "${fakeOpaqueKey("mcp-use", 36)}" } } });
`,
        expect: { line: 2, column: 109 },
      },
      {
        file: "claude_desktop_config.json",
        code: `{
  "mcpServers": {
    "github": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-github"],
      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken()}" }
    }
  }
}
`,
        expect: { line: 6, column: 49 },
      },
      {
        // An mcp.json kept in a Kubernetes ConfigMap: the token where it is written, inside the block scalar.
        file: "k8s/agent-mcp.yaml",
        code: `apiVersion: v1
kind: ConfigMap
metadata: { name: agent-mcp }
data:
  mcp.json: |
    { "mcpServers": { "github": { "command": "github-mcp-server",
        "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${fakeGitHubToken("ghp", "configmap-example")}" } } } }
`,
        expect: { line: 7, column: 51 },
      },
      {
        file: ".vscode/mcp.json",
        code: `{
  "servers": {
    "slack": { "type": "http", "url": "https://mcp.example.com/slack",
      "headers": { "Authorization": "Bearer ${fakeSlackBotToken()}" } }
  }
}
`,
        expect: { line: 4, column: 45 },
      },
      {
        // A Firebase client configuration's API key is public by design: a note (check its API restrictions).
        file: "web/src/firebase.js",
        code: `const firebaseConfig = {\n  apiKey: "${fakeGoogleApiKey("firebase")}",\n  authDomain: "demo-3f2a1.firebaseapp.com",\n};\n`,
        expect: { line: 2, column: 12 },
      },
      {
        // A committed environment file that a server loads: the configuration references, the file holds the value.
        file: "config/mcp.env",
        code: `LOG_LEVEL=info\nGITHUB_PERSONAL_ACCESS_TOKEN=${fakeGitHubToken("ghp", "envfile")}\n`,
        extraFiles: {
          ".vscode/mcp.json": `{ "servers": { "github": { "command": "github-mcp-server", "args": ["stdio"], "envFile": "\${workspaceFolder}/config/mcp.env" } } }\n`,
        },
        expect: { line: 2, column: 30 },
      },
      {
        // Terraform state holds a random_password's result in clear: committed, it is the password.
        file: "infra/terraform.tfstate",
        code: `{
  "version": 4,
  "resources": [
    {
      "mode": "managed",
      "type": "random_password",
      "name": "db",
      "instances": [
        { "attributes": { "id": "none", "length": 20, "result": "${fakeOpaqueKey("tfstate", 20)}" }, "sensitive_attributes": [] }
      ]
    }
  ]
}
`,
        expect: { line: 9, column: 66 },
      },
      {
        // A Rails master key: the 32 hex digits that decrypt config/credentials.yml.enc.
        file: "config/master.key",
        code: `${fakeUuid("rails").replace(/-/g, "")}\n`,
        expect: { line: 1, column: 1 },
      },
      {
        // An escape is a separator: a token right after `\n` in a JSON string, or after `%3D` (an encoded `=`) in a URL, starts there.
        file: ".vscode/mcp.json",
        code: `{ "servers": { "gh": { "url": "https://mcp.example.com/mcp?token%3D${fakeGitHubToken("ghp", "escaped-url")}", "env": { "MOTD": "line1\\n${fakeGitHubToken("ghp", "escaped-newline")}" } } } }\n`,
        expect: { line: 1, column: 68, count: 2 },
      },
      {
        // The documentation's `P@ssw0rd` inside a longer password is part of a password (the documentation's own, as in
        // `P@ssw0rd42` of the good examples, stays quiet).
        file: ".env",
        code: `DB_PASSWORD=Company@Passw0rd1\nADMIN_PASSWORD=Xk9#Passw0rd!2024prod\n`,
        expect: { line: 1, column: 13, count: 2 },
      },
      {
        // The plain word too: a password written to pass complexity rules (small and capital letters, a digit, a symbol)
        // with another word beside `Password` is a password (`MyStrongPassword1!` of the good examples, made of
        // placeholder words, stays quiet).
        file: ".env",
        code: `DB_PASSWORD=Company@Password1\n`,
        expect: { line: 1, column: 13, count: 1 },
      },
      {
        // X's app-only bearer token starts with 21 "A"s (zero bytes), which reads like a mask: its random tail decides.
        file: ".config/goose/config.yaml",
        code: `extensions:
  x:
    type: stdio
    cmd: npx
    args: [-y, x-mcp@1.0.0]
    envs:
      X_BEARER_TOKEN: ${"A".repeat(21)}M${fakeOpaqueKey("x-app", 3)}${"A".repeat(8)}${fakeOpaqueKey("x-mid", 30)}%3D${fakeOpaqueKey("x-tail", 50)}
`,
        expect: { line: 7, column: 23 },
      },
      {
        // The key of an Azure Service Bus (Event Hubs, IoT Hub) connection string.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "bus": { "command": "npx", "args": ["-y", "servicebus-mcp@1.0.0"], "env": { "SERVICE_BUS_CONNECTION_STRING": "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${fakeOpaqueKey("servicebus", 43)}=" } } } }\n`,
        expect: { line: 1, column: 234 },
      },
    ],
    good: [
      {
        // jwt.io's sample token pasted as "your key": a documentation example, not a Brave key (a keyed pattern once took its header for one).
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "brave": { "command": "npx", "args": ["-y", "@brave/brave-search-mcp-server@2.0.58"], "env": { "BRAVE_API_KEY": "${JWT_IO_EXAMPLE}" } } } }\n`,
      },
      {
        // A password an App Service reads from Key Vault: `@Microsoft.KeyVault(...)` is a reference, inside a connection string too.
        file: ".env",
        code: "DB_CONNECTION=Server=tcp:acme.database.windows.net;Database=notes;User ID=mcp;Password=@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)\n",
      },
      {
        // A value computed by a function call (Terraform's base64encode of a generated password): no literal credential.
        file: "infra/gateway.tf",
        code: 'resource "kubernetes_secret" "gateway" {\n  data = {\n    JWT_SECRET = base64encode(random_password.jwt.result)\n  }\n}\n',
      },
      {
        // A value SOPS encrypted in place: the file is decrypted before the client reads it.
        file: ".vscode/mcp.json",
        code: `{ "servers": { "gh": { "type": "http", "url": "https://api.githubcopilot.com/mcp/", "headers": { "Authorization": "ENC[AES256_GCM,data:${fakeOpaqueKey("sops-data", 60)},iv:${fakeOpaqueKey("sops-iv", 43)}=,tag:${fakeOpaqueKey("sops-tag", 22)}==,type:str]" } } } }\n`,
      },
      {
        // Keys a browser receives by design (a captcha's site key, Algolia's search-only key, Segment's write key,
        // Mixpanel's project token) and a switch named for a credential check are public: only their secrets are.
        file: ".env",
        code: `RECAPTCHA_SITE_KEY=6L${fakeOpaqueKey("site-key", 38)}\nALGOLIA_SEARCH_API_KEY=${fakeOpaqueKey("algolia-search", 32)}\nSEGMENT_WRITE_KEY=${fakeOpaqueKey("segment-write", 32)}\nMIXPANEL_TOKEN=${fakeOpaqueKey("mixpanel", 32)}\nDISABLE_AUTH=false\n`,
      },
      {
        // Passwords that documentation and compose files leave: placeholder words and short numbers around `Password`, or one case.
        file: ".env",
        code: `SA_PASSWORD=MyStrongPassword1!\nADMIN_PASSWORD=Admin@Password1\nPOSTGRES_PASSWORD=mysecretpassword\n`,
      },
      {
        // An escape of a letter, digit, `_` or `-` (`%41` is `A`) is no separator: what follows it is joined to the text before
        // it, as after the character itself, so no token starts there.
        file: "docs/links.txt",
        code: `https://mcp.example.com/mcp?ref=v1%41${fakeGitHubToken("ghp", "escaped-letter")}\n`,
      },
      {
        // A Helm chart template: its values are filled when the chart is rendered (control lines aside).
        file: "charts/github-mcp/templates/deployment.yaml",
        code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "github-mcp.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: github-mcp
          env:
            {{- range $key, $val := .Values.env }}
            - name: {{ $key }}
              value: {{ $val | quote }}
            {{- end }}
            - name: GITHUB_PERSONAL_ACCESS_TOKEN
              value: {{ .Values.github.token | quote }}
`,
      },
      {
        // LiteLLM's proxy reads a value that is `os.environ/NAME` from its environment: a reference, not a literal.
        file: "litellm/config.yaml",
        code: `model_list: []
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
mcp_servers:
  zapier:
    url: https://actions.zapier.com/mcp/sse
    auth_type: api_key
    auth_value: os.environ/ZAPIER_MCP_KEY
`,
      },
      {
        file: ".mcp.json",
        code: `{ "mcpServers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
  "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${GITHUB_PAT}" } } } }
`,
      },
      {
        file: ".vscode/mcp.json",
        code: `{ "inputs": [{ "type": "promptString", "id": "gh", "password": true }],
  "servers": { "github": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-github"],
    "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "\${input:gh}" } } } }
`,
      },
      {
        // Keys made for browsers: a Mapbox public token (pk.) and a PostHog project key (phc_).
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "maps": { "command": "npx", "args": ["-y", "@mapbox/mcp-server@0.2.0"],
  "env": { "MAPBOX_ACCESS_TOKEN": "pk.${Buffer.from(JSON.stringify({ u: "acme-maps", a: fakeOpaqueKey("mapbox", 25).toLowerCase() })).toString("base64url")}.${fakeOpaqueKey("mapbox-sig", 22)}", "POSTHOG_API_KEY": "phc_${fakeOpaqueKey("posthog", 43)}" } } } }
`,
      },
      {
        // The password READMEs leave in a connection string: `xxx` is no credential.
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "postgres": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://app:xxx@db.internal:5432/app"] } } }\n`,
      },
      {
        file: "claude_desktop_config.json",
        code: `{ "mcpServers": { "acme": { "command": "npx", "args": ["-y", "@acme/notes-mcp"],
  "env": { "ACME_API_KEY": "<YOUR_API_KEY>", "OTHER_TOKEN": "your-api-key-here" } } } }
`,
      },
      {
        // What READMEs leave where a credential goes: a phrase in another script (Korean for "enter the issued
        // n8n API key"), the documentation's password with symbols for letters, a JWT whose signature is
        // a few characters typed by hand (shorter than any algorithm's), the UUID documentation shows as "a UUID".
        file: ".cursor/mcp.json",
        code: `{ "mcpServers": { "workflows": { "command": "npx", "args": ["-y", "n8n-mcp@2.10.0"], "env": { "N8N_API_KEY": "\ubc1c\uae09\ubc1b\uc740_n8n_API_\ud0a4_\uc785\ub825" } },
  "warehouse": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-postgres@0.6.2", "postgresql://analyst:P@ssw0rd42@db.internal:5432/warehouse"] },
  "notes_api": { "command": "npx", "args": ["-y", "@acme/notes-api-mcp@0.3.1"], "env": { "NOTES_API_KEY": "123e4567-e89b-12d3-a456-426614174000" } },
  "notes": { "url": "https://notes.example.org/mcp", "headers": { "Authorization": "Bearer ${Buffer.from('{"alg":"HS256"}').toString("base64url")}.${Buffer.from('{"sub":"notes-reader"}').toString("base64url")}.q9Xv2LmT0b" } } } }
`,
      },
      {
        // A JWT signed with jwt.io's published key: anyone can mint it, so it is an example, not a credential.
        file: "test/auth.test.ts",
        code: `const token = "${fakeJwtSignedWith("your-256-bit-secret", "auth-test")}";\n`,
      },
      {
        // An SDK's map from parameter to HTTP header: the header's name is no key.
        file: "node_modules/aws-sdk/lib/services/s3.js",
        code: `var keys = { SSECustomerKey: 'x-amz-server-side-encryption-customer-key-MD5' };\n`,
      },
    ],
  },
});
