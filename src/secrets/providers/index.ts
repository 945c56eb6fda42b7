/**
 * The provider catalog: one declarative entry per token format. Data lives in
 * this folder (src/secrets/providers/*.ts) so that tsc compiles it and the CLI
 * loads it without parsing YAML at start-up.
 */
import type { ProviderRule } from "../types.js";
import { AI } from "./ai.js";
import { CLOUD } from "./cloud.js";
import { KEYS } from "./keys.js";
import { SAAS } from "./saas.js";
import { VCS } from "./vcs.js";

export const PROVIDERS: readonly ProviderRule[] = [...VCS, ...AI, ...CLOUD, ...SAAS, ...KEYS];
