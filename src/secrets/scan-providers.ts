/**
 * Runs the provider catalog over a text: keyword prefilter, then each hit
 * rule's pattern (compiled once, here at module load), then entropy,
 * placeholder and validator checks.
 */
import type { SecretMatch } from "./api.js";
import { shannonEntropy } from "./entropy.js";
import { containsReference, isPlaceholder } from "./placeholders.js";
import { PROVIDERS } from "./providers/index.js";
import { MAX_POSITIONS, prefilterText } from "./text-prefilter.js";
import type { ProviderRule } from "./types.js";

interface CompiledRule {
  readonly rule: ProviderRule;
  readonly re: RegExp;
}

function compile(rule: ProviderRule): CompiledRule {
  const flags = new Set(rule.pattern.flags.replace(/[gyd]/g, ""));
  flags.add("g");
  flags.add("d");
  return { rule, re: new RegExp(rule.pattern.source, [...flags].join("")) };
}

const COMPILED: readonly CompiledRule[] = PROVIDERS.map(compile);

/** Texts above this size are scanned only in windows around keyword hits. */
const WINDOW_THRESHOLD = 256 * 1024;
const WINDOW_BEFORE = 2048;
const WINDOW_AFTER = 70_000;

/** A provider match plus the rule's rank (catalog order) for overlap resolution. */
export interface RankedMatch extends SecretMatch {
  readonly rank: number;
}

function windowsFor(positions: readonly number[], length: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const p of positions) {
    const s = Math.max(0, p - WINDOW_BEFORE);
    const e = Math.min(length, p + WINDOW_AFTER);
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function runRule(c: CompiledRule, rank: number, text: string, from: number, to: number, out: RankedMatch[], seen: Set<string>): void {
  const { rule, re } = c;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index >= to) break;
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const groupSpan = m.indices?.groups?.["secret"] ?? m.indices?.[1] ?? m.indices?.[0];
    const secret = m.groups?.["secret"] ?? m[1] ?? m[0];
    if (!groupSpan || secret === undefined) continue;
    const [start, end] = groupSpan;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    if (rule.minEntropy !== undefined && shannonEntropy(secret) < rule.minEntropy) continue;
    if (!rule.skipPlaceholderCheck && (isPlaceholder(secret) || containsReference(secret))) continue;
    if (rule.validate && !rule.validate(secret, { text, start, end })) continue;
    seen.add(key);
    const lifetime = typeof rule.lifetime === "function" ? rule.lifetime(secret) : rule.lifetime;
    out.push({ detector: rule.id, title: rule.title, confidence: rule.confidence, start, end, secret, rank, ...(lifetime ? { lifetime } : {}) });
  }
}

/**
 * Provider matches in `text` (offsets into `text`). `hits` is the keyword
 * pass's rule -> positions map (computed here when not given).
 */
export function scanProviders(text: string, hits: ReadonlyMap<number, readonly number[]> = prefilterText(text).rules): RankedMatch[] {
  const out: RankedMatch[] = [];
  const order = [...hits.keys()].sort((a, b) => a - b);
  for (const ruleIndex of order) {
    const positions = hits.get(ruleIndex) ?? [];
    const c = COMPILED[ruleIndex];
    if (!c) continue;
    const seen = new Set<string>();
    if (text.length <= WINDOW_THRESHOLD || positions.length >= MAX_POSITIONS) {
      runRule(c, ruleIndex, text, 0, text.length, out, seen);
    } else {
      for (const [s, e] of windowsFor(positions, text.length)) runRule(c, ruleIndex, text.slice(0, e), s, e, out, seen);
    }
  }
  return out;
}

export const PROVIDER_COUNT = PROVIDERS.length;
