/** Regex-building helpers shared by the provider data files. */

/** Left boundary: not preceded by a token character. */
export const B = "(?<![A-Za-z0-9_-])";
/** Right boundary: not followed by a token character. */
export const E = "(?![A-Za-z0-9_-])";

/** A token with a distinctive literal prefix: `prefix` + body, bounded both sides. */
export function prefixed(prefixSource: string, bodySource: string, flags = ""): RegExp {
  return new RegExp(`${B}(?<secret>${prefixSource}${bodySource})${E}`, flags);
}

/**
 * A provider without a distinctive prefix: the key (or nearby text) must name
 * the provider, as gitleaks does: `MISTRAL_API_KEY=…`, `"x-brave-key": "…"`,
 * `--datadog-api-key …`. Case-insensitive.
 */
export function keyed(keywordSource: string, valueSource: string): RegExp {
  return new RegExp(
    `(?:${keywordSource})[\\w.-]{0,40}?["'\\]]?(?:[ \\t]{0,3}(?:=|:=|=>|:|,)[ \\t]{0,3}|[ \\t]{1,3})["'\`]?(?<secret>${valueSource})(?![A-Za-z0-9_+/=-])`,
    "i",
  );
}

/** Common assignment wrappers to embed a secret in several syntaxes for samples. */
export const wrap = {
  env: (k: string, v: string): string => `${k}=${v}`,
  json: (k: string, v: string): string => `{"env": {"${k}": "${v}"}}`,
  yaml: (k: string, v: string): string => `env:\n  ${k}: "${v}"\n`,
};
