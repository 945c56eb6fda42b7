/**
 * Value references in every client's syntax. A client expands only its own
 * syntaxes; anything else reaches the server as literal text, and the model
 * records that truthfully (`unexpanded`).
 */
import { encryptionScheme, SCHEME_TITLE } from "../secrets/encrypted.js";
import { secretManagerAddress } from "../secrets/secret-manager-uri.js";
import type { ValueRef } from "./types.js";

export type RefSyntax =
  | "dollar-brace" // ${VAR} and ${VAR:-default}
  | "dollar" // $VAR
  | "percent" // %VAR%
  | "env-colon" // ${env:VAR}
  | "input" // ${input:id}
  | "file-colon" // ${file:/path}
  | "brace-env" // {env:VAR} and {file:path} (opencode)
  | "gh-secrets" // ${{ secrets.X }} (Continue, GitHub Actions)
  | "continue-json-env" // ${VAR} in an env value of a Continue JSON block: its loader rewrites it to ${{ secrets.VAR }}
  | "gh-expression" // any other ${{ ... }}: an Actions expression (`github.workspace`, `secrets.X || 'd'`), or gh-aw's `github.aw.import-inputs.X`
  | "mustache" // {{VAR}} (LibreChat, Docker MCP templates)
  | "copilot-mcp" // $COPILOT_MCP_X, ${COPILOT_MCP_X}, ${COPILOT_MCP_X:-d} only (Copilot coding agent)
  | "k8s-paren" // $(VAR): Kubernetes expands it in a container's env values, command and args
  | "command-substitution" // $(cat ~/.token), $(security find-generic-password -w -s x): a shell's; no client runs it in a value
  | "shell-brace" // ${VAR-d}, ${VAR:?err}, ${VAR?err}, ${VAR:+alt}, ${VAR+alt}: the other shell forms (Docker Compose interpolation)
  | "deck-env" // ${{ env "DECK_X" }}: decK fills it from its environment before it reads the file
  | "kong-vault" // {vault://backend/name}: Kong resolves it from a vault (env, aws, gcp, hcv ...) when it uses the value
  | "litellm-env" // os.environ/NAME as a whole value: LiteLLM's proxy reads NAME from its environment when it loads the config
  | "go-env" // {{ env "NAME" }}: a Go template's env function (Unla renders its values with it when it uses them)
  | "go-template" // {{ .Values.x }}, {{ .Values.x | b64enc }}: Helm renders the chart's templates before Kubernetes reads them
  | "ps-env"; // $env:VAR (PowerShell's spelling): MCPorter expands it in header and env values

/**
 * Copilot coding agent: only secrets and variables of the `copilot`
 * environment whose names start with `COPILOT_MCP_` are visible. Any other
 * `$X` / `${X}` is not expanded from anything the agent can see, so it is
 * treated as unexpanded text (a literal that reached the server as is).
 */
const COPILOT_PREFIX = "COPILOT_MCP_";

interface Token {
  readonly syntax: RefSyntax;
  readonly text: string;
  readonly ref: ValueRef;
}

/** Client-provided variables that are paths or ids, not secrets. */
const BUILTINS = new Set([
  "workspaceFolder",
  "workspaceFolderBasename",
  "workspaceRoot",
  "userHome",
  "pathSeparator",
  "cwd",
  "HOME",
  "USERPROFILE",
  "PWD",
  "CLAUDE_PLUGIN_ROOT",
  "CLAUDE_PLUGIN_DATA",
  "CLAUDE_PROJECT_DIR",
  "extensionPath",
  "LIBRECHAT_USER_ID",
]);

// One combined, linear pattern per syntax; order matters (longest forms first). Bounded
// bodies exclude `{` so that a run of `${a:-` or `{env:` fails at the next `{` instead of
// scanning 500 characters from every start.
const PATTERNS: readonly { syntax: RefSyntax; re: RegExp; make: (m: RegExpExecArray) => ValueRef }[] = [
  // decK's template: the file's text may hold `"` or, read as decK renders it (parse/template-quotes.ts), `'`.
  { syntax: "deck-env", re: /\$\{\{\s*env\s+["']([A-Za-z_][A-Za-z0-9_]{0,200})["']\s*\}\}/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "gh-secrets", re: /\$\{\{\s*(secrets|inputs|env|vars)\.([A-Za-z0-9_.-]{1,200})\s*\}\}/g, make: (m) => (m[1] === "env" ? { kind: "env", name: m[2] ?? "" } : { kind: "secretStore", name: `${m[1]}.${m[2]}` }) },
  // After `gh-secrets`, which keeps the plain `${{ secrets.X }}` form: one bounded lazy run per `${{` (linear, as `go-template`).
  { syntax: "gh-expression", re: /\$\{\{([^{}\r\n]{1,300}?)\}\}/g, make: (m) => actionsExpressionRef((m[1] ?? "").trim()) },
  { syntax: "env-colon", re: /\$\{env:([A-Za-z_][A-Za-z0-9_]{0,200})\}/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "input", re: /\$\{input:([A-Za-z0-9_.-]{1,200})\}/g, make: (m) => ({ kind: "input", id: m[1] ?? "" }) },
  { syntax: "file-colon", re: /\$\{file:([^{}\s]{1,500})\}/g, make: (m) => ({ kind: "file", path: m[1] ?? "" }) },
  {
    syntax: "dollar-brace",
    re: /\$\{([A-Za-z_][A-Za-z0-9_]{0,200})(?::-([^{}]{0,500}))?\}/g,
    make: (m) => (BUILTINS.has(m[1] ?? "") ? { kind: "builtin", name: m[1] ?? "" } : m[2] !== undefined ? { kind: "env", name: m[1] ?? "", default: m[2] } : { kind: "env", name: m[1] ?? "" }),
  },
  // Listed after `dollar-brace`, which keeps `${VAR}` and `${VAR:-d}`; only files that expand these forms see them.
  {
    syntax: "shell-brace",
    re: /\$\{([A-Za-z_][A-Za-z0-9_]{0,200})(:?[-?+])([^{}]{0,500})\}/g,
    make: (m) => (m[2]?.endsWith("-") && m[3] ? { kind: "env", name: m[1] ?? "", default: m[3] } : { kind: "env", name: m[1] ?? "" }),
  },
  // The whole value only: LiteLLM replaces a string that starts with `os.environ/` and takes the rest as the name.
  { syntax: "litellm-env", re: /^os\.environ\/([A-Za-z_][A-Za-z0-9_]{0,200})$/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "kong-vault", re: /\{vault:\/\/([A-Za-z0-9_.-]{1,100}\/[^{}\s]{1,500})\}/g, make: (m) => ({ kind: "secretStore", name: `vault://${m[1] ?? ""}` }) },
  { syntax: "brace-env", re: /(?<!\$)\{(env|file):([^{}\s]{1,500})\}/g, make: (m) => (m[1] === "env" ? { kind: "env", name: m[2] ?? "" } : { kind: "file", path: m[2] ?? "" }) },
  // Before `mustache` and `go-template`: Unla's template function that reads the gateway's environment.
  { syntax: "go-env", re: /\{\{-?\s*env\s+"([A-Za-z_][A-Za-z0-9_]{0,200})"\s*-?\}\}/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "mustache", re: /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]{0,200})\s*\}\}/g, make: (m) => ({ kind: "userPlaceholder", name: m[1] ?? "" }) },
  // After `mustache`, which keeps `{{NAME}}`: any other action (`{{ .Values.x | quote }}`, `{{- include "x" . }}`), on one line.
  // One bounded lazy run per `{{` (no space runs around it to backtrack over); the action's text is trimmed.
  { syntax: "go-template", re: /\{\{-?([^{}\r\n]{1,300}?)-?\}\}/g, make: (m) => ({ kind: "template", name: (m[1] ?? "").trim() }) },
  { syntax: "percent", re: /%([A-Za-z_][A-Za-z0-9_]{0,200})%/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "k8s-paren", re: /(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]{0,200})\)/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  // After `k8s-paren`, which keeps `$(VAR)`: a shell command (`$(cat ~/.token)`), one level, on one line. No client format
  // runs it; a shell does, and the unexpanded-reference rule leaves a shell's script (and any argument) alone.
  { syntax: "command-substitution", re: /(?<!\$)\$\((?![A-Za-z_][A-Za-z0-9_]{0,200}\))([^()\r\n]{1,300})\)/g, make: (m) => ({ kind: "template", name: `$(${(m[1] ?? "").trim()})` }) },
  // Before `dollar`, which would read `$env` of `$env:VAR` as a variable named `env`.
  { syntax: "ps-env", re: /(?<![\w$\\])\$env:([A-Za-z_][A-Za-z0-9_]{0,200})\b/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
  { syntax: "dollar", re: /(?<![\w$\\])\$([A-Za-z_][A-Za-z0-9_]{0,200})\b/g, make: (m) => ({ kind: "env", name: m[1] ?? "" }) },
];

/** A context an Actions expression reads a value from (`secrets.X`, not `github.event.inputs.X`). */
const EXPRESSION_CONTEXT = /(?<![\w.-])(secrets|vars|inputs|env)\.([A-Za-z0-9_-]{1,200})/;

/**
 * What an Actions expression holds: the first secret, variable, input or env value it reads
 * (`secrets.DD_SITE || 'datadoghq.com'` is the secret); otherwise a value of the run itself
 * (`github.workspace`, `steps.x.outputs.y`, gh-aw's `github.aw.import-inputs.x`), no secret.
 */
function actionsExpressionRef(expr: string): ValueRef {
  const m = EXPRESSION_CONTEXT.exec(expr);
  if (!m) return { kind: "builtin", name: expr };
  return m[1] === "env" ? { kind: "env", name: m[2] ?? "" } : { kind: "secretStore", name: `${m[1]}.${m[2]}` };
}

/**
 * The string a Go template action falls back to when its value is unset: `"x"` of
 * `.Values.token | default "x"` or `default "x" .Values.token`. Helm renders it whenever the chart's
 * value is empty, so it is written in the file as a literal is (as `${TOKEN:-x}`'s fallback is).
 */
export function templateDefault(action: string): string | undefined {
  const m = /(?:^|[\s|(])default\s+"((?:[^"\\\r\n]|\\.){1,300})"/.exec(action);
  return m?.[1];
}

/**
 * At most this many tokens are collected per value. Real values hold one or
 * two; a hostile 100 KB run of `$a ` holds 30,000, whose overlap checks and
 * objects cost seconds per value (each value is classified several times).
 */
export const MAX_REF_TOKENS = 64;

/** Syntaxes whose tokens are read only in files that expand them (elsewhere the text is not a reference at all). */
const SYNTAX_BOUND: ReadonlySet<RefSyntax> = new Set(["k8s-paren", "shell-brace", "deck-env", "kong-vault", "litellm-env", "go-env", "go-template", "ps-env"]);

/** Finds every reference-looking token in a value (up to MAX_REF_TOKENS), in order, without overlaps. */
export function findRefTokens(raw: string): Token[] {
  if (!raw.includes("$") && !raw.includes("{") && !raw.includes("%") && !raw.startsWith("os.environ/")) return [];
  const taken: [number, number][] = [];
  const found: (Token & { at: number })[] = [];
  for (const p of PATTERNS) {
    if (found.length >= MAX_REF_TOKENS) break;
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while (found.length < MAX_REF_TOKENS && (m = p.re.exec(raw)) !== null) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      taken.push([s, e]);
      let ref = p.make(m);
      if (ref.kind === "env" && BUILTINS.has(ref.name)) ref = { kind: "builtin", name: ref.name };
      found.push({ syntax: p.syntax, text: m[0], ref, at: s });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

export interface Classified {
  readonly ref: ValueRef;
  readonly unexpanded?: readonly string[];
}

/**
 * Classifies a raw value for a client that expands `syntaxes`. The value is a
 * reference when it holds at least one expanded reference; otherwise literal
 * (and any reference-looking text the client does not expand is listed).
 */
export function classifyValue(raw: string, syntaxes: readonly RefSyntax[]): Classified {
  // Ciphertext in place of the value (SOPS, dotenvx): whatever the client, neither a literal credential nor a reference.
  const scheme = encryptionScheme(raw);
  if (scheme) return { ref: { kind: "encrypted", scheme } };
  // A secret manager's address (`op://vault/item/field`): a reference to that store, whatever the client; any
  // reference inside it (`op://${VAULT}/item/field`) is judged as in any value.
  const store = secretManagerAddress(raw);
  if (store) {
    const inner = classifyReferences(raw, syntaxes);
    return { ref: { kind: "secretStore", name: store }, ...(inner.unexpanded ? { unexpanded: inner.unexpanded } : {}) };
  }
  return classifyReferences(raw, syntaxes);
}

/** classifyValue for a value that is neither encrypted nor a secret manager's address: by its reference tokens. */
function classifyReferences(raw: string, syntaxes: readonly RefSyntax[]): Classified {
  // `$(VAR)` means something only in Kubernetes manifests, `${VAR:?err}`-style forms only where
  // shell-style interpolation runs (Compose), decK templates and Kong vault references only in Kong
  // files, `os.environ/NAME` only in LiteLLM's proxy config, `{{ env "NAME" }}` only in Unla's, Go template actions only in Kubernetes
  // manifests (Helm chart templates); elsewhere they are plain text, as before.
  const tokens = findRefTokens(raw)
    .map((t) => (t.syntax === "go-env" && !syntaxes.includes("go-env") && syntaxes.includes("go-template") ? asTemplateAction(t) : t))
    .map((t) => (syntaxes.includes("continue-json-env") ? asContinueSecret(t) : t))
    .filter((t) => !SYNTAX_BOUND.has(t.syntax) || syntaxes.includes(t.syntax));
  if (tokens.length === 0) return { ref: { kind: "literal" } };
  // Built-in path variables (`${workspaceFolder}`) are never secrets, whatever the client; a run's own
  // values (`${{ github.workspace }}`) are filled only where Actions expressions are evaluated.
  const isExpanded = (t: Token) => (t.ref.kind === "builtin" && BUILTINS.has(t.ref.name)) || expands(syntaxes, t);
  const expanded = tokens.filter(isExpanded);
  const unexpanded = tokens.filter((t) => !isExpanded(t)).map(printableToken);
  const first = expanded.find((t) => t.ref.kind !== "builtin") ?? expanded[0];
  if (first) return unexpanded.length ? { ref: first.ref, unexpanded } : { ref: first.ref };
  return { ref: { kind: "literal" }, unexpanded };
}

/**
 * `${VAR}` in an env value of a Continue JSON block (`.continue/mcpServers/*.json`): Continue's loader
 * (config-yaml `convertJsonEnvToYamlEnv`) rewrites it to `${{ secrets.VAR }}`, a secret Continue fills
 * from its `.env` files or the Hub. `${VAR:-d}` becomes no valid secret name, so it stays text.
 */
function asContinueSecret(t: Token): Token {
  if (t.syntax !== "dollar-brace" || t.ref.kind !== "env" || t.ref.default !== undefined) return t;
  return { syntax: "continue-json-env", text: t.text, ref: { kind: "secretStore", name: `secrets.${t.ref.name}` } };
}

/** `{{ env "X" }}` where only Helm's actions are read: one more template action, as `go-template` reads it. */
function asTemplateAction(t: Token): Token {
  return { syntax: "go-template", text: t.text, ref: { kind: "template", name: t.text.replace(/^\{\{-?|-?\}\}$/g, "").trim() } };
}

/**
 * The reference that one part of a value makes (the password of a connection string whose
 * user and host are references too): the first reference in `part` that the client expands
 * (one not listed as unexpanded). Otherwise, or for a part whose references are of a syntax
 * only some files expand, the value's own reference.
 */
export function refOfPart(v: { readonly ref: ValueRef; readonly unexpanded?: readonly string[] }, part: string): ValueRef {
  if (v.ref.kind === "literal" || v.ref.kind === "encrypted") return v.ref;
  const skipped = new Set(v.unexpanded ?? []);
  const sure = findRefTokens(part).find((t) => t.ref.kind !== "builtin" && !SYNTAX_BOUND.has(t.syntax) && !skipped.has(printableToken(t)));
  return sure ? sure.ref : v.ref;
}

/**
 * A token as the model records it for messages and the inventory: the fallback of
 * `${NAME:-fallback}` is withheld (`${NAME:-...}`), since it is often the credential itself.
 */
function printableToken(t: Token): string {
  return t.ref.kind === "env" && t.ref.default ? `\${${t.ref.name}:-...}` : t.text;
}

/** Does a client that expands `syntaxes` expand this token? */
function expands(syntaxes: readonly RefSyntax[], t: Token): boolean {
  if (syntaxes.includes(t.syntax)) return true;
  return (
    syntaxes.includes("copilot-mcp") &&
    (t.syntax === "dollar-brace" || t.syntax === "dollar") &&
    t.ref.kind === "env" &&
    t.ref.name.startsWith(COPILOT_PREFIX)
  );
}

/** What a reference names, without its kind (`secrets.X` of a secret store, `SOPS` of an encrypted value); undefined for a literal. */
export function refName(ref: ValueRef): string | undefined {
  switch (ref.kind) {
    case "literal":
      return undefined;
    case "input":
      return ref.id;
    case "file":
      return ref.path;
    case "encrypted":
      return SCHEME_TITLE[ref.scheme];
    default:
      return ref.name;
  }
}

const REF_KIND_TITLE: Readonly<Record<Exclude<ValueRef["kind"], "literal">, string>> = {
  env: "env",
  input: "input",
  secretStore: "secret store",
  configMap: "ConfigMap",
  file: "file",
  userPlaceholder: "per-user",
  builtin: "builtin",
  template: "template",
  encrypted: "encrypted",
};

/** A short human description of a reference (for messages). */
export function describeRef(ref: ValueRef): string {
  return ref.kind === "literal" ? "literal" : `${REF_KIND_TITLE[ref.kind]} ${refName(ref) ?? ""}`;
}
