/**
 * What `--user` looked at: the files found at each client's known user-level
 * locations, and the clients with none, so that "no problems" on a machine
 * reads as "looked here, found nothing" rather than silence.
 */
import type { UserLocationResult } from "../api.js";
import { counted } from "./counts.js";
import { printable } from "./printable.js";

/** What was found where: the files (by client), the clients with none, and a one-line account. */
function summary(locations: readonly UserLocationResult[]) {
  const clients = [...new Set(locations.map((l) => l.client))];
  const absent = clients.filter((c) => locations.every((l) => l.client !== c || l.found.length === 0));
  const found = locations.flatMap((l) => l.found.map((file) => ({ client: l.client, file })));
  const at = locations.filter((l) => l.found.length).length;
  const head = found.length
    ? `${counted(found.length, "file")} at ${at} of ${counted(locations.length, "known location")}`
    : `no file at any of the ${counted(locations.length, "known location")} of ${counted(clients.length, "client")}`;
  return { absent, found, head };
}

/** The text lines: the files read, by client, then the clients with no file at any of their locations. */
export function userLocationsText(locations: readonly UserLocationResult[]): string[] {
  const { absent, found, head: account } = summary(locations);
  const head = `User-level configuration (--user): ${account}`;
  const width = Math.max(0, ...found.map((f) => f.client.length));
  const lines = [head, ...found.map((f) => `  ${f.client.padEnd(width)}  ${printable(f.file)}`)];
  if (found.length && absent.length) lines.push(...wrapped("  not found: ", absent));
  lines.push("  (--format json lists every location looked at)");
  return lines;
}

/** Width the client list is wrapped at. */
const WIDTH = 100;

/** `head` and the names, comma-separated, in lines of at most WIDTH characters (continuations indented under the first name). */
function wrapped(head: string, names: readonly string[]): string[] {
  const lines: string[] = [];
  let line = head;
  names.forEach((name, i) => {
    const item = name + (i < names.length - 1 ? "," : "");
    if (line.length > head.length && line.length + 1 + item.length > WIDTH) {
      lines.push(line);
      line = " ".repeat(head.length) + item;
    } else line += (line.length > head.length ? " " : "") + item;
  });
  return [...lines, line];
}

/** Markdown lines (`md` escapes text, `code` wraps a path): the account, the files by client, the clients with none. */
export function userLocationsMarkdown(locations: readonly UserLocationResult[], md: (s: string) => string, code: (s: string) => string): string[] {
  const { absent, found, head } = summary(locations);
  return [
    "### User-level configuration (--user)",
    "",
    `Looked at every known client's user-level locations: ${head}.`,
    "",
    ...found.map((f) => `- ${md(f.client)}: ${code(f.file)}`),
    ...(found.length ? [""] : []),
    ...(absent.length ? [`Not found: ${absent.map(md).join(", ")}.`, ""] : []),
  ];
}

/** The JSON value: every location with the files found there (`found: []`: absent). */
export function userLocationsJson(locations: readonly UserLocationResult[]): { client: string; location: string; found: string[] }[] {
  return locations.map((l) => ({ client: l.client, location: l.location, found: [...l.found] }));
}
