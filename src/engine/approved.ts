/**
 * The organisation's approved-servers list (from `.mcplint.yaml` `approved:`),
 * matched on what a server is (package and version range, image and digest,
 * URL origin and path), never on its name.
 */
import { createRequire } from "node:module";

/** `semver` is loaded on the first version range to check (40 ms of start-up otherwise). */
let semverLib: typeof import("semver") | undefined;
const semverOf = () => (semverLib ??= createRequire(import.meta.url)("semver") as typeof import("semver"));
import { serverIdentity, type ServerIdentity } from "../model/identity.js";
import type { McpServer } from "../model/types.js";

export interface ApprovedServer {
  readonly package?: string;
  /** A semver range (npm) or exact version (PyPI). */
  readonly version?: string;
  readonly image?: string;
  readonly digest?: string;
  /** Origin plus path prefix; a trailing `*` matches any rest. */
  readonly url?: string;
  readonly command?: string;
  readonly approvedBy?: string;
  readonly approvedAt?: string;
  /** Ticket or change id. */
  readonly reference?: string;
  /** YYYY-MM-DD after which the approval no longer counts. */
  readonly expires?: string;
}

export function approvedList(options: Readonly<Record<string, unknown>>): readonly ApprovedServer[] | undefined {
  const a = options["approved"];
  return Array.isArray(a) ? (a as ApprovedServer[]) : undefined;
}

/** An exact version as npm and PyPI write them (`1.4.0`, `2.0.0rc1`, `1!2.0`; compared as text), or a semver range. */
export function isVersionOrRange(v: string): boolean {
  if (/^v?\d+(?:[.!]\d+)*(?:[-+._]?[0-9A-Za-z]+(?:[.+-][0-9A-Za-z]+)*)?$/.test(v)) return true;
  return semverOf().validRange(v) !== null;
}

function versionMatches(actual: string | undefined, wanted: string | undefined): boolean {
  if (!wanted) return true;
  if (!actual) return false;
  if (actual === wanted) return true;
  const semver = semverOf();
  const v = semver.valid(actual) ?? semver.coerce(actual)?.version;
  return v !== undefined && v !== null && semver.validRange(wanted) !== null && semver.satisfies(v, wanted);
}

export function matchesApproval(id: ServerIdentity, a: ApprovedServer): boolean {
  switch (id.kind) {
    case "package":
      return a.package !== undefined && a.package === id.name && versionMatches(id.version, a.version);
    case "image":
      return a.image !== undefined && a.image === id.name && (!a.digest || a.digest === id.digest) && (!a.version || a.version === id.tag);
    case "url": {
      if (!a.url) return false;
      const want = a.url.replace(/\/+$/, "");
      const have = id.url.replace(/\/+$/, "");
      return want.endsWith("*") ? have.startsWith(want.slice(0, -1)) : have === want;
    }
    case "command":
      return a.command !== undefined && a.command === id.command;
  }
}

export interface ApprovalVerdict {
  readonly identity?: ServerIdentity;
  readonly approval?: ApprovedServer;
  readonly expired?: boolean;
}

/**
 * Which approval entry covers this server, if any (and whether it expired by `today`): the first
 * entry still in force, else the first expired one (a renewal listed after the expired record counts).
 */
export function approvalOf(server: McpServer, list: readonly ApprovedServer[], today: string): ApprovalVerdict {
  const identity = serverIdentity(server);
  if (!identity) return {};
  const expired = (a: ApprovedServer) => a.expires !== undefined && a.expires < today;
  const matching = list.filter((a) => matchesApproval(identity, a));
  const approval = matching.find((a) => !expired(a)) ?? matching[0];
  if (!approval) return { identity };
  return { identity, approval, expired: expired(approval) };
}
