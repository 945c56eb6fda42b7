import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { fakeGitLabToken, fakeJwt, fakeOpaqueKey, fakeUuid } from "../../src/rules/fake-secrets.js";
import { Fake, b64urlOf } from "../../src/secrets/fake.js";
import { containsReference } from "../../src/secrets/placeholders.js";
import { detectInValue, isPlaceholder, scanText } from "../../src/secrets/index.js";
import { cli, FIXTURES, folderSources, tempTree } from "../helpers.js";

/** Placeholders, references in every client syntax, and providers' documented examples. */
const NOT_SECRETS = [
  "<YOUR_TOKEN>",
  "<your-api-key>",
  "YOUR_API_KEY",
  "YOUR_GITHUB_PAT",
  "your-api-key-here",
  "your_token_here",
  "xxxxxxxxxxxxxxxxxxxxxxxx",
  "sk-...",
  "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
  "ghp_" + "x".repeat(36),
  "ghp_" + "0".repeat(36),
  "ghp_your_token_here",
  "changeme",
  "CHANGE_ME",
  "example-key-123",
  "dummy-token-abcdef",
  "sample_api_key_1",
  "test-token-1234567890",
  "REPLACE_ME",
  "__REPLACE_ME__",
  "FAKE-TOKEN-0000",
  "aaaaaaaaaaaaaaaa",
  "12345678",
  "1234567890abcdef",
  "abcdefghijklmnop",
  "my-secret-token",
  "super_secret_password",
  "****************",
  ["AKIA", "IOSFODNN7", "EXAMPLE"].join(""),
  ["wJalrXUtnFEMI", "/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY"].join(""),
  ["sk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc"].join(""),
  // references
  "${GITHUB_TOKEN}",
  "${API_KEY:-}",
  "${API_KEY:-fallback-value-1234}",
  "${env:OPENAI_API_KEY}",
  "${input:github_token}",
  "{env:ANTHROPIC_API_KEY}",
  "{file:~/.secrets/openai}",
  "${{ secrets.GITHUB_TOKEN }}",
  "$GITHUB_TOKEN",
  "%GITHUB_TOKEN%",
  "{{LIBRECHAT_USER_API_KEY}}",
  "process.env.OPENAI_API_KEY",
  "os.environ['OPENAI_API_KEY']",
  "os.environ.get(\"TOKEN\")",
  "$(cat ~/.token)",
  "op://vault/item/credential",
  "${file:/run/secrets/token}",
  // how-to phrases in .env.example files, counting placeholders, documentation examples
  "generate-with-openssl-rand-base64-32",
  "run-openssl-rand-hex-32",
  "some-random-32-char-string",
  "a1b2c3d4e5f6g7h8i9j0",
  ["y_NbAkKc66", "ryYTWUXYEu"].join(""),
  "110201543:" + ["AAHdqTcvCH1vGWJx", "fSeofSAs0K5PALDsaw"].join(""),
  "aVeryLongRandomStringThatIsAtLeast32CharactersLong",
  // the Supabase CLI's local anon and service_role keys
  ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9", "CRXP1A7WOeoJeXxjNni43kd" + "QwgnWNReilDMblYTn_I0"].join("."),
  ["eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", "eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0", "EGIM96RAZx35lJzdJsyH-qQ" + "wv8Hdp7fsn3W0YpN81IU"].join("."),
];

describe("placeholders and references never match", () => {
  it("has a table of 30+ cases", () => expect(NOT_SECRETS.length).toBeGreaterThanOrEqual(30));

  it.each(NOT_SECRETS)("%s under API_KEY", (v) => {
    expect(detectInValue(v, { key: "API_KEY", source: "env" })).toEqual([]);
  });
  it.each(NOT_SECRETS)("%s as Authorization: Bearer", (v) => {
    expect(detectInValue(`Bearer ${v}`, { key: "Authorization", source: "header" })).toEqual([]);
  });
  it.each(NOT_SECRETS)("%s as a --api-key flag and in a URL", (v) => {
    expect(detectInValue(`--api-key=${v}`, { source: "arg" })).toEqual([]);
    expect(detectInValue(v, { key: "--token", source: "arg" })).toEqual([]);
    expect(detectInValue(`https://api.example.com/v1?api_key=${v}`, { source: "url" })).toEqual([]);
  });
  it.each(NOT_SECRETS)("%s in text assignments", (v) => {
    expect(scanText(`API_KEY=${v}\n"token": "${v}"\napi_key: '${v}'\n`)).toEqual([]);
  });

  it.each([["YWxhZGRpbjpv", "cGVuc2VzYW1l"].join(""), ["QWxhZGRpbjpv", "cGVuIHNlc2FtZQ=="].join("")])("MDN's and RFC 7617's Basic example %s", (v) => {
    expect(detectInValue(`Basic ${v}`, { key: "Authorization", source: "header" })).toEqual([]);
    expect(scanText(`const headers = { Authorization: "Basic ${v}" };\n`, { code: true })).toEqual([]);
  });

  it.each([
    ["access_token", ["2YotnFZFEj", "r1zCsicMWpAA"].join("")],
    ["refresh_token", ["tGzv3JOkF0", "XG5Qx2TlKWIA"].join("")],
    ["client_secret", ["7Fjfp0ZBr1", "KtDRbnfVdmIw"].join("")],
    ["oauth_consumer_key", ["0685bd91", "84jfhq22"].join("")],
    ["oauth_token", ["ad180jjd", "733klru7"].join("")],
  ])("the OAuth RFCs' example %s %s", (key, v) => {
    expect(scanText(`{ "${key}": "${v}", "token_type": "Bearer" }\n`)).toEqual([]);
    expect(scanText(`${key}="${v}",\n`, { code: true })).toEqual([]);
  });
  it("the OAuth RFCs' examples in a URL and a Basic header", () => {
    expect(scanText(`Location: https://client.example.com/cb?code=${["SplxlOBeZQ", "QYbYS6WxSbIA"].join("")}&state=xyz\n`)).toEqual([]);
    expect(scanText(`Authorization: Basic ${["czZCaGRSa3F0", "MzpnWDFmQmF0M2JW"].join("")}\n`)).toEqual([]);
  });

  it("isPlaceholder recognizes the literal placeholders (not references)", () => {
    for (const v of NOT_SECRETS.slice(0, 31)) expect(isPlaceholder(v), v).toBe(true);
  });

  it("isPlaceholder does not flag random-looking values", () => {
    for (const v of ["q8Zr2LmX9vTa4KpW7sNd", "k3J9x2Pq8Lm4Zr7Vt1Ws6Yb0", "N7xQ2vR9kL4mT8pZ3wY6"]) expect(isPlaceholder(v), v).toBe(false);
  });
});

describe("values SOPS encrypted in place", () => {
  const f = new Fake("sops");
  const enc = (n: number) => `ENC[AES256_GCM,data:${f.b64(n)},iv:${f.b64(43)}=,tag:${f.b64(22)}==,type:str]`;
  it("an encrypted Authorization header or env value in a client config is not a hard-coded secret", () => {
    const files = [
      { path: ".vscode/mcp.json", text: JSON.stringify({ servers: { gh: { type: "http", url: "https://api.githubcopilot.com/mcp/", headers: { Authorization: enc(60) } } } }, null, 2) },
      { path: ".config/goose/config.yaml", text: `extensions:\n  gh:\n    type: streamable_http\n    uri: https://api.githubcopilot.com/mcp/\n    headers:\n      Authorization: ${enc(60)}\n    envs:\n      GITHUB_TOKEN: ${enc(40)}\nsops:\n  mac: ${enc(88)}\n  version: 3.9.0\n` },
    ];
    expect(scanSources(files).findings.filter((x) => x.ruleId === "hardcoded-secret").map((x) => `${x.loc.file}:${x.loc.line}`)).toEqual([]);
    expect(containsReference(enc(40))).toBe(true);
    // Only a value that is one: a token after the text is still a token.
    expect(containsReference(`Bearer ${f.alnum(40)} ENC[AES256_GCM,data:`)).toBe(false);
  });
});

describe("base64 values that encode a placeholder (Kubernetes Secret `data:`)", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const real = ["Hq8vN2xR", "7mT4pL9w"].join("");
  const manifest = [
    "apiVersion: v1",
    "kind: Secret",
    "metadata: { name: mcp }",
    "type: Opaque",
    "data:",
    `  password: ${b64("password")}`,
    `  api-token: ${b64("changeme")}`,
    `  client-secret: ${b64("your-client-secret")}`,
    `  db-password: ${b64(real)}`,
    "",
  ].join("\n");

  it("are not reported; a base64 value that encodes a real-looking password still is", async () => {
    const { scanSources } = await import("../../src/api.js");
    const r = scanSources([{ path: "k8s/mcp-secret.yaml", text: manifest }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.loc.line, f.loc.column])).toEqual([[9, 16]]);
  });

  it("isPlaceholder decodes one word, not structured text", () => {
    expect(isPlaceholder(b64("changeme"))).toBe(true);
    expect(isPlaceholder(b64(real))).toBe(false);
    expect(isPlaceholder(b64(`{"token":"${real}"}`))).toBe(false);
  });
});

describe("placeholders people leave in MCP configs: other languages, a prefix and a phrase, a few x's", () => {
  const PLACEHOLDERS = [
    "xxx",
    "XX",
    "votre_mot_de_passe",
    "votre-cle-api",
    "tu-clave-api",
    "sua_senha",
    "dein-api-schluessel",
    "mijn_wachtwoord",
    "twoje_haslo",
    "ghp_\u4f60\u7684\u5b9e\u9645\u4ee4\u724c",
    "sk-or-v1-\u0432\u0430\u0448-\u043a\u043b\u044e\u0447",
    "ATATT3x\u4f60\u7684\u5b9e\u9645\u4ee4\u724c",
    // "your ... key" with the product's name in it, as English `YOUR_API_KEY_HUBSPOT` (the first from DidelotK/mcp-hubspot's example config)
    "VOTRE_CLE_API_HUBSPOT",
    "VOTRE_MOT_DE_PASSE_SUPABASE",
    "TU_CLAVE_API_NOTION",
    "DEIN_API_TOKEN_GITHUB",
    "Votre_Cl\u00e9_API_Notion",
  ];
  it.each(PLACEHOLDERS)("%s is a placeholder, not reported in a connection string or under a credential name", (v) => {
    expect(isPlaceholder(v)).toBe(true);
    expect(scanText(`{ "env": { "DATABASE_URL": "postgresql://app:${v}@db.internal:5432/app", "JIRA_API_TOKEN": "${v}", "DB_PASSWORD": "${v}" } }\n`)).toEqual([]);
  });

  it("a random password with letters beyond ASCII, or one that starts with a phrase, is still one", () => {
    for (const v of ["P\u00e4ssw9rt!Xq7", "\u041c\u0435\u0434\u0432\u0435\u0434\u044c2024!Xq", "xxx9Qr4Lm", "Xq7-votre-Zr2", "Zq8\u0420\u0420\u0420\u0420Lw9Vb7Tn", "tu_api_9f8a7b6c5d4e", "Tu_Xk92mQzL7vB_Rt5"]) expect(isPlaceholder(v), v).toBe(false);
  });
});

describe("placeholders in documentation: phrases in other scripts, the documentation's password, hand-written JWTs", () => {
  const DIR = path.join(FIXTURES, "doc-placeholders");
  const CREDENTIAL_RULES = new Set(["hardcoded-secret", "shared-secret", "long-lived-token"]);
  const credentialFindings = (files: { path: string; text: string }[]) =>
    scanSources(files).findings.filter((f) => CREDENTIAL_RULES.has(f.ruleId)).map((f) => `${f.ruleId} ${f.loc.file}:${f.loc.line}:${f.loc.column}`);
  // Korean for "enter the issued n8n API key", Russian for "your token here v2", Chinese for "fill in your GPT4 key".
  const PHRASES = ["\ubc1c\uae09\ubc1b\uc740_n8n_API_\ud0a4_\uc785\ub825", "\u0441\u044e\u0434\u0430_\u0432\u0430\u0448_\u0442\u043e\u043a\u0435\u043d_v2", "\u586b\u5165\u4f60\u7684GPT4\u5bc6\u94a5"];
  const jwtClaims = `${b64urlOf('{"alg":"HS256","typ":"JWT"}')}.${b64urlOf('{"sub":"notes-reader"}')}`;

  it("the fixture (a Cursor config and a README) gives no credential finding", () => {
    expect(credentialFindings(folderSources(DIR))).toEqual([]);
  });

  it.each([...PHRASES, "P@ssw0rd42", "p@$$w0rd99", "Pa55w0rd!", "YourStrong@Passw0rd", "MyNewPassw0rd!", "foobared", `${jwtClaims}.q9Xv2LmT0b`, `${jwtClaims}.signature`])("%s is a placeholder", (v) => {
    expect(isPlaceholder(v)).toBe(true);
    expect(scanText(`{ "env": { "DATABASE_URL": "postgresql://app:${v}@db.internal:5432/app", "ACME_API_TOKEN": "${v}" } }\nAuthorization: Bearer ${v}\n`)).toEqual([]);
  });

  it.each([["123e4567", "e89b", "12d3", "a456", "426614174000"].join("-"), ["550e8400", "e29b", "41d4", "a716", "446655440000"].join("-"), ["AIzaSyDaGmWKa4JsXZ", "-HjGw7ISLn_3namBGewQe"].join(""), ["MTk4NjIyNDgzNDcxOTI1MjQ4", "Cl2FMQ", "ZnCjm1XVW7vRze4b7Cq4se7kKWs"].join("."), ["CZhtkLDpNYXgPH9", "Ml6shqh2OwykChw"].join(""), ["Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UV", "ErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="].join(""), ["sk", "_test_", "BQokikJOvBiI2HlWgH4olfQ2"].join(""), ["key", "-3ax6xnjp29jd6fds4gc373sgvjxteol0"].join("")])(
    "the documentation's example %s is not reported under a key name",
    (v) => {
      expect(isPlaceholder(v)).toBe(true);
      expect(scanText(`{ "env": { "NOTES_API_KEY": "${v}", "GOOGLE_API_KEY": "${v}" }, "refresh_token": "${v}" }\nAuthorization: Bot ${v}\nAZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${v};EndpointSuffix=core.windows.net"\n`)).toEqual([]);
      expect(scanText(`{ "NOTES_API_KEY": "${fakeUuid(v)}" }\n`)).toHaveLength(1);
    },
  );

  it("a password that holds the documentation's P@ssw0rd among other words is reported, redacted, at its column", async () => {
    const passwords = ["Company@Passw0rd1", "Xk9#Passw0rd!2024prod", "Acme-P@ssw0rd-Zq7"];
    for (const v of passwords) expect(isPlaceholder(v), v).toBe(false);
    const text = passwords.map((v, i) => `DB${i}_PASSWORD=${v}\n`).join("") + "SA_PASSWORD=YourStrong@Passw0rd\n# a project's own example (MCP Context Forge's .env.example)\nDEFAULT_USER_PASSWORD=UserP@ssw0rd!2026Secure\n";
    const r = await cli(["scan", ".", "--format", "json", "--no-config"], tempTree({ ".env": text }));
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; location: { line: number; column: number } }[] }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`)).toEqual(["hardcoded-secret 1:14", "hardcoded-secret 2:14", "hardcoded-secret 3:14"]);
    for (const v of passwords) expect(r.stdout).not.toContain(v);
  });

  it("a complexity-rule password with the plain word Password among other words is reported, redacted, at its column", async () => {
    const passwords = ["Company@Password1", "Xk9#Password!2024prod", "Pr0d#Password!"];
    for (const v of passwords) expect(isPlaceholder(v), v).toBe(false);
    // Placeholder words and short numbers around it, one case, or no symbol but separators: still placeholders.
    for (const v of ["Password123!", "Admin@Password1", "MyStrongPassword1!", "Your@Password1", "ChangeMe@Password1", "mysecretpassword", "DB_PASSWORD", "PlainTextPassword", "Acme_Password_2024", "DbPassword!2024"]) expect(isPlaceholder(v), v).toBe(true);
    const text = passwords.map((v, i) => `DB${i}_PASSWORD=${v}\n`).join("") + "SA_PASSWORD=MyStrongPassword1!\nPOSTGRES_PASSWORD=mysecretpassword\n";
    const r = await cli(["scan", ".", "--format", "json", "--no-config"], tempTree({ ".env": text }));
    const findings = (JSON.parse(r.stdout) as { findings: { ruleId: string; location: { line: number; column: number } }[] }).findings;
    expect(findings.map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`)).toEqual(["hardcoded-secret 1:14", "hardcoded-secret 2:14", "hardcoded-secret 3:14"]);
    for (const v of passwords) expect(r.stdout).not.toContain(v);
  });

  it("a random value in a phrase, a random password and a JWT with a full signature are still reported, redacted", async () => {
    const random = fakeOpaqueKey("doc-placeholders", 12);
    // A generated key with two Cyrillic letters among symbols and short runs (one of them the word `a`) is no phrase either.
    for (const v of [`\u043a\u043b\u044e\u0447_${random}`, `\u041c\u0435\u0434\u0432\u0435\u0434\u044c2024!Xq`, "a\u0416*k24(\u0416&=Zm9%k0", fakeJwt("doc-placeholders")]) {
      expect(isPlaceholder(v), v).toBe(false);
    }
    const jwt = fakeJwt("doc-placeholders");
    const dir = tempTree({
      ".cursor/mcp.json": `{ "mcpServers": { "notes": { "url": "https://notes.example.org/mcp", "headers": { "Authorization": "Bearer ${jwt}" } },
  "search": { "command": "npx", "args": ["-y", "@acme/search-mcp@1.4.2"], "env": { "ACME_SEARCH_TOKEN": "\u043a\u043b\u044e\u0447_${random}" } } } }\n`,
    });
    const r = await cli(["scan", ".", "--format", "text"], dir);
    expect(r.stdout).toMatch(/\.cursor\/mcp\.json:1:\d+ +\w+ +hardcoded-secret +JSON Web Token written literally in header 'Authorization' of MCP server 'notes'/);
    expect(r.stdout).toMatch(/\.cursor\/mcp\.json:2:\d+ +\w+ +hardcoded-secret +Hard-coded credential under `ACME_SEARCH_TOKEN` written literally in env of MCP server 'search'/);
    for (const s of [jwt, random, jwt.slice(-12)]) expect(r.stdout).not.toContain(s);
  });
});

/**
 * Values that MCP vendors' READMEs and example configs put where a credential goes (a corpus of 61
 * public MCP repositories read for the docs false-positive audit): each under a credential name, as a
 * bearer token and as a connection string's password is no finding, and a real-looking token built at
 * run time in the same slots still is.
 */
describe("placeholders from MCP vendors' documentation", () => {
  const FROM_DOCS = [
    "ntn_****", // makenotion/notion-mcp-server README
    "fc-YOUR_API_KEY", // firecrawl-mcp-server README
    "glpat-xxxxxxxxxxxxxxxxxxxx", // jmrplens/gitlab-mcp-server README
    "<Base64(key:secret)>", // razorpay/razorpay-mcp-server README
    "<<PASTE_TFE_TOKEN_HERE>>", // hashicorp/terraform-mcp-server README
    "__REPLACE_ME__run_init-secrets_before_starting", // IBM/mcp-context-forge .env.example
    "your_secure_personal_access_token_string_here", // a Jira Data Center server's claude_desktop_config.example.json
    "ghp_abcd1234...", // smart-mcp-proxy/mcpproxy-go README
    "my-super-secret-cookie", // getsentry/sentry-mcp README
    "<your service account token>", // grafana/mcp-grafana README
    "VOTRE_CLE_API_HUBSPOT", // DidelotK/mcp-hubspot claude_desktop_config.example.json
  ];
  const slots = (v: string) => `{ "env": { "ACME_API_TOKEN": "${v}", "DATABASE_URL": "postgresql://app:${v}@db.internal:5432/app" } }\nAuthorization: Bearer ${v}\n`;
  it.each(FROM_DOCS)("%s is no finding in a credential slot", (v) => {
    expect(scanText(slots(v))).toEqual([]);
  });
  it("a real-looking token in the same slots is still found", () => {
    expect(scanText(slots(fakeOpaqueKey("docsfp", 40))).length).toBeGreaterThan(0);
    expect(scanText(`{ "env": { "GITLAB_TOKEN": "${fakeGitLabToken("docsfp")}", "NOTION_TOKEN": "ntn_${fakeOpaqueKey("docsfp-notion", 46)}" } }\n`).map((h) => h.title)).toEqual(expect.arrayContaining([expect.stringMatching(/GitLab/), expect.stringMatching(/Notion/)]));
  });
});
