/**
 * What a credential reference names, for telling whether several servers act
 * under one identity: the same environment variable, input, secret or file.
 */
import { classifyKey, isCookieHeader } from "../secrets/keys.js";
import type { Credential } from "./types.js";

/** Names that are configuration, not identity (no credential in them). */
const NOT_A_CREDENTIAL = /^(PATH|HOME|USER|SHELL|LANG|TZ|NODE_ENV|DEBUG|LOG_LEVEL|PORT|HOST|PWD|TMPDIR|.*_(URL|URI|HOST|PORT|DIR|PATH|REGION|ENDPOINT|MODE|LEVEL|ENV))$/i;
const CREDENTIAL_NAME = /(token|secret|key|password|passwd|pat|credential|auth|bearer|cookie|session)/i;

/** The chart value an action reads first (`.Values.gitlab.token` of `.Values.gitlab.token | quote` or `default "x" $.Values.token`). */
const VALUES_PATH = /(?:^|[\s(])\$?(\.Values(?:\.[A-Za-z_][A-Za-z0-9_]*)+)/;

/**
 * A Helm template action's value, by chart: `.Values.x` (its pipeline aside: `| b64enc`, `| quote`)
 * in the templates of one chart (the folder above `templates/`, else the file's folder) is one value.
 * An action that reads no chart value (a `range` variable such as `$val`, a helper's `include`) names
 * none: two templates' `$val` are not one credential.
 */
function templateReference(file: string, action: string): string | undefined {
  const value = valuesPathOf(action);
  if (value === undefined) return undefined;
  return `template:${value.startsWith("global.") ? umbrellaOf(chartOf(file)) : chartOf(file)}:.Values.${value}`;
}

/** A subchart's folder: `<parent chart>/charts/<name>` (Helm's layout), the parent's folder before it. */
const SUBCHART = /^(.+)\/charts\/[^/]+$/;

/**
 * The chart whose `.Values.global` a chart's templates read: Helm hands a parent's `global` values to
 * every subchart below it, so `{{ .Values.global.x }}` is one value in all of them. The outermost
 * chart of `parent/charts/sub` (nested as deep as they go); a chart not under another, itself.
 */
function umbrellaOf(chart: string): string {
  let c = chart;
  for (let m = SUBCHART.exec(c); m; m = SUBCHART.exec(c)) c = m[1] as string;
  return c;
}

/** The actions of a text with template actions (`{{ .Values.global.secret }}-token`). */
const ACTION = /\{\{[^{}]*\}\}/g;

/** The chart a name built from template actions is one name in: its umbrella chart when every action reads `.Values.global`. */
function nameScope(file: string, name: string): string {
  const actions = name.match(ACTION) ?? [];
  const global = actions.length > 0 && actions.every((a) => valuesPathOf(a.slice(2, -2))?.startsWith("global.") === true);
  return global ? umbrellaOf(chartOf(file)) : chartOf(file);
}

/** The chart value an action reads first, as a path in the chart's values (`gitlab.token` of `.Values.gitlab.token | quote`). */
export function valuesPathOf(action: string): string | undefined {
  return VALUES_PATH.exec((action.split("|")[0] ?? "").trim())?.[1]?.slice(".Values.".length);
}

/** The Helm chart a template belongs to: the folder above `templates/`, else the file's folder. */
function chartOf(file: string): string {
  return chartFolder(file) ?? file.slice(0, Math.max(0, file.lastIndexOf("/")));
}

/** The folder of the Helm chart a template sits in (the one above `templates/`, `""` at the root); undefined outside a `templates/` folder. */
export function chartFolder(file: string): string | undefined {
  const i = file.lastIndexOf("/templates/");
  return i >= 0 ? file.slice(0, i) : file.startsWith("templates/") ? "" : undefined;
}

/** A name with its template actions left out: `{{ $key }}` (a `range` key) names nothing, `{{ .Values.prefix }}_TOKEN` names a token. */
function writtenName(name: string): string {
  return name.includes("{{") ? name.replace(/\{\{[^{}]*\}\}/g, "") : name;
}

/** The last name of a template action's first field (`token` of `.Values.gitlab.token | quote`). */
function templateField(action: string): string {
  const field = /\.([A-Za-z_][A-Za-z0-9_]*)\s*(?:\||$)/.exec((action.split("|")[0] ?? "").trim() + "|");
  return field?.[1] ?? action;
}

/** `env:NAME`, `input:id`, `secret:name`, `file:path`, `template:chart:.Values.x`; undefined for literals and placeholders. */
export function credentialReference(c: Credential): string | undefined {
  // A value the code computes at run time names nothing: two computed `Authorization` headers are not one credential.
  if (c.runtime) return undefined;
  switch (c.ref.kind) {
    case "env":
      return `env:${c.ref.name}`;
    case "input":
      return `input:${c.ref.id}`;
    case "secretStore":
      // A Secret named by a template action (`{{ $val.secretName }}`, `{{ include "x.fullname" . }}-token`) is one Secret within its chart only
      // (within its umbrella chart when it reads `.Values.global`, which every subchart shares).
      return c.ref.name.includes("{{") ? `secret:${nameScope(c.loc.file, c.ref.name)}:${c.ref.name}` : `secret:${c.ref.name}`;
    case "configMap":
      return `configmap:${c.ref.name}`;
    case "file":
      return `file:${c.ref.path}`;
    case "template":
      return templateReference(c.loc.file, c.ref.name);
    default:
      return undefined;
  }
}

/**
 * Authentication configured without a value (an OAuth block, `headersHelper`,
 * LibreChat `apiKey: {...}`): the token lives in the client's own store, per
 * server, so it names no shared reference.
 */
export function isAuthHint(c: Credential): boolean {
  return c.raw === "" && c.ref.kind === "secretStore" && c.ref.name === c.key && !c.runtime;
}

/** Does this reference carry identity (a token, key or password), not plain configuration? */
export function carriesIdentity(c: Credential): boolean {
  const key = writtenName(c.key);
  const name = c.ref.kind === "env" ? c.ref.name : key;
  if (NOT_A_CREDENTIAL.test(name)) return false;
  return CREDENTIAL_NAME.test(name) || CREDENTIAL_NAME.test(key) || c.source === "header";
}

/** The identity-bearing reference of a credential, or undefined. */
export function identityReference(c: Credential): string | undefined {
  // A gateway's variable handed on to the servers it runs is theirs (relay-env.ts): it makes no second holder.
  if (c.handedOn) return undefined;
  const id = credentialReference(c);
  return id !== undefined && !isAuthHint(c) && carriesIdentity(c) ? id : undefined;
}

/** Names of connection strings, which carry a password when they carry one (`DATABASE_URL`, `MONGODB_URI`, `PG_DSN`). */
const CONNECTION_STRING = /(?:^|[_-])(?:DSN|CONN(?:ECTION)?[_-]?STR(?:ING)?|(?:DATABASE|DB|MONGO(?:DB)?|REDIS|POSTGRES(?:QL)?|PG|MYSQL|AMQP|RABBITMQ)[_-]?UR[LI])$/i;
const credentialName = (name: string) => classifyKey(name) !== undefined || CONNECTION_STRING.test(name);

/**
 * Is this slot a credential at all? Credential flags in args, credential-bearing URLs, OAuth
 * blocks and credential-named settings are by construction. An env value or a header is one
 * under a credential name (`API_KEY`, `Authorization`, `X-Api-Key`, `DATABASE_URL`) or when it
 * takes its value from a secret-named variable (`${GITHUB_TOKEN}`), an input, a secret store or a
 * file, or is ciphertext (someone encrypted it, as one does a secret); `LOG_LEVEL=debug`, `PORT=3000`, `Accept: application/json` and `${workspaceFolder}` are
 * configuration.
 */
export function namesCredential(c: Credential): boolean {
  if (c.ref.kind === "literal" && isSwitchValue(c.raw)) return false;
  if (c.source !== "env" && c.source !== "header") return true;
  // A `Cookie` header carries the caller's session.
  const key = writtenName(c.key);
  if (credentialName(key) || (c.source === "header" && isCookieHeader(key))) return true;
  switch (c.ref.kind) {
    case "env":
    case "userPlaceholder":
      return credentialName(c.ref.name);
    case "template":
      return credentialName(templateField(c.ref.name));
    case "input":
    case "secretStore":
    case "configMap":
    case "file":
    case "encrypted":
      return true;
    default:
      return false;
  }
}

/**
 * A value that is nothing but references its client does not expand, an auth scheme aside
 * (`"\${DOCS_TOKEN}"` in a Codex env table, `"Basic \${input:ci-auth}"` in Claude Code's `.mcp.json`):
 * the server receives that text, which is no secret and no identity (a secret inside is still
 * masked where a detector found it).
 */
export function onlyUnexpanded(c: Credential): boolean {
  if (!c.unexpanded?.length) return false;
  let rest = c.raw;
  for (const ref of c.unexpanded) rest = rest.split(ref).join("");
  return rest.replace(/^\s*(?:Bearer|Basic|Token)\b/i, "").trim() === "";
}

/**
 * A literal that is a switch, not a secret (`MCP_REQUIRE_AUTH=false`, `DISABLE_AUTH=1`): a name that
 * ends in `auth` or `token` may be a setting about credentials, and such a value holds none.
 */
export function isSwitchValue(raw: string): boolean {
  return /^(?:true|false|yes|no|on|off|enabled?|disabled?|none|null|[01])$/i.test(raw.trim());
}
