/**
 * Where a remote server lives: scheme and host of its URL, and whether the
 * host is this machine. Pure string work (no DNS), tolerant of references in
 * the URL (`https://${HOST}/mcp`).
 */
import type { ConfigValue, McpServer } from "./types.js";

export interface Endpoint {
  /** Lower-case scheme without `:`, e.g. `http`, `wss`. */
  readonly scheme: string;
  /** Lower-case host without port or brackets; may hold reference text. */
  readonly host: string;
  readonly value: ConfigValue;
}

/** Scheme and host of a URL string, or undefined when it is not an absolute URL. */
export function parseEndpoint(raw: string): { scheme: string; host: string } | undefined {
  const m = /^\s*([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#\s]*@)?(\[[^\]]*\]|[^:/?#\s]*)/i.exec(raw);
  if (!m) return undefined;
  const host = (m[2] ?? "").replace(/^\[|\]$/g, "").toLowerCase();
  return { scheme: (m[1] ?? "").toLowerCase(), host };
}

/**
 * Loopback: `localhost` and `*.localhost` (RFC 6761), `127.0.0.0/8`, `::1`,
 * and `0.0.0.0` (connecting to it reaches this machine). `host.docker.internal`
 * is NOT loopback: it resolves to a bridge or VM address, so the traffic
 * crosses a network interface other containers and VMs can reach.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/\.$/, "");
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  if (/^127(\.\d{1,3}){3}$/.test(h)) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1" || h === "0.0.0.0" || h === "::ffff:127.0.0.1") return true;
  return false;
}

/**
 * A host that only a private network resolves or routes: a single-label name
 * (a Kubernetes or Compose service), the private DNS suffixes (`.internal`,
 * `.local`, `.svc`, `.cluster.local`, `.lan`, `.home.arpa`), and private,
 * shared and link-local addresses (10/8, 172.16/12, 192.168/16, 100.64/10,
 * 169.254/16, fc00::/7, fe80::/10).
 */
export function isPrivateNetworkHost(host: string): boolean {
  const h = host.replace(/\.$/, "").toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "" || isTemplatedHost(h)) return false;
  if (/^[a-z0-9-]+$/.test(h) && !/^\d+$/.test(h)) return true;
  // `.cluster.local` ends in `.local`.
  if (/\.(?:internal|local|localdomain|svc|lan|home\.arpa)$/.test(h)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(h);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || (a === 169 && b === 254);
  }
  return /^f[cd][0-9a-f]{0,2}:/.test(h) || /^fe[89ab][0-9a-f]?:/.test(h);
}

/** True when the host is (or contains) reference text, so it is only known at run time. */
export function isTemplatedHost(host: string): boolean {
  return host === "" || /[${}%]/.test(host);
}

const BRIDGES = /(^|[/@])(mcp-remote|supergateway|mcp-proxy)(@[^/\s]*)?$/;

/**
 * The remote endpoints a server talks to: its `url`, and the URL handed to a
 * local bridge (`npx mcp-remote https://...`, `supergateway --sse ...`).
 */
export function remoteEndpoints(s: McpServer): Endpoint[] {
  const out: Endpoint[] = [];
  if (s.url) {
    const e = parseEndpoint(s.url.raw);
    if (e) out.push({ ...e, value: s.url });
  }
  const launch = [s.command, ...s.args].filter((v): v is ConfigValue => v !== undefined);
  if (launch.some((v) => BRIDGES.test(v.raw))) {
    for (const a of s.args) {
      const e = parseEndpoint(a.raw);
      if (e && /^(https?|wss?)$/.test(e.scheme)) out.push({ ...e, value: a });
    }
  }
  return out;
}
