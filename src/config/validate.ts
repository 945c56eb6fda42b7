/**
 * Validates a parsed configuration against the schema (ajv, loaded only when a
 * configuration exists) and turns every error into a message that names the
 * key and its line.
 */
import { entry, isArray, isObject, type DocNode } from "../parse/doc.js";
import { LineIndex, type Span } from "../model/location.js";
import { CONFIG_SCHEMA } from "./schema.js";
import { similarCommand } from "../util/suggest.js";

export interface ConfigProblem {
  /** Dotted key path (`rules.hardcoded-secret`, `suppressions[0].reason`), or `` for the whole file. */
  readonly key: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

interface AjvError {
  readonly instancePath: string;
  readonly keyword: string;
  readonly message?: string;
  readonly params: Record<string, unknown>;
  /** Set on the error of a `propertyNames` sub-schema (a key that is no rule id); the `propertyNames` error after it names the key. */
  readonly propertyName?: string;
  /** The schema holding the failed keyword (ajv's `verbose`): an object's known keys for `additionalProperties`. */
  readonly parentSchema?: { readonly properties?: Readonly<Record<string, unknown>> };
}

type Validator = ((data: unknown) => boolean) & { errors?: AjvError[] | null };

let compiled: Promise<Validator> | undefined;

async function validator(): Promise<Validator> {
  compiled ??= import("ajv").then(({ Ajv }) => new Ajv({ allErrors: true, strict: true, verbose: true }).compile(CONFIG_SCHEMA) as Validator);
  return compiled;
}

/** Problems of `value` (parsed from `doc`), located in `text`. */
export async function validateConfig(value: unknown, doc: DocNode | undefined, text: string): Promise<ConfigProblem[]> {
  const validate = await validator();
  if (validate(value)) return [];
  const lines = new LineIndex(text);
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.propertyName !== undefined) continue;
    const p = describe(e, doc, lines, value);
    const k = `${p.key}\u0000${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(p);
  }
  return out;
}

/**
 * Rule levels as ESLint's configuration writes them (`warn`, `0`/`1`/`2`) and `false` for off,
 * with the level of mcplint's each stands for.
 */
const ESLINT_LEVELS: ReadonlyMap<unknown, string> = new Map<unknown, string>([["warn", "warning"], [0, "off"], [1, "warning"], [2, "error"], [false, "off"]]);

/** The allowed value `actual` was probably meant to be (a typo, or an ESLint rule level), if one of `allowed`. */
function meantValue(actual: unknown, allowed: readonly unknown[]): string | undefined {
  const names = allowed.filter((v): v is string => typeof v === "string");
  const eslint = ESLINT_LEVELS.get(typeof actual === "string" ? actual.toLowerCase() : actual);
  if (eslint !== undefined && names.includes(eslint)) return eslint;
  return typeof actual === "string" ? similarCommand(actual, names) : undefined;
}

/** Top-level keys of other tools' configuration files (ESLint's ignores, gitleaks' allowlist), with mcplint's. */
const FOREIGN_TOP_KEYS: ReadonlyMap<string, string> = new Map([["ignorePatterns", "exclude"], ["ignores", "exclude"], ["ignore", "exclude"], ["allowlist", "secrets"]]);

/** The known key an unknown one was probably meant to be (a typo; at the top, another tool's name for it). */
function meantKey(key: string, known: readonly string[], top: boolean): string | undefined {
  const foreign = top ? FOREIGN_TOP_KEYS.get(key) : undefined;
  return foreign !== undefined && known.includes(foreign) ? foreign : similarCommand(key, known.filter((k) => k !== "$schema"));
}

/** The value at a JSON pointer's segments in the parsed configuration. */
function valueAt(value: unknown, segments: readonly string[]): unknown {
  let cur = value;
  for (const s of segments) cur = cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>)[s] : undefined;
  return cur;
}

function describe(e: AjvError, doc: DocNode | undefined, lines: LineIndex, value: unknown): ConfigProblem {
  const segments = e.instancePath === "" ? [] : e.instancePath.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const found = locate(doc, segments);
  let key = keyPath(segments);
  let span = found?.span;
  let message = e.message ?? e.keyword;
  if (e.keyword === "additionalProperties") {
    const extra = String(e.params.additionalProperty);
    const ent = entry(found?.node, extra);
    key = keyPath([...segments, extra]);
    span = ent?.keySpan ?? span;
    const meant = meantKey(extra, Object.keys(e.parentSchema?.properties ?? {}), segments.length === 0);
    message = `unknown key '${extra}'${meant ? `; did you mean '${meant}'?` : ""}`;
  } else if (e.keyword === "enum") {
    const allowed = e.params.allowedValues as unknown[];
    const meant = meantValue(valueAt(value, segments), allowed);
    message = `must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}${meant ? `; did you mean ${JSON.stringify(meant)}?` : ""}`;
  } else if (e.keyword === "required") {
    message = `missing required key '${String(e.params.missingProperty)}'`;
  } else if (e.keyword === "propertyNames") {
    const name = String(e.params.propertyName);
    key = keyPath([...segments, name]);
    span = entry(found?.node, name)?.keySpan ?? span;
    message = "is not a rule id or category (lower-case words joined by '-')";
  } else if (e.keyword === "pattern" && /expires$/.test(key)) {
    message = "must be a date YYYY-MM-DD";
  }
  const pos = lines.position(span?.start ?? 0);
  return { key, line: pos.line, column: pos.column, message };
}

/** The node (and, for an object entry, the key span) at a JSON pointer. */
export function locate(doc: DocNode | undefined, segments: readonly string[]): { node: DocNode; span: Span } | undefined {
  let cur = doc;
  let span = doc?.span;
  for (const s of segments) {
    if (isObject(cur)) {
      const ent = entry(cur, s);
      cur = ent?.value;
      span = ent?.keySpan;
    } else if (isArray(cur)) {
      cur = cur.items[Number(s)];
      span = cur?.span;
    } else return cur && span ? { node: cur, span } : undefined;
  }
  return cur && span ? { node: cur, span } : undefined;
}

export function keyPath(segments: readonly string[]): string {
  let out = "";
  for (const s of segments) out += /^\d+$/.test(s) ? `[${s}]` : out ? `.${s}` : s;
  return out;
}
