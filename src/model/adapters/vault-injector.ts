/**
 * HashiCorp Vault Agent Injector annotations on a pod template (Vault's "Agent Sidecar Injector
 * Annotations"): with `vault.hashicorp.com/agent-inject: "true"`, each
 * `vault.hashicorp.com/agent-inject-secret-<name>: <path>` is read from Vault at the pod's start and
 * written to `/vault/secrets/<name>` in the pod's containers (those `agent-inject-containers` names,
 * when given). The server's credential then lives in Vault: a reference, not a literal and not a
 * missing one. The ToolHive operator puts the same annotations on its proxy pod
 * (`resourceOverrides.proxyDeployment.podTemplateMetadataOverrides.annotations`) and hands the
 * rendered files to the MCP server as its environment.
 */
import { bool, isObject, str, type DocNode } from "../../parse/doc.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Credential } from "../types.js";
import { refCredential } from "./gateway-common.js";

const PREFIX = "vault.hashicorp.com/";
const SECRET = `${PREFIX}agent-inject-secret-`;
const TEMPLATE = `${PREFIX}agent-inject-template-`;

/** A field a Vault template reads: `.Data.data.token` (KV v2), `.Data.password` (KV v1, dynamic secrets). */
const TEMPLATE_FIELD = /\.Data(?:\.data)?\.([A-Za-z_][A-Za-z0-9_-]{0,100})/g;

/** The secret fields a Vault template reads, in order, once each. */
function templateFields(template: string | undefined): string[] {
  if (template === undefined) return [];
  const fields = [...template.matchAll(TEMPLATE_FIELD)].map((m) => m[1] as string);
  return [...new Set(fields)];
}

export interface VaultSecrets {
  readonly credentials: readonly Credential[];
  /** The containers the secrets are written to (`agent-inject-containers`), or undefined for every container. */
  readonly containers: ReadonlySet<string> | undefined;
}

/**
 * The secrets the injector renders for a pod whose template has these `annotations`. Each is a
 * reference to its Vault path (and the fields its template reads: one path may hold several
 * servers' tokens), located at the path.
 */
export function vaultSecrets(input: AdapterInput, annotations: DocNode | undefined): VaultSecrets {
  if (!isObject(annotations)) return { credentials: [], containers: undefined };
  const value = (key: string) => annotations.entries.find((e) => e.key === key)?.value;
  const inject = value(`${PREFIX}agent-inject`);
  if (!inject || (bool(inject) ?? str(inject)?.trim().toLowerCase() === "true") !== true) return { credentials: [], containers: undefined };
  const credentials: Credential[] = [];
  for (const e of annotations.entries) {
    if (!e.key.startsWith(SECRET)) continue;
    const path = str(e.value);
    const name = e.key.slice(SECRET.length);
    if (path === undefined || path.trim() === "" || name === "") continue;
    const fields = templateFields(str(value(`${TEMPLATE}${name}`)));
    const ref = `vault:${path.trim()}${fields.length ? `#${fields.join(",")}` : ""}`;
    credentials.push({ ...refCredential(e.key, { kind: "secretStore", name: ref }, locOf(input, e.value.span), "setting"), keyLoc: locOf(input, e.keySpan) });
  }
  const only = str(value(`${PREFIX}agent-inject-containers`));
  const containers = only === undefined ? undefined : new Set(only.split(",").map((c) => c.trim()).filter((c) => c !== ""));
  return { credentials, containers };
}

/** The secrets a container of the pod receives: every one, or none when `agent-inject-containers` leaves it out. */
export function vaultSecretsOf(secrets: VaultSecrets, container: string | undefined): readonly Credential[] {
  return secrets.containers === undefined || (container !== undefined && secrets.containers.has(container)) ? secrets.credentials : [];
}
