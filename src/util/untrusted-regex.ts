/**
 * Regular expressions written in a scanned file (a configured secret pattern
 * or `secrets.allow` entry, an Amp `amp.mcpPermissions` `/regex/` rule, a
 * Next.js middleware matcher group) may backtrack catastrophically
 * (`(a+)+$`), and JavaScript cannot stop a running regex. V8's linear-time
 * engine takes over a regex that backtracks past a bound (same matches), but
 * only for the patterns it can run. On Node 20 (V8 11.3) it refuses, and such
 * a pattern backtracks without bound:
 * - the flags `i`, `u`, `v` and `d` (`g`, `m`, `s`, `y` are taken; `u` is dropped
 *   from a pattern whose matches it does not change, regex-unicode-neutral.ts);
 * - lookarounds `(?=`, `(?!`, `(?<=`, `(?<!`, and back-references `\1`, `\k<name>`;
 * - a repeat count past 16: `x{17}`, `x{0,17}`, `x{16,}` (`{n,}` counts n+1,
 *   `+` 2, `*` and `?` 1), and nested repeats whose counts multiply past 16:
 *   `(?:x{4}){5}`, `(?:x+){9}`, five nested `+`.
 * Taken: `^ $ \b \B`, classes and class escapes, `.`, `\x41 \u0041 \cA`,
 * octal escapes, named groups, lazy repeats (probed with node 20.20, and with
 * the engine's own answer below). So a pattern is compiled as written when
 * the engine takes it; else as rewritten without `i` and with its repeat
 * counts written out (regex-linear-rewrite.ts: same matches and groups) when
 * the engine takes that; else, where only `test` is asked (untrustedTest) and
 * the pattern has lookarounds but no back-references, it is answered by
 * regex-bounded-test.ts; else it is refused with a message, as an invalid
 * pattern is. Which patterns the engine takes is asked of V8 itself: a regex
 * compiled with the `l` flag (`--enable-experimental-regexp-engine`) is
 * refused ("cannot be executed in linear time") by the same check that decides
 * the fallback, so a later Node whose engine takes more refuses fewer. An
 * engine without the `l` flag gets the pattern as written.
 *
 * The flags are process-wide, so they are set only when such a regex is about
 * to be compiled; `node:v8` is loaded then only.
 */
import { createRequire } from "node:module";
import { boundedTest } from "./regex-bounded-test.js";
import { linearRewrite } from "./regex-linear-rewrite.js";
import { isLookaround, parseRegex, some } from "./regex-syntax.js";
import { unicodeNeutral } from "./regex-unicode-neutral.js";
import { regexErrorMessage } from "./error-reasons.js";

let linearFlag: boolean | undefined;

/** Sets V8's backtracking bound; whether V8 can say which patterns it covers (the `l` flag). */
function boundBacktracking(): boolean {
  if (linearFlag !== undefined) return linearFlag;
  try {
    const v8 = createRequire(import.meta.url)("node:v8") as typeof import("node:v8");
    v8.setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
    v8.setFlagsFromString("--enable-experimental-regexp-engine");
    new RegExp("", "l");
    linearFlag = true;
  } catch {
    // An engine without the flags runs the patterns as they are.
    linearFlag = false;
  }
  return linearFlag;
}

/** Does V8's linear-time engine take the pattern (so a runaway backtrack falls back to it)? */
function linearEngineTakes(source: string, flags: string): boolean {
  try {
    new RegExp(source, `${flags}l`);
    return true;
  } catch {
    return false;
  }
}

/** What in a pattern the linear engine does not take. */
function refusedPart(source: string, flags: string): string {
  const flag = /[uvd]/.exec(flags)?.[0];
  if (flag === "u") return "the u flag on this pattern (it runs with u when it has no `.`, `[^...]`, \\D, \\W, \\S, \\B, \\p{...}, \\u{...} surrogate or character past U+FFFF, and no i flag)";
  if (flag) return `the ${flag} flag`;
  const alternatives = parseRegex(source);
  const has = (f: Parameters<typeof some>[1]) => alternatives.some((seq) => seq.some((n) => some(n, f)));
  if (has((n) => n.kind === "backref")) return "back-references (\\1, \\k<name>)";
  if (has(isLookaround)) return "lookarounds ((?=, (?!, (?<=, (?<!)";
  return "repeat counts this large (such as nested counted repeats)";
}

/** `refused`: the pattern compiles, but its run time cannot be bounded. */
export type UntrustedRegex = { readonly ok: true; readonly re: RegExp } | { readonly ok: false; readonly message: string; readonly refused?: true };

/**
 * A regex from a scanned file, in a form whose run time is bounded: as written, or rewritten with the
 * same matches; an error message (without the pattern, which may be a secret) when it does not
 * compile or its run time cannot be bounded.
 */
export function compileUntrusted(source: string, flags = ""): UntrustedRegex {
  const checked = boundBacktracking();
  let re: RegExp;
  try {
    re = new RegExp(source, flags);
  } catch (err) {
    return { ok: false, message: regexErrorMessage(err) };
  }
  if (!checked || linearEngineTakes(source, flags)) return { ok: true, re };
  // `u` (not taken by the engine on Node 20) is dropped where it changes no match (regex-unicode-neutral.ts).
  const plain = flags.includes("u") && !/[iv]/.test(flags) && unicodeNeutral(source) ? flags.replace("u", "") : flags;
  if (plain !== flags && linearEngineTakes(source, plain)) return { ok: true, re: new RegExp(source, plain) };
  const rewritten = /[uv]/.test(plain) ? undefined : linearRewrite(source, plain);
  if (rewritten && linearEngineTakes(rewritten.source, rewritten.flags)) return { ok: true, re: new RegExp(rewritten.source, rewritten.flags) };
  return {
    ok: false,
    refused: true,
    message: `regular expression not accepted: V8's linear-time engine (Node.js ${process.versions.node}) does not run ${refusedPart(source, plain)}, and without it a pattern that backtracks catastrophically could stall the scan`,
  };
}

export type UntrustedTest = { readonly ok: true; readonly test: (s: string) => boolean } | { readonly ok: false; readonly message: string };

/**
 * Whether a regex from a scanned file matches, for a caller that only asks that (no `g` or `y`
 * flag): compileUntrusted's regex, else, for a pattern with lookarounds, regex-bounded-test.ts
 * (a string longer than its MAX_TESTED_LENGTH is not matched).
 */
export function untrustedTest(source: string, flags = ""): UntrustedTest {
  const compiled = compileUntrusted(source, flags);
  if (compiled.ok) return { ok: true, test: (s) => compiled.re.test(s) };
  const bounded = compiled.refused && !/[uvd]/.test(flags) ? boundedTest(source, flags) : undefined;
  return bounded ? { ok: true, test: bounded } : compiled;
}
