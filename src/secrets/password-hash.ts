/**
 * Stored password hashes: what a user table, an LDIF file, a Spring
 * `{bcrypt}` entry or a Kubernetes basic-auth list keeps instead of the
 * password. Under a password key such a value is no plaintext secret, so the
 * generic detectors leave it (the `.htpasswd` provider format reports an
 * htpasswd file's entries on its own terms).
 */

/**
 * Modular crypt strings: bcrypt, md5-crypt / apr1, sha256- and sha512-crypt, yescrypt, argon2, scrypt.
 * An argon2 string may end after its memory cost: an unquoted value is read up to its first comma.
 */
const MODULAR_CRYPT =
  /^\$(?:2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}|(?:1|5|6|apr1)\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$[./A-Za-z0-9]{22,86}|(?:y|gy|7)\$[./A-Za-z0-9]{1,60}\$[./A-Za-z0-9]{1,60}(?:\$[./A-Za-z0-9]{1,90})?|argon2(?:id|i|d)\$(?:v=\d{1,3}\$)?m=\d{1,10}(?:,t=\d{1,10},p=\d{1,4}\$[A-Za-z0-9+/]{8,}\$[A-Za-z0-9+/]{16,})?|scrypt\$\S{16,})$/;
/** Django and passlib's `algorithm$iterations$salt$hash` (`pbkdf2_sha256$600000$...`), the argon2 and bcrypt variants. */
const ALGORITHM_PREFIXED = /^(?:pbkdf2_sha(?:1|256|512)\$\d{1,9}\$[^$\s]{1,100}\$[A-Za-z0-9+/=]{16,}|argon2\$argon2(?:id|i|d)\$\S{20,}|bcrypt(?:_sha256)?\$\$?2[abxy]?\$\S{50,})$/;
/** RFC 2307 (LDAP userPassword) and Spring's `{id}` prefixes, whatever follows: `{SSHA}...`, `{bcrypt}$2a$...`. */
const SCHEME_PREFIXED = /^\{(?:S?SHA(?:1|224|256|384|512)?|S?MD5|CRYPT|PBKDF2(?:-SHA(?:1|256|512))?|ARGON2|BCRYPT|SCRYPT|SHA-?256|SHA-?512)\}\S{8,}$/i;
/** PostgreSQL's stored forms: `md5` + 32 hex digits, `SCRAM-SHA-256$<iterations>:<salt>$<keys>`. */
const POSTGRES_STORED = /^(?:md5[0-9a-f]{32}|SCRAM-SHA-256\$\S{8,})$/i;

/** Is `v` (trimmed) a stored password hash in one of the shapes above? */
export function isPasswordHash(v: string): boolean {
  const c = v.charCodeAt(0);
  // Every shape starts with `$`, `{`, `p`, `a`, `b`, `s`, `m` or `S`: most values end here.
  if (c !== 36 && c !== 123 && c !== 112 && c !== 97 && c !== 98 && c !== 115 && c !== 109 && c !== 83 && c !== 77) return false;
  return MODULAR_CRYPT.test(v) || SCHEME_PREFIXED.test(v) || POSTGRES_STORED.test(v) || ALGORITHM_PREFIXED.test(v);
}
