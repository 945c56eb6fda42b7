/**
 * The literals that mark TS/JS code as MCP code (the parse prefilter,
 * `shouldParse` in typescript.ts: it parses a file only when one of these
 * occurs). The keyword pass (secrets/text-prefilter.ts) looks for them
 * (MCP_CODE_WORDS) case-insensitively in its one pass over each file, so that
 * the prefilter's own substring searches run only where one may occur: one
 * list, so that the two cannot drift apart.
 */
export const MCP_CODE_MARKERS = {
  /** The SDK's package name, in an import or require. */
  sdk: "@modelcontextprotocol/sdk",
  /** The SDK's server class. */
  server: "McpServer",
  /** Contained in every SDK transport class name (checked first, then the names). */
  transport: "Transport",
  /** An `/mcp` route, checked then as a quoted string. */
  route: "/mcp",
  /**
   * Cloudflare Agents serving an McpAgent over SSE (`MyMCP.serveSSE("/sse")`): a file that serves
   * a class of another file may name neither the SDK nor an `/mcp` route.
   */
  agentSse: ".serveSSE(",
  /**
   * A Cloudflare agent connecting to a server through its client manager (`this.mcp.connect(url, ...)`):
   * a file whose agent imports only from `agents` (`this.addMcpServer` has the server marker already).
   */
  agentClient: ".mcp.connect(",
} as const;

/**
 * An import of the SDK: v1's one package, or one of the packages v2 splits it
 * into (`@modelcontextprotocol/server`, `/client`, `/core`, `/node`), not a
 * server published under the scope (`@modelcontextprotocol/server-github`).
 */
export const MCP_SDK_MODULE = /@modelcontextprotocol\/(?:sdk|server|client|core|node)(?![\w-])/;

/** The v2 SDK's server and client packages, words of the keyword pass (MCP_SDK_MODULE decides). */
const MCP_SDK_V2_PACKAGES: readonly string[] = ["@modelcontextprotocol/server", "@modelcontextprotocol/client"];

/** The SDK's transport classes; each contains MCP_CODE_MARKERS.transport, which the prefilter checks first. */
export const MCP_TRANSPORT_CLASSES: readonly string[] = [
  "StdioClientTransport",
  "StreamableHTTPClientTransport",
  "SSEClientTransport",
  "WebSocketClientTransport",
  "StreamableHTTPServerTransport",
  "SSEServerTransport",
  // The AI SDK's (`ai/mcp-stdio`, `@ai-sdk/mcp/mcp-stdio`), also as `Experimental_StdioMCPTransport`.
  "StdioMCPTransport",
];

/**
 * Packages that wrap the SDK's McpServer and own its transport (Vercel's
 * mcp-handler, formerly @vercel/mcp-adapter; Cloudflare Agents' agents/mcp;
 * punkpeye's fastmcp; NestJS's @rekog/mcp-nest; xmcp's Next.js adapter; the
 * fastify plugins fastify-mcp and fastify-mcp-server, by the one word; fiberplane's
 * mcp-lite, whose transport and handler names are its own): a
 * file that imports one may mention none of the SDK's own names.
 */
export const MCP_WRAPPER_MODULES: readonly string[] = ["mcp-handler", "@vercel/mcp-adapter", "agents/mcp", "fastmcp", "@rekog/mcp-nest", "@xmcp/adapter", "fastify-mcp", "mcp-lite"];

/**
 * The client wrappers' class and function names (typescript-sdk-clients.ts), as
 * each is contained in one: `MCPClient` in the AI SDK's `createMCPClient`,
 * LangChain's `MultiServerMCPClient` and Mastra's `MCPClient`; Mastra's older
 * `MCPConfiguration`; `MCPServer` in the OpenAI Agents SDK's `MCPServerStdio`,
 * `MCPServerStreamableHttp` and `MCPServerSSE` (the keyword pass, which
 * ignores case, has that word already as the SDK's `McpServer`); its hosted
 * tool `hostedMcpTool`, which a file may call without any of the others.
 */
export const MCP_CLIENT_WRAPPER_NAMES: readonly string[] = ["MCPClient", "MCPConfiguration", "MCPServer", "hostedMcpTool"];

/**
 * What the keyword pass looks for: the markers, with the transport classes
 * in place of the bare `Transport` (a word of many HTTP and logging
 * libraries), since the prefilter needs a class name there anyway.
 */
export const MCP_CODE_WORDS: readonly string[] = [MCP_CODE_MARKERS.sdk, ...MCP_SDK_V2_PACKAGES, MCP_CODE_MARKERS.server, MCP_CODE_MARKERS.route, MCP_CODE_MARKERS.agentSse, MCP_CODE_MARKERS.agentClient, ...MCP_TRANSPORT_CLASSES, ...MCP_WRAPPER_MODULES, ...MCP_CLIENT_WRAPPER_NAMES];

/** TypeScript and JavaScript source extensions. */
export const SOURCE_EXTENSIONS: readonly string[] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];
/** A path or module specifier without its TypeScript or JavaScript extension (`src/routes/mcp.ts` -> `src/routes/mcp`), as imports name a file. */
export const withoutSourceExtension = (path: string): string => path.replace(/\.[cm]?[jt]sx?$/, "");
/** The names (without extension) Next.js reads a middleware from: `middleware`, and Next 16's `proxy`. */
export const MIDDLEWARE_NAMES: readonly string[] = ["middleware", "proxy"];
/** A middleware file by its name: parsed whether it mentions MCP or not. */
const MIDDLEWARE_FILE = new RegExp(`(?:^|/)(?:${MIDDLEWARE_NAMES.join("|")})\\.(?:${SOURCE_EXTENSIONS.join("|")})$`);
/** What a Next.js middleware's text shows (a node library's `middleware.js` or `proxy.js` does not, and is not parsed). */
const NEXT_MIDDLEWARE_TEXT = /next\/server|\bNext(?:Request|Response)\b|\bmatcher\b|\bas\s+(?:middleware|proxy)\b|export\s+(?:default\s+)?(?:async\s+)?(?:function|const)\s+(?:middleware|proxy)\b|next-auth|@clerk\/|@auth\/|@supabase\/|@kinde-oss\/|@auth0\//;

export function isMiddlewareFile(file: string): boolean {
  return MIDDLEWARE_FILE.test(file);
}

/** A Next.js middleware file by its name and its text. */
export function isNextMiddleware(file: string, text: string): boolean {
  return MIDDLEWARE_FILE.test(file) && NEXT_MIDDLEWARE_TEXT.test(text);
}

/** An xmcp project's config (`xmcp.config.ts` and its JavaScript spellings): parsed whether it mentions MCP or not, as it may turn on an HTTP MCP server. */
const XMCP_CONFIG = /(?:^|\/)xmcp\.config\.[cm]?[jt]s$/;

export function isXmcpConfig(file: string): boolean {
  return XMCP_CONFIG.test(file);
}
