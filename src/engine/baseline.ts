/**
 * Baselines: the findings a team accepts today, by fingerprint (rule + file +
 * what, never a line number; the file by its path from the repository's top), so that a scan reports only what is new. The
 * file holds rule ids, paths, fingerprints and messages (which carry redacted
 * previews only), sorted, so that it diffs well.
 */
import type { Finding } from "./finding.js";
import { jsonErrorReason } from "../util/error-reasons.js";

/**
 * 2: fingerprints name files by their path from the git repository's top folder (else from the one
 * folder scanned). 1: by their path from the scan root; still read (see `rootFingerprint`).
 */
export const BASELINE_VERSION = 2;

/** `suppression.source` of a finding accepted by a baseline: `baseline:<file>`. */
export const BASELINE_SOURCE_PREFIX = "baseline:";

export interface BaselineEntry {
  readonly ruleId: string;
  readonly file: string;
  readonly fingerprint: string;
  readonly message: string;
}

export interface Baseline {
  readonly version: number;
  readonly findings: readonly BaselineEntry[];
}

/** The baseline for these findings: all but those suppressed by a comment or the configuration. */
export function baselineOf(findings: readonly Finding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) {
    if (f.suppression && !f.suppression.source.startsWith(BASELINE_SOURCE_PREFIX)) continue;
    if (!byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, { ruleId: f.ruleId, file: f.loc.file, fingerprint: f.fingerprint, message: f.message });
  }
  const entries = [...byFingerprint.values()].sort((a, b) => cmp(a.file, b.file) || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
  return { version: BASELINE_VERSION, findings: entries };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function renderBaseline(b: Baseline): string {
  return JSON.stringify({ $comment: "mcplint baseline: findings accepted on purpose. Regenerate with: mcplint scan --write-baseline <file>", ...b }, null, 2) + "\n";
}

/** The fingerprints of a baseline file's text, or why it cannot be read. */
export function parseBaseline(text: string): { ok: true; fingerprints: Set<string>; rootRelative: boolean } | { ok: false; message: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    return { ok: false, message: `not JSON (${jsonErrorReason(err)})` };
  }
  const list = (doc as { findings?: unknown })?.findings;
  if (!Array.isArray(list)) return { ok: false, message: "no 'findings' array (write one with --write-baseline)" };
  const fingerprints = new Set<string>();
  for (const e of list) {
    const fp = (e as { fingerprint?: unknown })?.fingerprint;
    if (typeof fp !== "string") return { ok: false, message: "an entry has no 'fingerprint'" };
    fingerprints.add(fp);
  }
  const version = (doc as { version?: unknown }).version;
  return { ok: true, fingerprints, rootRelative: !(typeof version === "number" && version >= 2) };
}
