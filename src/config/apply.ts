/**
 * What a loaded configuration means for a scan: the ScanOptions fields it sets.
 */
import type { ScanOptions } from "../api.js";
import type { McplintConfig } from "./schema.js";

/** `source` is how reports name the configuration file (a relative path). */
export function scanOptionsFromConfig(config: McplintConfig, source: string): Partial<ScanOptions> {
  return {
    ...(config.rules ? { ruleLevels: config.rules } : {}),
    ...(config.exclude?.length ? { exclude: config.exclude } : {}),
    ...(config.secrets?.allow?.length ? { secretAllow: config.secrets.allow } : {}),
    ...(config.secrets?.patterns?.length ? { secretPatterns: config.secrets.patterns } : {}),
    ...(config.suppressions?.length ? { suppressions: { source, entries: config.suppressions } } : {}),
    ...(config.approved ? { ruleOptions: { approved: config.approved } } : {}),
    ...(config.lock !== undefined ? { lockFile: config.lock } : {}),
  };
}
