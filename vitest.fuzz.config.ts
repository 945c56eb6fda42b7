/**
 * The long fuzz run (`npm run fuzz`): the property tests of test/fuzz/ with
 * FUZZ_RUNS cases per syntax (default 10,000; override with FUZZ_RUNS=n,
 * replay with FUZZ_SEED=n).
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/fuzz/**/*.test.ts"],
    env: { FUZZ_RUNS: process.env.FUZZ_RUNS ?? "10000" },
    testTimeout: 0,
    pool: "forks",
    reporters: ["verbose"],
  },
});
