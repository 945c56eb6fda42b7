/**
 * Contract of the secret detectors (implemented in src/secrets/).
 *
 * detectInValue: one configured value (env value, header, arg, URL, setting)
 *   with the key it sits under. Used for structured config files.
 * scanText: a whole text file that the catalog does not parse (source, .env,
 *   manifests, .npmrc ...). Line/offset based.
 *
 * Both return matches with offsets into the given text; never throw.
 */
export interface SecretMatch {
  /** Provider id (`github-pat-classic`, `aws-access-key-id`, ...) or `generic-*`. */
  readonly detector: string;
  readonly title: string;
  readonly confidence: "high" | "medium" | "low";
  /** Offsets of the secret itself within the scanned text (UTF-16). */
  readonly start: number;
  readonly end: number;
  /** The secret. Internal only: never printed, only hashed and previewed. */
  readonly secret: string;
  /** The key it sits under, when known (env name, header, flag, `KEY=` in a text file). */
  readonly key?: string;
  /** Lifetime facts for long-lived checks. */
  readonly lifetime?: { readonly kind: "jwt"; readonly exp?: number; readonly iat?: number } | { readonly kind: "no-expiry"; readonly note: string };
}

export interface ValueContext {
  /** Key the value sits under (env var name, header name, setting key, flag). */
  readonly key?: string;
  /** What kind of slot: decides generic rules (an `Authorization` header, a `--token` arg ...). */
  readonly source?: "env" | "header" | "arg" | "url" | "oauth" | "setting";
}
