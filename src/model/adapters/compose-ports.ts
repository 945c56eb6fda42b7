/**
 * Where a Compose service takes calls: each port it publishes on the host (`ports: ["8080:4444"]`,
 * the long form `{ target, published, host_ip }`) is a listener on this machine at the published
 * port; each container port (the target of a mapping, an `expose` entry) a listener of its
 * network at the service's name (and its `container_name`, `hostname`). A published port written
 * `${PORT:-8080}` is 8080 unless PORT is set: named, not certain. Ranges, ports published on
 * another address and ports left for Docker to choose give no host listener.
 */
import { get, isArray, isObject, str, type DocNode } from "../../parse/doc.js";
import { locOf, type AdapterInput } from "../adapter.js";
import type { Listener } from "../types.js";

const PORT = /^\d{1,5}$/;
/** `${VAR:-8080}` or `${VAR-8080}`: the port unless VAR is set. */
const DEFAULTED = /^\$\{([A-Za-z_][A-Za-z0-9_]*):?-(\d{1,5})\}$/;

interface Published {
  readonly hostIp?: string;
  readonly published?: string;
  readonly target?: string;
  readonly node: DocNode;
}

/** A short-form mapping: `[host_ip:][published:]target[/protocol]` (an IPv6 host_ip is bracketed). */
function shortForm(text: string, node: DocNode): Published | undefined {
  // A `${VAR:-8080}` part holds colons of its own: each is set aside while the parts are split.
  const refs: string[] = [];
  const plain = text.replace(/\/(?:tcp|udp|sctp)$/i, "").replace(/\$\{[^{}]*\}/g, (r) => `\u0000${refs.push(r) - 1}\u0000`);
  const back = (part: string | undefined) => part?.replace(/\u0000(\d+)\u0000/g, (_, i: string) => refs[Number(i)] ?? "");
  const m = /^(?:(\[[^\]]*\]|[^:[\]]*):)??(?:([^:]*):)?([^:]+)$/.exec(plain);
  if (!m) return undefined;
  const [hostIp, published, target] = [back(m[1])?.replace(/^\[|\]$/g, ""), back(m[2]), back(m[3])];
  return { ...(hostIp !== undefined ? { hostIp } : {}), ...(published !== undefined ? { published } : {}), ...(target !== undefined ? { target } : {}), node };
}

function publishedPorts(svc: DocNode): Published[] {
  const ports = get(svc, "ports");
  if (!isArray(ports)) return [];
  return ports.items.flatMap((item): Published[] => {
    if (isObject(item)) {
      const published = str(get(item, "published"));
      const target = str(get(item, "target"));
      const hostIp = str(get(item, "host_ip"));
      return [{ ...(hostIp !== undefined ? { hostIp } : {}), ...(published !== undefined ? { published } : {}), ...(target !== undefined ? { target } : {}), node: item }];
    }
    const text = str(item);
    const p = text === undefined ? undefined : shortForm(text.trim(), item);
    return p ? [p] : [];
  });
}

const LOOPBACK_BIND = new Set(["", "0.0.0.0", "127.0.0.1", "::", "::1", "localhost"]);

const portOf = (text: string) => {
  const n = Number(text);
  return PORT.test(text) && n > 0 && n <= 65535 ? n : undefined;
};

/** The listeners of a Compose service named `name`. */
export function composeListeners(input: AdapterInput, name: string, svc: DocNode): Listener[] {
  const out: Listener[] = [];
  const names = [...new Set([name, str(get(svc, "container_name")), str(get(svc, "hostname"))].filter((x): x is string => x !== undefined && x !== "").map((x) => x.toLowerCase()))];
  const inside = new Set<number>();
  for (const p of publishedPorts(svc)) {
    const loc = locOf(input, p.node.span);
    const target = p.target === undefined ? undefined : portOf(p.target);
    if (target !== undefined) inside.add(target);
    if (p.published === undefined || (p.hostIp !== undefined && !LOOPBACK_BIND.has(p.hostIp))) continue;
    const shown = `${p.published}:${p.target ?? "?"}`;
    const exact = portOf(p.published);
    if (exact !== undefined) {
      out.push({ host: "loopback", port: exact, what: `Compose service '${name}' publishes ${shown}`, loc });
      continue;
    }
    const d = DEFAULTED.exec(p.published);
    const dflt = d ? portOf(d[2] ?? "") : undefined;
    if (d && dflt !== undefined) out.push({ host: "loopback", port: dflt, what: `Compose service '${name}' publishes ${shown}`, unsure: `${d[1]} from the environment, ${dflt} when unset`, loc });
  }
  const expose = get(svc, "expose");
  if (isArray(expose)) {
    for (const e of expose.items) {
      const port = portOf((str(e) ?? "").replace(/\/(?:tcp|udp)$/i, ""));
      if (port !== undefined) inside.add(port);
    }
  }
  for (const port of inside) for (const host of names) out.push({ host, port, what: `Compose service '${name}' port ${port}`, loc: locOf(input, svc.span) });
  return out;
}
