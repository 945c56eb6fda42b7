/**
 * Tool names that change state: by the words of the name, in any spelling
 * (`delete_file`, `deleteFile`, `API-post-page`, `browser.run`).
 */
const DESTRUCTIVE_WORDS: ReadonlySet<string> = new Set([
  "delete", "remove", "rm", "drop", "destroy", "erase", "purge", "wipe", "truncate", "kill", "terminate",
  "exec", "execute", "run", "shell", "bash", "cmd", "command", "eval", "spawn",
  "write", "overwrite", "update", "modify", "edit", "patch", "put", "set", "create", "insert", "upload", "move", "rename",
  "send", "post", "deploy", "publish", "merge", "push", "transfer", "pay", "reset", "revoke", "apply",
]);

export function isDestructiveToolName(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[^a-z0-9]+/);
  return words.some((w) => DESTRUCTIVE_WORDS.has(w));
}
