/**
 * Resolves expressions in one TypeScript/JavaScript file to the model's
 * values: string and template literals, `process.env.X`, `process.env["X"]`,
 * `const` bindings in the same file (including `const { X } = process.env`),
 * object literals with shorthand and spreads. Anything it cannot follow
 * (calls, parameters, `let`) resolves to nothing rather than to a guess.
 */
import type { TsNode } from "../../parse/typescript.js";
import { within, type LineIndex, type Loc } from "../location.js";
import type { ConfigScope, ConfigValue, NamedValue, ValueRef } from "../types.js";
import { nodesOfType } from "../../parse/ts-nodes-by-type.js";
import { weakMemo } from "../../util/weak-memo.js";
import { objectWrites, type ObjectWrite, type ObjectWrites } from "./ts-object-writes.js";
import { TS_VALUE_WRAPPERS } from "./ts-wrappers.js";

export interface CodeInput {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly client: string;
  readonly scope: ConfigScope;
  readonly root: TsNode;
}

/** What an expression stands for once const bindings are followed. */
type Target = { readonly node: TsNode; readonly env?: undefined } | { readonly node: TsNode; readonly env: string };

type Binding = { readonly at: number; readonly node: TsNode; readonly env?: string };

export interface ObjectEntries {
  readonly values: NamedValue[];
  /** Where the whole parent environment is handed over (`process.env`, `...process.env`). */
  readonly wholeEnv?: Loc;
  /**
   * Entries computed at run time (a parameter, a call): the key (the expression, for a whole object that cannot be followed) and where;
   * `whole`: no key names them (the object itself, a spread or a write by a computed key), so any entry may be in them.
   */
  readonly opaque?: readonly OpaqueEntry[];
}

export type OpaqueEntry = { readonly key: string; readonly keyLoc: Loc; readonly loc: Loc; readonly whole?: true };

const MAX_DEPTH = 8;
/** Modules only a Cloudflare Worker imports: the Agents SDK, the runtime's own `cloudflare:workers`, Cloudflare's packages. */
const WORKER_MODULE = /^(?:agents(?:\/|$)|cloudflare:|@cloudflare\/)/;
const ESCAPES: Readonly<Record<string, string>> = { n: "\n", t: "\t", r: "\r", b: "\b", f: "\f", v: "\v", "0": "\0" };

/** Named children without comments. */
export function kids(n: TsNode | null | undefined): TsNode[] {
  return n ? n.namedChildren.filter((c) => c.type !== "comment") : [];
}

/** Is `n` an `export default ...` statement? */
export function isDefaultExport(n: TsNode | null | undefined): boolean {
  return n?.type === "export_statement" && n.children.some((c) => c.type === "default");
}

/**
 * The arguments of a call or `new` expression (a shared list: never change it). Kept per node: the
 * adapters ask the same calls (shared by nodesOfType) again and again.
 */
export const argsOf = weakMemo((n: TsNode): readonly TsNode[] => kids(n.childForFieldName("arguments")));

export class Resolver {
  readonly #input: CodeInput;
  readonly #bindings = new Map<string, Binding[]>();
  readonly #functions = new Map<string, TsNode>();
  /** Local names of renamed imports (`import { A as B }`, `const { A: B } = require(...)`) -> the imported name. */
  readonly #aliases = new Map<string, string>();
  /** Local names bound by an import or a `require` -> the module they come from. */
  readonly #modules = new Map<string, string>();
  #objectWrites: ObjectWrites | undefined;
  /** A Cloudflare Worker's file (it imports `agents`, `cloudflare:*` or `@cloudflare/*`): its `env` holds the Worker's bindings. */
  readonly #worker: boolean;

  // The answers below are kept per node: every adapter asks them of the same nodes (nodesOfType shares
  // them), and each costs native calls.

  /** `Foo` for `new Foo()`, `new sdk.Foo()`, `Foo()`, `x.foo()` (the last name). */
  readonly calleeName = weakMemo((n: TsNode) => this.#calleeOf(n));
  /** The receiver text of `x.foo()` (`x`), if any. */
  readonly receiverOf = weakMemo((call: TsNode) => this.#receiverText(call));
  /** The text of a plain string literal (or a template with no substitutions). */
  readonly stringOf = weakMemo((n: TsNode) => this.#stringText(n));
  /**
   * Per argument of a call, its name when it is an identifier (`app.use(auth, router)`: auth, router)
   * or a field of `this` (`this.app.use(this.router)`: this.router),
   * or the koa router whose routes it passes (`app.use(router.routes())`: router), else undefined.
   */
  readonly identifierArgs = weakMemo((call: TsNode): readonly (string | undefined)[] =>
    argsOf(call).map((a) => (a.type === "identifier" || (a.type === "member_expression" && a.childForFieldName("object")?.type === "this") ? this.src(a) : this.#routesOf(a))),
  );

  constructor(input: CodeInput) {
    this.#input = input;
    for (const spec of nodesOfType(input.root, "import_specifier")) {
      const name = spec.childForFieldName("name");
      const alias = spec.childForFieldName("alias");
      if (name && alias) this.#aliases.set(this.src(alias), this.src(name));
    }
    const imports = nodesOfType(input.root, "import_statement");
    for (const imp of imports) this.#bindImport(imp);
    this.#worker = imports.some((imp) => {
      const source = imp.childForFieldName("source");
      return source !== null && WORKER_MODULE.test(this.stringOf(source) ?? "");
    });
    for (const d of nodesOfType(input.root, "variable_declarator")) {
      const decl = d.parent;
      if (!decl || decl.type !== "lexical_declaration" || decl.children[0]?.type !== "const") continue;
      const name = d.childForFieldName("name");
      const value = d.childForFieldName("value");
      if (!name || !value) continue;
      if (name.type === "identifier") this.#bind(this.src(name), { at: d.startIndex, node: value });
      else if (name.type === "object_pattern" && this.isProcessEnv(value)) this.#bindEnvPattern(name);
      else if (name.type === "object_pattern" && this.#isRequire(value)) this.#bindRequirePattern(name);
      const module = this.#requiredModule(value);
      if (module === undefined) continue;
      if (name.type === "identifier") this.#modules.set(this.src(name), module);
      else if (name.type === "object_pattern") {
        for (const p of kids(name)) {
          const local = p.type === "pair_pattern" ? p.childForFieldName("value") : p;
          if (local?.type === "identifier" || local?.type === "shorthand_property_identifier_pattern") this.#modules.set(this.src(local), module);
        }
      }
    }
    for (const f of nodesOfType(input.root, "function_declaration")) {
      const name = f.childForFieldName("name");
      if (name) this.#functions.set(this.src(name), f);
    }
  }

  #bind(name: string, b: Binding): void {
    const list = this.#bindings.get(name) ?? [];
    list.push(b);
    this.#bindings.set(name, list);
  }

  /** `require("...")` or `import("...")`, possibly awaited or wrapped. */
  #isRequire(n: TsNode): boolean {
    let d = n;
    while ((TS_VALUE_WRAPPERS.has(d.type) || d.type === "await_expression") && kids(d)[0]) d = kids(d)[0] as TsNode;
    const f = d.type === "call_expression" ? d.childForFieldName("function") : null;
    return !!f && ((f.type === "identifier" && this.src(f) === "require") || f.type === "import");
  }

  /** `import X, { A, B as C } from "m"`, `import * as N from "m"`: X, A, C and N come from m. */
  #bindImport(imp: TsNode): void {
    const source = imp.childForFieldName("source");
    const module = source ? this.stringOf(source) : undefined;
    const clause = kids(imp).find((k) => k.type === "import_clause");
    if (module === undefined || !clause) return;
    for (const part of kids(clause)) {
      if (part.type === "identifier") this.#modules.set(this.src(part), module);
      else if (part.type === "namespace_import") kids(part).forEach((id) => id.type === "identifier" && this.#modules.set(this.src(id), module));
      else if (part.type === "named_imports") {
        for (const spec of kids(part)) {
          const local = spec.childForFieldName("alias") ?? spec.childForFieldName("name");
          if (spec.type === "import_specifier" && local) this.#modules.set(this.src(local), module);
        }
      }
    }
  }

  /** The module of `require("m")` or `await import("m")` (possibly wrapped). */
  #requiredModule(n: TsNode): string | undefined {
    if (!this.#isRequire(n)) return undefined;
    let d = n;
    while ((TS_VALUE_WRAPPERS.has(d.type) || d.type === "await_expression") && kids(d)[0]) d = kids(d)[0] as TsNode;
    const arg = argsOf(d)[0];
    return arg ? this.stringOf(arg) : undefined;
  }

  /** The module the class of `new X()` or `new ns.X()` is imported from, when the file imports it. */
  moduleOfCallee(n: TsNode): string | undefined {
    const f = n.childForFieldName("constructor") ?? n.childForFieldName("function");
    const local = f?.type === "member_expression" ? f.childForFieldName("object") : f;
    return local?.type === "identifier" ? this.#modules.get(this.src(local)) : undefined;
  }

  /** What an identifier or `ns.X` names when it is imported: the imported name (renames undone) and its module. */
  importOf(n: TsNode): { readonly name: string; readonly module: string } | undefined {
    if (n.type === "identifier" || n.type === "type_identifier") {
      const local = this.src(n);
      const module = this.#modules.get(local);
      return module === undefined ? undefined : { name: this.#aliases.get(local) ?? local, module };
    }
    const obj = n.type === "member_expression" ? n.childForFieldName("object") : null;
    const prop = n.type === "member_expression" ? n.childForFieldName("property") : null;
    const module = obj?.type === "identifier" ? this.#modules.get(this.src(obj)) : undefined;
    return module === undefined || !prop ? undefined : { name: this.src(prop), module };
  }

  /** `const { A: B } = require("...")`: B is A. */
  #bindRequirePattern(pattern: TsNode): void {
    for (const p of kids(pattern)) {
      if (p.type !== "pair_pattern") continue;
      const key = p.childForFieldName("key");
      const value = p.childForFieldName("value");
      const imported = key ? this.keyText(key) : undefined;
      if (imported && value?.type === "identifier") this.#aliases.set(this.src(value), imported);
    }
  }

  /** `const { A, B: b } = process.env` binds A and b to env A and env B. */
  #bindEnvPattern(pattern: TsNode): void {
    for (const p of kids(pattern)) {
      if (p.type === "shorthand_property_identifier_pattern") this.#bind(this.src(p), { at: p.startIndex, node: p, env: this.src(p) });
      else if (p.type === "pair_pattern") {
        const key = p.childForFieldName("key");
        const value = p.childForFieldName("value");
        if (key && value?.type === "identifier") this.#bind(this.src(value), { at: p.startIndex, node: p, env: this.keyText(key) ?? this.src(key) });
      }
    }
  }

  src(n: TsNode): string {
    return this.#input.text.slice(n.startIndex, n.endIndex);
  }

  loc(n: TsNode): Loc {
    return this.#input.lines.loc(this.#input.file, { start: n.startIndex, end: n.endIndex });
  }

  /** A const bound to `name`: the last declaration before `at`, else the first one. */
  #lookup(name: string, at: number): Binding | undefined {
    const list = this.#bindings.get(name);
    if (!list) return undefined;
    return [...list].reverse().find((b) => b.at < at) ?? list[0];
  }

  #target(n: TsNode, depth = 0): Target {
    let cur = n;
    while (TS_VALUE_WRAPPERS.has(cur.type) && kids(cur)[0]) cur = kids(cur)[0] as TsNode;
    if ((cur.type === "identifier" || cur.type === "shorthand_property_identifier") && depth < MAX_DEPTH) {
      const b = this.#lookup(this.src(cur), cur.startIndex);
      if (b?.env !== undefined) return { node: b.node, env: b.env };
      if (b && b.node !== cur) return this.#target(b.node, depth + 1);
    }
    if (cur.type === "member_expression" && depth < MAX_DEPTH) {
      const field = this.#thisField(cur) ?? this.#constMember(cur, depth);
      if (field) return this.#target(field, depth + 1);
    }
    return { node: cur };
  }

  /**
   * What `CONFIG.pat` holds when `CONFIG` is a const bound to an object literal that gives `pat`
   * (`const CONFIG = { pat: process.env.PAT ?? "" }`) and the file changes none of CONFIG's
   * properties (`CONFIG.pat = ...`, `CONFIG[k] = ...`, `Object.assign(CONFIG, ...)`).
   */
  #constMember(n: TsNode, depth: number): TsNode | undefined {
    const obj = n.childForFieldName("object");
    const prop = n.childForFieldName("property");
    if (obj?.type !== "identifier" || prop?.type !== "property_identifier") return undefined;
    const name = this.src(obj);
    const b = this.#lookup(name, obj.startIndex);
    if (!b || b.env !== undefined || this.#writes().changed.has(name)) return undefined;
    const literal = this.#target(b.node, depth + 1).node;
    return literal.type === "object" ? this.prop(literal, this.src(prop)) : undefined;
  }

  /** Where the file changes objects after making them (ts-object-writes.ts), worked out when first asked. */
  #writes(): ObjectWrites {
    this.#objectWrites ??= objectWrites(this.#input.root, (n) => this.src(n));
    return this.#objectWrites;
  }

  /**
   * The properties the file writes on the const object `n` names (`headers[key] = token`), when `n`
   * is such a name: an object literal that is changed later is not all there is to it.
   */
  writesTo(n: TsNode): readonly ObjectWrite[] {
    let cur = n;
    while (TS_VALUE_WRAPPERS.has(cur.type) && kids(cur)[0]) cur = kids(cur)[0] as TsNode;
    if (cur.type !== "identifier" && cur.type !== "shorthand_property_identifier") return [];
    const b = this.#lookup(this.src(cur), cur.startIndex);
    if (!b || b.env !== undefined) return [];
    // Only in the block that declares it: another block's `headers` is another object.
    let scope: TsNode | null = b.node.parent;
    while (scope && scope.type !== "statement_block" && scope.type !== "program") scope = scope.parent;
    const within = (w: ObjectWrite) => !scope || (w.keyNode.startIndex >= scope.startIndex && w.keyNode.endIndex <= scope.endIndex);
    return (this.#writes().direct.get(this.src(cur)) ?? []).filter(within);
  }

  /**
   * What `this.x` holds when the class around it gives x its value exactly once, in a field
   * initializer (`private mcpPath = "/mcp"`) or in its constructor (`this.mcpPath = "/mcp"`):
   * that value. Assigned again anywhere in the class (or a parameter property, which the caller
   * sets), static, or `this` rebound by a function in between: nothing.
   */
  #thisField(n: TsNode): TsNode | undefined {
    const obj = n.childForFieldName("object");
    const prop = n.childForFieldName("property");
    if (obj?.type !== "this" || !prop) return undefined;
    const cls = thisClass(n);
    return cls ? this.#fieldValues(cls).get(this.src(prop)) ?? undefined : undefined;
  }

  /** Per class body: each instance field's one value, or null when it has none or more than one. */
  readonly #fieldValues = weakMemo((body: TsNode): ReadonlyMap<string, TsNode | null> => {
    const out = new Map<string, TsNode | null>();
    const set = (name: string, value: TsNode | null) => out.set(name, out.has(name) ? null : value);
    for (const m of kids(body)) {
      const name = m.type === "public_field_definition" ? m.childForFieldName("name") : null;
      const value = m.childForFieldName("value");
      if (name && value && !m.children.some((c) => c.type === "static")) set(this.src(name), value);
      if (m.type !== "method_definition" || this.src(m.childForFieldName("name") as TsNode) !== "constructor") continue;
      // `constructor(private path = "/mcp")`: the caller may pass another.
      for (const p of kids(m.childForFieldName("parameters"))) {
        const id = kids(p).find((k) => k.type === "identifier");
        if (id && kids(p).some((k) => k.type === "accessibility_modifier" || k.type === "override_modifier")) set(this.src(id), null);
      }
    }
    for (const a of body.descendantsOfType(["assignment_expression", "augmented_assignment_expression"])) {
      const left = a.childForFieldName("left");
      const field = left?.type === "member_expression" && left.childForFieldName("object")?.type === "this" ? left.childForFieldName("property") : null;
      if (!field || thisClass(a) !== body) continue;
      const method = enclosingMethod(a);
      const inConstructor = method !== undefined && method.parent === body && this.src(method.childForFieldName("name") as TsNode) === "constructor";
      set(this.src(field), a.type === "assignment_expression" && inConstructor ? a.childForFieldName("right") : null);
    }
    return out;
  });

  /** The expression behind `n` after unwrapping casts and following const bindings. */
  deref(n: TsNode): TsNode {
    return this.#target(n).node;
  }

  /** A function declared (or bound by const) under this identifier, else the node itself. */
  functionOf(n: TsNode): TsNode {
    if (n.type === "identifier") return this.#functions.get(this.src(n)) ?? this.deref(n);
    return this.deref(n);
  }

  /** The environment as an object: `process.env`, Bun's `Bun.env`, Vite's `import.meta.env`, Deno's `Deno.env.toObject()`. */
  /**
   * The method of the enclosing class that `this.m` or `this.m.bind(this)` names (a method, or a
   * field holding a function), if written in the file.
   */
  methodOf(n: TsNode): TsNode | undefined {
    let d = this.deref(n);
    // A field given a function once (`handle = async (req, res) => {...}`) reads as that function already.
    if (["arrow_function", "function_expression"].includes(d.type) && n.type === "member_expression" && this.#thisField(n) !== undefined) return d;
    const f = d.type === "call_expression" ? d.childForFieldName("function") : null;
    if (f?.type === "member_expression" && this.src(f.childForFieldName("property") as TsNode) === "bind") d = f.childForFieldName("object") as TsNode;
    const obj = d.type === "member_expression" ? d.childForFieldName("object") : null;
    const prop = d.type === "member_expression" ? d.childForFieldName("property") : null;
    if (obj?.type !== "this" || !prop) return undefined;
    let body = n.parent;
    while (body && body.type !== "class_body") body = body.parent;
    for (const m of kids(body)) {
      const name = m.childForFieldName("name");
      if (!name || this.src(name) !== this.src(prop)) continue;
      if (m.type === "method_definition") return m;
      const value = m.type === "public_field_definition" ? m.childForFieldName("value") : null;
      if (value && ["arrow_function", "function_expression"].includes(value.type)) return value;
    }
    return undefined;
  }

  isProcessEnv(n: TsNode): boolean {
    const d = this.deref(n);
    if (d.type === "call_expression") {
      const f = d.childForFieldName("function");
      return f?.type === "member_expression" && this.src(f).replace(/\s+/g, "") === "Deno.env.toObject" && argsOf(d).length === 0;
    }
    if (d.type !== "member_expression") return false;
    const obj = d.childForFieldName("object");
    const prop = d.childForFieldName("property");
    if (!obj || !prop || this.src(prop) !== "env") return false;
    return obj.type === "meta_property" || (obj.type === "identifier" && (this.src(obj) === "process" || this.src(obj) === "Bun"));
  }

  /**
   * A Cloudflare Worker's bindings, in a Worker's file: `this.env` of an Agent, McpAgent or Durable
   * Object, the `env` a fetch handler is given, Hono's `c.env`. `env.X` is the variable or secret X
   * that the Worker's configuration binds (`wrangler secret put X`), an environment variable by name.
   * A local const named `env` (`const env = loadEnv()`) is not it.
   */
  #isWorkerEnv(n: TsNode): boolean {
    if (!this.#worker || n.type !== "member_expression" && n.type !== "identifier") return false;
    if (n.type === "identifier") return this.src(n) === "env" && this.#lookup("env", n.startIndex) === undefined;
    const obj = n.childForFieldName("object");
    const prop = n.childForFieldName("property");
    if (!obj || !prop || this.src(prop) !== "env") return false;
    return obj.type === "this" || (obj.type === "identifier" && this.src(obj) === "c" && this.#lookup("c", obj.startIndex) === undefined);
  }

  /** `process.env.X` or `process.env["X"]` (also through a const alias of process.env, and Bun's, Vite's and Deno's spellings). */
  envName(n: TsNode): string | undefined {
    const t = this.#target(n);
    if (t.env !== undefined) return t.env;
    const d = t.node;
    // Deno: `Deno.env.get("X")`.
    if (d.type === "call_expression") {
      const f = d.childForFieldName("function");
      const [arg, ...more] = argsOf(d);
      const isGet = f?.type === "member_expression" && this.src(f).replace(/\s+/g, "") === "Deno.env.get";
      return isGet && arg && more.length === 0 ? this.stringOf(arg) : undefined;
    }
    const obj = d.childForFieldName("object");
    if (!obj || !(this.isProcessEnv(obj) || this.#isWorkerEnv(obj))) return undefined;
    if (d.type === "member_expression") {
      const prop = d.childForFieldName("property");
      return prop ? this.src(prop) : undefined;
    }
    if (d.type === "subscript_expression") {
      const index = d.childForFieldName("index");
      return index ? this.stringOf(index) : undefined;
    }
    return undefined;
  }

  #stringText(n: TsNode): string | undefined {
    const d = this.deref(n);
    if (d.type !== "string" && d.type !== "template_string") return undefined;
    let out = "";
    for (const c of kids(d)) {
      if (c.type === "string_fragment") out += this.src(c);
      else if (c.type === "escape_sequence") out += unescape(this.src(c));
      else return undefined;
    }
    return out;
  }

  /** The literal text of a property key. */
  keyText(k: TsNode): string | undefined {
    if (k.type === "property_identifier" || k.type === "identifier") return this.src(k);
    if (k.type === "string") return this.stringOf(k);
    if (k.type === "computed_property_name") {
      const inner = kids(k)[0];
      return inner ? this.stringOf(inner) : undefined;
    }
    return undefined;
  }

  /** Resolves an expression to a model value, or undefined when it cannot be followed. */
  value(n: TsNode, depth = 0): ConfigValue | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const t = this.#target(n);
    const d = t.node;
    const env = this.envName(n);
    if (env !== undefined) return { raw: this.src(d), ref: { kind: "env", name: env }, loc: this.loc(d) };
    const s = this.stringOf(d);
    if (s !== undefined) return { raw: s, ref: { kind: "literal" }, loc: this.loc(d) };
    if (d.type === "template_string") return this.#combine(d, kids(d), depth);
    if (d.type === "binary_expression") {
      const op = d.childForFieldName("operator");
      const left = d.childForFieldName("left");
      const right = d.childForFieldName("right");
      if (!op || !left || !right) return undefined;
      const opText = this.src(op);
      if (opText === "+") return this.#combine(d, [left, right], depth);
      if (opText === "??" || opText === "||") {
        const l = this.value(left, depth + 1);
        if (l?.ref.kind !== "env") return undefined;
        const dflt = this.stringOf(right);
        const ref: ValueRef = dflt !== undefined ? { kind: "env", name: l.ref.name, default: dflt } : l.ref;
        return { raw: this.src(d), ref, loc: this.loc(d) };
      }
    }
    return undefined;
  }

  /**
   * A template or a `+` chain: an env reference wins; all-literal parts join into one literal. A
   * `+` chain with a reference reads as the template it stands for (`"https://x?key=" + process.env.K`:
   * `https://x?key=${process.env.K}`), not as the source of the expression.
   */
  #combine(whole: TsNode, parts: readonly TsNode[], depth: number): ConfigValue | undefined {
    let raw = "";
    let shown = "";
    let ref: ValueRef | undefined;
    const pieces: Loc[] = [];
    for (const p of parts) {
      if (p.type === "string_fragment" || p.type === "escape_sequence") {
        const text = p.type === "string_fragment" ? this.src(p) : unescape(this.src(p));
        raw += text;
        shown += text;
        continue;
      }
      const inner = p.type === "template_substitution" ? kids(p)[0] : p;
      const v = inner ? this.value(inner, depth + 1) : undefined;
      if (!v) return undefined;
      if (v.ref.kind !== "literal") ref ??= v.ref;
      else pieces.push(v.loc, ...(v.pieces ?? []));
      raw += v.ref.kind === "literal" ? v.raw : this.src(p);
      // A nested chain (`"a" + x + "b"`) has been read as its template already.
      shown += v.ref.kind === "literal" || p.type === "binary_expression" ? v.raw : p.type === "template_substitution" ? this.src(p) : `\${${this.src(p)}}`;
    }
    if (ref) return { raw: whole.type === "binary_expression" ? shown : this.src(whole).replace(/^`|`$/g, ""), ref, loc: this.loc(whole) };
    const loc = this.loc(whole);
    const elsewhere = pieces.filter((l) => !within(l, loc));
    return { raw, ref: { kind: "literal" }, loc, ...(elsewhere.length ? { pieces: elsewhere } : {}) };
  }

  /** The value node of property `key` of an object expression, if written. */
  prop(obj: TsNode | null | undefined, key: string): TsNode | undefined {
    if (!obj) return undefined;
    const d = this.deref(obj);
    if (d.type !== "object") return undefined;
    let found: TsNode | undefined;
    for (const c of kids(d)) {
      if (c.type === "pair") {
        const k = c.childForFieldName("key");
        const v = c.childForFieldName("value");
        if (k && v && this.keyText(k) === key) found = v;
      } else if (c.type === "shorthand_property_identifier" && this.src(c) === key) found = c;
      else if (c.type === "spread_element" && kids(c)[0]) found = this.prop(kids(c)[0], key) ?? found;
    }
    // `opts.requestInit = { headers }` after `const opts = {}`: what the file writes later, when it does.
    return this.writesTo(obj).findLast((w) => w.key === key)?.value ?? found;
  }

  /** Entries of an object expression as named values (env, headers). */
  entries(n: TsNode | null | undefined, depth = 0): ObjectEntries {
    if (!n || depth > MAX_DEPTH) return { values: [] };
    if (this.isProcessEnv(n)) return { values: [], wholeEnv: this.loc(n) };
    let d = this.deref(n);
    // `new Headers({...})`
    if (d.type === "new_expression" && this.calleeName(d) === "Headers" && argsOf(d)[0]) d = this.deref(argsOf(d)[0] as TsNode);
    if (d.type !== "object") return ["undefined", "null"].includes(this.src(d)) ? { values: [] } : { values: [], opaque: [{ key: this.src(n), keyLoc: this.loc(n), loc: this.loc(n), whole: true }] };
    const values: NamedValue[] = [];
    const opaque: OpaqueEntry[] = [];
    let wholeEnv: Loc | undefined;
    for (const c of kids(d)) {
      if (c.type === "pair") {
        const k = c.childForFieldName("key");
        const v = c.childForFieldName("value");
        const key = k ? this.keyText(k) : undefined;
        const val = v ? this.value(v) : undefined;
        if (k && key !== undefined && val) values.push({ ...val, key, keyLoc: this.loc(k) });
        else if (k && v && key !== undefined) opaque.push({ key, keyLoc: this.loc(k), loc: this.loc(v) });
      } else if (c.type === "shorthand_property_identifier") {
        const val = this.value(c);
        if (val) values.push({ ...val, key: this.src(c), keyLoc: this.loc(c) });
        else opaque.push({ key: this.src(c), keyLoc: this.loc(c), loc: this.loc(c) });
      } else if (c.type === "spread_element") {
        const inner = kids(c)[0];
        if (inner && this.isProcessEnv(inner)) wholeEnv ??= this.loc(c);
        else if (inner) {
          const sub = this.entries(inner, depth + 1);
          values.push(...sub.values);
          opaque.push(...(sub.opaque ?? []));
          wholeEnv ??= sub.wholeEnv;
        }
      }
    }
    // `headers[name] = token` after `const headers = {}`: each written entry, by its key when the code spells it, else as the whole object's.
    for (const w of this.writesTo(n)) {
      const val = w.key !== undefined ? this.value(w.value) : undefined;
      if (w.key !== undefined && val) values.push({ ...val, key: w.key, keyLoc: this.loc(w.keyNode) });
      else opaque.push({ key: w.key ?? this.src(n), keyLoc: this.loc(w.keyNode), loc: this.loc(w.value), ...(w.key === undefined ? { whole: true as const } : {}) });
    }
    return { values, ...(wholeEnv ? { wholeEnv } : {}), ...(opaque.length ? { opaque } : {}) };
  }

  /** Items of an array expression (spreads of const arrays flattened). */
  items(n: TsNode | null | undefined, depth = 0): TsNode[] {
    if (!n || depth > MAX_DEPTH) return [];
    const d = this.deref(n);
    if (d.type !== "array") return [];
    return kids(d).flatMap((c) => (c.type === "spread_element" && kids(c)[0] ? this.items(kids(c)[0], depth + 1) : [c]));
  }

  #calleeOf(n: TsNode): string | undefined {
    const f = n.childForFieldName("constructor") ?? n.childForFieldName("function");
    if (!f) return undefined;
    if (f.type === "identifier") return this.#aliases.get(this.src(f)) ?? this.src(f);
    if (f.type === "member_expression") {
      const p = f.childForFieldName("property");
      return p ? this.src(p) : undefined;
    }
    return undefined;
  }

  /** `router.routes()` or `router.middleware()` (koa-router, @koa/router): the router's name. */
  #routesOf(a: TsNode): string | undefined {
    const f = a.type === "call_expression" && argsOf(a).length === 0 ? a.childForFieldName("function") : null;
    const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    const method = f?.childForFieldName("property");
    return obj?.type === "identifier" && method && ["routes", "middleware"].includes(this.src(method)) ? this.src(obj) : undefined;
  }

  #receiverText(call: TsNode): string | undefined {
    const f = call.childForFieldName("function");
    const obj = f?.type === "member_expression" ? f.childForFieldName("object") : null;
    return obj ? this.src(obj) : undefined;
  }

  /**
   * A name for code that names nothing itself, independent of its line (a lock keys servers by name):
   * `cls in f()` for the function it is made in (`function f`, `const f = () =>`, a method), else `cls`.
   */
  fallbackName(n: TsNode, cls: string): string {
    for (let p = n.parent; p; p = p.parent) {
      if (!["function_declaration", "function_expression", "arrow_function", "method_definition", "generator_function_declaration"].includes(p.type)) continue;
      const holder = p.parent?.type === "variable_declarator" ? p.parent.childForFieldName("name") : p.parent?.type === "pair" ? p.parent.childForFieldName("key") : null;
      const name = p.childForFieldName("name") ?? holder;
      if (name && ["identifier", "property_identifier"].includes(name.type)) return `${cls} in ${this.src(name)}()`;
    }
    return cls;
  }

  /** The name a `new` expression is assigned to (`const transport = new ...`). */
  boundName(n: TsNode): string | undefined {
    let p = n.parent;
    while (p && (TS_VALUE_WRAPPERS.has(p.type) || p.type === "await_expression")) p = p.parent;
    if (p?.type !== "variable_declarator") return undefined;
    const name = p.childForFieldName("name");
    return name?.type === "identifier" ? this.src(name) : undefined;
  }
}

/** Functions that bind their own `this` (an arrow function keeps its parent's). */
const THIS_BINDERS = new Set(["function_expression", "function_declaration", "generator_function", "generator_function_declaration"]);

/** The class body whose instance `this` is at `n`: up through arrow functions and that class's own methods, else none. */
function thisClass(n: TsNode): TsNode | undefined {
  for (let p = n.parent; p; p = p.parent) {
    if (THIS_BINDERS.has(p.type)) return undefined;
    if (p.type === "method_definition") return p.parent?.type === "class_body" ? p.parent : undefined;
    if (p.type === "class_static_block") return undefined;
    if (p.type === "public_field_definition") return p.parent?.type === "class_body" && !p.children.some((c) => c.type === "static") ? p.parent : undefined;
    if (p.type === "class_body") return p;
  }
  return undefined;
}

/** The method `n` is written in (through arrow functions), if any. */
function enclosingMethod(n: TsNode): TsNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === "method_definition") return p;
  return undefined;
}

/** Numbers the repeats of a name (`X`, `X #2`, `X #3`): names made for code that names nothing, unique in their file. */
export function numbering(): (name: string) => string {
  const seen = new Map<string, number>();
  return (name) => {
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
}

function unescape(seq: string): string {
  const c = seq.slice(1);
  if (c in ESCAPES) return ESCAPES[c] as string;
  if (/^u\{[0-9a-fA-F]+\}$/.test(c)) return String.fromCodePoint(parseInt(c.slice(2, -1), 16));
  if (/^(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})$/.test(c)) return String.fromCharCode(parseInt(c.slice(1), 16));
  if (c.startsWith("\n") || c.startsWith("\r")) return "";
  return c;
}
