import { reportedSecrets } from "../../engine/model.js";
import { defineRule } from "../../engine/rule.js";

const DAY = 86_400;
const MAX_DAYS = 90;

/** A fixed clock for examples and reproducible runs can be given as option `now` (epoch seconds). */
function nowSeconds(options: Readonly<Record<string, unknown>>): number {
  const n = options["now"];
  return typeof n === "number" ? n : Math.floor(Date.now() / 1000);
}

function b64url(o: object): string {
  return Buffer.from(JSON.stringify(o)).toString("base64url");
}

/** A JWT-shaped fake token for the examples (signature is random filler). */
function fakeJwt(payload: object): string {
  return [b64url({ alg: "HS256", typ: "JWT" }), b64url(payload), "c2lnbmF0dXJlLWZpbGxlci1ub3QtYS1yZWFsLXNpZ25hdHVyZQ"].join(".");
}

export default defineRule({
  id: "long-lived-token",
  meta: {
    title: "Credential that never expires or lives too long",
    name: "LongLivedToken",
    description:
      "A literal credential has no expiry (a JWT without `exp`, a classic GitHub personal access token) or lives longer than 90 days. A leaked long-lived token stays usable until someone notices; short-lived, per-workload credentials limit the damage. An already expired token is reported as a note: it is dead weight that invites pasting a fresh one.",
    category: "long-lived-token",
    level: "warning",
    precision: "high",
    securitySeverity: 6.0,
    help: "Use short-lived credentials issued per workload (OAuth with refresh, workload identity, GitHub App installation tokens or fine-grained personal access tokens with an expiry) and reference them instead of pasting them.",
    cwe: ["CWE-324", "CWE-613"],
    frameworks: ["owasp-agentic/ASI03", "nist-csf/PR.AA-01"],
    references: ["https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens", "https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4"],
    tags: ["secret", "identity"],
  },
  messages: {
    noExp: "{title} ({preview}, fingerprint {hash}) has no expiry (`exp` claim missing).",
    tooLong: "{title} ({preview}, fingerprint {hash}) is valid for {days} days (more than 90).",
    expired: "{title} ({preview}, fingerprint {hash}) expired on {date}; remove it.",
    noExpiry: "{title} ({preview}, fingerprint {hash}) never expires: {note}",
  },
  check(model, ctx) {
    const now = nowSeconds(ctx.options);
    for (const hit of reportedSecrets(model)) {
      const l = hit.lifetime;
      if (!l) continue;
      const base = { title: hit.title, preview: hit.preview, hash: hit.hash };
      const common = {
        loc: hit.loc,
        identity: `${hit.hash}`,
        secret: { preview: hit.preview, hash: hit.hash, provider: hit.detector },
        ...(hit.server ? { server: { name: hit.server.name, client: hit.server.client } } : {}),
      };
      if (l.kind === "no-expiry") {
        ctx.report({ messageId: "noExpiry", data: { ...base, note: l.note }, ...common });
      } else if (l.exp === undefined) {
        ctx.report({ messageId: "noExp", data: base, ...common });
      } else if (l.exp < now) {
        ctx.report({ messageId: "expired", data: { ...base, date: new Date(l.exp * 1000).toISOString().slice(0, 10) }, ...common, level: "note" });
      } else {
        const from = l.iat ?? now;
        const days = Math.round((l.exp - from) / DAY);
        if (days > MAX_DAYS) ctx.report({ messageId: "tooLong", data: { ...base, days }, ...common });
      }
    }
  },
  examples: {
    bad: [
      {
        file: ".vscode/mcp.json",
        code: `{ "servers": { "api": { "type": "http", "url": "https://mcp.example.com/api",
  "headers": { "Authorization": "Bearer ${fakeJwt({ sub: "svc-notes", iat: 1_760_000_000 })}" } } } }
`,
        expect: { line: 2, column: 41 },
      },
      {
        file: ".vscode/mcp.json",
        code: `{ "servers": { "api": { "type": "http", "url": "https://mcp.example.com/api",
  "headers": { "Authorization": "Bearer ${fakeJwt({ sub: "svc-notes", iat: 1_760_000_000, exp: 1_760_000_000 + 365 * DAY })}" } } } }
`,
        expect: { line: 2, column: 41 },
        options: { now: 1_760_000_000 + DAY },
      },
    ],
    good: [
      {
        file: ".vscode/mcp.json",
        code: `{ "servers": { "api": { "type": "http", "url": "https://mcp.example.com/api",
  "headers": { "Authorization": "Bearer \${input:api-token}" } } } }
`,
      },
    ],
  },
});
