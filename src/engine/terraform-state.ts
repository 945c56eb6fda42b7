/**
 * Terraform (and OpenTofu) state, `*.tfstate` and `*.tfstate.backup`: JSON in which Terraform writes
 * every attribute in clear, the ones it hides in plans too. What it marks as a secret there is one:
 * a `random_password`'s `result` (and a `random_string`'s when the resource is named for a
 * credential: most are name suffixes), each value at a path that an instance's
 * `sensitive_attributes` lists, and an output written with `"sensitive": true`. Pure: the parsed
 * document and its text in, matches (offsets into the text) out.
 */
import type { DocNode } from "../parse/doc.js";
import { bool, get, isArray, isObject, str } from "../parse/doc.js";
import { classifyKey, detectInValue, isPlaceholder, type SecretMatch } from "../secrets/index.js";
import { plausibleSecret } from "../secrets/generic.js";

/** A state file by its name: Terraform's `terraform.tfstate`, a workspace's, a backup. */
export const TERRAFORM_STATE_FILE = /\.tfstate(?:\.backup)?$/i;

/** An object's member by key, each object's keys indexed once (an instance may list thousands of paths). */
type Member = (node: DocNode | undefined, key: string) => DocNode | undefined;

function members(): Member {
  const index = new Map<DocNode, Map<string, DocNode>>();
  return (node, key) => {
    if (!isObject(node)) return undefined;
    let keys = index.get(node);
    if (keys === undefined) index.set(node, (keys = new Map(node.entries.map((e) => [e.key, e.value]))));
    return keys.get(key);
  };
}

/** The value at one step of a `sensitive_attributes` path: `{"type": "get_attr", "value": "password"}`, `{"type": "index", "value": {"value": "KEY"}}`. */
function step(node: DocNode | undefined, s: DocNode, member: Member): DocNode | undefined {
  // Older states (and some tools) write a path's step as the attribute's name alone.
  if (s.type === "string") return member(node, s.value as string);
  const type = str(get(s, "type"));
  const raw = get(s, "value");
  const key = isObject(raw) ? get(raw, "value") : raw;
  if (type === "get_attr") return member(node, str(key) ?? "");
  if (type !== "index" || key === undefined) return undefined;
  if (isArray(node)) return key.type === "number" ? node.items[key.value as number] : undefined;
  return member(node, str(key) ?? "");
}

/** The nodes that an instance's `sensitive_attributes` names, with the name of the last attribute on the way. */
function sensitiveValues(attributes: DocNode, listed: DocNode | undefined, member: Member): [DocNode, string][] {
  if (!isArray(listed)) return [];
  const out: [DocNode, string][] = [];
  for (const path of listed.items) {
    // A path is a list of steps; a path of one step may be written as that step.
    const steps = isArray(path) ? path.items : [path];
    let node: DocNode | undefined = attributes;
    let name = "";
    for (const s of steps) {
      // The name of the last attribute or map key on the way (`data` then `REDIS_KEY`: the key).
      const raw = s.type === "string" ? s : isObject(get(s, "value")) ? get(get(s, "value"), "value") : get(s, "value");
      if (raw?.type === "string") name = raw.value as string;
      node = step(node, s, member);
      if (node === undefined) break;
    }
    if (node !== undefined) out.push([node, name]);
  }
  return out;
}

/** The text between a JSON string node's quotes (as written, escapes and all) and where it starts. */
function literal(text: string, node: DocNode): { raw: string; start: number } | undefined {
  if (node.type !== "string" || text[node.span.start] !== '"') return undefined;
  return { raw: text.slice(node.span.start + 1, node.span.end - 1), start: node.span.start + 1 };
}

/** What a tool that redacts state writes in place of a value (`[secret]`, `<sensitive>`, `(sensitive value)`, `****`). */
const REDACTED = /^(?:\[[^\]]*\]|<[^>]*>|\([^)]*\)|\*+)$/;

/** A generated or sensitive value: provider formats first, else the whole literal when it can be a credential. */
function valueMatches(text: string, node: DocNode, key: string, title: string, generated: boolean): SecretMatch[] {
  const lit = literal(text, node);
  // A generated value is random, and a placeholder word in it is chance; a redaction mark is none.
  if (lit === undefined || lit.raw.length === 0 || (generated ? REDACTED.test(lit.raw) : isPlaceholder(lit.raw))) return [];
  const providers = detectInValue(lit.raw, { key, source: "setting" }).filter((m) => !m.detector.startsWith("generic-"));
  if (providers.length > 0) return providers.map((m) => ({ ...m, start: m.start + lit.start, end: m.end + lit.start }));
  if (!generated && !plausibleSecret(lit.raw, "password")) return [];
  const password = generated ? title.startsWith("Generated password") : classifyKey(key) === "password";
  return [{ detector: password ? "generic-password" : "generic-credential", title, confidence: generated ? "high" : "medium", start: lit.start, end: lit.start + lit.raw.length, secret: lit.raw, key }];
}

/** Secrets that a parsed Terraform state holds, each once, at the first character of its value. */
export function terraformStateSecrets(text: string, doc: DocNode | undefined): SecretMatch[] {
  const out: SecretMatch[] = [];
  const seen = new Set<number>();
  const add = (ms: SecretMatch[]) => {
    for (const m of ms) if (!seen.has(m.start)) (seen.add(m.start), out.push(m));
  };
  const member = members();
  const resources = get(doc, "resources");
  for (const resource of isArray(resources) ? resources.items : []) {
    const type = str(get(resource, "type")) ?? "";
    const address = `${type}.${str(get(resource, "name")) ?? ""}`;
    const generated = str(get(resource, "mode")) !== "data" && (type === "random_password" || (type === "random_string" && classifyKey(str(get(resource, "name"))) !== undefined));
    const instances = get(resource, "instances");
    for (const instance of isArray(instances) ? instances.items : []) {
      const attributes = get(instance, "attributes");
      if (!isObject(attributes)) continue;
      const result = get(attributes, "result");
      const what = type === "random_password" ? "password" : "credential";
      if (generated && result) add(valueMatches(text, result, "result", `Generated ${what} (\`${address}\` result) in Terraform state`, true));
      for (const [node, name] of sensitiveValues(attributes, get(instance, "sensitive_attributes"), member)) {
        add(valueMatches(text, node, name, `Sensitive value (\`${address}\` ${name}) in Terraform state`, false));
      }
    }
  }
  const outputs = get(doc, "outputs");
  for (const e of isObject(outputs) ? outputs.entries : []) {
    const value = get(e.value, "value");
    if (value && bool(get(e.value, "sensitive")) === true) add(valueMatches(text, value, e.key, `Sensitive output (\`${e.key}\`) in Terraform state`, false));
  }
  return out.sort((a, b) => a.start - b.start);
}
