/**
 * Every regular expression on the model / refs / rules / catalog path, driven
 * through the functions that use it with 100 KB adversarial inputs (runs of
 * the characters the patterns hinge on), must answer in < 100 ms per call; the
 * whole pipeline within a multiple of its time on a plain value.
 * (The secret detectors under src/secrets/ have their own test.)
 */
import { describe, expect, it } from "vitest";
import { scanSources } from "../../src/api.js";
import { sniffCandidates } from "../../src/catalog/classify.js";
import { allFormats } from "../../src/catalog/formats.js";
import type { Loc } from "../../src/model/location.js";
import { classifyValue, findRefTokens, type RefSyntax } from "../../src/model/refs.js";
import { argCredentials, urlCarriesCredential } from "../../src/model/launch-credentials.js";
import { argFacts, isBroadPath } from "../../src/model/server-entry.js";
import type { ConfigValue } from "../../src/model/types.js";
import { authLike } from "../../src/model/adapters/ts-route-guards.js";
import { optionalAuthName, optionalAuthOptions } from "../../src/model/adapters/optional-auth.js";

const SIZE = 100 * 1024;
const LIMIT_MS = 100;

/** Units repeated to 100 KB; each also tried with a tail that makes a match fail at the very end. */
const UNITS = [
  "$", "{", "}", "${", "${{", "{{", "}}", "%", "a", "-", " ", "\t", "_", ".", ":", "/", "\\", "@", "=", ",", "?", "&", "\n",
  "$a", "$a ", "%a%", "%a", "${a}", "${a", "${a:-", "${env:", "${env:a}", "${input:", "${file:", "{env:", "{file:", "${{ secrets.", "${{ secrets.a }}", "{{ a", "{{a}}",
  "://", "://a:", "a:", "--api-key", "--api-key=", "-e", "--", "--mount", "source=", "/home/", "C:\\Users\\", "@modelcontextprotocol/server-filesystem@", "mcp-server-filesystem ",
  "delete_", "_write", "api_key=", "?token=", ".env",
  "require", "requireX", "noanonymous", "authRequired:",
  "ENC[AES256_GCM,data:a,iv:", "encrypted:", "op://a/", "vault:a", "projects/a/secrets/", "@Microsoft.KeyVault(",
];
const TAILS = ["", "!", "\u0000", " x", "@", "}"];

function inputs(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const unit of UNITS) {
    const body = unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE);
    for (const tail of TAILS) out.push({ name: `${JSON.stringify(unit)}×${Math.ceil(SIZE / unit.length)}${tail ? ` + ${JSON.stringify(tail)}` : ""}`, text: body + tail });
  }
  return out;
}

const INPUTS = inputs();
const ALL_SYNTAXES: readonly RefSyntax[] = ["dollar-brace", "dollar", "percent", "env-colon", "input", "file-colon", "brace-env", "gh-secrets", "mustache", "deck-env", "kong-vault"];
const loc: Loc = { file: "x", line: 1, column: 1, endLine: 1, endColumn: 1 };
const cv = (raw: string): ConfigValue => ({ raw, ref: { kind: "literal" }, loc });

/**
 * The best of up to three timed calls after a warm-up (JIT): a scheduling or
 * GC pause on a busy machine can slow one call of linear work past the limit,
 * while backtracking over 100 KB takes seconds on every call.
 */
function timed(label: string, f: () => unknown, limit = LIMIT_MS): void {
  f();
  let ms = Infinity;
  for (let i = 0; i < 3 && ms >= limit; i++) {
    const t0 = performance.now();
    f();
    ms = Math.min(ms, performance.now() - t0);
  }
  expect(ms, `${label}: ${ms.toFixed(1)} ms (limit ${limit} ms)`).toBeLessThan(limit);
}

const CALLS: Record<string, (s: string) => unknown> = {
  findRefTokens: (s) => findRefTokens(s),
  "classifyValue(all syntaxes)": (s) => classifyValue(s, ALL_SYNTAXES),
  "classifyValue(none)": (s) => classifyValue(s, []),
  "argCredentials([s])": (s) => argCredentials([cv(s)]),
  "argCredentials(['--token', s])": (s) => argCredentials([cv("--token"), cv(s)]),
  "argCredentials(['-e', s])": (s) => argCredentials([cv("-e"), cv(s)]),
  "argCredentials(['--secrets', s])": (s) => argCredentials([cv("--secrets"), cv(s)]),
  "argCredentials(['--env-file', s])": (s) => argCredentials([cv("--env-file"), cv(s)]),
  "argFacts(['-v', s])": (s) => argFacts([cv("-v"), cv(s)]),
  "argFacts(['--mount', s])": (s) => argFacts([cv("--mount"), cv(s)]),
  "argFacts([s, s])": (s) => argFacts([cv(s), cv(s)]),
  "argFacts([filesystem, s])": (s) => argFacts([cv("@modelcontextprotocol/server-filesystem"), cv(s)]),
  isBroadPath: (s) => isBroadPath(s),
  urlCarriesCredential: (s) => urlCarriesCredential(s),
  "sniffCandidates(x.yaml)": (s) => sniffCandidates("deploy/x.yaml", s),
  authLike: (s) => authLike(s),
  optionalAuthName: (s) => optionalAuthName(s),
  optionalAuthOptions: (s) => optionalAuthOptions(s),
};

describe("regular expressions stay linear on 100 KB adversarial inputs", () => {
  for (const [label, call] of Object.entries(CALLS)) {
    it(label, () => {
      for (const { name, text } of INPUTS) timed(`${label} on ${name}`, () => call(text));
    });
  }

  it("every catalog sniffText pattern", () => {
    for (const f of allFormats()) {
      if (!f.sniffText) continue;
      const re = f.sniffText;
      for (const { name, text } of INPUTS) timed(`${f.id} sniffText on ${name}`, () => re.test(text));
    }
  });
});

describe("the whole pipeline stays fast with 100 KB adversarial values in its slots", () => {
  // Parse + model + every rule over a file under the default 2 MB cap (escaping may double a value). Timed against the same
  // pipeline over a plain value of the same size in the same moment, so a loaded machine slows both (an absolute 1 s limit
  // failed at load 14). Linear work stays within a few times the plain value's cost: ~12x for a run of `a` (hex digits, which
  // the credential checks look at closer), under 8x for the rest; backtracking over 100 KB costs seconds to minutes.
  const PIPELINE_MAX_RATIO = 30;
  const files = (v: string) => [
    { path: ".mcp.json", text: JSON.stringify({ mcpServers: { [v.slice(0, 200)]: { command: v, args: ["-v", v, "--token", v], env: { [v.slice(0, 100)]: v }, autoApprove: [v] } } }) },
    { path: ".vscode/mcp.json", text: JSON.stringify({ servers: { s: { type: "http", url: v, headers: { "X-Key": v } } } }) },
  ];
  const pipeline = (v: string) => () => {
    const r = scanSources(files(v));
    expect(r.diagnostics.filter((d) => d.code === "internal")).toEqual([]);
  };
  const plain = pipeline("x".repeat(SIZE));
  it.each(UNITS.map((u) => [JSON.stringify(u), u]))("%s", (_, unit) => {
    const ratio = bestRatio(plain, pipeline(unit.repeat(Math.ceil(SIZE / unit.length)).slice(0, SIZE)), PIPELINE_MAX_RATIO);
    expect(ratio, `scanSources with ${JSON.stringify(unit)} values: x${ratio.toFixed(1)} the plain value's time`).toBeLessThan(PIPELINE_MAX_RATIO);
  });
});

/**
 * The lowest ratio of `adversarial`'s time to `reference`'s over up to three alternating pairs of calls after a warm-up of
 * each: a pause on a busy machine can slow one call, while backtracking slows every call of the adversarial input.
 */
function bestRatio(reference: () => void, adversarial: () => void, below: number): number {
  reference();
  adversarial();
  let best = Infinity;
  for (let i = 0; i < 3 && best >= below; i++) {
    const t0 = performance.now();
    reference();
    const t1 = performance.now();
    adversarial();
    const t2 = performance.now();
    best = Math.min(best, (t2 - t1) / (t1 - t0));
  }
  return best;
}

describe("the linear rewrites keep their meaning", () => {
  it("urlCarriesCredential", () => {
    expect(urlCarriesCredential("https://user:pa:ss@host/x")).toBe(true);
    expect(urlCarriesCredential("https://host:8443/x?api_key=1")).toBe(true);
    expect(urlCarriesCredential("https://host:8443/mcp")).toBe(false);
    expect(urlCarriesCredential("https://host/mcp?page=1")).toBe(false);
    // A user name alone: a reference in any client's syntax counts, a plain name does not.
    for (const user of ["${TOKEN}", "${env:TOKEN}", "${input:token}", "${{ secrets.TOKEN }}", "$TOKEN"]) expect(urlCarriesCredential(`https://${user}@host/mcp`), user).toBe(true);
    for (const user of ["git", "user", "dev.team", "${workspaceFolder}"]) expect(urlCarriesCredential(`https://${user}@host/mcp`), user).toBe(false);
    expect(urlCarriesCredential("https://host/mcp?x=a@b")).toBe(false);
    // Firecrawl's hosted server: a first path segment that is not its own path is the key; its keyless endpoint carries none.
    for (const url of ["https://mcp.firecrawl.dev/{FIRECRAWL_API_KEY}/v2/mcp", "https://mcp.firecrawl.dev/${env:FIRECRAWL_API_KEY}/sse", "https://mcp.firecrawl.dev/fc-YOUR_API_KEY/v2/sse"]) expect(urlCarriesCredential(url), url).toBe(true);
    for (const url of ["https://mcp.firecrawl.dev/v2/mcp", "https://mcp.firecrawl.dev/sse", "https://mcp.firecrawl.dev/mcp?x=1"]) expect(urlCarriesCredential(url), url).toBe(false);
  });

  it("isBroadPath trims any run of trailing separators", () => {
    expect(isBroadPath("///")).toBe(true);
    expect(isBroadPath("/home/dev//")).toBe(true);
    expect(isBroadPath("C:\\Users\\dev\\\\")).toBe(true);
    expect(isBroadPath("/home/dev/project/")).toBe(false);
  });

  it("references with defaults, files and brace-env still classify", () => {
    expect(classifyValue("${TOKEN:-none}", ["dollar-brace"]).ref).toEqual({ kind: "env", name: "TOKEN", default: "none" });
    expect(classifyValue("${file:/run/secrets/key}", ["file-colon"]).ref).toEqual({ kind: "file", path: "/run/secrets/key" });
    expect(classifyValue("{env:KEY}", ["brace-env"]).ref).toEqual({ kind: "env", name: "KEY" });
    expect(findRefTokens("$a ".repeat(1_000))).toHaveLength(64);
  });
});
