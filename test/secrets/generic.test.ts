import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { looksLikePgpass } from "../../src/secrets/generic.js";
import { classifyKey, detectInValue, scanText } from "../../src/secrets/index.js";
import { Fake } from "../../src/secrets/fake.js";
import { fakeGitHubToken, fakeOpaqueKey } from "../../src/rules/fake-secrets.js";

const f = new Fake("generic-test");
const tok = f.alnum(32);
const pw = "Vx7!mQ2%kLp9_zR4";

describe("scanText: file formats", () => {
  const cases: Array<[string, string, string, string]> = [
    // [name, text, expected detector, expected secret]
    [".env", `API_TOKEN=${tok}\n`, "generic-credential", tok],
    [".env PGPASSWORD", `PGHOST=db.internal\nPGPASSWORD=${pw}\n`, "generic-password", pw],
    [".npmrc _authToken", `//npm.example.net/:_authToken=${tok}\n`, "generic-credential", tok],
    [".netrc", `machine api.example.net\n  login bot\n  password ${pw}\n`, "generic-netrc-password", pw],
    [".git-credentials", `https://bot:${tok}@git.example.net\n`, "generic-url-userinfo", tok],
    [".pgpass", `db.internal:5432:app:app_user:${pw}\n`, "generic-pgpass-password", pw],
    ["wordpress", `define( 'DB_PASSWORD', '${pw}' );\n`, "generic-password", pw],
    ["yaml password", `database:\n  password: "${pw}"\n`, "generic-password", pw],
    ["k8s name/value", `env:\n  - name: SERVICE_API_KEY\n    value: "${tok}"\n`, "generic-credential", tok],
    ["curl header", `curl -H "Authorization: Bearer ${tok}" https://api.example.net\n`, "generic-authorization-header", tok],
    ["url query", `GET https://api.example.net/v1?api_key=${tok}&q=1\n`, "generic-url-query-credential", tok],
    ["flag split in JSON args", `"args": ["--token", "${tok}"]\n`, "generic-cli-flag", tok],
    ["flag eq", `npx srv --api-key=${tok}\n`, "generic-cli-flag", tok],
    ["docker -e", `docker run -e SERVICE_TOKEN=${tok} img\n`, "generic-credential", tok],
  ];
  it.each(cases)("%s", (_name, text, detector, secret) => {
    const ms = scanText(text);
    const m = ms.find((x) => x.detector === detector);
    expect(m, JSON.stringify(ms.map((x) => x.detector))).toBeDefined();
    expect(m?.secret).toBe(secret);
    expect(text.slice(m?.start, m?.end)).toBe(secret);
  });

  it("a random hex key under a credential name is medium confidence (a warning) whatever its draw", () => {
    // About one 32-digit draw in six stays under 3.5 bits a character (the bar for other alphabets).
    const values = Array.from({ length: 400 }, (_, i) => new Fake(`hex-${i}`).hex(32));
    const low = values.filter((v) => detectInValue(v, { key: "ACME_API_TOKEN", source: "env" })[0]?.confidence !== "medium");
    expect(low).toEqual([]);
    for (const v of [new Fake("hex-40").hex(40), new Fake("hex-uuid").uuid()]) {
      expect(scanText(`ACME_API_KEY=${v}\n`).map((m) => m.confidence)).toEqual(["medium"]);
    }
  });

  it("a token inside a URL takes no key from the URL's scheme (.git-credentials, git clone)", () => {
    const gh = fakeGitHubToken("ghp", "generic-url-scheme");
    for (const text of [`https://octo:${gh}@github.com\n`, `git clone https://x-access-token:${gh}@github.com/acme/repo.git\n`]) {
      const ms = scanText(text);
      expect(ms.map((m) => [m.detector, m.key])).toEqual([["github-pat-classic", undefined]]);
    }
    expect(scanText(`GIT_URL=https://octo:${gh}@github.com\n`).map((m) => m.key)).toEqual(["GIT_URL"]);
  });

  it("does not report credential-free URLs, references and non-credential keys", () => {
    const text = [
      "url: https://api.example.net/v1?page=2&limit=50",
      "token_url: https://auth.example.net/token",
      "bearer_token_env_var = \"GITHUB_PAT\"",
      "max_tokens: 4096",
      "cache_key: build-3f2a9c1b7e6d5f4a1234",
      `publicKey: "${tok}"`,
      "Authorization: Bearer ${TOKEN}",
      "password: ${DB_PASSWORD:-}",
      `client_id: "${tok}"`,
    ].join("\n");
    expect(scanText(text)).toEqual([]);
  });

  it("skips the generic scan on lines over 64 KB but still runs providers there", () => {
    const long = "x=" + "a ".repeat(40_000) + ` API_TOKEN=${tok} ` + "sk-ant-api03-" + f.b64url(93) + "AA";
    const ms = scanText(long);
    expect(ms.map((m) => m.detector)).toEqual(["anthropic-api-key"]);
  });

  it("attaches the key to provider matches in text", () => {
    const [m] = scanText(`export ANTHROPIC_API_KEY="sk-ant-api03-${f.b64url(93)}AA"\n`);
    expect(m?.key).toBe("ANTHROPIC_API_KEY");
  });
});

describe("detectInValue: slots", () => {
  it("Authorization Bearer: secret span is the credential", () => {
    const [m] = detectInValue(`Bearer ${tok}`, { key: "Authorization", source: "header" });
    expect(m?.detector).toBe("generic-authorization-header");
    expect(m?.start).toBe(7);
    expect(m?.secret).toBe(tok);
  });
  it("Authorization Basic: decoded password must be real", () => {
    const basic = Buffer.from(`bot:${pw}`).toString("base64");
    expect(detectInValue(`Basic ${basic}`, { key: "Authorization", source: "header" })[0]?.secret).toBe(basic);
    const fake = Buffer.from("user:password").toString("base64");
    expect(detectInValue(`Basic ${fake}`, { key: "Authorization", source: "header" })).toEqual([]);
  });
  it("--flag=value inside one arg, value after a flag, docker NAME=value", () => {
    expect(detectInValue(`--api-key=${tok}`, { source: "arg" })[0]).toMatchObject({ detector: "generic-cli-flag", start: 10, key: "--api-key" });
    expect(detectInValue(tok, { key: "--token", source: "arg" })[0]).toMatchObject({ detector: "generic-cli-flag", start: 0 });
    expect(detectInValue(`SERVICE_TOKEN=${tok}`, { source: "arg" })[0]).toMatchObject({ detector: "generic-credential", key: "SERVICE_TOKEN" });
    expect(detectInValue(`--port=8080`, { source: "arg" })).toEqual([]);
    expect(detectInValue(`--token`, { source: "arg" })).toEqual([]);
  });
  it("--header=Name:value in one arg is a header line, as --header then Name:value is (mcp-remote, supergateway)", () => {
    for (const arg of [`--header=X-Api-Key:${tok}`, `--header=X-Api-Key: ${tok}`, `--header=Authorization: Bearer ${tok}`, `-H=Authorization:Bearer ${tok}`]) {
      expect(detectInValue(arg, { key: "--header", source: "arg" }).map((m) => [m.secret, m.start])).toEqual([[tok, arg.length - tok.length]]);
    }
    expect(detectInValue(`--header=X-Request-Id:${tok}`, { key: "--header", source: "arg" })).toEqual([]);
    expect(detectInValue("--header=X-Api-Key:${ACME_KEY}", { key: "--header", source: "arg" })).toEqual([]);
  });
  it("--header=Name:value in a server's args: reported, and not printed by the inventory", async () => {
    const { scanSources } = await import("../../src/api.js");
    const { inventoryText } = await import("../../src/report/inventory.js");
    const text = JSON.stringify({ mcpServers: { acme: { command: "npx", args: ["-y", "mcp-remote@0.1.29", "https://mcp.acme.example/mcp", `--header=X-Api-Key:${tok}`] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.column)).toEqual([text.indexOf(tok) + 1]);
    expect(inventoryText(r.model)).not.toContain(tok.slice(4));
  });
  it("a shell command line in one arg: its assignments are read (sh -c \"API_KEY=<key> exec npx ...\", cmd /c \"set ...\")", () => {
    for (const arg of [`API_KEY=${tok} exec npx -y @acme/mcp@1.0.0`, `export ACME_TOKEN=${tok} && npx @acme/mcp@1.0.0`, `set ACME_API_KEY=${tok} && npx @acme/mcp@1.0.0`]) {
      expect(detectInValue(arg, { source: "arg" }).map((m) => [m.secret, m.start])).toEqual([[tok, arg.indexOf(tok)]]);
    }
    expect(detectInValue(`PORT=8080 exec npx -y @acme/mcp@1.0.0`, { source: "arg" })).toEqual([]);
    expect(detectInValue("API_KEY=${ACME_KEY} exec npx -y @acme/mcp@1.0.0", { source: "arg" })).toEqual([]);
  });
  it("URL userinfo and query credentials", () => {
    expect(detectInValue(`https://u:${pw}@h.example.net/x`, { source: "url" })[0]?.secret).toBe(pw);
    expect(detectInValue(`https://h.example.net/sse?token=${tok}`, { source: "url" })[0]?.secret).toBe(tok);
    expect(detectInValue(`https://h.example.net/sse?token=\${TOKEN}`, { source: "url" })).toEqual([]);
  });
  it("keyed providers use the key name", () => {
    expect(detectInValue(f.alnum(32), { key: "MISTRAL_API_KEY", source: "env" })[0]?.detector).toBe("mistral-api-key");
  });
  it("a JSON blob after --config is scanned", () => {
    const ms = detectInValue(`{"apiKey":"${tok}","region":"eu"}`, { key: "--config", source: "arg" });
    expect(ms[0]?.secret).toBe(tok);
  });
});

describe("look-alikes from real trees (not secrets)", () => {
  it.each([
    ["a gpg key fingerprint", "gpg --recv-keys 3B4FE6ACC0B21F32A9D8E8F6B5C8D5E4F6A7B8C9\n"],
    ["a CVS root", "cvs -d cvs://:pserver:anoncvs@cvs.example.org/cvsroot checkout mod\n"],
    ["an EC public key under a plain key name", "const signingKey = 'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1Wq8tb3R9gQ3K7Xp2mZ5vNcLh8yT4RjU6oPaS2dFgHjKlQwE';\n"],
    ["an RSA public key", `signing_key: "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${"q7Xp2mZ5vNcLh8yT4RjU6oPaS2dF".repeat(3)}"\n`],
  ])("%s", (_name, text) => {
    expect(scanText(text).map((m) => m.detector)).toEqual([]);
  });
});

describe("classifyKey", () => {
  it.each([
    ["GITHUB_TOKEN", "secret"], ["apiKey", "secret"], ["X-Api-Key", "secret"], ["--access-token", "secret"], ["client_secret", "secret"],
    ["DB_PASSWORD", "password"], ["Authorization", "authorization"], ["_authToken", "secret"], ["GITHUB_PAT", "secret"],
    ["token_url", undefined], ["api_key_env", undefined], ["secretRef", undefined], ["publicKey", undefined], ["max_tokens", undefined],
    ["cache_key", undefined], ["client_id", undefined], ["LOG_LEVEL", undefined], ["bearer_token_env_var", undefined],
    // Digits that end a word: a second password is a password; digits inside a word (i18n) stay in it.
    ["DB_PASS2", "password"], ["apiKey2", "secret"], ["TOKEN_1", "secret"], ["i18n_key", undefined], ["token2_url", undefined],
    // One word ending in a password word.
    ["PGPASSWORD", "password"], ["MYSQLPWD", "password"], ["DBPASS", "password"], ["rootpasswd", "password"], ["BYPASS", undefined], ["compass", undefined], ["PASSWORD_FILE", undefined],
  ])("%s -> %s", (key, kind) => expect(classifyKey(key)).toBe(kind));
});

/**
 * Kubernetes-style env lists name the variable on the line above its value
 * (`- name: MISTRAL_API_KEY` / `value: "..."`): the keyed provider formats see
 * that name, as detectInValue gives them an env key.
 */
describe("keys a browser receives by design, and switches of a credential check", () => {
  it.each([
    ["RECAPTCHA_SITE_KEY", undefined], ["HCAPTCHA_SITE_KEY", undefined], ["NEXT_TURNSTILE_SITE_KEY", undefined], ["recaptchaSiteKey", undefined],
    ["ALGOLIA_SEARCH_API_KEY", undefined], ["ALGOLIA_SEARCH_ONLY_API_KEY", undefined], ["DOCSEARCH_API_KEY", undefined],
    ["SEGMENT_WRITE_KEY", undefined], ["RUDDERSTACK_WRITE_KEY", undefined], ["MIXPANEL_TOKEN", undefined], ["MIXPANEL_PROJECT_TOKEN", undefined],
    ["ONE_MCP_ENABLE_AUTH", undefined], ["DISABLE_AUTH", undefined], ["SKIP_AUTH", undefined], ["REQUIRE_TOKEN", undefined], ["NO_AUTH", undefined],
    // The secret beside each stays a credential; so do keys where the same words name a secret.
    ["RECAPTCHA_SECRET_KEY", "secret"], ["ALGOLIA_ADMIN_API_KEY", "secret"], ["ALGOLIA_API_KEY", "secret"], ["MIXPANEL_API_SECRET", "secret"],
    ["BRAVE_SEARCH_API_KEY", "secret"], ["WRITE_KEY", "secret"], ["AUTH_TOKEN", "secret"], ["ENABLE_TOKEN_REFRESH_SECRET", "secret"],
  ])("%s -> %s", (key, kind) => expect(classifyKey(key)).toBe(kind));

  it("a .env with public keys and switches reports only its secrets", async () => {
    const { scanSources } = await import("../../src/api.js");
    const pub = new Fake("client-side-keys");
    const secret = pub.alnum(40);
    const text = `RECAPTCHA_SITE_KEY=6L${pub.alnum(38)}\nALGOLIA_SEARCH_API_KEY=${pub.hex(32)}\nSEGMENT_WRITE_KEY=${pub.alnum(32)}\nMIXPANEL_TOKEN=${pub.hex(32)}\nRECAPTCHA_SECRET_KEY=${secret}\n`;
    const r = scanSources([{ path: ".env", text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => [f.message.split(" in ")[0], f.loc.line])).toEqual([["Hard-coded credential under `RECAPTCHA_SECRET_KEY`", 5]]);
  });
});

describe("Azure Application Insights instrumentation keys (documented as no secret)", () => {
  const ikey = ["3f2a9c71", "8b4e", "4d2a", "9e6f", "1c7b5d8a0e42"].join("-");
  const conn = `InstrumentationKey=${ikey};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=${ikey}`;
  it.each(["InstrumentationKey", "APPINSIGHTS_INSTRUMENTATION_KEY", "ApplicationInsights__InstrumentationKey", "instrumentation_key"])("%s names no credential", (key) => expect(classifyKey(key)).toBeUndefined());
  it("a connection string in a server's env is not reported; a key beside it still is", async () => {
    const { scanSources } = await import("../../src/api.js");
    const text = JSON.stringify({ mcpServers: { x: { command: "node", args: ["server.js"], env: { APPLICATIONINSIGHTS_CONNECTION_STRING: conn, APPINSIGHTS_INSTRUMENTATIONKEY: ikey, ACME_API_KEY: tok } } } }, null, 2) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.message.split(" in ")[0])).toEqual(["Hard-coded credential under `ACME_API_KEY` written literally"]);
  });
});

describe("name/value pairs: the name is the key", () => {
  const mistral = new Fake("name-value-mistral").alnum(32);
  const pod = (name: string, value: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: app\n      image: acme/app:1.0\n      env:\n        - name: ${name}\n          value: "${value}"\n`;

  it("a text file: the provider's id, not generic-credential", () => {
    const ms = scanText(pod("MISTRAL_API_KEY", mistral));
    expect(ms.map((m) => [m.detector, m.secret, m.key])).toEqual([["mistral-api-key", mistral, "MISTRAL_API_KEY"]]);
  });

  it("flow style on one line, and JSON", () => {
    expect(scanText(`env:\n  - { name: MISTRAL_API_KEY, value: "${mistral}" }\n`).map((m) => m.detector)).toEqual(["mistral-api-key"]);
    expect(scanText(`{"env": [{"name": "MISTRAL_API_KEY", "value": "${mistral}"}]}\n`).map((m) => m.detector)).toEqual(["mistral-api-key"]);
  });

  it("a name that names no provider stays generic; a placeholder stays unreported", () => {
    expect(scanText(pod("SERVICE_API_KEY", mistral)).map((m) => m.detector)).toEqual(["generic-credential"]);
    expect(scanText(pod("MISTRAL_API_KEY", "your_mistral_api_key_here_123456"))).toEqual([]);
  });
});

describe("`Bearer X` under a key that names no credential", () => {
  const token = fakeOpaqueKey("bearer-any-key", 40);
  it.each(["AUTH_HEADER", "HEADER", "X"])("%s: the scheme says it is a credential (mcp-remote's AUTH_HEADER)", (key) => {
    const value = `Bearer ${token}`;
    const hits = detectInValue(value, { key, source: "env" });
    expect(hits.map((h) => [h.detector, h.start, h.end])).toEqual([["generic-authorization-header", 7, value.length]]);
  });
  it.each(["Bearer <auth-token>", "Bearer your-personal-access-token-here", "Bearer ${TOKEN}", "Bearer APP_USR-..."])("%s: a placeholder or reference is not", (value) => {
    expect(detectInValue(value, { key: "AUTH_HEADER", source: "env" })).toEqual([]);
  });
});

describe("the .pgpass shape", () => {
  /** The definition: the first line that is neither blank nor a comment, trimmed, is a `host:port:db:user:password` entry. */
  const reference = (text: string) => {
    const first = /^[ \t]*([^#\s][^\n]*)$/m.exec(text);
    return first !== null && /^[^:\s#]{1,255}:(?:\d{1,5}|\*):[^:\s]{1,255}:[^:\s]{1,255}:(\S{1,500})$/.test((first[1] ?? "").trim());
  };
  const part = fc.constantFrom("db:5432:app:user:Pw9xLq2Zk7", "*:*:*:u:p", "# c", "#", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\f", ":", "x", "  host:1:d:u:pw  ", "a".repeat(1300));
  it("is judged from the first entry as the definition says", () => {
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }).map((ps) => ps.join("")), (t) => {
        expect(looksLikePgpass(t), JSON.stringify(t)).toBe(reference(t));
      }),
      { numRuns: 3000 },
    );
    expect(looksLikePgpass("# backup\n\n  db:5432:app:user:Pw9xLq2Zk7  \nother")).toBe(true);
    expect(looksLikePgpass(`${"x".repeat(100_000)}\ndb:5432:app:user:Pw9xLq2Zk7\n`)).toBe(false);
  });
});

describe("URL passwords holding an unencoded # or ?", () => {
  // Database drivers (libpq and most others) read a connection string's userinfo up to the `@`.
  const pw = "Tr7#kLm2" + "!qZx9vB";
  it.each([
    [`postgresql://app:${pw}@db/app`, pw],
    [`mysql://root:${pw.replace("#", "?")}@db.internal:3306/app`, pw.replace("#", "?")],
    [`redis://:${pw}@cache:6379/0`, pw],
  ])("%s: the whole password, at its place", (url, secret) => {
    const text = `DATABASE_URL=${url}\n`;
    const found = scanText(text).filter((m) => m.detector === "generic-url-userinfo");
    expect(found.map((m) => [m.secret, m.start])).toEqual([[secret, text.indexOf(secret)]]);
  });

  it.each(["https://example.com?email=user@example.test", "https://host:8080?to=a@b.test", "https://host#frag@x", "http://a.b/c?d=e@f", "https://h.test:443#top@anchor"])("%s: a query or fragment with an @ is no password", (url) => {
    expect(scanText(`see ${url}\n`).filter((m) => m.detector === "generic-url-userinfo")).toEqual([]);
  });

  it("in a server's arguments: reported, and never printed", async () => {
    const { scanSources } = await import("../../src/api.js");
    const text = JSON.stringify({ mcpServers: { pg: { command: "npx", args: ["-y", "@modelcontextprotocol/server-postgres@0.6.2", `postgresql://app:${pw}@db/app`] } } }) + "\n";
    const r = scanSources([{ path: ".mcp.json", text }]);
    expect(r.findings.filter((f) => f.ruleId === "hardcoded-secret").map((f) => f.loc.column)).toEqual([text.indexOf(pw) + 1]);
    expect(JSON.stringify(r.findings)).not.toContain(pw.slice(2));
  });
});

describe("detectInValue: a Cookie header", () => {
  // Urbit's MCP server and other session-based services are reached with a `Cookie` header.
  const sid = new Fake("cookie-test").alnum(40);
  it("reports a session cookie's value at its place, under any cookie name", () => {
    for (const value of [`urbauth-~zod=0v${sid}`, `theme=dark; session=${sid}; lang=en`, `sid="${sid}"`]) {
      const ms = detectInValue(value, { key: "Cookie", source: "header" });
      expect(ms.map((m) => m.detector), value).toEqual(["generic-cookie"]);
      expect(sid.length <= (ms[0]?.secret.length ?? 0) && value.slice(ms[0]?.start, ms[0]?.end).endsWith(sid)).toBe(true);
    }
  });
  it("stays quiet on plain preferences, references and placeholders", () => {
    for (const value of ["theme=dark; lang=en", "session=${SESSION_COOKIE}", "session=<your-session-cookie>", "sid=xxxxxxxxxxxxxxxxxxxx"]) {
      expect(detectInValue(value, { key: "Cookie", source: "header" }), value).toEqual([]);
    }
  });
});

describe("camelCase credential query parameters (Exa's ?exaApiKey=, Tavily's ?tavilyApiKey=)", () => {
  const key = fakeOpaqueKey("camel-query", 32);
  it.each(["acmeApiKey", "tavilyApiKey", "authToken", "clientSecret"])("?%s=<key> is reported whole, at its place", (name) => {
    const url = `https://mcp.acme.example/mcp?${name}=${key}`;
    const found = detectInValue(url, { source: "url" });
    expect(found.map((m) => [m.detector, m.secret, m.start])).toEqual([["generic-url-query-credential", key, url.indexOf(key)]]);
  });
  it("a credential in the fragment (#access_token=, OAuth's implicit grant) is reported, named as a fragment parameter", () => {
    const url = `https://app.acme.example/callback#access_token=${key}&token_type=bearer`;
    const found = detectInValue(url, { source: "url" });
    expect(found.map((m) => [m.detector, m.secret, m.start, m.title])).toEqual([["generic-url-query-credential", key, url.indexOf(key), "Credential in URL fragment parameter `access_token`"]]);
    // Anchors are no parameters; a fragment parameter that names no credential stays quiet.
    expect(detectInValue(`https://docs.acme.example/api#authentication https://docs.acme.example/a#state=${key}`, { source: "url" })).toEqual([]);
  });
  it("a camelCase name that names no credential stays quiet (?pageToken=, ?cacheKey=)", () => {
    expect(detectInValue(`https://mcp.acme.example/mcp?pageToken=${key}&cacheKey=${key}`, { source: "url" })).toEqual([]);
  });
  it("a server with such a URL: no unauthenticated-remote, its credential in the inventory, never printed", async () => {
    const { scanSources } = await import("../../src/api.js");
    const { inventoryJson, inventoryText } = await import("../../src/report/inventory.js");
    const text = JSON.stringify({ mcpServers: { tavily: { url: "https://mcp.tavily.com/mcp/?tavilyApiKey=${env:TAVILY_API_KEY}" }, acme: { command: "npx", args: ["-y", "mcp-remote@0.1.29", `https://mcp.acme.example/mcp?acmeApiKey=${key}`] } } }, null, 2) + "\n";
    const r = scanSources([{ path: ".cursor/mcp.json", text }]);
    expect(r.findings.map((f) => f.ruleId).filter((id) => id !== "shared-secret")).toEqual(["hardcoded-secret"]);
    expect(r.model.servers.map((s) => s.credentials.map((c) => c.ref.kind))).toEqual([["env"], ["literal"]]);
    for (const out of [inventoryText(r.model), inventoryJson(r.model), JSON.stringify(r.findings)]) expect(out).not.toContain(key.slice(4));
  });
});

describe("an assignment that is the value of another key", () => {
  const key = fakeOpaqueKey("inner-assign", 40);
  it.each([
    [".github/workflows/ci.yml", `jobs:\n  t:\n    steps:\n      - run: ACME_API_KEY=${key} npm test\n`],
    ["deploy/app.yaml", `worker:\n  command: "ACME_TOKEN=${key} node server.js"\n`],
    ["notes.sh", `# old: ACME_API_KEY=${key}\n`],
  ])("%s: found whole at its place", (_file, text) => {
    expect(scanText(text).map((m) => [m.secret, m.start])).toEqual([[key, text.indexOf(key)]]);
  });
  it("a value that assigns no credential stays quiet", () => {
    expect(scanText(`steps:\n  - run: NODE_ENV=production npm test\n  - run: ACME_API_KEY=\${{ secrets.ACME_API_KEY }} npm test\n`)).toEqual([]);
  });
});

describe(".netrc entries and prose", () => {
  const pw = fakeOpaqueKey("netrc-prose", 16);
  it.each([
    `machine api.example.net login bot password ${pw}\n`,
    `machine api.example.net\n  login bot\n  password ${pw}\n`,
    `default login anonymous password ${pw}\n`,
  ])("an entry is read: %s", (text) => {
    expect(scanText(text).map((m) => [m.detector, m.secret])).toEqual([["generic-netrc-password", pw]]);
  });
  it.each([
    `def f():\n    """Return it.\n\n    default to binary_type).\n    the password properties, as well.\n    """\n`,
    `machine learning models need data;\nthe password mentioned, twice.\n`,
  ])("a line of prose that starts with the word is no entry: %s", (text) => {
    expect(scanText(text)).toEqual([]);
  });
});


describe("a quote left open to the line's end (a configuration that does not parse)", () => {
  const key = fakeOpaqueKey("open-quote", 40);
  it("still gives the value's secret, at its first character, next to the parse error", async () => {
    const { scanSources } = await import("../../src/api.js");
    const yaml = `mcpServers:\n  - name: a\n    command: acme-mcp\n    env:\n      API_KEY: "${key}\n      X: 1\n`;
    const json = `{ "mcpServers": { "a": { "command": "acme-mcp", "env": { "ACME_TOKEN": '${key}\n" } } } }\n`;
    const r = scanSources([{ path: ".continue/config.yaml", text: yaml }, { path: ".cursor/mcp.json", text: json }]);
    const at = (f: string) => r.findings.filter((x) => x.ruleId === "hardcoded-secret" && x.loc.file === f).map((x) => [x.loc.line, x.loc.column]);
    expect(at(".continue/config.yaml")).toEqual([[5, yaml.split("\n")[4]!.indexOf(key) + 1]]);
    expect(at(".cursor/mcp.json")).toEqual([[1, json.indexOf(key) + 1]]);
    expect(r.findings.some((x) => x.ruleId === "parse-error")).toBe(true);
    expect(JSON.stringify(r.findings)).not.toContain(key.slice(4));
  });
  it("a closed quote is read as before, and a backtick left open is not taken (a template literal goes on)", () => {
    expect(scanText(`API_KEY: "${key}" # rotated\n`).map((m) => m.secret)).toEqual([key]);
    expect(scanText(`const apiKey = \`${key}\n  more\`;\n`, { code: true })).toEqual([]);
  });
});

describe("a secret manager's reference inside a connection string", () => {
  // An unquoted value stops at `(`: `Password=@Microsoft.KeyVault(...)` once left `@Microsoft.KeyVault` as the password.
  const ref = "@Microsoft.KeyVault(SecretUri=https://mcp-kv.vault.azure.net/secrets/db-password/)";
  it.each([
    ["an env value (detectInValue)", () => detectInValue(`Server=tcp:acme.database.windows.net,1433;Database=shop;User ID=app;Password=${ref};Encrypt=true`, { key: "MSSQL_CONNECTION_STRING", source: "env" })],
    ["a .env line (scanText)", () => scanText(`MSSQL_CONNECTION_STRING=Server=tcp:acme.database.windows.net;User ID=app;Password=${ref};\n`)],
    ["a quoted string (scanText)", () => scanText(`DB="Server=tcp:acme.database.windows.net;User ID=app;Password=${ref};"\n`)],
  ])("%s: no finding", (_name, run) => expect(run()).toEqual([]));

  it("a password with a parenthesis in the same place is still reported", () => {
    const hits = detectInValue(`Server=tcp:acme.database.windows.net;User ID=app;Password=${pw}(k;Encrypt=true`, { key: "MSSQL_CONNECTION_STRING", source: "env" });
    expect(hits.map((h) => h.detector)).toEqual(["generic-password"]);
  });
});
