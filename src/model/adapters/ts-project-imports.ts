/**
 * Identifiers a TypeScript file imports from another file of the project (a relative
 * import, or a Next.js app's `@/` and `~/` aliases): the module's path in the scan and
 * the name that module exports it by, so that a route, mount or tool class can be
 * joined with the file that declares it (model/code-links.ts, model/code-tools.ts).
 */
import { withoutSourceExtension } from "../../parse/mcp-code-markers.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import type { TsNode } from "../../parse/typescript.js";
import { resolveModule } from "../../util/relative-module.js";
import { kids, type CodeInput, type Resolver } from "./ts-values.js";

/** An identifier imported from a relative module: that module's path in the scan (no extension) and the name it exports it by. */
export function importedFrom(r: Resolver, input: CodeInput, id: TsNode): { module: string; alt?: string; name: string } | undefined {
  const imported = r.importOf(id);
  if (!imported) return undefined;
  // `@/lib/mcp`, `~/lib/mcp`: the usual alias of a Next.js app's root, or of its src folder.
  const alias = /^[@~]\/(.+)$/.exec(imported.module)?.[1];
  const appRoot = alias !== undefined ? nextAppRoot(input.file) : undefined;
  if (alias !== undefined && appRoot !== undefined) {
    const name = importedName(r, input, id, imported.name);
    return { module: withoutSourceExtension(`${appRoot}${alias}`), alt: withoutSourceExtension(`${appRoot}src/${alias}`), name };
  }
  if (!/^\.\.?(?:\/|$)/.test(imported.module)) return undefined;
  return { module: resolveModule(input.file, imported.module), name: importedName(r, input, id, imported.name) };
}

const DEFAULT_IMPORTS = new WeakMap<TsNode, ReadonlySet<string>>();

/** The local names of a file's default imports (`import x from`, `import x, { y } from`), worked out once per file. */
function defaultImports(r: Resolver, root: TsNode): ReadonlySet<string> {
  let names = DEFAULT_IMPORTS.get(root);
  if (!names) {
    const firsts = nodesOfType(root, "import_clause").map((c) => kids(c)[0]);
    names = new Set(firsts.filter((k): k is TsNode => k?.type === "identifier").map((k) => r.src(k)));
    DEFAULT_IMPORTS.set(root, names);
  }
  return names;
}

/** `default` for a default import (or a whole `require`), else the imported name. */
function importedName(r: Resolver, input: CodeInput, id: TsNode, name: string): string {
  const local = r.src(id);
  const made = r.deref(id);
  const isDefault =
    defaultImports(r, input.root).has(local) ||
    (made.type === "call_expression" && r.calleeName(made) === "require");
  return isDefault ? "default" : name;
}

/** The root of the Next.js app a route file belongs to (the folder of its `app/` or `pages/`, above `src/`). */
function nextAppRoot(file: string): string | undefined {
  const m = /(?:^|\/)(?:app|pages)\//.exec(file);
  if (!m) return undefined;
  const folder = file.slice(0, m.index + (m[0].startsWith("/") ? 1 : 0));
  return folder.replace(/(?:^|\/)src\/$/, (x) => (x.startsWith("/") ? "/" : ""));
}
