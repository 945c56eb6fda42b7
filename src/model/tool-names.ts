import { keyWords } from "../secrets/keys.js";

/**
 * Tool names that change state: by the words of the name, in any spelling
 * (`delete_file`, `deleteFile`, `API-post-page`, `browser.run`), split as
 * credential names are (keyWords: camelCase, acronyms, separators).
 */
const DESTRUCTIVE_WORDS: ReadonlySet<string> = new Set([
  "delete", "remove", "rm", "drop", "destroy", "erase", "purge", "wipe", "truncate", "kill", "terminate",
  "exec", "execute", "run", "shell", "bash", "cmd", "command", "eval", "spawn", "invoke", "trigger", "dispatch",
  "write", "overwrite", "update", "modify", "edit", "patch", "put", "set", "create", "insert", "upload", "move", "rename",
  "send", "post", "deploy", "publish", "merge", "push", "transfer", "pay", "reset", "revoke", "apply",
  "change", "add", "append", "upsert", "replace", "mutate", "clear", "save", "store", "import", "commit", "checkout", "fork", "revert", "rollback", "restore",
  "assign", "unassign", "close", "reopen", "resolve", "archive", "unarchive", "approve", "reject", "submit", "comment", "reply", "invite", "share", "mark",
  "grant", "enable", "disable", "lock", "unlock", "block", "unblock", "ban", "install", "uninstall",
  "start", "restart", "stop", "cancel", "launch", "scale", "shutdown", "reboot", "suspend", "schedule",
  "charge", "refund", "purchase", "buy", "notify",
  "click", "fill", "type", "press", "drag",
]);

/** Verbs that name a read: a name led by one (`get_merge_request`, `list_workflow_run`, `API-get-post`) reads whatever nouns follow. */
const READ_WORDS: ReadonlySet<string> = new Set([
  "get", "list", "search", "read", "describe", "query", "fetch", "find", "show", "view", "lookup", "browse", "retrieve", "inspect", "count", "check", "explain", "preview", "summarize",
]);

/** Words that change state even after a read verb (`search_and_replace`, `fetch_then_delete`). */
const ALWAYS_DESTRUCTIVE: ReadonlySet<string> = new Set(["delete", "remove", "rm", "drop", "destroy", "erase", "purge", "wipe", "truncate", "kill", "terminate", "exec", "execute", "eval", "write", "overwrite", "replace"]);

/** Arithmetic, not a change: a calculator's `add`, `add_numbers`, `addTwoNumbers`, `math.add` (but `git_add`, `add_comment` change state). */
const ARITHMETIC = /^(?:add|two|numbers?|nums?|ints?|integers?|floats?|values?|decimals?|math|calc|calculator)$/;

/**
 * What `resolve` looks up rather than closes: an identifier (`resolve-library-id`, Context7's
 * most used tool; `resolve_symbol`, `resolveHostname`). `resolve_issue` and `resolve_thread` change state.
 */
const LOOKUP_NOUNS: ReadonlySet<string> = new Set([
  "id", "ids", "identifier", "name", "names", "path", "paths", "url", "uri", "host", "hostname", "address", "dns", "symbol", "symbols", "alias", "ref", "reference", "type", "version", "handle",
]);

/**
 * What `evaluate` runs when the name says so: script in a page (Playwright MCP's `browser_evaluate`,
 * Puppeteer's `puppeteer_evaluate`, Chrome DevTools MCP's `evaluate_script`, `evaluate_js`). A model's
 * or an answer's `evaluate` (`evaluate_response`, `evaluate_model`) grades and changes nothing.
 */
const CODE_CONTEXT: ReadonlySet<string> = new Set(["browser", "page", "playwright", "puppeteer", "script", "javascript", "js", "code", "expression"]);

/**
 * What `call` names that runs nothing: a code index's call graph (`call_graph`, `get_call_hierarchy`,
 * `callStack`) and a chain's read-only contract call (`call_contract`, `eth_call`: a view function;
 * sending is `send_transaction`). Any other `call` runs what follows: the AWS API MCP server's
 * `call_aws` runs any AWS CLI command, a proxy's `call_tool` any tool, `call_api` any request.
 */
const CALL_READS: ReadonlySet<string> = new Set(["graph", "graphs", "hierarchy", "stack", "stacks", "tree", "chain", "site", "sites", "count", "history", "log", "logs", "trace", "path", "paths", "stats", "contract", "view", "eth", "static"]);

/** What `migrate` reports without migrating (Prisma MCP's `migrate-status`; `migrate_diff`, `migration_info`). */
const MIGRATION_READS: ReadonlySet<string> = new Set(["status", "diff", "info", "history", "plan"]);

/**
 * Verbs that only run what the rest of the name says. A SPARQL query (SELECT, ASK, CONSTRUCT,
 * DESCRIBE) reads: the SPARQL 1.1 protocol sends updates to a separate update operation, and the
 * real servers' `execute_sparql` runs a query (mcp-wikidata's "Execute a SPARQL query on
 * Wikidata", OntoSpecies', LiITA's). `sparql_update`, `execute_sparql_update` still change state.
 */
const RUN_VERBS: ReadonlySet<string> = new Set(["execute", "exec", "run"]);

function isDestructiveWord(words: readonly string[], i: number): boolean {
  const w = words[i] as string;
  if (RUN_VERBS.has(w) && words.includes("sparql")) return false;
  if (w === "add") return !words.every((x) => ARITHMETIC.test(x));
  if (w === "resolve") return !LOOKUP_NOUNS.has(words[words.length - 1] ?? "");
  if (w === "evaluate") return words.some((x) => CODE_CONTEXT.has(x));
  if (w === "migrate") return !words.some((x) => MIGRATION_READS.has(x));
  if (w === "call") return !words.some((x) => CALL_READS.has(x));
  return DESTRUCTIVE_WORDS.has(w);
}

export function isDestructiveToolName(name: string): boolean {
  const words = keyWords(name);
  const read = words.findIndex((w) => READ_WORDS.has(w));
  const first = words.findIndex((_w, i) => isDestructiveWord(words, i));
  if (first < 0) return false;
  return read < 0 || first < read || words.slice(read + 1).some((w) => ALWAYS_DESTRUCTIVE.has(w));
}
