import { it } from "vitest";
import { FUZZ_RUNS, fuzzSyntax } from "./harness.js";

it(`typescript: ${FUZZ_RUNS} random and mutated documents scan without throwing, internal diagnostics or slow cases`, () => {
  fuzzSyntax("typescript");
}, 600_000);
