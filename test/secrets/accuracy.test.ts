/**
 * Labelled accuracy set: secrets generated at test time (seeded) and planted
 * into many syntaxes (fixtures/secrets/accuracy/syntaxes.json), plus
 * placeholders, references and look-alikes (negatives.json). Prints recall
 * and precision; both must stay >= 0.95.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SecretMatch, ValueContext } from "../../src/secrets/index.js";
import { detectInValue, redact, scanText } from "../../src/secrets/index.js";
import { withBase62Crc32 } from "../../src/secrets/checksum.js";
import { Fake, b64urlOf } from "../../src/secrets/fake.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, "..", "..", "fixtures", "secrets", "accuracy");
interface Syntax { readonly name: string; readonly text: string }
const syntaxes = JSON.parse(readFileSync(path.join(dir, "syntaxes.json"), "utf8")) as { keyValue: Syntax[]; token: Syntax[]; password: Syntax[] };
const negatives = JSON.parse(readFileSync(path.join(dir, "negatives.json"), "utf8")) as { placeholders: string[]; lookalikes: string[]; texts: string[]; values: string[] };
negatives.values = [...negatives.placeholders, ...negatives.lookalikes];

const f = new Fake("accuracy");
const PW = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!%*-_.~";
const gh = (): string => "ghp" + "_" + withBase62Crc32(f.alnum(30));
const jwt = (): string => `${b64urlOf('{"alg":"RS256","typ":"JWT"}')}.${b64urlOf(JSON.stringify({ sub: f.hex(12), iat: 1735689600 }))}.${f.b64url(86)}`;
const password = (): string => f.str(PW, 10) + "9" + f.str(PW, 5);

/** key -> generator; provider formats and generic literals under credential keys. */
const KEY_VALUES: Array<[string, () => string]> = [
  ["GITHUB_PERSONAL_ACCESS_TOKEN", gh],
  ["OPENAI_API_KEY", () => "sk-proj-" + f.b64url(74) + "T3Blbk" + "FJ" + f.b64url(74)],
  ["ANTHROPIC_API_KEY", () => "sk-ant-api03-" + f.b64url(93) + "AA"],
  ["SLACK_BOT_TOKEN", () => `xoxb-1${f.digits(11)}-1${f.digits(12)}-${f.alnum(24)}`],
  ["STRIPE_SECRET_KEY", () => "sk_live_" + f.alnum(99)],
  ["AWS_ACCESS_KEY_ID", () => "AKIA" + f.str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)],
  ["MISTRAL_API_KEY", () => f.alnum(32)],
  ["HF_TOKEN", () => "hf_" + f.letters(34)],
  ["DATABRICKS_TOKEN", () => "dapi" + f.hex(32)],
  ["API_TOKEN", () => f.alnum(32)],
  ["apiKey", () => f.b64url(40)],
  ["CLIENT_SECRET", () => f.alnum(36)],
  ["SECRET_KEY", () => f.hex(64)],
  ["AUTH_TOKEN", jwt],
  ["DB_PASSWORD", password],
  ["SERVICE_PASSWORD", password],
];
const TOKENS: Array<() => string> = [gh, jwt, () => f.alnum(40), () => "glpat-" + f.b64url(20), () => "sk-ant-api03-" + f.b64url(93) + "AA", () => f.b64url(48)];
const PASSWORDS: Array<() => string> = [password, password, () => f.alnum(20)];

interface Case { readonly text: string; readonly secret?: string; readonly label: string }

function fill(t: string, key: string, value: string): string {
  return t.split("{{KEY}}").join(key).split("{{VALUE}}").join(value);
}

function buildCases(): { pos: Case[]; neg: Case[] } {
  const pos: Case[] = [];
  const neg: Case[] = [];
  for (const s of syntaxes.keyValue) {
    for (const [key, gen] of KEY_VALUES) {
      const v = gen();
      pos.push({ text: fill(s.text, key, v), secret: v, label: `${s.name}/${key}` });
    }
    for (const v of negatives.values) for (const key of ["API_KEY", "GITHUB_TOKEN"]) neg.push({ text: fill(s.text, key, v), label: `${s.name}/${key}/${v}` });
    // Under a password key almost any literal is a password: only placeholders and references are negatives there.
    for (const v of negatives.placeholders) neg.push({ text: fill(s.text, "DB_PASSWORD", v), label: `${s.name}/DB_PASSWORD/${v}` });
  }
  for (const s of syntaxes.token) {
    for (const gen of TOKENS) {
      const v = gen();
      pos.push({ text: fill(s.text, "", v), secret: v, label: `${s.name}` });
    }
    for (const v of negatives.values) neg.push({ text: fill(s.text, "", v), label: `${s.name}/${v}` });
  }
  for (const s of syntaxes.password) {
    for (const gen of PASSWORDS) {
      const v = gen();
      pos.push({ text: fill(s.text, "", v), secret: v, label: `${s.name}` });
    }
    for (const v of negatives.placeholders) neg.push({ text: fill(s.text, "", v), label: `${s.name}/${v}` });
  }
  negatives.texts.forEach((t, i) => neg.push({ text: t, label: `text#${i}` }));
  return { pos, neg };
}

interface ValueCase { readonly value: string; readonly ctx: ValueContext; readonly secret?: string; readonly label: string }
function buildValueCases(): { pos: ValueCase[]; neg: ValueCase[] } {
  const pos: ValueCase[] = [];
  const neg: ValueCase[] = [];
  const shapes: Array<[string, (v: string) => [string, ValueContext]]> = [
    ["env", (v) => [v, { key: "API_TOKEN", source: "env" }]],
    ["oauth", (v) => [v, { key: "client_secret", source: "oauth" }]],
    ["header-bearer", (v) => [`Bearer ${v}`, { key: "Authorization", source: "header" }]],
    ["header-x-api-key", (v) => [v, { key: "X-Api-Key", source: "header" }]],
    ["arg-after-flag", (v) => [v, { key: "--api-key", source: "arg" }]],
    ["arg-flag-eq", (v) => [`--access-token=${v}`, { source: "arg" }]],
    ["arg-docker-e", (v) => [`SERVICE_TOKEN=${v}`, { source: "arg" }]],
    ["arg-header", (v) => [`Authorization: Bearer ${v}`, { source: "arg" }]],
    ["url-query", (v) => [`https://mcp.example.net/sse?token=${v}`, { source: "url" }]],
    ["setting", (v) => [v, { key: "backendAuth.key.value", source: "setting" }]],
  ];
  for (const [name, shape] of shapes) {
    for (const gen of TOKENS) {
      const v = gen();
      const [value, ctx] = shape(v);
      pos.push({ value, ctx, secret: v, label: name });
    }
    for (const v of negatives.values) {
      const [value, ctx] = shape(v);
      neg.push({ value, ctx, label: `${name}/${v}` });
    }
  }
  return { pos, neg };
}

interface Score { tp: number; fn: number; fp: number; misses: string[]; falses: string[] }

function score<C extends { secret?: string; label: string }>(cases: { pos: C[]; neg: C[] }, text: (c: C) => string, run: (c: C) => SecretMatch[]): Score {
  const s: Score = { tp: 0, fn: 0, fp: 0, misses: [], falses: [] };
  for (const c of cases.pos) {
    const t = text(c);
    const start = t.indexOf(c.secret ?? "");
    const end = start + (c.secret ?? "").length;
    const ms = run(c);
    const hit = ms.some((m) => m.start < end && start < m.end);
    if (hit) s.tp++;
    else {
      s.fn++;
      s.misses.push(c.label);
    }
    for (const m of ms) {
      if (!(m.start < end && start < m.end)) {
        s.fp++;
        s.falses.push(`${c.label}: ${m.detector} ${redact(m.secret)}`);
      }
    }
  }
  for (const c of cases.neg) {
    for (const m of run(c)) {
      s.fp++;
      s.falses.push(`${c.label}: ${m.detector} ${redact(m.secret)}`);
    }
  }
  return s;
}

function report(name: string, s: Score): { recall: number; precision: number } {
  const recall = s.tp / (s.tp + s.fn);
  const precision = s.tp / (s.tp + s.fp);
  console.log(`[secrets accuracy] ${name}: recall ${recall.toFixed(3)} (${s.tp}/${s.tp + s.fn}), precision ${precision.toFixed(3)} (${s.fp} false positives)`);
  if (s.misses.length) console.log(`  misses: ${s.misses.join(", ")}`);
  if (s.falses.length) console.log(`  false positives: ${s.falses.join(" | ")}`);
  return { recall, precision };
}

describe("labelled accuracy set", () => {
  it("scanText over planted secrets and look-alikes: recall and precision >= 0.95", () => {
    const cases = buildCases();
    expect(cases.pos.length).toBeGreaterThan(200);
    expect(cases.neg.length).toBeGreaterThan(500);
    const r = report("scanText", score(cases, (c) => c.text, (c) => scanText(c.text)));
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
  });

  it("detectInValue over configured values: recall and precision >= 0.95", () => {
    const cases = buildValueCases();
    const r = report("detectInValue", score(cases, (c) => c.value, (c) => detectInValue(c.value, c.ctx)));
    expect(r.recall).toBeGreaterThanOrEqual(0.95);
    expect(r.precision).toBeGreaterThanOrEqual(0.95);
  });
});
