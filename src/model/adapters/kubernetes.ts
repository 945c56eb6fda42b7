/**
 * Kubernetes manifests (catalog §31), multi-document: workloads that run MCP
 * servers (their containers become servers with env references and runtime
 * facts; Knative Services too), plus the MCP custom resources found in the same files (Envoy
 * `MCPRoute`, ToolHive `MCPServer`, kagent `MCPServer` and `RemoteMCPServer`, agentgateway `AgentgatewayBackend` and
 * `AgentgatewayPolicy`, Kuadrant's `MCPServerRegistration` with the `AuthPolicy` or `AuthConfig` in
 * front of it), Microsoft MCP Gateway and 1MCP deployments.
 * Each document is read by its product's reader, with that product's client id.
 */
import { entries, entry, get, isArray, isObject, str, bool, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, mergeOutputs, type Adapter, type AdapterInput } from "../adapter.js";
import { argFacts, isBroadPath, value } from "../server-entry.js";
import { containerLaunchLine } from "../launcher.js";
import type { AdapterOutput, McpServer, ServerFact } from "../types.js";
import { isAgentgatewayBackend, isAgentgatewayPolicy, readAgentgatewayResources } from "./agentgateway-crd.js";
import { envoyAudit } from "./audit/index.js";
import { contextforgeContainerPolicy, isContextforgeContainer } from "./contextforge.js";
import { isMcpRoute, readMcpRoute } from "./envoy-mcproute.js";
import { gatewayServer, kubeEnv, kubeEnvEntry, listValues, namesMcp, neverPulled } from "./gateway-common.js";
import { isKuadrantGatewayExtension, isKuadrantMcpAuth, isKuadrantRegistration, readKuadrantResources } from "./kuadrant-mcp-gateway.js";
import { isKagentMcpServer, isKagentRemoteMcpServer, readKagentMcpServer, readKagentRemoteMcpServer } from "./kagent-mcpserver.js";
import { isMsGatewayContainer, msGatewayWorkloadPolicy } from "./ms-mcp-gateway.js";
import { inspectorPolicy, isMcpInspector } from "./mcp-inspector.js";
import { isOneMcp, oneMcpPolicy } from "./onemcp.js";
import { withHandedOnEnv } from "./relay-env.js";
import { vaultSecrets, vaultSecretsOf } from "./vault-injector.js";
import { externalAuthTypes, isToolhiveMcpServer, isVirtualMcpServer, readToolhiveMcpServer, readVirtualMcpServer } from "./toolhive.js";

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod", "Job", "CronJob"]);

/**
 * A workload: one of WORKLOAD_KINDS, or a Knative `Service` (`serving.knative.dev/v1`), which runs
 * its containers from `spec.template.spec` as a Deployment does (a plain `v1` Service runs none).
 */
function isWorkload(doc: DocNode): boolean {
  const kind = str(get(doc, "kind")) ?? "";
  return WORKLOAD_KINDS.has(kind) || (kind === "Service" && (str(get(doc, "apiVersion")) ?? "").startsWith("serving.knative.dev/"));
}

function podSpec(doc: DocNode): DocNode | undefined {
  const kind = str(get(doc, "kind"));
  if (kind === "Pod") return get(doc, "spec");
  if (kind === "CronJob") return get(doc, "spec", "jobTemplate", "spec", "template", "spec");
  return get(doc, "spec", "template", "spec");
}

/** The pod template's metadata (its annotations configure injectors such as Vault's). */
function podMeta(doc: DocNode): DocNode | undefined {
  const kind = str(get(doc, "kind"));
  if (kind === "Pod") return get(doc, "metadata");
  if (kind === "CronJob") return get(doc, "spec", "jobTemplate", "spec", "template", "metadata");
  return get(doc, "spec", "template", "metadata");
}

function containers(spec: DocNode | undefined): DocNode[] {
  const c = get(spec, "containers");
  return isArray(c) ? c.items.filter(isObject) : [];
}

function mentionsMcp(c: DocNode): boolean {
  const texts = [str(get(c, "name")), str(get(c, "image")), ...[get(c, "command"), get(c, "args")].flatMap((n) => (isArray(n) ? n.items.map(str) : []))];
  return texts.some(namesMcp);
}

/** A workload whose name or containers mention MCP (`mcp` or `modelcontextprotocol`, as for Compose services). */
export function isMcpWorkload(doc: DocNode): boolean {
  if (!isWorkload(doc)) return false;
  return namesMcp(str(get(doc, "metadata", "name"))) || containers(podSpec(doc)).some(mentionsMcp);
}

/** Sniff: any document this adapter models. */
export function isMcpManifest(docs: readonly DocNode[]): boolean {
  return docs.some((d) => isMcpRoute(d) || isToolhiveMcpServer(d) || isVirtualMcpServer(d) || isKagentMcpServer(d) || isKagentRemoteMcpServer(d) || isMcpWorkload(d) || isAgentgatewayBackend(d) || isAgentgatewayPolicy(d) || isKuadrantRegistration(d) || isKuadrantGatewayExtension(d) || isKuadrantMcpAuth(d));
}

export const kubernetesManifestsAdapter: Adapter = (input) => {
  // Envoy access logs live on the EnvoyProxy resource: one in the same file is the proxy its MCPRoutes run on.
  const envoyLog = input.docs.map((d) => envoyAudit(input, d)).find((a) => a !== undefined);
  // ToolHive MCPExternalAuthConfig resources in the same file, which proxies name in externalAuthConfigRef.
  const authTypes = externalAuthTypes(input.docs);
  return mergeOutputs([
    ...input.docs.map((doc, i) => {
      if (isMcpRoute(doc)) return readMcpRoute({ ...input, client: "envoy-ai-gateway" }, doc, i, envoyLog);
      if (isToolhiveMcpServer(doc)) return readToolhiveMcpServer({ ...input, client: "toolhive" }, doc, i, authTypes, input.docs);
      if (isVirtualMcpServer(doc)) return readVirtualMcpServer({ ...input, client: "toolhive" }, doc, i, input.docs);
      if (isKagentMcpServer(doc)) return readKagentMcpServer({ ...input, client: "kagent" }, doc, i);
      if (isKagentRemoteMcpServer(doc)) return readKagentRemoteMcpServer({ ...input, client: "kagent" }, doc, i);
      if (isMcpWorkload(doc)) return readWorkload(input, doc, i);
      return emptyOutput();
    }),
    // agentgateway backends and the policies that target them (by name, across the file's documents).
    readAgentgatewayResources({ ...input, client: "agentgateway" }, input.docs),
    // Kuadrant MCP gateway registrations and the AuthPolicies / AuthConfigs in front of them.
    readKuadrantResources({ ...input, client: "kuadrant-mcp-gateway" }, input.docs),
  ]);
};

function readWorkload(input: AdapterInput, doc: DocNode, docIndex: number): AdapterOutput {
  const out = emptyOutput();
  const kind = str(get(doc, "kind")) ?? "Workload";
  const workload = str(get(doc, "metadata", "name")) ?? `#${docIndex}`;
  const spec = podSpec(doc);
  const all = containers(spec);
  const picked = all.some(mentionsMcp) ? all.filter(mentionsMcp) : all;
  const podFacts: ServerFact[] = [];
  // A setting written in both branches of a Helm template's `if` is a fact wherever one branch sets it.
  for (const hostNetwork of entries(spec, "hostNetwork")) {
    if (bool(hostNetwork.value) === true) podFacts.push({ kind: "host-network", detail: `${kind} '${workload}' uses hostNetwork`, loc: locOf(input, hostNetwork.value.span) });
  }
  const volumes = hostVolumes(input, spec);
  // Secrets Vault's injector writes into the pod's containers: references to Vault.
  const vault = vaultSecrets(input, get(podMeta(doc), "annotations"));
  const containersNode = get(spec, "containers");
  for (const c of picked) {
    const idx = isArray(containersNode) ? containersNode.items.indexOf(c) : 0;
    const path = `${docIndex}:${kind}/${workload}.containers[${idx}]`;
    const cName = entry(c, "name");
    const name = `${workload}/${str(cName?.value) ?? idx}`;
    const { cmd, args } = containerLaunchLine(listValues(input, get(c, "command")), listValues(input, get(c, "args")));
    const { env, refs } = kubeEnv(input, get(c, "env"), get(c, "envFrom"));
    const facts = [...podFacts, ...argFacts(args)];
    const contexts = entries(c, "securityContext");
    for (const priv of contexts.flatMap((sc) => entries(sc.value, "privileged"))) {
      if (bool(priv.value) === true) facts.push({ kind: "privileged", detail: `container '${name}' runs privileged`, loc: locOf(input, priv.value.span) });
    }
    // Root: the container's own runAsUser, else the pod's.
    const own = contexts.flatMap((sc) => entries(sc.value, "runAsUser"));
    const users = own.length > 0 ? own : entries(spec, "securityContext").flatMap((sc) => entries(sc.value, "runAsUser"));
    for (const user of users) {
      if (str(user.value) === "0") facts.push({ kind: "privileged", detail: `container '${name}' runs as root (runAsUser: 0)`, loc: locOf(input, user.value.span) });
    }
    const mounts = get(c, "volumeMounts");
    const mounted = new Set(isArray(mounts) ? mounts.items.map((m) => str(get(m, "name"))) : []);
    for (const v of volumes) if (mounted.has(v.name)) facts.push(v.fact);
    const imageName = str(get(c, "image")) ?? "";
    const built: McpServer = gatewayServer(input, {
      name,
      path,
      nameSpan: cName?.value.span ?? c.span,
      transport: "container",
      image: value(input, get(c, "image")),
      imageNeverPulled: neverPulled(input, entry(c, "imagePullPolicy"), "Never"),
      command: cmd[0],
      args,
      env,
      credentials: [...refs, ...vaultSecretsOf(vault, str(cName?.value))],
      facts,
    });
    const server = withHandedOnEnv(built, imageName);
    out.servers.push(server);
    if (isMsGatewayContainer(c)) {
      const p = msGatewayWorkloadPolicy({ ...input, client: "ms-mcp-gateway" }, c, name, path, server.id);
      if (p) out.policies.push(p);
    }
    const launch = { env: (key: string) => kubeEnvEntry(c, key, true), args, moreEnv: get(c, "envFrom") !== undefined ? "envFrom" : undefined };
    // 1MCP: its OAuth switch (env or --enable-auth) decides whether callers need a token at all.
    if (isOneMcp(imageName)) out.policies.push(oneMcpPolicy({ ...input, client: "1mcp" }, launch, cName?.value.span ?? c.span, name, path, server.id));
    // ContextForge: its environment switches decide whether callers authenticate, as in Compose.
    const envList = get(c, "env");
    const envNames = isArray(envList) ? envList.items.map((i) => str(get(i, "name"))).filter((k): k is string => k !== undefined) : [];
    if (isContextforgeContainer(imageName, envNames)) out.policies.push(contextforgeContainerPolicy(input, envList, launch.moreEnv, cName?.value.span ?? c.span, name, path, server.id));
    // The MCP Inspector: DANGEROUSLY_OMIT_AUTH switches its session token off.
    if (isMcpInspector(imageName, [...cmd, ...args])) {
      const p = inspectorPolicy({ ...input, client: "mcp-inspector" }, launch, cName?.value.span ?? c.span, name, path, server.id);
      if (p) out.policies.push(p);
    }
  }
  return out;
}

const SENSITIVE_HOST_PATH = /^\/(var\/)?run\/docker\.sock$|\/\.ssh$|\/\.aws$|\/\.kube$|^\/etc$|^\/var\/lib\/kubelet$/;

/** `hostPath` volumes of `/`, a home folder, the Docker socket or credential folders. */
function hostVolumes(input: AdapterInput, spec: DocNode | undefined): { name: string; fact: ServerFact }[] {
  const out: { name: string; fact: ServerFact }[] = [];
  const vols = get(spec, "volumes");
  if (!isArray(vols)) return out;
  for (const v of vols.items) {
    const p = entry(get(v, "hostPath"), "path");
    const path = str(p?.value);
    const name = str(get(v, "name"));
    if (!p || path === undefined || name === undefined) continue;
    const clean = path.replace(/\/+$/, "") || "/";
    if (isBroadPath(path) || SENSITIVE_HOST_PATH.test(clean)) {
      const what = /docker\.sock$/.test(clean) ? "the Docker socket (root on the node)" : clean;
      out.push({ name, fact: { kind: "host-mount", detail: `hostPath mount of ${what}`, loc: locOf(input, p.value.span) } });
    }
  }
  return out;
}
