import { it } from "vitest";
import { FUZZ_RUNS, fuzzSyntax } from "./harness.js";

it(`toml: ${FUZZ_RUNS} random and mutated documents scan without throwing, internal diagnostics or slow cases`, () => {
  fuzzSyntax("toml");
}, 600_000);
