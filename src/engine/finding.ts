/**
 * A finding: what a rule reported, resolved to a message, a level and a
 * location-independent fingerprint. Plain data; reporters format it.
 */
import { createHash } from "node:crypto";
import type { Loc } from "../model/location.js";
import type { Category, Level, RelatedLocation } from "./rule.js";

export interface Finding {
  readonly ruleId: string;
  readonly category: Category;
  readonly level: Level;
  readonly message: string;
  readonly loc: Loc;
  readonly related: readonly RelatedLocation[];
  /**
   * Location-independent identity (rule + file + what), hashed: `mcplintFinding/v1`. The file is
   * its path from the git repository's top folder (else from the one folder scanned), whatever
   * folder the scan ran from, so baselines and SARIF alerts match across scan roots.
   */
  readonly fingerprint: string;
  /**
   * The fingerprint with the file's reported path (relative to the scan root) when that path
   * differs: how mcplint computed it before fingerprints were anchored. Baselines of version 1
   * and configuration suppressions still match it.
   */
  readonly rootFingerprint?: string;
  readonly server?: { readonly name: string; readonly client: string };
  readonly secret?: { readonly preview: string; readonly hash: string; readonly provider?: string };
  /** Set when an inline comment, the config or a baseline suppresses it. */
  readonly suppression?: { readonly kind: "inSource" | "external"; readonly justification: string; readonly source: string };
}

export function fingerprintOf(ruleId: string, file: string, identity: string): string {
  return createHash("sha256").update(`${ruleId}\u0000${file}\u0000${identity}`).digest("hex").slice(0, 32);
}

const LEVEL_RANK: Record<Level, number> = { error: 3, warning: 2, note: 1 };

export function levelRank(level: Level): number {
  return LEVEL_RANK[level];
}

/** Stable order: file, line, column, rule, message. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.loc.file !== b.loc.file) return a.loc.file < b.loc.file ? -1 : 1;
  return (
    a.loc.line - b.loc.line ||
    a.loc.column - b.loc.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
