/**
 * Kubernetes Secret `data:` values: base64 of the secret, which the provider
 * detectors must see decoded (`github-token: Z2hw...` is a GitHub token).
 * `stringData:` is plain text and needs nothing of this.
 */
import { entry, isObject, type DocNode } from "../parse/doc.js";
import { kubeKindLine, kubeObjects } from "./kube-lists.js";

/** A line `kind: Secret`: the cheap test before a plain-text file is parsed for its data values. */
export const KUBE_SECRET_KIND = kubeKindLine("Secret");

/**
 * The string values under `data:` of each `kind: Secret` document, with their keys;
 * also of the Secrets in the `items` of a `kind: List` (what `kubectl get -o yaml`
 * writes) or `SecretList` document.
 */
export function secretDataValues(docs: readonly DocNode[]): Map<DocNode, string> {
  const out = new Map<DocNode, string>();
  for (const doc of docs) for (const secret of kubeObjects(doc, "Secret")) {
    const data = entry(secret, "data")?.value;
    if (!isObject(data)) continue;
    for (const e of data.entries) if (e.value.type === "string") out.set(e.value, e.key);
  }
  return out;
}


const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The text a `data:` value encodes, or undefined when it is no base64 or does not
 * decode to text (a keystore, an image: binary, left to the scan of the value as written).
 */
export function decodeSecretData(raw: string): string | undefined {
  const v = raw.replace(/\s+/g, "");
  if (v.length === 0 || v.length % 4 !== 0 || !BASE64.test(v)) return undefined;
  const bytes = Buffer.from(v, "base64");
  const text = bytes.toString("utf8");
  // Valid UTF-8 (it encodes back to the same bytes) with no control characters but line breaks and tabs.
  if (!Buffer.from(text, "utf8").equals(bytes) || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(text)) return undefined;
  return text;
}
