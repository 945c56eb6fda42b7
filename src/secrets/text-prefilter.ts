/**
 * The one keyword pass over a text: provider keywords (which provider
 * patterns run), the generic detector's candidate words (which lines it
 * examines) and the `.netrc` words, all found by a single multi-needle scan.
 */
import { buildNeedles, findNeedles } from "./prefilter.js";
import { PROVIDERS } from "./providers/index.js";

/** Words and marks that a line must contain to be worth the generic line checks. */
export const CANDIDATE_WORDS = ["token", "secret", "key", "pass", "pwd", "auth", "cred", "bearer", "private", "pat", "sig", "salt", "value", "://"];
/** Words that start a `.netrc` entry. */
export const NETRC_WORDS = ["machine", "default"];

/** Per-rule cap on recorded keyword positions (past it the rule scans the whole text). */
export const MAX_POSITIONS = 4096;

export interface TextHits {
  /** Provider rule index -> positions of its keywords (capped at MAX_POSITIONS). */
  readonly rules: Map<number, number[]>;
  /** Positions of candidate words, ascending. */
  readonly candidates: number[];
  /** Positions of `machine` / `default`, ascending. */
  readonly netrc: number[];
}

interface Owner {
  readonly rules: readonly number[];
  readonly candidate: boolean;
  readonly netrc: boolean;
}

function buildIndex() {
  const owners = new Map<string, { rules: Set<number>; candidate: boolean; netrc: boolean }>();
  const own = (w: string) => {
    const k = w.toLowerCase();
    let o = owners.get(k);
    if (!o) owners.set(k, (o = { rules: new Set(), candidate: false, netrc: false }));
    return o;
  };
  PROVIDERS.forEach((r, i) => r.keywords.forEach((k) => own(k).rules.add(i)));
  for (const w of CANDIDATE_WORDS) own(w).candidate = true;
  for (const w of NETRC_WORDS) own(w).netrc = true;
  const words = [...owners.keys()];
  const { set, refused } = buildNeedles(words);
  const byNeedle: Owner[] = set.needles.map((n) => {
    const o = owners.get(n);
    return { rules: [...(o?.rules ?? [])].sort((a, b) => a - b), candidate: o?.candidate ?? false, netrc: o?.netrc ?? false };
  });
  // A keyword the table cannot hold (one character, non-ASCII) would silently never fire: run its rules always.
  const always = new Set<number>();
  for (const w of refused) for (const r of owners.get(w.toLowerCase())?.rules ?? []) always.add(r);
  return { set, byNeedle, always: [...always] };
}

const INDEX = buildIndex();

/** One pass over `text`. */
export function prefilterText(text: string): TextHits {
  const flat = findNeedles(INDEX.set, text);
  const rules = new Map<number, number[]>();
  const candidates: number[] = [];
  const netrc: number[] = [];
  for (const r of INDEX.always) rules.set(r, [0]);
  for (let i = 0; i < flat.length; i += 2) {
    const o = INDEX.byNeedle[flat[i] as number] as Owner;
    const pos = flat[i + 1] as number;
    if (o.candidate && candidates[candidates.length - 1] !== pos) candidates.push(pos);
    if (o.netrc) netrc.push(pos);
    for (const r of o.rules) {
      let list = rules.get(r);
      if (!list) rules.set(r, (list = []));
      if (list.length < MAX_POSITIONS && list[list.length - 1] !== pos) list.push(pos);
    }
  }
  return { rules, candidates, netrc };
}
