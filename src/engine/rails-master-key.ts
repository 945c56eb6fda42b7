/**
 * A Rails master key: `config/master.key`, or a per-environment `config/credentials/<env>.key`, a file
 * that holds only the 32 hex digits (`SecureRandom.hex(16)`) that decrypt the committed
 * `config/credentials.yml.enc` (or `<env>.yml.enc`). Rails' generator adds it to .gitignore; committed,
 * it opens every credential the encrypted file holds. Read by the file's name only: 32 hex digits
 * elsewhere are a hash as often as a key.
 */
import { isPlaceholder, type SecretMatch } from "../secrets/index.js";

const RAILS_KEY_FILE = /(?:^|\/)config\/(?:master|credentials\/[\w.-]{1,100})\.key$/;
const HEX32 = /^\s*([0-9a-fA-F]{32})\s*$/;

/** The key a Rails key file at `rel` holds, at its first character; none for other files or contents. */
export function railsMasterKey(rel: string, text: string): SecretMatch[] {
  if (text.length > 200 || !RAILS_KEY_FILE.test(rel)) return [];
  const m = HEX32.exec(text);
  const key = m?.[1];
  if (key === undefined || isPlaceholder(key)) return [];
  const start = text.indexOf(key);
  return [{ detector: "generic-credential", title: "Rails master key (it decrypts the credentials.yml.enc beside it)", confidence: "high", start, end: start + key.length, secret: key }];
}
