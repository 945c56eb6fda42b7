/**
 * The static import graph of mcplint's own modules: every `import`/`export
 * ... from`, side-effect `import "x"`, dynamic `import("x")` and `require("x")`
 * of a source file, with relative specifiers resolved to `.ts` files.
 */
import * as fs from "node:fs";
import { builtinModules } from "node:module";
import * as path from "node:path";

export interface Edge {
  readonly from: string;
  /** Absolute `.ts` path for relative imports; the bare specifier otherwise (`node:` removed). */
  readonly to: string;
  readonly kind: "static" | "dynamic" | "require";
  readonly local: boolean;
}

const BUILTINS = new Set(builtinModules);

/** Block comments and whole-line `//` comments removed (a URL inside a string keeps its `//`). */
function stripComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

/**
 * Template literal bodies blanked out (rule examples hold whole programs in
 * them, whose `import` lines are data, not imports). Quoted strings are
 * skipped so that a backtick inside one does not open a template.
 */
export function blankTemplates(src: string): string {
  let out = "";
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== "\n") j += src[j] === "\\" ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === "`") {
      let j = i + 1;
      while (j < src.length && src[j] !== "`") j += src[j] === "\\" ? 2 : 1;
      out += "`" + src.slice(i + 1, j).replace(/[^\n]/g, " ") + "`";
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function sourceOf(file: string): string {
  return blankTemplates(stripComments(fs.readFileSync(file, "utf8")));
}

export function importsOf(file: string): Edge[] {
  const src = sourceOf(file);
  const edges: Edge[] = [];
  const add = (spec: string, kind: Edge["kind"]) => {
    if (spec.startsWith(".")) edges.push({ from: file, to: resolveLocal(file, spec), kind, local: true });
    else edges.push({ from: file, to: spec.replace(/^node:/, ""), kind, local: false });
  };
  // Static: `import x from "y"`, `import { a, type b } from "y"`, `export * from "y"`; type-only forms are erased.
  for (const m of src.matchAll(/^\s*(import|export)\s+(type\s+)?([^;]*?)\s+from\s+["']([^"']+)["']/gm)) {
    if (m[2]) continue;
    add(m[4] as string, "static");
  }
  for (const m of src.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) add(m[1] as string, "static");
  for (const m of src.matchAll(/\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) add(m[1] as string, "dynamic");
  for (const m of src.matchAll(/\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) add(m[1] as string, "require");
  // `createRequire(import.meta.url)("x")`: a lazy CommonJS load, seen as a require edge.
  for (const m of src.matchAll(/\bcreateRequire\s*\(\s*import\.meta\.url\s*\)\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) add(m[1] as string, "require");
  return edges;
}

function resolveLocal(from: string, spec: string): string {
  const abs = path.resolve(path.dirname(from), spec);
  for (const candidate of [abs.replace(/\.js$/, ".ts"), abs, `${abs}.ts`, path.join(abs, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return abs.replace(/\.js$/, ".ts");
}

/** Modules reachable from `entries`, following local edges of the given kinds. */
export function reachable(entries: readonly string[], kinds: readonly Edge["kind"][]): Map<string, Edge[]> {
  const seen = new Map<string, Edge[]>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    const edges = fs.existsSync(file) ? importsOf(file) : [];
    seen.set(file, edges);
    for (const e of edges) if (e.local && kinds.includes(e.kind) && !seen.has(e.to)) queue.push(e.to);
  }
  return seen;
}

export function isBuiltin(spec: string): boolean {
  return BUILTINS.has(spec) || BUILTINS.has(spec.split("/")[0] as string);
}

/** Unresolvable dynamic imports (`import(variable)`) defeat the graph: find them. */
export function opaqueDynamicImports(file: string): string[] {
  const src = sourceOf(file);
  return [...src.matchAll(/\bimport\s*\(\s*([^"'`\s)][^)]*)\)/g)].map((m) => m[0]);
}

/** `createRequire` loads modules this graph cannot see. */
export function usesCreateRequire(file: string): boolean {
  return /\bcreateRequire\b/.test(sourceOf(file));
}
