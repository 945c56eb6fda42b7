/**
 * The short password flag of database clients with its value attached: `-p<password>`
 * beside a user flag (`-u<user>`, `-u <user>`, `--user`), as the MySQL and MariaDB
 * clients and the JDBC MCP server (`jbang jdbc@quarkiverse/...`) take it. Alone, `-p`
 * means too many other things (a port, a profile, a path) to be read as a password.
 */
import type { ConfigValue } from "./types.js";

/** The flag the short `-p` stands for in those clients: the key the password is reported under. */
export const PASSWORD_FLAG = "--password";

const isUserFlag = (raw: string): boolean => /^-u./.test(raw) || raw === "-u" || /^--user(?:name)?(?:=|$)/.test(raw);

/** `-p8080:80`, `-p127.0.0.1:53:53/udp`: a published port (docker, podman), not a password. */
const PORT_SPEC = /^[\d.:]+(?:\/(?:tcp|udp|sctp))?$/;

/** The password of a `-p<password>` argument, when a user flag sits in the same args. */
export function attachedPassword(arg: ConfigValue, args: readonly ConfigValue[]): string | undefined {
  const m = /^-p([^-\s][^\s]*)$/.exec(arg.raw);
  const pw = m?.[1];
  if (pw === undefined || PORT_SPEC.test(pw)) return undefined;
  return args.some((a) => isUserFlag(a.raw)) ? pw : undefined;
}
