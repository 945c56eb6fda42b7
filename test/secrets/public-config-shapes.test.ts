/**
 * Shapes found in public MCP client configurations (an audit of real files;
 * the values here are built at test time and fake): what a user sees for
 * each, from the scan API as the CLI runs it.
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { inventoryJson } from "../../src/report/inventory.js";
import { Fake, b64urlOf } from "../../src/secrets/fake.js";

const f = new Fake("public-config-shapes");

/** A legacy Supabase API key of `role` in the platform's layout (issuer, project ref, ten-year expiry); signature fake. */
const supabaseKey = (role: string, ref = f.str("abcdefghijklmnopqrstuvwxyz", 20)): string =>
  `${b64urlOf('{"alg":"HS256","typ":"JWT"}')}.${b64urlOf(JSON.stringify({ iss: "supabase", ref, role, iat: 1751822440, exp: 2067398440 }))}.${f.b64url(43)}`;

function secretFindings(path: string, text: string) {
  return scanSources([{ path, text }])
    .findings.filter((x) => x.ruleId === "hardcoded-secret")
    .map((x) => ({ line: x.loc.line, level: x.level, provider: x.secret?.provider, server: x.server?.name }));
}

/** A client config with these server entries (one a line, from line 3), as the JSON clients write it. */
const mcpServersJson = (entries: readonly string[]): string => `{\n  "mcpServers": {\n${entries.map((e) => `    ${e}`).join(",\n")}\n  }\n}\n`;

describe("Supabase legacy API keys (JWTs) in a client config", () => {
  const ref = f.str("abcdefghijklmnopqrstuvwxyz", 20);
  const anon = supabaseKey("anon", ref);
  const service = supabaseKey("service_role", ref);
  const windsurf = [
    "{",
    '  "mcpServers": {',
    '    "supabase": {',
    '      "command": "npx",',
    '      "args": ["-y", "@supabase/mcp-server-supabase@0.5.5"],',
    '      "env": {',
    `        "SUPABASE_URL": "https://${ref}.supabase.co",`,
    `        "SUPABASE_ANON_KEY": "${anon}",`,
    `        "SUPABASE_SERVICE_ROLE_KEY": "${service}"`,
    "      }",
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");

  it("reports the service_role key as a Supabase secret at error, and not the anon key (the project's public key)", () => {
    expect(secretFindings(".windsurf/mcp_config.json", windsurf)).toEqual([{ line: 9, level: "error", provider: "supabase-service-role-key", server: "supabase" }]);
  });

  it("does not report an anon key under a credential-named key, an Authorization header or in source code", () => {
    const amazonQ = `{ "mcpServers": { "supabase": { "command": "uvx", "args": ["mcp-server-supabase==0.2.0"], "env": { "SUPABASE_KEY": "${anon}" } } } }\n`;
    expect(secretFindings(".amazonq/mcp.json", amazonQ)).toEqual([]);
    const http = `{ "mcpServers": { "rest": { "type": "http", "url": "https://${ref}.supabase.co/functions/v1/mcp", "headers": { "Authorization": "Bearer ${anon}", "apikey": "${anon}" } } } }\n`;
    expect(secretFindings(".mcp.json", http)).toEqual([]);
    expect(secretFindings("src/supabase.ts", `export const supabase = createClient(url, "${anon}");\nconst key = "${anon}";\n`)).toEqual([]);
  });

  it("keeps the inventory's identity verdict on the service_role key alone", () => {
    const r = scanSources([{ path: ".windsurf/mcp_config.json", text: windsurf }]);
    const inv = JSON.parse(inventoryJson(r.model)) as { servers: { name: string; credentials: { key: string; reference: string; secret?: string }[] }[] };
    const creds = inv.servers.find((s) => s.name === "supabase")?.credentials.map((c) => `${c.key}: ${c.reference} ${c.secret ?? ""}`.trim());
    expect(creds).toEqual(["SUPABASE_SERVICE_ROLE_KEY: literal Supabase service_role key"]);
  });

  it("still reports a JWT of another issuer that carries a role", () => {
    const other = `${b64urlOf('{"alg":"HS256","typ":"JWT"}')}.${b64urlOf(JSON.stringify({ iss: "acme", role: "anon", sub: f.hex(12) }))}.${f.b64url(43)}`;
    expect(secretFindings(".cursor/mcp.json", `{ "mcpServers": { "acme": { "command": "acme-mcp", "env": { "ACME_TOKEN": "${other}" } } } }\n`)).toEqual([
      { line: 1, level: "warning", provider: "jwt", server: "acme" },
    ]);
  });
});

describe("Neon API key as the bare argument Neon's MCP server documents", () => {
  it("is reported at error and attributed to the server", () => {
    const key = "napi_" + f.str("abcdefghijklmnopqrstuvwxyz0123456789", 64);
    const text = `{\n  "mcpServers": {\n    "neon": {\n      "command": "npx",\n      "args": ["-y", "@neondatabase/mcp-server-neon@0.6.1", "start", "${key}"]\n    }\n  }\n}\n`;
    expect(secretFindings(".cursor/mcp.json", text)).toEqual([{ line: 5, level: "error", provider: "neon-api-key", server: "neon" }]);
  });
});

describe("Supabase access token in its newer sbp_v0_ form", () => {
  it("is the Supabase format at error in an env value, and found where no credential name points at it", () => {
    const token = "sbp_v0_" + f.hex(40);
    const text = `{ "mcpServers": { "supabase": { "command": "npx", "args": ["-y", "@supabase/mcp-server-supabase@0.5.5"], "env": { "SUPABASE_ACCESS_TOKEN": "${token}" } } } }\n`;
    expect(secretFindings(".cursor/mcp.json", text)).toEqual([{ line: 1, level: "error", provider: "supabase-pat", server: "supabase" }]);
    expect(secretFindings("docs/NOTES.md", `## Experimental API Token\n\n\`${token}\`\n`).map((x) => x.provider)).toEqual(["supabase-pat"]);
  });
});

describe("token formats with a prefix that public MCP configs carry (Trello, Render, Mollie, Ref, Zhipu, Google AQ., Netlify, Pinecone, Browserbase, Apify)", () => {
  const hex = (n: number) => f.hex(n);
  const server = (name: string, env: Record<string, string>) => `"${name}": { "command": "npx", "args": ["-y", "${name}-mcp@1.0.0"], "env": ${JSON.stringify(env)} }`;
  const servers: [string, Record<string, string>][] = [
    ["trello", { TRELLO_API_KEY_ID: "k1", TRELLO_TOKEN: "ATTA" + hex(64) + hex(8).toUpperCase() }],
    ["render", { RENDER_API_KEY: "rnd_" + f.alnum(24) + "aZ09" }],
    ["mollie", { MOLLIE_API_KEY: "live_" + f.alnum(26) + "bY18" }],
    ["mollie-test", { MOLLIE_API_KEY: "test_" + f.alnum(26) + "cX27" }],
    ["ref", { REF_API_KEY: "ref-" + hex(20) }],
    ["zai", { Z_AI_API_KEY: hex(32) + "." + f.alnum(16), Z_AI_MODE: "ZAI" }],
    ["netlify", { NETLIFY_PERSONAL_ACCESS_TOKEN: "nfp_" + f.alnum(36) }],
    ["pinecone", { PINECONE_API_KEY: "pcsk_" + f.alnum(6) + "_" + f.alnum(63) }],
    ["browserbase", { BROWSERBASE_API_KEY: "bb_live_" + f.b64url(27) }],
    ["apify", { APIFY_TOKEN: "apify_api_" + f.alnum(36) }],
  ];
  const stitch = `"stitch": { "type": "http", "url": "https://stitch.googleapis.com/mcp", "headers": { "X-Goog-Api-Key": "AQ.Ab8RN6${f.b64url(44)}" } }`;
  const text = mcpServersJson([...servers.map(([n, e]) => server(n, e)), stitch]);

  it("names each provider (error for live keys, a test-mode or unprefixed key one level lower), attributed to its server", () => {
    expect(secretFindings(".mcp.json", text)).toEqual([
      { line: 3, level: "error", provider: "trello-api-token", server: "trello" },
      { line: 4, level: "error", provider: "render-api-key", server: "render" },
      { line: 5, level: "error", provider: "mollie-live-api-key", server: "mollie" },
      { line: 6, level: "note", provider: "mollie-test-api-key", server: "mollie-test" },
      { line: 7, level: "warning", provider: "ref-api-key", server: "ref" },
      { line: 8, level: "warning", provider: "zhipu-api-key", server: "zai" },
      { line: 9, level: "error", provider: "netlify-pat", server: "netlify" },
      { line: 10, level: "error", provider: "pinecone-api-key", server: "pinecone" },
      { line: 11, level: "error", provider: "browserbase-api-key", server: "browserbase" },
      { line: 12, level: "error", provider: "apify-api-token", server: "apify" },
      { line: 13, level: "error", provider: "google-auth-key", server: "stitch" },
    ]);
  });

  it("finds the prefixed ones where no credential name points at them (a token pasted in notes)", () => {
    const notes = `Trello: ATTA${hex(64)}${hex(8).toUpperCase()}\nRender: rnd_${f.alnum(24)}aZ09\nStitch: AQ.Ab8RN6${f.b64url(44)}\n`;
    expect(secretFindings("docs/NOTES.md", notes).map((x) => x.provider)).toEqual(["trello-api-token", "render-api-key", "google-auth-key"]);
  });

  it("leaves a test function name, a Stripe key's live_ part and placeholders alone", () => {
    const code = `def test_returnsTheUserWhenTheIdIsKnown1(): pass\nSTRIPE = "sk_live_${f.alnum(30)}"\n`;
    expect(secretFindings("tests/test_user.py", code).map((x) => x.provider)).toEqual(["stripe-secret-key"]);
    const placeholders = `{ "mcpServers": { "t": { "command": "npx", "args": ["trello-mcp"], "env": { "TRELLO_TOKEN": "ATTA-your-trello-token", "RENDER_API_KEY": "rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "REF_API_KEY": "ref-xxxxxxxxxx" } } } }\n`;
    expect(secretFindings(".mcp.json", placeholders)).toEqual([]);
  });
});

describe("PostHog personal API key and Mollie access token in an MCP server's env", () => {
  it("names each at error, attributed to its server; an access_ identifier in code is not one", () => {
    const text = mcpServersJson([
      `"posthog": { "command": "npx", "args": ["-y", "@posthog/mcp-server@0.1.0"], "env": { "POSTHOG_API_KEY": "phx_${f.alnum(47)}" } }`,
      `"mollie": { "command": "npx", "args": ["-y", "mollie-mcp@1.0.0"], "env": { "MOLLIE_ACCESS_TOKEN": "access_${f.alnum(26)}e5V7" } }`,
    ]);
    expect(secretFindings(".mcp.json", text)).toEqual([
      { line: 3, level: "error", provider: "posthog-personal-api-key", server: "posthog" },
      { line: 4, level: "error", provider: "mollie-access-token", server: "mollie" },
    ]);
    expect(secretFindings("src/auth.ts", "export const access_tokenExpiresAtTimestampMillis = 0;\n")).toEqual([]);
  });
});

describe("Vercel's prefixed tokens and a Composio API key in MCP configs", () => {
  it("names each at error, attributed to its server (Composio's under a key that names it)", () => {
    const text = mcpServersJson([
      `"vercel": { "command": "vercel-mcp", "args": [], "env": { "VERCEL_TOKEN": "vcp_${f.alnum(56)}", "VERCEL_TEAM_ID": "team_1" } }`,
      `"composio": { "command": "npx", "args": ["-y", "composio-mcp@1.0.0"], "env": { "COMPOSIO_API_KEY": "ak_${f.b64url(16)}f6G8" } }`,
    ]);
    expect(secretFindings(".cursor/mcp.json", text)).toEqual([
      { line: 3, level: "error", provider: "vercel-prefixed-token", server: "vercel" },
      { line: 4, level: "error", provider: "composio-api-key", server: "composio" },
    ]);
  });

  it("finds a Vercel token on a command line with no credential name; an ak_ value is Composio's only where the text names Composio", () => {
    expect(secretFindings("docs/deploy.md", `npx vercel --prod --yes --token vcp_${f.alnum(56)}\n`).map((x) => x.provider)).toEqual(["vercel-prefixed-token"]);
    expect(secretFindings("notes.md", `key: ak_${f.b64url(16)}f6G8\n`).map((x) => x.provider)).not.toContain("composio-api-key");
  });
});

describe("E2B and Upstash QStash credentials under names that do not say so", () => {
  const e2bKey = "e2b_" + f.hex(40);
  const e2bAccess = "sk_e2b_" + f.hex(40);
  const qstash = Buffer.from(JSON.stringify({ UserID: f.uuid(), Password: f.hex(32) })).toString("base64");
  const devQstash = Buffer.from(JSON.stringify({ UserID: "defaultUser", Password: "defaultPassword" })).toString("base64");
  const text = mcpServersJson([
    `"sandbox": { "command": "npx", "args": ["-y", "@e2b/mcp-server"], "env": { "SANDBOX": "${e2bKey}", "CLI_LOGIN": "${e2bAccess}" } }`,
    `"queue": { "command": "npx", "args": ["-y", "@upstash/mcp-server"], "env": { "QUEUE": "${qstash}" } }`,
    `"local-queue": { "command": "npx", "args": ["-y", "@upstash/mcp-server"], "env": { "QUEUE": "${devQstash}" } }`,
  ]);

  it("are reported by provider at their entries, redacted; the QStash dev server's public default user is not", () => {
    expect(secretFindings(".cursor/mcp.json", text)).toEqual([
      { line: 3, level: "error", provider: "e2b-api-key", server: "sandbox" },
      { line: 3, level: "error", provider: "e2b-access-token", server: "sandbox" },
      { line: 4, level: "error", provider: "upstash-qstash-token", server: "queue" },
    ]);
    const shown = JSON.stringify(scanSources([{ path: ".cursor/mcp.json", text }]).findings);
    for (const v of [e2bKey, e2bAccess, qstash]) expect(shown).not.toContain(v);
  });
});
