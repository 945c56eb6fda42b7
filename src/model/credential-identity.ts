/**
 * What a credential reference names, for telling whether several servers act
 * under one identity: the same environment variable, input, secret or file.
 */
import type { Credential } from "./types.js";

/** Names that are configuration, not identity (no credential in them). */
const NOT_A_CREDENTIAL = /^(PATH|HOME|USER|SHELL|LANG|TZ|NODE_ENV|DEBUG|LOG_LEVEL|PORT|HOST|PWD|TMPDIR|.*_(URL|URI|HOST|PORT|DIR|PATH|REGION|ENDPOINT|MODE|LEVEL|ENV))$/i;
const CREDENTIAL_NAME = /(token|secret|key|password|passwd|pat|credential|auth|bearer|cookie|session)/i;

/** `env:NAME`, `input:id`, `secret:name`, `file:path`; undefined for literals and placeholders. */
export function credentialReference(c: Credential): string | undefined {
  switch (c.ref.kind) {
    case "env":
      return `env:${c.ref.name}`;
    case "input":
      return `input:${c.ref.id}`;
    case "secretStore":
      return `secret:${c.ref.name}`;
    case "file":
      return `file:${c.ref.path}`;
    default:
      return undefined;
  }
}

/**
 * Authentication configured without a value (an OAuth block, `headersHelper`,
 * LibreChat `apiKey: {...}`): the token lives in the client's own store, per
 * server, so it names no shared reference.
 */
export function isAuthHint(c: Credential): boolean {
  return c.raw === "" && c.ref.kind === "secretStore" && c.ref.name === c.key;
}

/** Does this reference carry identity (a token, key or password), not plain configuration? */
export function carriesIdentity(c: Credential): boolean {
  const name = c.ref.kind === "env" ? c.ref.name : c.key;
  if (NOT_A_CREDENTIAL.test(name)) return false;
  return CREDENTIAL_NAME.test(name) || CREDENTIAL_NAME.test(c.key) || c.source === "header";
}

/** The identity-bearing reference of a credential, or undefined. */
export function identityReference(c: Credential): string | undefined {
  const id = credentialReference(c);
  return id !== undefined && !isAuthHint(c) && carriesIdentity(c) ? id : undefined;
}
