/**
 * The literals that mark TS/JS code as MCP code (the parse prefilter,
 * `shouldParse` in typescript.ts: it parses a file only when one of these
 * occurs). The keyword pass (secrets/text-prefilter.ts) looks for the same
 * literals case-insensitively in its one pass over each file, so that the
 * prefilter's own substring searches run only where one may occur: one list,
 * so that the two cannot drift apart.
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
} as const;
