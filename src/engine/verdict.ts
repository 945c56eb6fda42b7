/**
 * The governance verdict per server: can the files show who called (identity),
 * what was allowed (authorization) and what happened next (traceability)?
 * A pure function of the model; `unknown` is the honest answer when the files
 * cannot tell (a stdio server in a client with no policy, a gateway format
 * that keeps its logs elsewhere).
 */
import { dockerGatewayAudit } from "../model/adapters/audit/docker-mcp.js";
import { credentialReference, identityReference, isAuthHint, isSwitchValue, namesCredential, onlyUnexpanded } from "../model/credential-identity.js";
import { workloadOf } from "../model/identity.js";
import { servedLinks, type ServedLink } from "../model/served-links.js";
import { describeRef } from "../model/refs.js";
import { outsideTree, type Loc } from "../model/location.js";
import type { McpServer, Policy, PolicyAudit } from "../model/types.js";
import { classifyKey } from "../secrets/keys.js";
import { isPlaceholder } from "../secrets/placeholders.js";
import { MAX_LISTED, shortList } from "../util/short-list.js";
import { approvalOf, type ApprovedServer } from "./approved.js";
import { hitsWithin, loadedSecrets, serverValueHits, type ScanModel } from "./model.js";
import { shownIdentity } from "./redact-values.js";

export interface Evidence {
  readonly file: string;
  readonly line: number;
  readonly key: string;
  readonly note: string;
}

export type IdentityValue = "unique-workload-identity" | "shared-credential" | "literal-secret" | "unknown" | "none";
export type AuthorizationValue = "default-deny" | "allow-by-default" | "unknown";
export type TraceabilityValue = "audit-configured" | "absent" | "unknown";

export interface PolicyRef {
  readonly name: string;
  readonly client: string;
  readonly kind: Policy["kind"];
  readonly file: string;
  readonly line: number;
}

export interface ApprovalRecord {
  readonly status: "approved" | "expired" | "unapproved" | "unidentified";
  /** What the server was matched on (`npm @scope/pkg@1.2.3`, `image ...`, `url ...`). */
  readonly identity?: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  readonly reference?: string;
  readonly expires?: string;
}

export interface ServerVerdict {
  readonly identity: { readonly value: IdentityValue; readonly evidence: readonly Evidence[] };
  readonly authorization: {
    readonly value: AuthorizationValue;
    readonly policy?: PolicyRef;
    readonly evidence: readonly Evidence[];
    /**
     * The gateway or endpoint of the scan that the server's URL reaches (model/served-links.ts):
     * `linked` with its policies, whose verdict this is; or not linked, with why (two definitions
     * match, the port is not certain).
     */
    readonly servedBy?: { readonly linked: boolean; readonly reason: string; readonly policies: readonly PolicyRef[] };
  };
  readonly traceability: { readonly value: TraceabilityValue; readonly evidence: readonly Evidence[] };
  /** Present when the scan was given an approved list. */
  readonly approval?: ApprovalRecord;
}

export interface VerdictOptions {
  readonly approved?: readonly ApprovedServer[];
  /** YYYY-MM-DD; defaults to the current date. */
  readonly today?: string;
}

const ev = (loc: Loc, key: string, note: string): Evidence => ({ file: loc.file, line: loc.line, key, note });

/**
 * A literal that no detector flagged stands for an identity only when it is
 * a credential at all: not empty, not a placeholder (`your-token-here`), not
 * only references the client leaves unexpanded (the server receives their
 * text), and an env value or header only under a credential name
 * (`ACME_REGION` and `Accept: application/json` are none).
 */
function literalCredential(c: McpServer["credentials"][number]): boolean {
  return c.raw !== "" && !isPlaceholder(c.raw) && !isSwitchValue(c.raw) && !onlyUnexpanded(c) && ((c.source !== "env" && c.source !== "header") || classifyKey(c.key) !== undefined);
}

interface Holder {
  readonly server: McpServer;
  readonly workload: string;
}

/** The holders of one identity reference, with counts by workload and by server name for counting the others of each. */
interface RefHolders {
  readonly list: Holder[];
  readonly byWorkload: Map<string, number>;
  readonly byName: Map<string, number>;
  readonly byNameAndWorkload: Map<string, number>;
}

const HOLDERS = new WeakMap<ScanModel, ReadonlyMap<string, RefHolders>>();

const serverName = (s: McpServer) => `${s.client}\u0000${s.name}`;
const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * The servers that hold each identity reference, in the model's order, with
 * their workload: built once per model (a report asks for every server's
 * verdict, and comparing each server with every other one was quadratic: 1.7 s
 * for 400 servers; 2.3 s for 9,000 servers of 3,000 packages that share a
 * reference). A cache of a pure function of the model.
 */
function referenceHolders(model: ScanModel): ReadonlyMap<string, RefHolders> {
  let index = HOLDERS.get(model);
  if (!index) {
    const holders = new Map<string, RefHolders>();
    for (const server of model.servers) {
      const refs = new Set(server.credentials.map(identityReference).filter((r): r is string => r !== undefined));
      if (refs.size === 0) continue;
      const holder = { server, workload: workloadOf(server) };
      const name = serverName(server);
      for (const ref of refs) {
        let h = holders.get(ref);
        if (!h) holders.set(ref, (h = { list: [], byWorkload: new Map(), byName: new Map(), byNameAndWorkload: new Map() }));
        h.list.push(holder);
        bump(h.byWorkload, holder.workload);
        bump(h.byName, name);
        bump(h.byNameAndWorkload, `${name}\u0000${holder.workload}`);
      }
    }
    HOLDERS.set(model, (index = holders));
  }
  return index;
}

/**
 * The other holders of `ref` that are another workload than `s` (the same
 * server set up in another client is the same workload, as
 * shared-credential-reference judges): how many, and the first MAX_LISTED.
 */
function otherHolders(h: RefHolders, s: McpServer, workload: string): { count: number; first: McpServer[] } {
  const name = serverName(s);
  const sameName = (h.byName.get(name) ?? 0) - (h.byNameAndWorkload.get(`${name}\u0000${workload}`) ?? 0);
  const count = h.list.length - (h.byWorkload.get(workload) ?? 0) - sameName;
  const first: McpServer[] = [];
  for (const o of h.list) {
    if (first.length === Math.min(count, MAX_LISTED)) break;
    if (o.server.id !== s.id && serverName(o.server) !== name && o.workload !== workload) first.push(o.server);
  }
  return { count, first };
}

function identityVerdict(model: ScanModel, s: McpServer): ServerVerdict["identity"] {
  // Tied to the server, or inside one of its credentials' values.
  const literal = hitsWithin(model, s.credentials.map((c) => c.loc).filter((l) => l.file === s.file), s.id);
  // A committed file the server loads (`envFile`), or the plain-text store it reads its named secrets from
  // (Goose `env_keys` in `secrets.yaml`), holds its credentials as written.
  const loaded = loadedSecrets(model, s);
  const inLoaded = [...new Set(loaded.flatMap((l) => l.hits))];
  const keyed = new Set(loaded.flatMap((l) => (l.key === undefined ? [] : l.hits)));
  if (literal.length || inLoaded.length) {
    return {
      value: "literal-secret",
      evidence: [...literal.map((h) => ev(h.loc, h.key ?? h.source, `${h.title} written into the file (${h.preview})`)), ...inLoaded.map((h) => ev(h.loc, h.key ?? h.source, `${h.title} written into ${h.loc.file}, ${keyed.has(h) ? `from which this server reads ${h.key}` : "which this server loads"} (${h.preview})`))],
    };
  }
  if (s.upstreamIdentity?.kind === "shared-static") return { value: "shared-credential", evidence: [ev(s.upstreamIdentity.loc, s.upstreamIdentity.key, s.upstreamIdentity.detail)] };
  const shared: Evidence[] = [];
  const workload = workloadOf(s);
  for (const c of s.credentials) {
    const ref = identityReference(c);
    const holders = ref === undefined ? undefined : referenceHolders(model).get(ref);
    if (!holders) continue;
    const others = otherHolders(holders, s, workload);
    if (others.count > 0) shared.push(ev(c.loc, c.key, `${ref} is also given to ${shortList(others.first, (o) => `'${o.name}' (${o.client})`, MAX_LISTED, others.count)}`));
  }
  if (shared.length) return { value: "shared-credential", evidence: shared };
  const decidedAtRunTime = runTimeIdentity(s);
  if (decidedAtRunTime.length) return { value: "unknown", evidence: decidedAtRunTime };
  // A Helm template action or a Compose `${VAR:-default}` fills configuration as often as credentials (`{{ .Values.gitlab.url }}`,
  // `APP_DOMAIN=${APP_DOMAIN:-http://localhost}`): only one under a credential name, or from a secret-named variable, is an identity.
  const own = s.credentials.filter((c) => c.ref.kind !== "builtin" && (c.ref.kind !== "literal" || literalCredential(c)) && ((c.ref.kind !== "template" && c.ref.kind !== "env") || namesCredential(c)));
  if (s.upstreamIdentity?.kind === "per-caller") return { value: "unique-workload-identity", evidence: [ev(s.upstreamIdentity.loc, s.upstreamIdentity.key, s.upstreamIdentity.detail)] };
  if (own.length) {
    return {
      value: "unique-workload-identity",
      evidence: own.map((c) =>
        ev(c.loc, c.key, ownNote(c)),
      ),
    };
  }
  return { value: "none", evidence: [ev(s.loc, s.name, s.transport === "stdio" ? "no credential configured: the process runs as the local user" : "no credential configured for this server")] };
}

/**
 * Where code decides the server's credentials at run time, so the files cannot tell whose they are:
 * a credential slot it fills with a computed value (a parameter, a call's result), an environment it
 * builds at run time, or (with no credential of its own given) the whole environment of the process;
 * a server implemented in the scanned code, whose code reads the credentials it uses; and a remote
 * server whose URL the code is given at run time.
 */
function runTimeIdentity(s: McpServer): Evidence[] {
  const computed = s.credentials.filter((c) => c.runtime);
  if (computed.length) return computed.map((c) => ev(c.loc, c.key, `${c.key}: computed by the code at run time (a parameter, a call's result): the files cannot show whose credential it is`));
  if (s.credentials.some((c) => !c.handedOn && c.ref.kind !== "builtin")) return [];
  // A credential an earlier step or job of the workflow computes (`Bearer ${{ steps.auth.outputs.token }}`): minted at run time.
  const minted = s.credentials.filter((c) => c.ref.kind === "builtin" && /^(?:steps|needs)\./.test(c.ref.name));
  if (minted.length) return minted.map((c) => ev(c.loc, c.key, `${c.key}: computed by an earlier step of the workflow (${"name" in c.ref ? c.ref.name : ""}): the files cannot show whose credential it is`));
  if (s.inheritsWholeEnv) return [ev(s.inheritsWholeEnv, "env", "the whole environment of the process is handed to it: which credential it uses is decided at run time")];
  if (s.registeredTools !== undefined) return [ev(s.loc, s.name, "a server implemented in the scanned code: the credentials it uses are read by its code at run time")];
  // A remote server code connects to at a URL it is given at run time (`this.addMcpServer(name, url)` of a caller's URL).
  if (s.scope === "code" && s.transport !== "stdio" && !s.url) return [ev(s.loc, s.name, "the code connects to a URL it is given at run time: which server it calls, and with which credential, is decided then")];
  return [];
}

/** Why a credential of this server alone stands for its identity. */
function ownNote(c: McpServer["credentials"][number]): string {
  if (isAuthHint(c)) return `${c.key}: credential kept in the client's store for this server`;
  if (c.ref.kind === "literal") return "literal value that no detector flagged";
  if (c.ref.kind === "encrypted") return `${describeRef(c.ref)} value, used by this server only: the server receives the ciphertext unless the file is decrypted before use`;
  if (c.handedOn) return `${credentialReference(c) ?? c.ref.kind} handed on to the servers of its configuration`;
  return `${identityReference(c) ?? c.ref.kind} used by this server only`;
}

const LINKS = new WeakMap<ScanModel, ReadonlyMap<string, ServedLink>>();

/** The gateway or endpoint of the scan each client server's URL reaches: built once per model (a cache of a pure function of it). */
export function servedLinksOf(model: ScanModel): ReadonlyMap<string, ServedLink> {
  let links = LINKS.get(model);
  if (!links) LINKS.set(model, (links = servedLinks(model.servers, model.policies, model.files.map((f) => f.path))));
  return links;
}

const BY_ID = new WeakMap<ScanModel, ReadonlyMap<string, McpServer>>();

/** The model's servers by id: built once per model (a cache of a pure function of it). */
function serversById(model: ScanModel): ReadonlyMap<string, McpServer> {
  let index = BY_ID.get(model);
  if (!index) BY_ID.set(model, (index = new Map(model.servers.map((x) => [x.id, x]))));
  return index;
}

/** The policies in front of a server: those that name it, and those of the gateway or endpoint of the scan its URL reaches. */
function fronting(model: ScanModel, s: McpServer): (p: Policy) => boolean {
  const linked = servedLinksOf(model).get(s.id)?.policies ?? [];
  return (p) => p.governs.includes(s.id) || linked.includes(p);
}

function policyRef(p: Policy): PolicyRef {
  return { name: p.name, client: p.client, kind: p.kind, file: p.file, line: p.loc.line };
}


/**
 * The folder a project's client settings apply to: the one holding their dot
 * folder (`packages/web` for `packages/web/.claude/settings.json`, `` at the
 * root). Undefined for settings that apply to every project: user-level files
 * and files not in a dot folder (`.config/goose/config.yaml`).
 */
function projectFolder(p: Policy): string | undefined {
  if (p.kind !== "client" || outsideTree(p.file)) return undefined;
  const parts = p.file.split("/");
  return parts.length >= 2 && (parts[parts.length - 2] as string).startsWith(".") ? parts.slice(0, -2).join("/") : undefined;
}

const inFolder = (file: string, folder: string) => folder === "" || file.startsWith(`${folder}/`);

/**
 * Of the client's settings files in the scanned tree, those a server in the tree runs under: the
 * settings of the nearest project folder that holds it (a package's `.claude/settings.json` does
 * not govern its siblings' servers), and settings of every project. Servers outside the tree
 * (`--user`) keep every one: a session in any of these projects runs them.
 */
function projectSettings(candidates: readonly Policy[], s: McpServer): Policy[] {
  if (outsideTree(s.file)) return [...candidates];
  const folders = candidates.map(projectFolder);
  const nearest = folders.reduce<string | undefined>((best, f) => (f !== undefined && inFolder(s.file, f) && (best === undefined || f.length > best.length) ? f : best), undefined);
  return candidates.filter((_, i) => folders[i] === undefined || folders[i] === nearest);
}

/** The policies that govern a server, most specific tier first. */
export function governingPolicies(model: ScanModel, s: McpServer): Policy[][] {
  const explicit = model.policies.filter(fronting(model, s));
  // Client-wide layers (Gemini CLI policy files) come after the gateways in front of the server and
  // before the client's own settings, the managed (admin) one first.
  const wide = model.policies.filter((p) => !explicit.includes(p) && p.clientWide === true && p.client === s.client);
  // A policy that names what it governs (a gateway launched from a client entry) does not govern its siblings.
  const sameFile = model.policies.filter((p) => !explicit.includes(p) && !wide.includes(p) && p.file === s.file && !(p.kind === "gateway" && p.governs.length > 0));
  const rest = projectSettings(model.policies.filter((p) => !explicit.includes(p) && !wide.includes(p) && !sameFile.includes(p) && p.client === s.client && (p.kind === "client" || p.kind === "managed")), s);
  const settings = (p: Policy) => p.kind === "client" || p.kind === "managed";
  const first = wide.length ? [explicit.filter((p) => !settings(p)), wide.filter((p) => p.kind === "managed"), wide.filter((p) => p.kind !== "managed"), explicit.filter(settings)] : [explicit];
  return [...first, sameFile, rest.filter((p) => p.kind === "managed"), rest.filter((p) => p.kind === "client")].filter((t) => t.length);
}

function decided(p: Policy, note: string): Evidence {
  return ev(p.defaultLoc, p.name, `${note}: ${p.defaultReason}`);
}

/**
 * The authorization verdict, with the link of the server's URL to a gateway or endpoint of the
 * scan (or why it is not linked) as its first evidence.
 */
function authorizationVerdict(model: ScanModel, s: McpServer): ServerVerdict["authorization"] {
  const verdict = decidedAuthorization(model, s);
  const link = servedLinksOf(model).get(s.id);
  if (!link || !s.url) return verdict;
  const servedBy = { linked: link.policies.length > 0, reason: link.reason, policies: link.policies.map(policyRef) };
  return { ...verdict, evidence: [ev(s.url.loc, "url", link.reason), ...verdict.evidence], servedBy };
}

function decidedAuthorization(model: ScanModel, s: McpServer): ServerVerdict["authorization"] {
  const tiers = governingPolicies(model, s);
  // Every gateway route or endpoint in front of the server counts: one that lets calls through
  // unchecked opens the server, whatever the others deny.
  const front = fronting(model, s);
  const fronts = (tiers[0] ?? []).filter((p) => front(p) && p.kind !== "client");
  const gatewayOpen = fronts.find((p) => p.defaultDecision === "allow");
  if (gatewayOpen) return { value: "allow-by-default", policy: policyRef(gatewayOpen), evidence: [decided(gatewayOpen, `${gatewayOpen.name} allows what no rule names`)] };
  const gatewayDeny = fronts.find((p) => p.defaultDecision === "deny");
  if (gatewayDeny) return { value: "default-deny", policy: policyRef(gatewayDeny), evidence: [decided(gatewayDeny, `${gatewayDeny.name} denies what no rule names`)] };
  const wide = s.tools.grants.filter((g) => g.kind === "trust-all" || g.kind === "auto-approve-all");
  if (wide.length) return { value: "allow-by-default", evidence: wide.map((g) => ev(g.loc, g.key, g.kind === "trust-all" ? "every tool runs without a prompt (trust)" : "every tool is auto-approved")) };
  // A client or managed rule that allows every tool of this server by name, unless one denies it as a whole.
  const flat = tiers.flat().filter((p) => p.kind === "client" || p.kind === "managed");
  // An admin layer that decides every tool call of the client (Gemini CLI admin policy) outranks what later layers allow.
  const cut = flat.findIndex((p) => p.clientWide === true && p.kind === "managed" && p.defaultDecision !== "unknown");
  const layers = cut < 0 ? flat : flat.slice(0, cut + 1);
  const whole = (effect: string) => layers.flatMap((p) => p.toolRules.filter((r) => r.effect === effect && r.wholeServer === s.name).map((r) => ({ p, r })));
  const grant = whole("allow")[0];
  const denied = whole("deny")[0];
  if (grant && !denied) {
    return { value: "allow-by-default", policy: policyRef(grant.p), evidence: [ev(grant.r.loc, grant.r.pattern, `every tool of '${s.name}' runs without a prompt`)] };
  }
  // A rule that denies every tool of this server decides it, whatever a layer allows by default (deny rules win).
  if (denied) return { value: "default-deny", policy: policyRef(denied.p), evidence: [ev(denied.r.loc, denied.r.pattern, `every tool of '${s.name}' is denied`)] };
  for (const tier of tiers) {
    const open = tier.find((p) => p.defaultDecision === "allow");
    if (open) return { value: "allow-by-default", policy: policyRef(open), evidence: [decided(open, `${open.name} allows what no rule names`)] };
    const closed = tier.find((p) => p.defaultDecision === "deny") ?? tier.find((p) => p.defaultDecision === "ask");
    if (closed) {
      const note = closed.defaultDecision === "ask" ? `${closed.name} asks a person before each call no rule allows` : `${closed.name} denies what no rule names`;
      return { value: "default-deny", policy: policyRef(closed), evidence: [decided(closed, note)] };
    }
  }
  const seen = tiers.flat();
  const note = seen.length
    ? `governing polic${seen.length === 1 ? "y" : "ies"} (${seen.map((p) => p.name).join(", ")}) state${seen.length === 1 ? "s" : ""} no default`
    : s.transport === "stdio"
      ? `no policy file for ${s.client} in the scan: the files cannot tell what this stdio server may do`
      : `no gateway or ${s.client} policy in the scan governs this server`;
  return { value: "unknown", evidence: [ev(s.loc, s.name, note)] };
}

function traceabilityVerdict(model: ScanModel, s: McpServer): ServerVerdict["traceability"] {
  const front = fronting(model, s);
  const own = dockerGatewayAudit(s);
  const audits: { audit: PolicyAudit; via: string }[] = own ? [{ audit: own, via: "Docker MCP gateway" }] : [];
  // A Docker MCP gateway of the scan that the server's URL reaches: its `--log-calls` setting, read from the gateway's own entry.
  for (const p of servedLinksOf(model).get(s.id)?.policies ?? []) {
    const gateway = p.client === "docker-mcp" && !p.audit ? p.governs.map((id) => serversById(model).get(id)).find((g) => g !== undefined) : undefined;
    const audit = gateway ? dockerGatewayAudit(gateway) : undefined;
    if (audit) audits.push({ audit, via: p.name });
  }
  for (const p of model.policies) {
    if (!p.audit) continue;
    if (front(p) || (p.kind === "gateway" && p.file === s.file && p.governs.length === 0)) audits.push({ audit: p.audit, via: p.name });
  }
  if (!audits.length) {
    return { value: "unknown", evidence: [ev(s.loc, s.name, "no gateway with a known audit setting sits in front of this server: the files cannot tell whether calls are recorded")] };
  }
  const off = audits.filter((a) => !a.audit.configured);
  const pick = off.length ? off : audits;
  return { value: off.length ? "absent" : "audit-configured", evidence: pick.map((a) => ev(a.audit.loc, a.audit.key, `${a.via}: ${a.audit.detail}`)) };
}

function approvalRecord(model: ScanModel, s: McpServer, list: readonly ApprovedServer[], today: string): ApprovalRecord {
  const v = approvalOf(s, list, today);
  if (!v.identity) return { status: "unidentified" };
  const identity = shownIdentity(v.identity, s, serverValueHits(model, s));
  if (!v.approval) return { status: "unapproved", identity };
  const a = v.approval;
  return {
    status: v.expired ? "expired" : "approved",
    identity,
    ...(a.approvedBy ? { approvedBy: a.approvedBy } : {}),
    ...(a.approvedAt ? { approvedAt: a.approvedAt } : {}),
    ...(a.reference ? { reference: a.reference } : {}),
    ...(a.expires ? { expires: a.expires } : {}),
  };
}

export function verdictOf(model: ScanModel, s: McpServer, options: VerdictOptions = {}): ServerVerdict {
  return {
    identity: identityVerdict(model, s),
    authorization: authorizationVerdict(model, s),
    traceability: traceabilityVerdict(model, s),
    ...(options.approved ? { approval: approvalRecord(model, s, options.approved, options.today ?? new Date().toISOString().slice(0, 10)) } : {}),
  };
}

/** Verdict options from scan/rule options (`approved`, `today`). */
export function verdictOptions(options: Readonly<Record<string, unknown>> = {}): VerdictOptions {
  const approved = Array.isArray(options["approved"]) ? (options["approved"] as ApprovedServer[]) : undefined;
  const today = typeof options["today"] === "string" ? options["today"] : undefined;
  return { ...(approved ? { approved } : {}), ...(today ? { today } : {}) };
}
