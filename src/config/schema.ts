/**
 * The configuration file's schema: ONE source for the TypeScript type, the
 * runtime validation (ajv) and the published `schemas/mcplint.schema.json`
 * (written by `scripts/gen-config-schema.mjs`; a test fails when it is stale).
 *
 * To add a top-level key (e.g. `approved`, `lock`): add its schema to
 * `CONFIG_PROPERTIES`, its type to `McplintConfig`, map it in `apply.ts`, then
 * run `npm run gen:config-schema`.
 */
import type { ApprovedServer } from "../engine/approved.js";

export type ConfigLevel = "off" | "error" | "warning" | "note";

export interface CustomSecretPattern {
  /** Detector id reported on findings (`custom-<id>`). */
  readonly id: string;
  readonly title: string;
  /** JavaScript regular expression source; group 1, when present, is the secret. */
  readonly regex: string;
  /** Only run the regex on files containing one of these words (case-insensitive). */
  readonly keywords?: readonly string[];
}

export interface ConfigSuppression {
  /** File path relative to the configuration file's folder (to the scan root for --config FILE), or a glob. */
  readonly path: string;
  /** Rule id or category. */
  readonly rule: string;
  /** Narrows the suppression to one finding (`fingerprint` in JSON/SARIF output). */
  readonly fingerprint?: string;
  readonly reason: string;
  /** YYYY-MM-DD: the last day (UTC) the suppression holds; the finding comes back the day after. */
  readonly expires?: string;
}

/** One approved MCP server (matched on what it is, never on its name) with its approval record. */
export type ConfigApprovedServer = ApprovedServer;

export interface McplintConfig {
  readonly $schema?: string;
  readonly rules?: Readonly<Record<string, ConfigLevel>>;
  readonly exclude?: readonly string[];
  readonly secrets?: {
    readonly patterns?: readonly CustomSecretPattern[];
    /** Values (or `/regex/flags`) known to be test data: never reported as secrets. */
    readonly allow?: readonly string[];
  };
  readonly suppressions?: readonly ConfigSuppression[];
  /** The organisation's approved servers; every other server is `unapproved-server`. */
  readonly approved?: readonly ConfigApprovedServer[];
  /** The drift lock file (default: mcplint.lock.json in the scan root), or false for none. */
  readonly lock?: string | false;
}

const ID = "^[a-z0-9]+(-[a-z0-9]+)*$";
const DATE = "^\\d{4}-\\d{2}-\\d{2}$";

/** One entry per top-level key. Extend here. */
export const CONFIG_PROPERTIES = {
  $schema: { type: "string", description: "URL or path of this schema (for editors)." },
  rules: {
    type: "object",
    description: "Level per rule id or category: off, error, warning or note. A rule id wins over its category.",
    propertyNames: { pattern: ID },
    additionalProperties: { enum: ["off", "error", "warning", "note"] },
  },
  exclude: {
    type: "array",
    description: "Globs of paths (relative to this file's folder; to the scan root with --config FILE) that are not scanned.",
    items: { type: "string", minLength: 1 },
  },
  secrets: {
    type: "object",
    description: "Extra secret patterns, and values known to be test data.",
    additionalProperties: false,
    properties: {
      patterns: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["id", "title", "regex"],
          properties: {
            id: { type: "string", pattern: ID },
            title: { type: "string", minLength: 1 },
            regex: { type: "string", minLength: 1 },
            keywords: { type: "array", items: { type: "string", minLength: 1 } },
          },
        },
      },
      allow: {
        type: "array",
        description: "Exact values, or /regex/flags, that are test data and never reported.",
        items: { type: "string", minLength: 1 },
      },
    },
  },
  suppressions: {
    type: "array",
    description: "Findings accepted on purpose (for files that cannot hold comments, such as strict JSON).",
    items: {
      type: "object",
      additionalProperties: false,
      required: ["path", "rule", "reason"],
      properties: {
        path: { type: "string", minLength: 1, description: "File path relative to this file's folder (to the scan root with --config FILE), or a glob." },
        rule: { type: "string", pattern: ID, description: "Rule id or category." },
        fingerprint: { type: "string", pattern: "^[0-9a-f]{32}$", description: "Only the finding with this fingerprint." },
        reason: { type: "string", minLength: 1 },
        expires: { type: "string", pattern: DATE, description: "YYYY-MM-DD: the last day (UTC) the suppression holds; the finding comes back the day after." },
      },
    },
  },
  approved: {
    type: "array",
    description: "Approved MCP servers, by package and version range, container image and digest, URL (origin and path; a trailing * matches the rest) or command. Every configured server not on the list is reported as unapproved-server. Each entry may carry its approval record.",
    items: {
      type: "object",
      additionalProperties: false,
      anyOf: [
        { properties: { package: {} }, required: ["package"] },
        { properties: { image: {} }, required: ["image"] },
        { properties: { url: {} }, required: ["url"] },
        { properties: { command: {} }, required: ["command"] },
      ],
      properties: {
        package: { type: "string", minLength: 1, description: "npm or PyPI package name, e.g. @modelcontextprotocol/server-github." },
        version: { type: "string", minLength: 1, description: "A semver range (npm) or exact version; for images, the tag." },
        image: { type: "string", minLength: 1, description: "Container image name without tag or digest." },
        digest: { type: "string", pattern: "^sha256:[0-9a-f]{64}$", description: "Required image digest." },
        url: { type: "string", minLength: 1, description: "Origin and path, e.g. https://mcp.example.com/mcp or https://mcp.example.com/*." },
        command: { type: "string", minLength: 1, description: "Exact command (for servers that are neither packages, images nor URLs)." },
        approvedBy: { type: "string", minLength: 1 },
        approvedAt: { type: "string", pattern: DATE },
        reference: { type: "string", minLength: 1, description: "Ticket or change id of the approval." },
        expires: { type: "string", pattern: DATE, description: "YYYY-MM-DD after which the approval no longer counts." },
      },
    },
  },
  lock: {
    description: "Path of the drift lock file (default: mcplint.lock.json in the scan root), or false to skip drift checks.",
    anyOf: [{ type: "string", minLength: 1 }, { const: false }],
  },
} as const;

export const CONFIG_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  $id: "https://github.com/mcplint/mcplint/blob/main/schemas/mcplint.schema.json",
  title: "mcplint configuration (.mcplint.yaml, .mcplint.yml, .mcplint.json)",
  type: "object",
  additionalProperties: false,
  properties: CONFIG_PROPERTIES,
} as const;

/** The committed file's exact text. */
export function renderConfigSchema(): string {
  return JSON.stringify(CONFIG_SCHEMA, null, 2) + "\n";
}
