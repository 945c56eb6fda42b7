/**
 * Extra secret detectors from the configuration (`secrets.patterns`): a
 * regular expression per pattern, run over the whole file text after the
 * built-in detectors. Group 1, when the regex has one, is the secret.
 */
import type { SecretMatch } from "../secrets/index.js";
import { compileUntrusted } from "../util/untrusted-regex.js";

/** A detector over a whole file's text. */
export interface TextDetector {
  readonly id: string;
  detect(text: string): SecretMatch[];
}

export interface PatternSpec {
  readonly id: string;
  readonly title: string;
  readonly regex: string;
  readonly keywords?: readonly string[];
}

/** Matches per pattern and file; a runaway pattern stops here. */
const MAX_MATCHES = 1000;

/** The regex of a configured pattern: it comes from a file in the scanned repository, so its run time is bounded (untrusted-regex.ts). */
export const compilePattern = (regex: string) => compileUntrusted(regex, "g");

export function patternDetectors(patterns: readonly PatternSpec[]): TextDetector[] {
  return patterns.flatMap((p) => {
    const compiled = compilePattern(p.regex);
    if (!compiled.ok) return []; // the configuration loader reports it
    const re = compiled.re;
    const keywords = (p.keywords ?? []).map((k) => k.toLowerCase());
    const detector: TextDetector = {
      id: `custom-${p.id}`,
      detect(text) {
        if (keywords.length && !keywords.some((k) => text.toLowerCase().includes(k))) return [];
        const out: SecretMatch[] = [];
        re.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(text)) !== null && out.length < MAX_MATCHES) {
          if (m[0] === "") {
            re.lastIndex++;
            continue;
          }
          const secret = m[1] ?? m[0];
          const start = m.index + (m[1] !== undefined ? m[0].indexOf(m[1]) : 0);
          out.push({ detector: detector.id, title: p.title, confidence: "high", start, end: start + secret.length, secret });
        }
        return out;
      },
    };
    return [detector];
  });
}
