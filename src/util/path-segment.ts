/**
 * The part of a path after its last `/` or `\` (the whole when it has
 * neither). A split would make an array of every segment first: 100,000 of
 * them for a configured value of backslashes.
 */
export function lastPathSegment(p: string): string {
  return p.slice(Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\")) + 1);
}
