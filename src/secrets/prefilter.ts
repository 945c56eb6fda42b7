/**
 * Keyword prefilter: one pass over the lowercased text with a single
 * alternation of every provider keyword, stepping one character after each
 * hit so overlapping keywords are all seen. Returns, per rule, where its
 * keywords occur; rules without a hit are never run.
 */
export interface KeywordIndex {
  readonly re: RegExp;
  /** keyword -> rule indices, including rules whose keyword is a substring of it. */
  readonly rulesByKeyword: ReadonlyMap<string, readonly number[]>;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function buildKeywordIndex(keywordsPerRule: readonly (readonly string[])[]): KeywordIndex {
  const direct = new Map<string, Set<number>>();
  keywordsPerRule.forEach((kws, i) => {
    for (const kw of kws) {
      const k = kw.toLowerCase();
      if (!direct.has(k)) direct.set(k, new Set());
      direct.get(k)?.add(i);
    }
  });
  const all = [...direct.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const rulesByKeyword = new Map<string, number[]>();
  for (const k of all) {
    const rules = new Set<number>();
    // A hit on `k` is also a hit for every keyword contained in `k`.
    for (const other of all) if (k.includes(other)) for (const r of direct.get(other) ?? []) rules.add(r);
    rulesByKeyword.set(k, [...rules].sort((a, b) => a - b));
  }
  const re = new RegExp(all.map(escapeRe).join("|"), "g");
  return { re, rulesByKeyword };
}

/** Rule index -> positions (in the lowercased text) of its keyword hits, capped per rule. */
export function findKeywordHits(index: KeywordIndex, lower: string, maxPositions = 4096): Map<number, number[]> {
  const hits = new Map<number, number[]>();
  const re = index.re;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(lower)) !== null) {
    const rules = index.rulesByKeyword.get(m[0]);
    if (rules) {
      for (const r of rules) {
        let list = hits.get(r);
        if (!list) hits.set(r, (list = []));
        if (list.length < maxPositions) list.push(m.index);
      }
    }
    re.lastIndex = m.index + 1;
  }
  return hits;
}
