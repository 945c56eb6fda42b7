/**
 * Turns one file's text into its part of the model: catalog files are parsed
 * and adapted into servers and policies; every file gets the secret scan.
 * Pure: text in, data out.
 */
import { classifyPath, sniffCandidates, sniffSyntax } from "../catalog/classify.js";
import type { FormatSpec } from "../catalog/formats.js";
import { entry, str, walkDoc, type DocComment, type DocNode } from "../parse/doc.js";
import { parseStructured, type ParsedDocument, type StructuredSyntax } from "../parse/index.js";
import { parseHelmTemplate } from "../parse/helm-template.js";
import { withTemplateQuotesAsSingle } from "../parse/template-quotes.js";
import { dialectOf, MAX_PARSE_CHARS, parseSource, shouldParse } from "../parse/typescript.js";
import { isNextMiddleware, isXmcpConfig } from "../parse/mcp-code-markers.js";
import { dockerGatewayPolicy } from "../model/adapters/docker-gateway-args.js";
import { NAMES_MCP } from "../model/adapters/gateway-common.js";
import { LineIndex, within, type Loc } from "../model/location.js";
import { classifyValue, findRefTokens, templateDefault } from "../model/refs.js";
import type { CodeLinks, ConfigValue, Diagnostic, McpServer, NamedValue, Policy } from "../model/types.js";
import { detectInValue, prefilterText, redact, scanText, secretHash, type SecretMatch, type TextBytes, type TextHits } from "../secrets/index.js";
import { sourceComments } from "../parse/source-comments.js";
import type { TextDetector } from "./custom-detectors.js";
import { decodeSecretData, KUBE_SECRET_KIND, secretDataValues } from "./kube-secret-data.js";
import { configMapConfigs, MANIFEST_FORMAT } from "./configmap-configs.js";
import { withValuesPaths } from "./helm-values.js";
import { helmValueConfigs } from "./helm-value-configs.js";
import { workflowMcpConfigs } from "./workflow-mcp-configs.js";
import { TERRAFORM_STATE_FILE, terraformStateSecrets } from "./terraform-state.js";
import { railsMasterKey } from "./rails-master-key.js";
import type { ScannedFile, SecretHit } from "./model.js";
import { parseDirectives, type SuppressionDirective } from "./suppress.js";
import { nodesOfType } from "../parse/ts-nodes-by-type.js";

export interface FileAnalysis {
  readonly file: ScannedFile;
  readonly servers: McpServer[];
  readonly policies: Policy[];
  readonly secrets: SecretHit[];
  readonly diagnostics: Diagnostic[];
  /** Syntax problems of a catalog file (reported by the parse-error rule). */
  /** `analysed`: the file was modelled anyway (JSONC that its strict-JSON client refuses, read whole). */
  /** `asWritten`: a value that a YAML loader reads otherwise (a tag, not a password) was read as written; the file was modelled. */
  /** `shadowed`: a key written again later in its JSON object or YAML mapping, at this (ignored) entry; the file was modelled with the last (reported by duplicate-key). */
  readonly parseProblems: { readonly loc: Loc; readonly message: string; readonly analysed?: boolean; readonly asWritten?: boolean; readonly shadowed?: boolean }[];
  readonly comments: DocComment[];
  /** Inline suppression comments among `comments`. */
  readonly directives?: SuppressionDirective[];
  /** What this code file says about other files' endpoints (a Next.js middleware, routers it mounts). */
  readonly links?: CodeLinks;
}

export interface AnalyzeOptions {
  /** Detectors run over the whole text after the built-in ones (configured patterns). */
  readonly extraDetectors?: readonly TextDetector[];
  /** The text's bytes, for the keyword pass (ReadResult.oneByte / utf8). */
  readonly textBytes?: TextBytes;
  /** Told the keyword pass's hits when the file is analysed as text or source (analyzeSource's byte view). */
  readonly onKeywordHits?: (hits: TextHits) => void;
  /** The path the catalog classifies the file by, when not its reported one (UserFile.formatPath). */
  readonly formatPath?: string;
  /**
   * The text is analyzeSource's byte view of a non-ASCII file, whose analysis is kept only when it
   * is plain text with nothing in it (else the file is analysed again on its decoded text). A
   * source that will be parsed never gives that, so its view stops before the parse (viewOfParsedSource).
   */
  readonly byteView?: boolean;
}

export function analyzeFile(rel: string, text: string, bytes: number, options: AnalyzeOptions = {}): FileAnalysis {
  const lines = new LineIndex(text);
  const builtIn = withEmbeddedConfigs(rel, text, bytes, lines, analyzeBuiltIn(rel, text, bytes, lines, options));
  // Only comments that can hold a directive are kept: a whole-repository scan would otherwise hold
  // every comment of every source file in memory until the rules have run.
  const candidates = builtIn.comments.filter((c) => c.text.includes("mcplint"));
  const base = candidates.length ? { ...builtIn, comments: candidates, directives: parseDirectives(rel, candidates, lines, /\.(?:ya?ml|md)$/i.test(rel) ? text : undefined) } : { ...builtIn, comments: [] };
  return compact(options.extraDetectors?.length ? withExtraSecrets(base, text, lines, options.extraDetectors) : base);
}

/**
 * One frozen empty list for every empty field: a scan keeps one analysis per
 * file until the rules run, and most files have nothing in them. (Structured
 * cloning keeps the sharing within a worker's reply.) Frozen, so that code
 * that would push into a shared list fails loudly instead of leaking into
 * other files.
 */
const NONE = Object.freeze([]) as unknown as never[];

function compact(a: FileAnalysis): FileAnalysis {
  const pick = <T>(xs: T[]): T[] => (xs.length === 0 ? NONE : xs);
  return {
    ...a,
    servers: pick(a.servers),
    policies: pick(a.policies),
    secrets: pick(a.secrets),
    diagnostics: pick(a.diagnostics),
    parseProblems: pick(a.parseProblems),
    comments: pick(a.comments),
  };
}

/** Adds the hits of extra detectors that the built-in ones did not find, attributed to the server they sit in. */
function withExtraSecrets(base: FileAnalysis, text: string, lines: LineIndex, detectors: readonly TextDetector[]): FileAnalysis {
  const rel = base.file.path;
  const extra = detectors.flatMap((d) => d.detect(text)).map((m) => {
    const hit = toHit(m, rel, lines, 0, "text");
    for (const s of base.servers) {
      const slot = s.credentials.find((c) => within(hit.loc, c.loc));
      if (slot) return { ...hit, key: slot.key, source: slot.source, server: { id: s.id, name: s.name, client: s.client } };
      const other = [s.command, s.url, s.cwd, ...s.args].find((v) => v && within(hit.loc, v.loc));
      if (other) return { ...hit, source: other === s.url ? ("url" as const) : ("arg" as const), server: { id: s.id, name: s.name, client: s.client } };
    }
    return hit;
  });
  return extra.length ? { ...base, secrets: dedupeHits([...base.secrets, ...extra]) } : base;
}


function analyzeBuiltIn(rel: string, text: string, bytes: number, lines: LineIndex, options: AnalyzeOptions): FileAnalysis {
  const byPath = classifyPath(options.formatPath ?? rel);
  if (byPath?.syntax === "typescript" && byPath.code) return analyzeCode(rel, text, bytes, lines, byPath, byPath.code, options);
  // A path format with a `sniffText` claims the file only when its text matches (e.g. `.env` of one
  // product), and one with a `sniff` only when its parsed content passes it (a Compose file that runs MCP).
  if (byPath && byPath.syntax !== "typescript" && (!byPath.sniffText || byPath.sniffText.test(text))) {
    if (!byPath.sniff) return analyzeStructured(rel, text, bytes, lines, byPath, byPath.syntax);
    const parsed = parseStructured(byPath.syntax, text, byPath.strict === true);
    if (byPath.sniff(parsed.docs, text)) return analyzeStructured(rel, text, bytes, lines, byPath, byPath.syntax, parsed);
  }
  // The keyword pass first: it says whether a sniffed format's words occur at all.
  const hits = keywordPass(text, options);
  const candidates = sniffCandidates(rel, text, hits.mentions.sniff);
  if (candidates.length > 0) {
    const syntax = sniffSyntax(rel);
    // A Kubernetes manifest with `{{ ... }}` actions (a Helm chart's template) is read as Helm renders it,
    // whether or not it parses as written: a control line folds into the scalar above it, an unquoted
    // `{{ .Values.x }}` reads as an empty map (its text, a `default "..."` too, lost).
    const helm = syntax === "yaml" && text.includes("{{") ? renderedTemplates(candidates, syntax, text, "helm") : undefined;
    if (helm && helm.parsed.problems.length === 0) return helm.spec ? analyzeStructured(rel, text, bytes, lines, helm.spec, syntax, helm.parsed) : analyzeText(rel, text, bytes, lines, hits);
    const parsed = parseStructured(syntax, text);
    if (parsed.problems.length === 0) {
      const spec = candidates.find((c) => c.sniff?.(parsed.docs, text) ?? true);
      if (spec) return analyzeStructured(rel, text, bytes, lines, spec, syntax, parsed);
    } else {
      const deck = renderedTemplates(candidates, syntax, text, "deck");
      if (deck?.spec) return analyzeStructured(rel, text, bytes, lines, deck.spec, syntax, deck.parsed);
    }
    // A chart's template that is not read says so (a template with no complete action, `{{ .Values.x`
    // alone, where it stops parsing as written).
    const problem = isChartTemplate(rel, text, candidates) ? (helm ?? { parsed }).parsed.problems[0] : undefined;
    if (problem && NAMES_MCP.test(text)) return { ...analyzeText(rel, text, bytes, lines, hits), diagnostics: [unreadTemplate(rel, lines.loc(rel, problem.span), problem.message)] };
  }
  return analyzeText(rel, text, bytes, lines, hits);
}

/**
 * A file that carries MCP configuration files inside its YAML values (embedded-config.ts): a
 * manifest (plain, or one that runs MCP workloads) whose ConfigMaps hold them, a Helm chart's values
 * file, a GitHub Actions workflow whose steps hand one to an action. Each is analysed as its format's
 * file would be, at its lines inside the outer file, and its servers are marked with where it is kept.
 * The file keeps its own format unless it had none (then it is the first carried file's).
 */
function withEmbeddedConfigs(rel: string, text: string, bytes: number, lines: LineIndex, base: FileAnalysis): FileAnalysis {
  if (base.file.format !== "text" && base.file.format !== MANIFEST_FORMAT) return base;
  const configs = [...configMapConfigs(rel, text, lines), ...(base.file.format === "text" ? [...helmValueConfigs(rel, text, lines), ...workflowMcpConfigs(rel, text, lines)] : [])];
  if (configs.length === 0) return base;
  const parts = configs.map((c) => {
    const a = analyzeStructured(rel, text, bytes, lines, c.spec, c.syntax, c.parsed);
    return { ...a, servers: a.servers.map(c.place) };
  });
  const first = parts[0] as FileAnalysis;
  return {
    ...base,
    file: base.file.format === "text" ? first.file : base.file,
    servers: [...base.servers, ...parts.flatMap((p) => p.servers)],
    policies: [...base.policies, ...parts.flatMap((p) => p.policies)],
    // Hits attributed to a server first: the dedupe keeps them over the plain text hit at the same place.
    secrets: dedupeHits([...parts.flatMap((p) => p.secrets), ...base.secrets]).sort((a, b) => byStart(a.loc, b.loc)),
    diagnostics: [...base.diagnostics, ...parts.flatMap((p) => p.diagnostics)],
    parseProblems: [...base.parseProblems, ...parts.flatMap((p) => p.parseProblems)],
    comments: [...base.comments, ...parts.flatMap((p) => p.comments)],
  };
}

/**
 * A Helm chart template that names MCP and does not read as YAML even with its actions set aside
 * (an action inside a flow collection, one that writes a key): its servers are not modelled, which
 * the report says rather than staying silent.
 */
function unreadTemplate(rel: string, loc: Loc, message: string): Diagnostic {
  return {
    level: "warning",
    code: "unread-template",
    message: `${rel}:${loc.line}:${loc.column}: Helm chart template that mentions MCP does not read as YAML with its template actions set aside (${message}); its MCP servers are not analysed (its text was scanned for secrets)`,
    file: rel,
    loc,
  };
}

/** A YAML file in a Helm chart's `templates/` folder (or one below it) with `{{ ... }}` actions, that a format reads as Helm renders it. */
const CHART_TEMPLATE_PATH = /(?:^|\/)templates\/(?:[^/]+\/)*[^/]+\.ya?ml$/i;

function isChartTemplate(rel: string, text: string, candidates: readonly FormatSpec[]): boolean {
  return CHART_TEMPLATE_PATH.test(rel) && text.includes("{{") && candidates.some((c) => c.rendersTemplates === "helm");
}

/**
 * A file read as its product renders it (same offsets): decK's `${{ ... }}` templates, a Helm
 * template's `{{ ... }}` actions. Undefined when no candidate renders that kind of template or
 * there is none in the text; `spec` is the candidate that claims what was read, if it parsed.
 */
function renderedTemplates(candidates: readonly FormatSpec[], syntax: StructuredSyntax, text: string, kind: "deck" | "helm"): { spec?: FormatSpec; parsed: ParsedDocument } | undefined {
  const templating = candidates.filter((c) => c.rendersTemplates === kind);
  if (templating.length === 0) return undefined;
  const readable = kind === "deck" ? withTemplateQuotesAsSingle(text) : undefined;
  const parsed = kind === "deck" ? (readable === undefined ? undefined : parseStructured(syntax, readable)) : parseHelmTemplate(text);
  if (!parsed || parsed.problems.length > 0) return parsed && { parsed };
  const spec = templating.find((c) => c.sniff?.(parsed.docs, readable ?? text) ?? true);
  return spec ? { spec, parsed } : { parsed };
}

/** Program source (not config): unquoted assignments are expressions, not values. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|d\.ts|pyi?|rb|go|java|kt|kts|scala|cs|fs|php|rs|swift|c|cc|cpp|cxx|h|hpp|m|mm|dart|lua|pl|pm|r|jl|ex|exs|erl|hs|clj|groovy|vue|svelte)$/i;

export function isCodeFile(rel: string): boolean {
  return CODE_FILE.test(rel);
}

/** Prose and documentation: examples there are usually illustrations, so generic hits are notes. */
const DOC_FILE = /\.(?:md|mdx|markdown|rst|txt|adoc|asciidoc|html?|ipynb)$/i;

/**
 * mcplint's own drift lock (`mcplint lock`): it names each literal credential
 * by its keyed hash (`"Authorization=literal:<hash>"`), which is no secret but
 * reads like an `Authorization` value to the line checks.
 */
const LOCK_HEAD = /^\{\s*"lockfileVersion"\s*:\s*1\s*,\s*"generatedBy"\s*:\s*"mcplint"/;
const LOCK_HASH_REF = /^literal:[0-9a-f]{16}$/;

/**
 * An AWS SDK API examples document (aws-sdk's `apis/<service>.examples.json`, botocore's
 * `examples-1.json`): generated from each service's API documentation, every value in it an
 * illustration of a request or response (`"SessionToken": "AQoEXAMPLE..."`, a device flow's
 * `clientSecret`, an expired ID token). No one keeps a credential of theirs in one: none is reported.
 */
const API_EXAMPLES_HEAD = /^\{\s*"version"\s*:\s*"1\.0"\s*,\s*"examples"\s*:\s*\{/;

function textSecrets(rel: string, text: string, lines: LineIndex, hits?: TextHits): SecretHit[] {
  if (API_EXAMPLES_HEAD.test(text)) return [];
  const doc = DOC_FILE.test(rel);
  const lock = LOCK_HEAD.test(text);
  return [...scanText(text, { code: isCodeFile(rel), ...(hits ? { hits } : {}) }), ...railsMasterKey(rel, text)].filter((m) => !(lock && LOCK_HASH_REF.test(m.secret))).map((m) => {
    const hit = toHit(m, rel, lines, 0, "text");
    return doc && m.detector.startsWith("generic-") ? { ...hit, confidence: "low" as const } : hit;
  });
}

/** Secrets in the comments of a parsed config file (and in text its parse set aside), read from the source at each span. */
function commentSecrets(rel: string, text: string, lines: LineIndex, comments: readonly { readonly span: DocComment["span"] }[]): SecretHit[] {
  return comments.flatMap((c) => scanText(text.slice(c.span.start, c.span.end)).map((m) => toHit(m, rel, lines, c.span.start, "text")));
}

/** The keyword pass over a text or source file, told to the caller that asked for it. */
function keywordPass(text: string, options: AnalyzeOptions): TextHits {
  const hits = prefilterText(text, options.textBytes);
  options.onKeywordHits?.(hits);
  return hits;
}

/** What analyzeFile gives a file in which it found nothing: plain text, nothing in it. */
export function quietText(rel: string, bytes: number): FileAnalysis {
  return compact({ file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets: [], diagnostics: [], parseProblems: [], comments: [] });
}

/** `hits`: the keyword pass over `text` (keywordPass). */
function analyzeText(rel: string, text: string, bytes: number, lines: LineIndex, hits: TextHits): FileAnalysis {
  const secrets = withValuesPaths(rel, text, lines, withTerraformState(rel, text, lines, withSecretData(rel, text, lines, textSecrets(rel, text, lines, hits))));
  return { file: { path: rel, format: "text", bytes }, servers: [], policies: [], secrets, diagnostics: [], parseProblems: [], comments: directiveComments(rel, text, hits) };
}

/**
 * The comments of a text or source file that may hold a suppression directive. Those all contain
 * `mcplint` (the keyword pass says whether it may occur): that spares the comment scan of nearly
 * every source file.
 */
function directiveComments(rel: string, text: string, hits: TextHits): DocComment[] {
  return hits.mentions.mcplint && text.includes("mcplint") ? sourceComments(rel, text) : [];
}

function tooLargeToParse(rel: string, chars: number): Diagnostic {
  return {
    level: "note",
    code: "too-large",
    message: `${rel}: ${chars} characters of TypeScript/JavaScript that mentions MCP is over the parse limit of ${MAX_PARSE_CHARS} characters; its MCP code is not analysed (its text was scanned for secrets)`,
    file: rel,
  };
}

/**
 * Source code: prefilter, parse (lazily loaded tree-sitter), SDK adapter. A
 * file the prefilter skips stays format `text`; every file gets the text scan.
 */
function analyzeCode(rel: string, text: string, bytes: number, lines: LineIndex, spec: FormatSpec, code: NonNullable<FormatSpec["code"]>, options: AnalyzeOptions): FileAnalysis {
  const hits = keywordPass(text, options);
  // A Next.js middleware is read whether it mentions MCP or not: it may guard the app's MCP routes.
  const middleware = isNextMiddleware(rel, text);
  // An xmcp config names no MCP word of the prefilter (`from "xmcp"`), yet turns on an HTTP MCP server.
  // A byte view of MCP code: the decoded text's analysis replaces it anyway, so the view is not parsed too.
  if (options.byteView && hits.mentions.mcpCode && dialectOf(rel) !== undefined && shouldParse(text)) return viewOfParsedSource(rel, spec, bytes);
  const parsed = parseSource(rel, text, undefined, hits.mentions.mcpCode, middleware || isXmcpConfig(rel));
  if (parsed.kind !== "parsed") {
    const plain = analyzeText(rel, text, bytes, lines, hits);
    // A middleware without MCP in it is no MCP code the scan failed to analyse.
    if (parsed.kind === "unavailable" && !(middleware && !shouldParse(text))) return { ...plain, diagnostics: [parsed.diagnostic] };
    // MCP code the scan does not read (a bundle over the parse limit) is a gap the report names.
    return parsed.kind === "skipped" && parsed.reason === "too-large" ? { ...plain, diagnostics: [tooLargeToParse(rel, text.length)] } : plain;
  }
  const out = code({ file: rel, text, lines, client: spec.client, scope: spec.scope, root: parsed.root });
  // A middleware that is no MCP code stays a text file; it only tells what it guards.
  if (middleware && !shouldParse(text)) {
    const plain = analyzeText(rel, text, bytes, lines, hits);
    return out.links ? { ...plain, links: out.links } : plain;
  }
  // A name made from a server's URL or arguments (`mcp.zapier.com/api/mcp/s/<key>/mcp`) shows its token's preview;
  // the token itself is reported where the URL or argument is written.
  const servers = secretNames(rel, text, lines, out.servers).servers;
  const textHits = textSecrets(rel, text, lines, hits);
  // Server-attributed hits first, so the dedupe keeps them over the plain text hit at the same place;
  // the keys a server accepts last, so a text hit there (`const API_KEY = "..."`) keeps its key and identity.
  const accepted = out.acceptedKeys ? structuredSecrets(rel, text, lines, spec, [], [], out.acceptedKeys) : [];
  const secrets = dedupeHits([...structuredSecrets(rel, text, lines, spec, [], servers), ...textHits, ...accepted]);
  const file: ScannedFile = { path: rel, format: spec.id, client: spec.client, bytes };
  // tree-sitter recovers from syntax errors; what it read around one may be wrong, so say so.
  const error = nodesOfType(parsed.root, "ERROR")[0];
  const at = error ? lines.loc(rel, { start: error.startIndex, end: error.endIndex }) : undefined;
  const syntax: Diagnostic[] = at ? [{ level: "warning", code: "parse-error", message: `${rel}:${at.line}: syntax error; the MCP analysis of this file may be incomplete`, file: rel, loc: at }] : [];
  // Suppression comments count in MCP code as in any source file.
  return { file, servers, policies: out.policies, secrets, diagnostics: [...syntax, ...out.diagnostics], parseProblems: [], comments: directiveComments(rel, text, hits), ...(out.links ? { links: out.links } : {}) };
}

/**
 * The view's stand-in for a source that parseSource would parse: its format, not `text`, as a parsed
 * source's analysis has (so analyzeSource analyses the decoded text), and nothing else; a parse too
 * large or unavailable would have given a diagnostic, just as certainly not plain text.
 */
function viewOfParsedSource(rel: string, spec: FormatSpec, bytes: number): FileAnalysis {
  return { file: { path: rel, format: spec.id, client: spec.client, bytes }, servers: [], policies: [], secrets: [], diagnostics: [], parseProblems: [], comments: [] };
}

/**
 * What a source file says about other files' endpoints (the routers it mounts, a Next.js
 * middleware), parsed whether it mentions MCP or not: the link context of a scan
 * (engine/link-context.ts). Undefined for other files, and when it cannot be parsed.
 */
export function codeLinksOf(rel: string, text: string): CodeLinks | undefined {
  const spec = classifyPath(rel);
  if (spec?.syntax !== "typescript" || !spec.code) return undefined;
  const parsed = parseSource(rel, text, undefined, true, true);
  if (parsed.kind !== "parsed") return undefined;
  try {
    return spec.code({ file: rel, text, lines: new LineIndex(text), client: spec.client, scope: spec.scope, root: parsed.root }).links;
  } catch {
    // Context only: a bug in reading it costs the link, not the scan.
    return undefined;
  }
}

function analyzeStructured(
  rel: string,
  text: string,
  bytes: number,
  lines: LineIndex,
  spec: FormatSpec,
  syntax: StructuredSyntax,
  preParsed?: ReturnType<typeof parseStructured>,
): FileAnalysis {
  const parsed = preParsed ?? parseStructured(syntax, text, spec.strict === true);
  const diagnostics: Diagnostic[] = [];
  // A file that does not parse is not modelled: a half-read config would mislead. A comment or a
  // trailing comma in a strict-JSON file is read whole: it is modelled, and reported (its client
  // refuses the file until it is fixed).
  const yamlLike = syntax === "yaml" || syntax === "frontmatter";
  const blocking = parsed.problems.some((p) => !p.strictOnly) && !yamlLike;
  // A file that is not analysed is reported at its first syntax error: the parser's recovery after it
  // yields one error per character of a pasted line (`</details>`), which says nothing more.
  const firstBlocking = parsed.problems.findIndex((p) => !p.strictOnly);
  const problems = blocking ? parsed.problems.slice(0, firstBlocking + 1) : parsed.problems;
  const parseProblems: FileAnalysis["parseProblems"] = [
    ...problems.map((p) => ({ loc: lines.loc(rel, p.span), message: p.message, ...(!blocking && !yamlLike ? { analysed: true } : {}) })),
    // Values a YAML loader reads otherwise than they were surely meant: the file is modelled, the value read as written.
    // A key written twice (JSON or YAML): the file is modelled with the last entry, as its client reads it.
    ...(parsed.warnings ?? []).map((w) => ({ loc: lines.loc(rel, w.span), message: w.message, ...(w.shadowed ? { shadowed: true } : { asWritten: true }) })),
  ];
  // A key written twice parses: it is a duplicate-key finding, not a parse diagnostic.
  for (const p of parseProblems) if (!p.shadowed) diagnostics.push({ level: "warning", code: "parse-error", message: `${rel}:${p.loc.line}:${p.loc.column}: ${p.message}`, file: rel, loc: p.loc });
  const file: ScannedFile = { path: rel, format: spec.id, client: spec.client, bytes };
  if (blocking) {
    return { file, servers: [], policies: [], secrets: textSecrets(rel, text, lines), diagnostics, parseProblems, comments: parsed.comments };
  }
  const adapted = spec.adapter({ file: rel, text, docs: parsed.docs, lines, client: spec.client, scope: spec.scope, syntaxes: spec.syntaxes });
  diagnostics.push(...adapted.diagnostics);
  const names = secretNames(rel, text, lines, adapted.servers);
  const out = { ...adapted, servers: names.servers };
  // A commented-out credential is still in the file: comments get the text scan.
  const structured = [...names.hits, ...structuredSecrets(rel, text, lines, spec, parsed.docs, out.servers), ...commentSecrets(rel, text, lines, parsed.unread ? [...parsed.comments, ...parsed.unread.map((span) => ({ span }))] : parsed.comments)];
  // A YAML file with syntax errors is modelled from the documents that parsed; the text scan
  // covers the broken ones, whose secrets would otherwise go unseen. A Markdown file's body (past
  // its front matter) gets the text scan as an unclaimed file would.
  const secrets = dedupeHits(parsed.problems.length > 0 || syntax === "frontmatter" ? [...structured, ...textSecrets(rel, text, lines)] : structured);
  // A client entry that launches `docker mcp gateway run` is a gateway policy of its own.
  // (Unless the adapter made it already: a Compose service's, with its ports.)
  const made = new Set(out.policies.map((p) => p.id));
  const gatewayPolicies = out.servers.map(dockerGatewayPolicy).filter((p): p is Policy => p !== undefined && !made.has(p.id));
  return { file, servers: out.servers, policies: [...out.policies, ...gatewayPolicies], secrets, diagnostics, parseProblems, comments: parsed.comments };
}

/**
 * A server whose name holds a provider token (one pasted as the entry's key, a URL with its key in
 * the path): the token is a secret of the file, found at the name, and the server is named with
 * the token's preview in its place, so that no report, inventory or lock prints it (every one of
 * them names servers).
 */
function secretNames(rel: string, text: string, lines: LineIndex, servers: readonly McpServer[]): { servers: McpServer[]; hits: SecretHit[] } {
  const hits: SecretHit[] = [];
  const out = servers.map((s) => {
    const found = detectInValue(s.name).filter((m) => !m.detector.startsWith("generic"));
    if (found.length === 0) return s;
    let name = s.name;
    for (const m of [...found].sort((a, b) => b.start - a.start)) {
      name = name.slice(0, m.start) + redact(m.secret) + name.slice(m.end);
      const at = rawOffset(text, lines, s.loc, m.secret);
      const hit = at >= 0 ? toHit(m, rel, lines, at - m.start, "setting") : { ...toHit(m, rel, lines, 0, "setting"), loc: s.loc };
      hits.push({ ...hit, key: "server name", server: { id: s.id, name, client: s.client } });
    }
    return { ...s, name };
  });
  return { servers: out, hits };
}

/** Offset of a loc's start in the text. */
function offsetOf(lines: LineIndex, loc: Loc): number {
  return lines.lineStart(loc.line) + loc.column - 1;
}

/**
 * Where a secret sits in a value that is not in the text as written (escapes:
 * a JSON private key's `\n`, a `\"`): the value's whole span, except that a
 * secret that starts the value starts after its opening quote.
 */
function escapedValueLoc(text: string, loc: Loc, start: number, secretStart: number): Loc {
  const q = text[start];
  return secretStart === 0 && (q === '"' || q === "'") ? { ...loc, column: loc.column + 1 } : loc;
}

/**
 * Where `raw` starts inside the node at `loc` (after an opening quote), or -1.
 * The search stays inside the node: a value that is not in the text as written
 * (escapes) must not send it through the rest of the file, once per value.
 */
function rawOffset(text: string, lines: LineIndex, loc: Loc, raw: string): number {
  const start = offsetOf(lines, loc);
  const end = lines.lineStart(loc.endLine) + loc.endColumn - 1;
  if (raw === "") return -1;
  const at = text.slice(start, Math.max(end, start + raw.length)).indexOf(raw);
  return at >= 0 ? start + at : -1;
}

function structuredSecrets(rel: string, text: string, lines: LineIndex, spec: FormatSpec, docs: readonly DocNode[], servers: readonly McpServer[], accepted: readonly NamedValue[] = []): SecretHit[] {
  const hits: SecretHit[] = [];
  const covered = new Set<number>();
  const scanValue = (v: ConfigValue, key: string | undefined, source: SecretHit["source"], server?: McpServer) => {
    const start = offsetOf(lines, v.loc);
    covered.add(start);
    // A literal; the literal fallback of a reference (`${TOKEN:-...}`, `process.env.TOKEN || "..."`):
    // whenever the variable is unset, the fallback is the credential, written in the file; and a
    // reference's whole text, whose literal parts may still hold one (`postgresql://app:<password>@${DB_HOST}`,
    // `?api_key=<key>` after a `${TENANT}` path). The detectors skip credentials that are references.
    // Every `${NAME:-fallback}` counts, whether this client expands it or not (then the text is in the file all the same).
    // A Helm template action's `default "..."` likewise, where the file's actions are templates.
    const fallback = (t: ReturnType<typeof findRefTokens>[number]) => (t.ref.kind === "env" ? t.ref.default : t.ref.kind === "template" && v.ref.kind === "template" ? templateDefault(t.ref.name) : undefined);
    const fallbacks = [v.ref.kind === "env" ? v.ref.default : undefined, ...findRefTokens(v.raw).map(fallback)];
    const literals = [...new Set([v.raw, ...fallbacks].filter((x): x is string => x !== undefined && x.length > 0))];
    for (const literal of literals) {
      const base = rawOffset(text, lines, v.loc, literal);
      for (const m of detectInValue(literal, { ...(key ? { key } : {}), source: source === "text" ? "setting" : source })) {
        // A value folded from pieces (`"Bearer " + "tok"`) is not in the text as one: the secret itself may be.
        // It may also be where a piece of the value is written (a `const` a template takes).
        const own = base >= 0 ? -1 : ([v.loc, ...(v.pieces ?? [])].map((at) => rawOffset(text, lines, at, m.secret)).find((o) => o >= 0) ?? -1);
        const hit = base >= 0 ? toHit(m, rel, lines, base, source) : own >= 0 ? toHit(m, rel, lines, own - m.start, source) : { ...toHit(m, rel, lines, 0, source), loc: escapedValueLoc(text, v.loc, start, m.start) };
        hits.push(server ? { ...hit, server: { id: server.id, name: server.name, client: server.client } } : hit);
      }
    }
  };
  for (const s of servers) {
    for (const c of s.credentials) scanValue(c, c.key, c.source, s);
    for (const v of [s.command, s.url, s.cwd, ...s.args]) {
      if (!v) continue;
      const at = offsetOf(lines, v.loc);
      if (covered.has(at)) continue;
      scanValue(v, undefined, v === s.url ? "url" : "arg", s);
    }
  }
  // Literal keys a server's code accepts, under the header they are compared with.
  for (const v of accepted) scanValue(v, v.key, "setting");
  // Every other string in the file: gateway keys, settings, nested blocks. A `value` beside a
  // `name` (Kubernetes env lists) is under that name.
  const named = new Map<DocNode, string>();
  const secretData = secretDataValues(docs);
  for (const doc of docs) {
    walkDoc(doc, (node, path, entryOf) => {
      if (node.type === "object") {
        const name = entry(node, "name")?.value;
        const value = entry(node, "value")?.value;
        if (name?.type === "string" && value) named.set(value, name.value as string);
      }
      if (node.type !== "string") return;
      if (covered.has(node.span.start)) return;
      const raw = node.value as string;
      const decoded = secretData.has(node) ? decodedDataHits(rel, lines, node, secretData.get(node) ?? "") : undefined;
      if (decoded) {
        hits.push(...decoded);
        return;
      }
      const c = classifyValue(raw, spec.syntaxes);
      const key = named.get(node) ?? entryOf?.key ?? String(path[path.length - 2] ?? "");
      const loc = lines.loc(rel, node.span);
      scanValue({ raw, ref: c.ref, loc }, key, "setting");
    });
  }
  return dedupeHits(hits);
}

/**
 * Secrets in a Kubernetes Secret's `data:` value, read decoded (the value is base64 of the
 * secret), reported at the value as written: the detectors' title, lifetime and fingerprint are
 * those of the secret itself, and the preview is the decoded secret's. Undefined when the value
 * does not decode to text (then it is scanned as written).
 */
function decodedDataHits(rel: string, lines: LineIndex, node: DocNode, key: string): SecretHit[] | undefined {
  const decoded = decodeSecretData(str(node) ?? "");
  if (decoded === undefined) return undefined;
  const loc = lines.loc(rel, node.span);
  return detectInValue(decoded, { key, source: "setting" }).map((m) => ({ ...toHit(m, rel, lines, 0, "setting"), loc }));
}

/**
 * A plain-text YAML file holding a Kubernetes Secret (no MCP in it, so no format claims it):
 * its `data:` values are read decoded in place of the text scan's hits inside them.
 */
function withSecretData(rel: string, text: string, lines: LineIndex, secrets: SecretHit[]): SecretHit[] {
  if (!/\.ya?ml$/i.test(rel) || !KUBE_SECRET_KIND.test(text)) return secrets;
  const data = secretDataValues(parseStructured("yaml", text).docs);
  if (data.size === 0) return secrets;
  const replaced: Loc[] = [];
  const added: SecretHit[] = [];
  for (const [node, key] of data) {
    const hits = decodedDataHits(rel, lines, node, key);
    if (!hits) continue;
    replaced.push(lines.loc(rel, node.span));
    added.push(...hits);
  }
  return dedupeHits([...outside(secrets, replaced), ...added]);
}

/**
 * `secrets` but those inside one of `spans` (disjoint), in their order: where a structured reading
 * of a value (a Kubernetes Secret's decoded data, a Terraform state's sensitive value) stands in
 * for the text scan's hits inside it.
 */
function outside(secrets: readonly SecretHit[], spans: readonly Loc[]): SecretHit[] {
  if (spans.length === 0) return [...secrets];
  const sorted = [...spans].sort(byStart);
  return secrets.filter((h) => {
    // The last span that starts at or before the hit: the only one that can hold it.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byStart(sorted[mid] as Loc, h.loc) <= 0) lo = mid + 1;
      else hi = mid;
    }
    const span = sorted[lo - 1];
    return !(span && within(h.loc, span));
  });
}

const byStart = (a: Loc, b: Loc): number => a.line - b.line || a.column - b.column;

/**
 * A Terraform state file: the values its structure marks as secrets (terraform-state.ts) in place
 * of the text scan's hits inside them (a sensitive `password` attribute is one finding, titled by
 * its resource).
 */
function withTerraformState(rel: string, text: string, lines: LineIndex, secrets: SecretHit[]): SecretHit[] {
  if (!TERRAFORM_STATE_FILE.test(rel) || !text.includes('"resources"')) return secrets;
  const parsed = parseStructured("json", text);
  if (parsed.problems.length > 0) return secrets;
  const found = terraformStateSecrets(text, parsed.docs[0]).map((m) => toHit(m, rel, lines, 0, "text"));
  if (found.length === 0) return secrets;
  // The found values are distinct strings: disjoint.
  return dedupeHits([...outside(secrets, found.map((h) => h.loc)), ...found]).sort((a, b) => byStart(a.loc, b.loc));
}

function toHit(m: SecretMatch, rel: string, lines: LineIndex, base: number, source: SecretHit["source"]): SecretHit {
  return {
    loc: lines.loc(rel, { start: base + m.start, end: base + m.end }),
    detector: m.detector,
    title: m.title,
    confidence: m.confidence,
    hash: secretHash(m.secret),
    preview: redact(m.secret),
    ...(m.key ? { key: m.key } : {}),
    source,
    ...(m.lifetime ? { lifetime: m.lifetime } : {}),
  };
}

function dedupeHits(hits: SecretHit[]): SecretHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const k = `${h.loc.line}:${h.loc.column}:${h.hash}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
