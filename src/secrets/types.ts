import type { SecretMatch } from "./api.js";

export type Confidence = SecretMatch["confidence"];
export type Lifetime = NonNullable<SecretMatch["lifetime"]>;

/** Where a candidate sits, for validators that look around it (AWS key pairing, service-account JSON). */
export interface RuleContext {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * One provider token format, as data. The pattern is compiled once at module
 * load (flags `g` and `d` are added); the secret is the named group `secret`,
 * else group 1, else the whole match.
 */
export interface ProviderRule {
  readonly id: string;
  readonly title: string;
  readonly pattern: RegExp;
  /** Lowercase literals; the pattern runs only when one occurs in the (lowercased) text. */
  readonly keywords: readonly string[];
  /**
   * Keywords (of `keywords`) that count only in capitals: the prefix of a
   * token the pattern requires in upper case (`akia` for AKIA...). The
   * keyword pass finds every keyword in any case; a hit of one of these in
   * other letters (`Slovakia`, `Asia/Tokyo`) does not run the rule.
   */
  readonly capitalKeywords?: readonly string[];
  readonly minEntropy?: number;
  readonly validate?: (secret: string, ctx: RuleContext) => boolean;
  /**
   * How far before a match's start and after its end (in characters) the
   * validator reads `ctx.text`, for a validator that reads it. The scan of a
   * large file in pieces (pieces.ts) gives every piece this much text around
   * its own lines; a validator that reads the text without saying how far
   * makes its rule one that the pieces cannot judge.
   */
  readonly contextChars?: number;
  readonly confidence: Confidence;
  readonly lifetime?: Lifetime | ((secret: string) => Lifetime | undefined);
  /** Skip the generic placeholder filter (the rule's validator does its own). */
  readonly skipPlaceholderCheck?: boolean;
  /** True-positive and false-positive sample texts, built from parts (never literal tokens). */
  readonly samples: { readonly tp: readonly string[]; readonly fp: readonly string[] };
}
