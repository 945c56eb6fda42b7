/**
 * The normalized model: every client, gateway and SDK format is reduced to
 * servers (who is called, how, with which credential and which tool scope) and
 * policies (what decides, and what happens when no rule matches).
 */
import type { EncryptionScheme } from "../secrets/encrypted.js";
import type { Loc } from "./location.js";

/** How a configured value reaches the server. */
export type ValueRef =
  /** Written into the file as is: a candidate secret. */
  | { readonly kind: "literal" }
  /** `${VAR}`, `${env:VAR}`, `$VAR`, `{env:VAR}`, `bearer_token_env_var`, `process.env.X` ... */
  | { readonly kind: "env"; readonly name: string; readonly default?: string }
  /** VS Code `${input:id}`. */
  | { readonly kind: "input"; readonly id: string }
  /** Continue `${{ secrets.X }}`, Goose `env_keys`, Kubernetes `secretKeyRef`, Docker MCP secrets. */
  | { readonly kind: "secretStore"; readonly name: string }
  /** Kubernetes `configMapKeyRef` (`name` is `configmap/key`): a ConfigMap's value, stored unencrypted and readable by whoever may read ConfigMaps. */
  | { readonly kind: "configMap"; readonly name: string }
  /** `${file:/p}`, `{file:p}`, agentgateway `{ file: ... }`. */
  | { readonly kind: "file"; readonly path: string }
  /** LibreChat `{{LIBRECHAT_USER_ID}}`, per-user variables. */
  | { readonly kind: "userPlaceholder"; readonly name: string }
  /** Client-provided variables that are not secrets (`${workspaceFolder}`, `${userHome}`). */
  | { readonly kind: "builtin"; readonly name: string }
  /** A Go template action (Helm `{{ .Values.token }}`, `{{ .Values.secret | b64enc }}`): filled when the chart is rendered; `name` is the action's text. */
  | { readonly kind: "template"; readonly name: string }
  /**
   * Ciphertext written in place of the value (SOPS `ENC[AES256_GCM,...]`, dotenvx `encrypted:...`): no leak and
   * no reference; the client passes the ciphertext on unless the file is decrypted before it is read.
   */
  | { readonly kind: "encrypted"; readonly scheme: EncryptionScheme };

export type ValueRefKind = ValueRef["kind"];

/** One configured string with its origin and how it is referenced. */
export interface ConfigValue {
  /** The raw text as written. Never printed: reporters redact it. */
  readonly raw: string;
  readonly ref: ValueRef;
  /** References in `raw` that this client does not expand (they reach the server as text). */
  readonly unexpanded?: readonly string[];
  readonly loc: Loc;
  /**
   * Where the literal parts of a value folded from pieces are written, when outside `loc`: a
   * template or `+` chain that takes a `const` bound elsewhere in the file (`\`Bearer ${KEY}\``).
   */
  readonly pieces?: readonly Loc[];
  /** Written as a number or boolean, not a string (`args: [1]`): no client runs it as a package. */
  readonly scalar?: "number" | "boolean";
}

/** A value under a name: an env variable, a header, a flag. */
export interface NamedValue extends ConfigValue {
  readonly key: string;
  readonly keyLoc?: Loc;
}

export type CredentialSource = "env" | "header" | "arg" | "url" | "oauth" | "setting";

/** A value that carries (or may carry) a credential. */
export interface Credential extends NamedValue {
  readonly source: CredentialSource;
  /**
   * A gateway's environment that it hands on to the servers of its own configuration (1MCP's
   * `${VAR}` substitution, TBXark mcp-proxy's `-expand-env`): their identity, not a second holder
   * of it (model/adapters/relay-env.ts).
   */
  readonly handedOn?: true;
  /**
   * Computed by code at run time (a parameter, a call's result, an object built in a loop): the
   * file shows that the slot is set, not with what, so it names no reference and no identity.
   */
  readonly runtime?: true;
}

export type Transport = "stdio" | "http" | "sse" | "ws" | "container" | "unknown";

export type ConfigScope = "project" | "user" | "local" | "managed" | "system" | "gateway" | "code";

/** A whole-server or wildcard grant, a trust switch, an auto-approve list. */
export interface ScopeGrant {
  readonly kind:
    | "trust-all" // Gemini trust: true, Codex approve mode
    | "auto-approve-all" // ["*"] auto-approve lists, tools ["*"]
    | "auto-approve-list" // a list of tools that run with no prompt
    | "all-tools"; // no include list where the client has one
  readonly tools?: readonly string[];
  /** The key as the file spells it, e.g. `alwaysAllow`. */
  readonly key: string;
  readonly loc: Loc;
}

export interface ToolScope {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly autoApprove?: readonly string[] | "*";
  readonly trust?: boolean;
  readonly grants: readonly ScopeGrant[];
}

export interface McpServer {
  /** Stable id: `<file>#<path>`. */
  readonly id: string;
  readonly name: string;
  /** Stable client id: `claude-code`, `cursor`, `vscode`, `codex`, `gemini-cli`, ... */
  readonly client: string;
  readonly file: string;
  readonly scope: ConfigScope;
  /** Location of the server's entry (its key or name). */
  readonly loc: Loc;
  readonly transport: Transport;
  readonly command?: ConfigValue;
  readonly args: readonly ConfigValue[];
  readonly url?: ConfigValue;
  readonly cwd?: ConfigValue;
  readonly env: readonly NamedValue[];
  readonly headers: readonly NamedValue[];
  /** Names passed through from the parent environment (Codex `env_vars`, Goose `env_keys`, ...). */
  readonly envPassthrough: readonly string[];
  /** The whole parent environment is handed to the server (`env: process.env`). */
  readonly inheritsWholeEnv?: Loc;
  readonly credentials: readonly Credential[];
  readonly tools: ToolScope;
  readonly enabled: boolean;
  /** Container image when the server runs in one (docker run, Kubernetes, ToolHive, catalogs). */
  readonly image?: ConfigValue;
  /**
   * Where the file says the image is never pulled from a registry (Kubernetes `imagePullPolicy:
   * Never`, Compose `pull_policy: never`): the copy already on the node or host runs, whatever its tag.
   */
  readonly imageNeverPulled?: Loc;
  /** Extra facts an adapter found (privileged, host network, mounts ...). */
  readonly facts: readonly ServerFact[];
  /**
   * Tools the server registers, when the entry is a server implemented in
   * this file (SDK code: `server.tool("name", ...)`). Present, possibly
   * empty, exactly for implementations; absent for servers a client calls.
   */
  readonly registeredTools?: readonly RegisteredTool[];
  /**
   * How calls reach the upstream, when a gateway or multi-user client forwards
   * them: one static key for every caller (agentgateway `backendAuth.key`,
   * Envoy backend `apiKey`, LibreChat `apiKey.source: admin`), or per caller.
   */
  readonly upstreamIdentity?: UpstreamIdentity;
  /**
   * The server is configured in a file kept in a Kubernetes ConfigMap (`data.<key>`), which a
   * workload in the cluster mounts and reads: the client that calls it runs there, beside the
   * cluster's services, not on a developer's machine (engine/configmap-configs.ts).
   */
  readonly configMap?: { readonly name: string; readonly key: string };
  /**
   * The server is configured in a Helm chart's values file, under this key (`librechat.configYamlContent`,
   * `config`): the chart renders it into the file a pod of the cluster reads (engine/helm-value-configs.ts).
   */
  readonly helmValue?: string;
}

/** Who the upstream sees when a gateway or multi-user client forwards a call. */
export interface UpstreamIdentity {
  readonly kind: "shared-static" | "per-caller";
  /** The key path as the file spells it, e.g. `apiKey.source`. */
  readonly key: string;
  readonly loc: Loc;
  readonly detail: string;
  /** What is shared, when it is no key or token: one AWS identity that signs every call (SigV4). */
  readonly via?: "aws-signing";
}

/** A tool a server implementation registers in code. */
export interface RegisteredTool {
  readonly name: string;
  /** By annotations (`destructiveHint`, `readOnlyHint`) when given, else by name (delete, exec, write ...). */
  readonly destructive: boolean;
  readonly loc: Loc;
}

/** A resource or runtime fact about a server that widens what it can reach. */
export interface ServerFact {
  readonly kind:
    | "privileged"
    | "host-network"
    | "host-mount"
    | "root-filesystem"
    | "all-toolsets"
    | "sensitive-data"
    | "no-read-only"
    | "egress-open"
    | "dns-rebinding-off";
  readonly detail: string;
  readonly loc: Loc;
}

export type Decision = "allow" | "deny" | "ask";

export interface PolicyRule {
  readonly effect: Decision;
  readonly pattern: string;
  readonly loc: Loc;
  /** The MCP server whose every tool the rule covers, when it names one (Claude Code `mcp__github`). */
  readonly wholeServer?: string;
}

/**
 * Tools of a server a policy file names one by one as running with no prompt (Claude Code
 * `permissions.allow` entries `mcp__<server>__<tool>`), where the file holds no server entry to
 * carry the grant: the server is known only by the name the rule gives it.
 */
export interface PolicyToolGrant {
  readonly server: string;
  /** The key as the file spells it, e.g. `permissions.allow`. */
  readonly key: string;
  readonly tools: readonly string[];
  readonly loc: Loc;
}

export interface ServerMatcher {
  readonly by: "name" | "command" | "url" | "package" | "image";
  readonly value: string;
  readonly loc: Loc;
}

/** A switch in a policy layer that widens (or narrows) what runs unprompted. */
export interface PolicySetting {
  /** The key path as the file spells it, e.g. `permissions.defaultMode`. */
  readonly key: string;
  readonly value: string;
  readonly loc: Loc;
  /** What the setting means for governance. */
  readonly effect: "permissive" | "restrictive" | "neutral";
  /** A short explanation for messages. */
  readonly meaning: string;
}

export type PolicyKind = "client" | "managed" | "gateway" | "authz" | "permission-profile" | "code";

/** One client or gateway policy layer. */
export interface Policy {
  readonly id: string;
  readonly client: string;
  readonly kind: PolicyKind;
  readonly name: string;
  readonly file: string;
  readonly loc: Loc;
  readonly serverAllow?: readonly ServerMatcher[];
  readonly serverDeny?: readonly ServerMatcher[];
  readonly toolRules: readonly PolicyRule[];
  /** Named tools a server-less policy file lets run with no prompt (tool-auto-approval reports destructive ones). */
  readonly toolGrants?: readonly PolicyToolGrant[];
  readonly settings: readonly PolicySetting[];
  /** Is authentication required in front of it (gateways)? undefined = not applicable. */
  readonly authn?: { readonly required: boolean; readonly mode?: string; readonly loc: Loc };
  /** What happens when no rule matches. */
  readonly defaultDecision: Decision | "unknown";
  /** Why we believe that default, and where. */
  readonly defaultReason: string;
  readonly defaultLoc: Loc;
  /** Servers (by model id) this policy governs, where known. */
  readonly governs: readonly string[];
  /**
   * Governs every server of its client and outranks the client's settings
   * files (Gemini CLI policy engine files: a tool call is decided there
   * whatever the settings say).
   */
  readonly clientWide?: boolean;
  /**
   * Gateways: is an access or audit log configured that records caller,
   * tool and decision? `configured: false` when it is switched off or never
   * set; absent when the format cannot tell (see `src/model/adapters/audit/`).
   */
  readonly audit?: PolicyAudit;
  /**
   * An HTTP endpoint in server code: its path in its own file, and the
   * exported router (or router maker) whose mount in another file decides
   * the authentication in front of it (model/code-links.ts joins the two);
   * `middleware`: the project middleware file its framework runs in front of
   * it (xmcp's `src/middleware.ts`), read like a Next.js middleware;
   * `nest`: a route of a NestJS controller (one of the app's or one mcp-nest
   * makes), which the app's entry file may prefix and guard (NestApp).
   */
  readonly route?: { readonly path: string; readonly router?: string; readonly middleware?: string; readonly nest?: NestRoute; readonly handler?: CodeHandlerRef };
  /**
   * Where it takes calls, as its own file shows it (an agentgateway bind's port, a Compose
   * service's published port, the port an HTTP server's code listens on): a client URL of the
   * same scan at that host and port reaches it (model/served-links.ts).
   */
  readonly listens?: readonly Listener[];
}

/** A host and port a gateway or an HTTP endpoint of the scanned code takes calls on. */
export interface Listener {
  /** `loopback` (this machine), or the name other containers of its network reach it by (a Compose service's). */
  readonly host: string;
  readonly port: number;
  /** The one path it serves (`/mcp`); absent: every path. */
  readonly path?: string;
  /** `path` and every path under it (agentgateway `pathPrefix`). */
  readonly prefix?: true;
  /** What the file says, for people: `agentgateway bind port 3000`, `app.listen(3000)`. */
  readonly what: string;
  /** Why the port is not certain (`PORT from the environment, 3000 by default`): such a listener is named, never linked. */
  readonly unsure?: string;
  readonly loc: Loc;
}

export interface PolicyAudit {
  readonly configured: boolean;
  /** The key path as the file spells it (or the key that would hold it). */
  readonly key: string;
  readonly loc: Loc;
  readonly detail: string;
  /** Fields of the record that write a caller's credential (an Authorization header) to it: permissive settings of each policy it covers. */
  readonly leaks?: readonly PolicySetting[];
}

/**
 * What a diagnostic is about (JSON `code`, SARIF notification `descriptor.id`); the README's JSON
 * section explains each (a test keeps it complete). Links: `symlink-outside-root` points out of the
 * scanned root; `symlink-not-followed` is not followed although its target may be inside (a link
 * given by name, a staged link, a folder link), and that target is scanned on its own when it is in
 * the scan. `unread-template`: a Helm chart template that mentions MCP and does not read as YAML
 * even with its actions set aside.
 */
export const DIAGNOSTIC_CODES = [
  "parse-error",
  "too-large",
  "binary",
  "encoding",
  "unreadable",
  "not-regular-file",
  "symlink-outside-root",
  "symlink-not-followed",
  "symlink-loop",
  "unread-template",
  "parser-unavailable",
  "config",
  "internal",
] as const;

/** An expected problem with an input: a broken file, a skipped file. Never a crash. */
export interface Diagnostic {
  readonly level: "error" | "warning" | "note";
  readonly code: (typeof DIAGNOSTIC_CODES)[number];
  readonly message: string;
  readonly file?: string;
  readonly loc?: Loc;
}

/** What one adapter yields for one file. */
export interface AdapterOutput {
  readonly servers: McpServer[];
  readonly policies: Policy[];
  readonly diagnostics: Diagnostic[];
  /** What a code file says about the endpoints of other files (joined once every file is read). */
  readonly links?: CodeLinks;
  /** Literal credentials a server's code accepts (`req.headers["x-api-key"] !== "..."`), under the header's name. */
  readonly acceptedKeys?: NamedValue[];
}

/**
 * Each file is analysed alone; what decides the authentication in front of
 * an endpoint may sit in another file: a Next.js middleware in front of the
 * app's routes, an express or hono app that mounts a router of another file.
 * Plain data (it crosses to worker threads); model/code-links.ts applies it.
 */
export interface CodeLinks {
  readonly middleware?: NextMiddleware;
  readonly mounts?: readonly CodeMount[];
  /** Classes of this file that declare tools (NestJS providers with `@Tool` methods), by the name another file imports them by. */
  readonly toolClasses?: readonly { readonly name: string; readonly tools: readonly RegisteredTool[] }[];
  /** Servers of this file that serve the tools of classes named here (a NestJS module's providers, `McpModule.forFeature`). */
  readonly toolHosts?: readonly ToolHost[];
  /** NestJS apps this file makes (`NestFactory.create(AppModule)` in `main.ts`): what each puts in front of every controller route. */
  readonly nestApps?: readonly NestApp[];
  /** Auth guards this file provides app-wide (`{ provide: APP_GUARD, useClass: JwtAuthGuard }` in a NestJS module). */
  readonly appGuards?: readonly { readonly guard: string; readonly loc: Loc }[];
  /** Functions this file exports that serve MCP (`export async function handleMcpRequest(req, res)`), by the name another file imports them by, with the check each makes first. */
  readonly handlers?: readonly { readonly name: string; readonly guard?: string; readonly loc: Loc }[];
}

/** The exported function of another project file a route hands its request to (`router.post("/mcp", mcpHandler)`): that file's path (no extension), an alias path, and the name. */
export interface CodeHandlerRef {
  readonly module: string;
  readonly alt?: string;
  readonly name: string;
}

/** A NestJS controller route, as the app's entry file may change it. */
export interface NestRoute {
  /** The route's own HTTP method (`ANY` for one of mcp-nest's, which serves several). */
  readonly method: string;
  /** A decorator marks it public (`@Public()`), which app-wide auth guards commonly let through. */
  readonly markedPublic?: boolean;
  /** Its module lets a request without a token through its guards (mcp-nest's `allowUnauthenticatedAccess`): an app-wide guard does not make it authenticated either. */
  readonly anonymous?: boolean;
}

/**
 * A NestJS app made in an entry file: `app.setGlobalPrefix("api", { exclude })` puts a prefix
 * before every controller route but the excluded ones; `app.useGlobalGuards(...)` runs guards in
 * front of all of them.
 */
export interface NestApp {
  readonly loc: Loc;
  /** The literal prefix (without slashes); absent when none is set. */
  readonly prefix?: string;
  /**
   * The paths cannot be told: a prefix or an exclude entry that cannot be read (an environment
   * value), or URI versioning with a default version (a version segment in every path).
   */
  readonly pathsUnread?: boolean;
  /** `exclude` entries: a path (Nest's pattern, without slashes) and, when only one method is excluded, that method. */
  readonly exclude?: readonly { readonly path: string; readonly method?: string }[];
  /** The auth guards it registers app-wide (`useGlobalGuards(new JwtAuthGuard())`), as the file writes them. */
  readonly guards?: readonly string[];
  /** The root module's file (`NestFactory.create(AppModule)` with AppModule from `./app.module`), without extension: its APP_GUARD providers guard every route. */
  readonly module?: string;
}

/** A server (by model id, or by name for `McpModule.forFeature(..., name)`) and the tool classes it serves, as files of the project. */
export interface ToolHost {
  readonly server?: string;
  readonly serverName?: string;
  readonly classes: readonly { readonly module: string; readonly alt?: string; readonly name: string }[];
}

/** A Next.js middleware (`middleware.ts`, Next 16's `proxy.ts`) and what it does in front of the paths it runs for. */
export interface NextMiddleware {
  readonly loc: Loc;
  /** `guard`: it turns away callers without a credential; `unknown`: it may (code this file cannot read). */
  readonly effect: "guard" | "unknown";
  readonly detail: string;
  /** `config.matcher` (path-to-regexp sources); absent: every path. */
  readonly matchers?: readonly string[];
  /** A matcher that could not be read: which paths it runs for is not known. */
  readonly matcherUnread?: boolean;
  /** The guard applies to these paths only (Clerk `if (isProtected(req)) auth.protect()`). */
  readonly only?: readonly string[];
  /** The guard applies to every path but these (`if (!isPublic(req)) auth.protect()`, `publicRoutes`). */
  readonly except?: readonly string[];
}

/** `app.use("/mcp", auth, mcpRouter)` with `mcpRouter` imported from a file of the project. */
export interface CodeMount {
  /** The imported module, resolved against the mounting file's folder, without extension. */
  readonly module: string;
  /** Another path the module may be (an alias, `@/lib/mcp`: the app's root or its `src/`). */
  readonly alt?: string;
  /** The imported name (`default` for a default import or `require`). */
  readonly name: string;
  /** The mounted expression as this file writes it (`mcpRoutes`, `createMcpRouter()`). */
  readonly text: string;
  readonly prefix: string;
  /** The whole path it is served on, when the mounting file decides it (a Next.js route file's path). */
  readonly at?: string;
  /** The authentication in front of the mount, when there is one. */
  readonly guard?: string;
  /** Without one: a layer in front of it that lets a request without credentials through (`app.addHook("onRequest", optionalAuth)`), which leaves its routes unknown. */
  readonly optional?: string;
  /** Without one here: the exported router it is mounted on (`v1.use(mcpRoutes)`), whose own mount decides. */
  readonly via?: string;
  readonly loc: Loc;
}
