/** Regex-building helpers shared by the provider data files. */
import { b64urlOf } from "../fake.js";
import type { ProviderRule } from "../types.js";

/**
 * Left boundary: not preceded by a token character of `tokenClass` (a regex
 * character class), unless that character ends an escape: `\n`, `\r` or `\t`
 * in a string literal or `%XX` in a URL. The escape stands for a separator,
 * so `"line1\nghp_..."` and `?q=%20ghp_...` hold a token that starts there.
 * (`\\n` before a token counts too: the decoded value reads `\n` then, and
 * gitleaks' prefixed rules have no left boundary at all.)
 */
export function notAfter(tokenClass: string): string {
  return `(?<!${tokenClass}(?<!\\\\[nrt])(?<!${SEPARATOR_ESCAPE}))`;
}

/**
 * A `%XX` escape of a character that is no token character: `%41` is `A` and
 * `%5F` is `_`, so a token after them is joined to the text before it, as
 * after the character itself. Lookbehinds in a row, not an alternation:
 * line-local.ts bounds how far a rule reads back only without one.
 */
const SEPARATOR_ESCAPE = "%[0-9A-Fa-f][0-9A-Fa-f](?<!%2[Dd])(?<!%3[0-9])(?<!%4[1-9A-Fa-f])(?<!%5[0-9AaFf])(?<!%6[1-9A-Fa-f])(?<!%7[0-9Aa])";

/** Left boundary: not preceded by a token character (an escape's last character aside, see notAfter). */
export const B = notAfter("[A-Za-z0-9_-]");
/** Right boundary: not followed by a token character. */
export const E = "(?![A-Za-z0-9_-])";

/** A token with a distinctive literal prefix: `prefix` + body, bounded both sides. */
export function prefixed(prefixSource: string, bodySource: string, flags = ""): RegExp {
  return new RegExp(`${B}(?<secret>${prefixSource}${bodySource})${E}`, flags);
}

/**
 * A provider without a distinctive prefix: the key (or nearby text) must name
 * the provider, as gitleaks does: `MISTRAL_API_KEY=…`, `"x-brave-key": "…"`,
 * `--datadog-api-key …`. Case-insensitive. Up to 40 blanks before the operator: a
 * formatter's alignment (terraform fmt).
 */
export function keyed(keywordSource: string, valueSource: string): RegExp {
  return new RegExp(
    `(?:${keywordSource})[\\w.-]{0,40}?["'\\]]?(?:[ \\t]{0,40}(?:=|:=|=>|:|,)[ \\t]{0,3}|[ \\t]{1,3})["'\`]?(?<secret>${valueSource})(?![A-Za-z0-9_+/=-])`,
    "i",
  );
}

/** Common assignment wrappers to embed a secret in several syntaxes for samples. */
export const wrap = {
  env: (k: string, v: string): string => `${k}=${v}`,
  json: (k: string, v: string): string => `{"env": {"${k}": "${v}"}}`,
  yaml: (k: string, v: string): string => `env:\n  ${k}: "${v}"\n`,
};

/**
 * A JWT for false-positive samples (the header is the same in every HS256 token): a keyed or path
 * pattern must not take its first segment for the provider's key.
 */
export const SOME_JWT = [b64urlOf('{"alg":"HS256","typ":"JWT"}'), b64urlOf('{"sub":"mcp-client","iat":1735689600}'), b64urlOf("signature bytes of this token")].join(".");

/** A provider entry as the data files write it: its samples are a function, built on first use. */
export type ProviderEntry = Omit<ProviderRule, "samples"> & { readonly samples: () => ProviderRule["samples"] };

/**
 * A data file's providers, with `samples` built on first read (the tests and
 * the docs read them; a scan never does), all of the file's at once and in
 * file order: sample texts come from one seeded generator per file, so this
 * order gives the values that building them at module load gave.
 */
export function withLazySamples(entries: readonly ProviderEntry[]): readonly ProviderRule[] {
  let built: readonly ProviderRule["samples"][] | undefined;
  const samplesOf = (i: number) => (built ??= entries.map((e) => e.samples()))[i] as ProviderRule["samples"];
  return entries.map((e, i) => Object.defineProperty({ ...e }, "samples", { get: () => samplesOf(i), enumerable: true, configurable: false }) as unknown as ProviderRule);
}
