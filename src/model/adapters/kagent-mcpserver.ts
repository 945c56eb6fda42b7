/**
 * kagent's `kind: MCPServer` (kagent.dev, the kmcp controller): it runs one MCP
 * server as a Deployment from `spec.deployment` (`image`, `cmd`, `args`, `env`
 * as a list or a map, `envFrom`, `secretRefs`) with `spec.transportType`
 * `stdio` or `http`. The resource carries no authorization of its own (callers
 * reach it through kagent agents or an agentgateway in front), so it is a
 * server only. Same kind name as ToolHive's: told apart by the API group.
 */
import { get, isArray, str, type DocNode } from "../../parse/doc.js";
import { emptyOutput, locOf, type AdapterInput } from "../adapter.js";
import { value } from "../server-entry.js";
import type { AdapterOutput, Credential } from "../types.js";
import { gatewayServer, isResource, kubeEnv, listValues, refCredential, resourceHeader } from "./gateway-common.js";

export function isKagentMcpServer(doc: DocNode): boolean {
  return isResource(doc, "MCPServer", /^kagent\.dev\//);
}

export function readKagentMcpServer(input: AdapterInput, doc: DocNode, docIndex: number): AdapterOutput {
  const out = emptyOutput();
  const { name, path, spec, nameSpan } = resourceHeader(doc, "MCPServer", docIndex);
  const deployment = get(spec, "deployment");
  const { env, refs } = kubeEnv(input, get(deployment, "env"), get(deployment, "envFrom"));
  const credentials: Credential[] = [...refs];
  const secretRefs = get(deployment, "secretRefs") ?? get(spec, "secretRefs");
  if (isArray(secretRefs)) {
    for (const s of secretRefs.items) {
      const secret = str(get(s, "name"));
      if (secret) credentials.push(refCredential(`secretRefs:${secret}`, { kind: "secretStore", name: secret }, locOf(input, s.span), "env"));
    }
  }
  out.servers.push(
    gatewayServer(input, {
      name,
      path,
      nameSpan,
      transport: "container",
      image: value(input, get(deployment, "image")),
      command: value(input, get(deployment, "cmd")),
      args: listValues(input, get(deployment, "args")),
      env,
      credentials,
    }),
  );
  return out;
}
