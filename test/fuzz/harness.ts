/**
 * Property-based fuzzing of the whole in-memory pipeline (parse → model →
 * every rule) through `scanSources`. One property per syntax; inputs are
 * random documents in that syntax and mutations of the seed corpus in
 * `fixtures/fuzz-seeds/`. The case count comes from FUZZ_RUNS (200 in
 * `npm test`, 10,000 in `npm run fuzz`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import TOML from "@iarna/toml";
import fc from "fast-check";
import { stringify as yamlStringify } from "yaml";
import { expect } from "vitest";
import { scanSources } from "../../src/api.js";
import { FIXTURES } from "../helpers.js";

export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
/** Upper bound for one case (parse + model + rules), in milliseconds. */
export const CASE_TIME_LIMIT_MS = 2_000;

export type FuzzSyntax = "json" | "jsonc" | "yaml" | "toml" | "typescript";

/** Catalog file names each syntax is fed under (plus one name the catalog does not claim). */
export const NAMES: Record<FuzzSyntax, readonly string[]> = {
  json: [".mcp.json", ".cursor/mcp.json", "claude_desktop_config.json", ".claude.json", "cline_mcp_settings.json", ".gemini/settings.json", "opencode.json", "mcp/servers.json"],
  jsonc: [".vscode/mcp.json", ".vscode/settings.json", ".zed/settings.json", ".amazonq/mcp.json", ".continue/mcpServers/a.json", "opencode.jsonc"],
  yaml: [".continue/config.yaml", ".continue/mcpServers/x.yaml", "goose/config.yaml", "librechat.yaml", "deploy/route.yaml", "k8s/gateway.yml"],
  toml: [".codex/config.toml", ".codex/requirements.toml", "codex/config.toml", "pyproject.toml"],
  typescript: ["agent.ts", "src/mcp.ts", ".env", "server.py", "README.md"],
};

const SEED_EXT: Record<FuzzSyntax, RegExp> = {
  json: /\.json$/,
  jsonc: /\.json$/,
  yaml: /\.ya?ml$/,
  toml: /\.toml$/,
  typescript: /\.ts$|(^|\/)\.env$/,
};

function listSeeds(dir: string): string[] {
  const out: string[] = [];
  for (const d of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, d.name);
    if (d.isDirectory()) out.push(...listSeeds(abs));
    else if (d.isFile()) out.push(abs);
  }
  return out.sort();
}

const SEED_DIR = path.join(FIXTURES, "fuzz-seeds");
const ALL_SEEDS = listSeeds(SEED_DIR).map((abs) => ({ rel: path.relative(SEED_DIR, abs).split(path.sep).join("/"), text: fs.readFileSync(abs, "utf8") }));

export function seedsFor(syntax: FuzzSyntax): string[] {
  const texts = ALL_SEEDS.filter((s) => SEED_EXT[syntax].test(s.rel)).map((s) => s.text);
  if (texts.length === 0) throw new Error(`no fuzz seeds for ${syntax} in ${SEED_DIR}`);
  return texts;
}

// ---------------------------------------------------------------- values

/** Strings that steer the model into its interesting branches. */
const INTERESTING = [
  "${VAR}", "${VAR:-default}", "${env:HOME}", "${input:key}", "${file:/etc/passwd}", "{env:X}", "{file:~/.key}", "${{ secrets.TOKEN }}", "{{USER_KEY}}",
  "%USERPROFILE%", "$HOME", "${workspaceFolder}", "${", "${{", "{{", "%", "$",
  "--api-key=abc", "--token", "-e", "--env", "K=V", "-v", "--volume", "--mount", "type=bind,source=/,target=/x", "/:/host", "--privileged", "--network", "host", "--net=host",
  "--tools", "--toolsets=all", "all", "GITHUB_TOOLSETS=all", "@modelcontextprotocol/server-filesystem", "mcp-server-filesystem", "/", "~", "C:\\", "/home/dev", "/Users/x", "/root",
  "https://u:p@host/x?token=abc&key=1", "http://[::1]:99999/", "stdio", "sse", "http", "streamable-http", "ws", "*", "**", "approve", "true", "false", "",
  "npx", "docker", "uvx", "node", "\u0000", "\uFEFF", "\uD800", "\u202E", "é", "😀", "\r\n", "\t", "#", "//", "/*", "'", '"', "\\",
];

const KEYS = [
  "mcpServers", "servers", "mcp_servers", "mcp", "extensions", "context_servers", "inputs", "command", "cmd", "args", "env", "envs", "environment", "headers", "http_headers",
  "url", "serverUrl", "httpUrl", "uri", "type", "transport", "transportType", "cwd", "disabled", "enabled", "autoApprove", "alwaysAllow", "trust", "tools", "includeTools",
  "excludeTools", "enabled_tools", "disabled_tools", "env_vars", "env_keys", "bearer_token_env_var", "env_http_headers", "default_tools_approval_mode", "apiKey", "auth", "oauth",
  "requestOptions", "name", "value", "permissions", "allow", "deny", "defaultMode", "apiVersion", "kind", "spec", "metadata", "__proto__", "constructor", "toString", "",
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...INTERESTING) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...INTERESTING), { maxLength: 4 }).map((a) => a.join("")) },
);
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** A JSON-like value biased towards server-entry shapes. */
const { tree } = fc.letrec<{ tree: unknown; obj: Record<string, unknown> }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("tree"), { maxLength: 5 }),
    tie("obj"),
  ),
  obj: fc.dictionary(key, tie("tree"), { maxKeys: 6 }),
}));

/** `{ <top>: { <name>: entry } }` in the shapes server maps use, or any tree. */
const configObject = fc.oneof(
  fc.record({ top: fc.constantFrom("mcpServers", "servers", "mcp_servers", "mcp", "extensions", "context_servers"), servers: fc.dictionary(fc.string({ maxLength: 10 }), fc.dictionary(key, tree, { maxKeys: 8 }), { maxKeys: 4 }) }).map(({ top, servers }) => ({ [top]: servers }) as Record<string, unknown>),
  fc.record({ mcpServers: fc.array(fc.dictionary(key, tree, { maxKeys: 8 }), { maxLength: 4 }) }),
  fc.dictionary(key, tree, { maxKeys: 6 }),
);

// ------------------------------------------------------------- documents

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

const jsonDoc = fc.oneof(configObject.map((o) => JSON.stringify(o, null, 2)), fc.jsonValue().map((v) => JSON.stringify(v)));
const jsoncDoc = fc.tuple(jsonDoc, fc.array(fc.tuple(fc.nat(), fc.constantFrom("// c\n", "/* c */", ",", "/*", "//", "\n")), { maxLength: 4 })).map(([doc, ins]) => ins.reduce((t, [at, s]) => insertAt(t, at % (t.length + 1), s), doc));
const yamlDoc = fc.oneof(
  configObject.map((o) => safe(() => yamlStringify(o), "")),
  fc.array(fc.constantFrom("key: value\n", "- item\n", "  nested: 1\n", "&a [1, 2]\n", "*a\n", "<<: *a\n", "---\n", "? complex\n: v\n", "!!binary AA==\n", "|\n  block\n", "'q': \"d\"\n", "{a: [b, {c: d}]}\n", "mcpServers:\n", "  - name: x\n", "    command: npx\n", "%YAML 1.2\n"), { maxLength: 20 }).map((a) => a.join("")),
);
const tomlDoc = fc.oneof(
  configObject.map((o) => safe(() => TOML.stringify(toTomlable(o) as TOML.JsonMap), "")),
  fc.array(fc.constantFrom("[mcp_servers.a]\n", "[[arr]]\n", 'command = "npx"\n', 'args = ["-y", "x"]\n', "env = { K = \"v\" }\n", "x = 1979-05-27T07:32:00Z\n", 'k = """\nmulti\n"""\n', "n = 0x1F\n", "a.b.c = true\n", "# comment\n", "'lit' = 'v'\n", "inf = inf\n"), { maxLength: 20 }).map((a) => a.join("")),
);
// Every generated program starts with an SDK import, so the prefilter lets it through and the
// tree-sitter parse and the SDK adapter really run on it (mutations may still remove it).
const tsDoc = fc.array(
  fc.oneof(
    fc.constantFrom("import { x } from \"y\";\n", "const s = new MCPServerStdio({", "new StdioClientTransport({", "new StreamableHTTPClientTransport(new URL(\"http://h/mcp\"), { requestInit: { headers: { Authorization: \"Bearer k\" } } });", "const server = new McpServer({ name: \"n\", version: \"1\" });", "app.post(\"/mcp\", auth, async (req, res) => {", "server.tool(\"delete_all\", async () => ({}));", "command: \"npx\",", "args: [\"-y\", \"@modelcontextprotocol/server-filesystem\", \"/\"],", "env: { KEY: process.env.KEY },", "});\n", "`${a}`", "/* ", " */", "// ", "\"", "'", "`", "KEY=value\n", "export TOKEN=\n", "url: \"https://a:b@c/\","),
    text,
  ),
  { maxLength: 30 },
).map((a) => 'import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";\n' + a.join(""));

/** TOML cannot hold null or mixed arrays in every version; make the tree TOML-safe. */
function toTomlable(v: unknown): unknown {
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" && x !== null && !Array.isArray(x) ? JSON.stringify(x) : String(x)));
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => k !== "__proto__").map(([k, x]) => [k, toTomlable(x)]));
  return v;
}

export const GENERATORS: Record<FuzzSyntax, fc.Arbitrary<string>> = { json: jsonDoc, jsonc: jsoncDoc, yaml: yamlDoc, toml: tomlDoc, typescript: tsDoc };

// ------------------------------------------------------------- mutations

function insertAt(t: string, at: number, s: string): string {
  return t.slice(0, at) + s + t.slice(at);
}

const NESTING: Record<FuzzSyntax, readonly string[]> = {
  json: ["[", "{\"a\":", "[{\"mcpServers\":"],
  jsonc: ["[", "{\"a\":", "/*[*/["],
  yaml: ["- ", "a:\n  ", "[", "{a: ", "&x [*x, "],
  toml: ["a = [", "[", "x = { y = "],
  typescript: ["(", "{", "[", "${"],
};

type Mutation =
  | { op: "flip"; at: number; byte: number }
  | { op: "truncate"; at: number }
  | { op: "duplicate"; at: number; len: number; to: number }
  | { op: "nest"; at: number; unit: number; depth: number }
  | { op: "unicode"; at: number; s: string }
  | { op: "delete"; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 400 }), to: fc.nat() }),
  fc.record({ op: fc.constant("nest" as const), at: fc.nat(), unit: fc.nat(), depth: fc.integer({ min: 1, max: 1_000 }) }),
  fc.record({ op: fc.constant("unicode" as const), at: fc.nat(), s: fc.oneof(fc.string({ unit: "grapheme", maxLength: 8 }), fc.string({ unit: "binary", maxLength: 8 }), fc.constantFrom("\uFEFF", "\uD800", "\uDFFF", "\u0000", "\u2028", "\u202E", "\r", "\u00A0")) }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 50 }) }),
);

export function applyMutation(t: string, m: Mutation, syntax: FuzzSyntax): string {
  const at = m.at % (t.length + 1);
  switch (m.op) {
    case "flip":
      return t.slice(0, at) + String.fromCharCode(m.byte) + t.slice(at + 1);
    case "truncate":
      return t.slice(0, at);
    case "duplicate":
      return insertAt(t, m.to % (t.length + 1), t.slice(at, at + m.len));
    case "nest": {
      const units = NESTING[syntax];
      return insertAt(t, at, (units[m.unit % units.length] as string).repeat(m.depth));
    }
    case "unicode":
      return insertAt(t, at, m.s);
    case "delete":
      return t.slice(0, at) + t.slice(at + m.len);
  }
}

/** A seed of this syntax with 1–6 mutations applied. */
export function mutatedSeed(syntax: FuzzSyntax): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...seedsFor(syntax)), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => ms.reduce((t, m) => applyMutation(t, m, syntax), seed));
}

/** Everything fed to one syntax's property: random documents, mutated seeds, raw noise. */
export function inputsFor(syntax: FuzzSyntax): fc.Arbitrary<{ name: string; text: string }> {
  const doc = fc.oneof({ weight: 3, arbitrary: GENERATORS[syntax] }, { weight: 4, arbitrary: mutatedSeed(syntax) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) });
  return fc.record({ name: fc.constantFrom(...NAMES[syntax]), text: doc });
}

// ----------------------------------------------------------------- check

/** What must hold for any input: no throw, no internal diagnostic, in time, locations inside the file. */
export function checkCase(name: string, text: string): void {
  const started = performance.now();
  const result = scanSources([{ path: name, text }]);
  const elapsed = performance.now() - started;
  const internal = result.diagnostics.filter((d) => d.code === "internal");
  if (internal.length) throw new Error(`internal diagnostic on ${name}: ${internal.map((d) => d.message).join("; ")}`);
  if (elapsed > CASE_TIME_LIMIT_MS) throw new Error(`${name}: took ${Math.round(elapsed)} ms (limit ${CASE_TIME_LIMIT_MS} ms) for ${text.length} chars`);
  const lineCount = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n|\u2028|\u2029/).length;
  for (const f of result.findings) {
    if (!(f.loc.line >= 1 && f.loc.column >= 1 && f.loc.line <= lineCount + 1)) throw new Error(`${name}: finding ${f.ruleId} at impossible location ${f.loc.line}:${f.loc.column} (file has ${lineCount} lines)`);
  }
}

/**
 * Runs one syntax's property, prints its case count and outcome, and fails
 * with fast-check's shrunk counterexample when a case breaks.
 */
export function fuzzSyntax(syntax: FuzzSyntax, runs = FUZZ_RUNS): void {
  let cases = 0;
  let slowest = 0;
  const details = fc.check(
    fc.property(inputsFor(syntax), ({ name, text }) => {
      cases++;
      const t0 = performance.now();
      checkCase(name, text);
      slowest = Math.max(slowest, performance.now() - t0);
    }),
    { numRuns: runs, seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined },
  );
  const failure = details.failed ? `FAILED (seed ${details.seed}, path ${details.counterexamplePath}): ${String((details.errorInstance as Error | undefined)?.message ?? details.errorInstance).slice(0, 500)}` : "0 failures";
  console.log(`fuzz ${syntax}: ${details.numRuns} cases passed (${cases} executed incl. shrinking), slowest ${Math.round(slowest)} ms, ${failure}`);
  if (details.failed) {
    const example = details.counterexample?.[0] as { name: string; text: string } | undefined;
    if (example) console.log(`counterexample ${example.name}: ${JSON.stringify(example.text.slice(0, 2_000))}`);
  }
  expect(details.failed, failure).toBe(false);
  expect(details.numRuns).toBe(runs);
}
