/**
 * Shared helpers for the gateway model tests: scan one fixture file (by its
 * path under fixtures/gateways) and summarise servers, policies and findings
 * as plain rows that tests compare exactly.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { scanSources, type ScanResult } from "../../../src/api.js";

const ROOT = fileURLToPath(new URL("../../../fixtures/gateways/", import.meta.url));

export function scanFixture(...rels: string[]): ScanResult {
  return scanSources(rels.map((rel) => ({ path: rel, text: readFileSync(ROOT + rel, "utf8") })));
}

export function serverRows(r: ScanResult) {
  return r.model.servers.map((s) => ({
    client: s.client,
    name: s.name,
    at: `${s.loc.line}:${s.loc.column}`,
    transport: s.transport,
    ...(s.image ? { image: s.image.raw } : {}),
    ...(s.url ? { url: s.url.raw } : {}),
    ...(s.command ? { command: s.command.raw } : {}),
  }));
}

export function credentialRows(r: ScanResult, server: string) {
  const s = r.model.servers.find((x) => x.name === server);
  return (s?.credentials ?? []).map((c) => ({ key: c.key, ref: c.ref.kind === "literal" ? "literal" : `${c.ref.kind}:${"name" in c.ref ? c.ref.name : "path" in c.ref ? c.ref.path : ""}`, line: c.loc.line }));
}

export function factRows(r: ScanResult) {
  return r.model.servers.flatMap((s) => s.facts.map((f) => `${s.name} ${f.kind} ${f.loc.line}:${f.loc.column}`));
}

export function policyRows(r: ScanResult) {
  return r.model.policies.map((p) => ({
    client: p.client,
    kind: p.kind,
    name: p.name,
    decision: p.defaultDecision,
    at: `${p.defaultLoc.line}:${p.defaultLoc.column}`,
    reason: p.defaultReason,
  }));
}

export function settingRows(r: ScanResult) {
  return r.model.policies.flatMap((p) => p.settings.map((s) => `${s.key}=${s.value} ${s.effect} ${s.loc.line}:${s.loc.column}`));
}

/** `ruleId line:column` for every finding of the governance rules (not secrets: their detectors live elsewhere). */
export function findingRows(r: ScanResult, rules: readonly string[] = ["missing-default-deny", "permissive-setting", "broad-resource-access"]) {
  return r.findings.filter((f) => rules.includes(f.ruleId)).map((f) => `${f.ruleId} ${f.loc.line}:${f.loc.column}`);
}
