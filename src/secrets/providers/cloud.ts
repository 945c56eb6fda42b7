/** Cloud platforms, infrastructure and secret managers. */
import { charClasses } from "../entropy.js";
import { Fake } from "../fake.js";
import { isPlaceholder } from "../placeholders.js";
import type { ProviderRule, RuleContext } from "../types.js";
import { keyed, notAfter, prefixed, withLazySamples, wrap } from "./helpers.js";

const f = new Fake("cloud");

const AWS_KEY_ID = /(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/;
const AWS_SECRET_KEYWORD = /aws.{0,20}secret|secret.?access.?key/i;

/** How far around a 40-character candidate an AWS key ID or secret keyword is looked for. */
const AWS_NEARBY_CHARS = 300;

/**
 * A 40-character AWS secret access key counts when the key name says so
 * (`aws_secret_access_key = …`) or when an access key id sits within 300
 * characters (CSV exports, `credentials` files, paired env vars).
 */
function awsSecretNearby(secret: string, ctx: RuleContext): boolean {
  const c = charClasses(secret);
  if (!c.lower || !c.upper || !c.digit) return false;
  const before = ctx.text.slice(Math.max(0, ctx.start - 60), ctx.start);
  if (AWS_SECRET_KEYWORD.test(before)) return true;
  const around = ctx.text.slice(Math.max(0, ctx.start - AWS_NEARBY_CHARS), Math.min(ctx.text.length, ctx.end + AWS_NEARBY_CHARS));
  return AWS_KEY_ID.test(around);
}

/**
 * A Google API key that a Firebase client configuration holds: under a key named for Firebase
 * (`FIREBASE_API_KEY`, `NEXT_PUBLIC_FIREBASE_API_KEY`), google-services.json's `current_key`, or
 * `apiKey` / GoogleService-Info.plist's `API_KEY` with the configuration's other fields near it
 * (`authDomain: "<project>.firebaseapp.com"`, `messagingSenderId`, `GCM_SENDER_ID`). Google
 * documents such keys as public by design: they identify the project to Firebase's APIs, and the
 * apps ship them to every browser and device.
 */
const FIREBASE_KEY_BEFORE = /(?:firebase[\w.-]{0,60}["']?[ \t]{0,40}(?:=|:|=>)|["']current_key["'][ \t]{0,3}:)[ \t]{0,5}["'`]?$/i;
const CLIENT_KEY_BEFORE = /(?:\bapiKey["']?[ \t]{0,40}[:=]|<key>API_KEY<\/key>\s{0,40}<string>)[ \t]{0,5}["'`]?$/;
const FIREBASE_CONFIG_FIELD = /firebaseapp\.com|messagingSenderId|GCM_SENDER_ID/;
/**
 * How far around a key the other fields of a Firebase configuration are looked for (its next lines).
 * As far as AWS_NEARBY_CHARS: more would widen every piece's context (pieces.ts, pieceContext), the
 * most a rule reads around a match, and with it the work on every large file.
 */
const FIREBASE_NEARBY_CHARS = AWS_NEARBY_CHARS;

function firebaseClientKey(_secret: string, ctx: RuleContext): boolean {
  const before = ctx.text.slice(Math.max(0, ctx.start - 120), ctx.start);
  if (FIREBASE_KEY_BEFORE.test(before)) return true;
  if (!CLIENT_KEY_BEFORE.test(before)) return false;
  return FIREBASE_CONFIG_FIELD.test(ctx.text.slice(Math.max(0, ctx.start - FIREBASE_NEARBY_CHARS), Math.min(ctx.text.length, ctx.end + FIREBASE_NEARBY_CHARS)));
}

const awsId = (): string => "AKIA" + f.str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
const awsSecret = (): string => f.str("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 18) + "/" + f.b64(12) + "+" + f.alnum(8);

const serviceAccountJson = (key: string): string =>
  `{\n  "type": "service_account",\n  "project_id": "demo-project-184512",\n  "private_key_id": "${f.hex(40)}",\n  "private_key": "${key}",\n  "client_email": "svc@demo-project-184512.iam.gserviceaccount.com"\n}`;
const pemBody = (n: number): string => {
  let out = "";
  for (let i = 0; i < n; i++) out += f.b64(64) + "\\n";
  return out;
};

export const CLOUD: readonly ProviderRule[] = withLazySamples([
  {
    id: "aws-access-key-id",
    title: "AWS access key ID",
    pattern: new RegExp(String.raw`${notAfter("[A-Z0-9]")}(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Z0-9])`),
    keywords: ["akia", "asia", "abia", "acca", "a3t"],
    capitalKeywords: ["akia", "asia", "abia", "acca", "a3t"],
    minEntropy: 3,
    confidence: "high",
    lifetime: (s) => (s.startsWith("AKIA") ? { kind: "no-expiry", note: "AKIA keys are long-term IAM user keys" } : undefined),
    samples: () => ({
      tp: [wrap.env("AWS_ACCESS_KEY_ID", awsId()), wrap.json("AWS_ACCESS_KEY_ID", "ASIA" + f.str("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16))],
      fp: [wrap.env("AWS_ACCESS_KEY_ID", ["AKIA", "IOSFODNN7", "EXAMPLE"].join("")), wrap.env("AWS_ACCESS_KEY_ID", "AKIAXXXXXXXXXXXXXXXX")],
    }),
  },
  {
    id: "aws-secret-access-key",
    title: "AWS secret access key",
    // Not after a base64 character; after `=` (an assignment: `AWS_SECRET_ACCESS_KEY=...`) it may start.
    pattern: /(?<![A-Za-z0-9/+])(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/,
    // An access key id nearby (any of AWS_KEY_ID's prefixes, in capitals as it needs them) or the key's name.
    keywords: ["akia", "asia", "abia", "acca", "a3t", "aws_secret", "aws-secret", "awssecret", "secret_access_key", "secretaccesskey", "secret-access-key"],
    capitalKeywords: ["akia", "asia", "abia", "acca", "a3t"],
    minEntropy: 4,
    validate: awsSecretNearby,
    contextChars: AWS_NEARBY_CHARS,
    confidence: "high",
    samples: () => ({
      tp: [
        `[default]\naws_access_key_id = ${awsId()}\naws_secret_access_key = ${awsSecret()}\n`,
        wrap.json("AWS_SECRET_ACCESS_KEY", awsSecret()),
        wrap.env("AWS_SECRET_ACCESS_KEY", awsSecret()),
        `User name,Access key ID,Secret access key\nci,${awsId()},${awsSecret()}\n`,
      ],
      fp: [
        wrap.env("AWS_SECRET_ACCESS_KEY", ["wJalrXUtnFEMI", "/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY"].join("")),
        `commit ${f.hex(40)}`,
        `AWS_SECRET_ACCESS_KEY=${f.hex(40)}`,
      ],
    }),
  },
  {
    id: "aws-session-token",
    title: "AWS temporary session token",
    pattern: /(?<![A-Za-z0-9/+])(?<secret>(?:IQoJb3JpZ2luX2Vj|FwoGZXIvYXdzE)[A-Za-z0-9/+=]{100,2000})/,
    keywords: ["iqojb3jpz2lux2vj", "fwogzxivyxdze"],
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj" + f.b64(300))], fp: [wrap.env("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj...")] }),
  },
  {
    id: "aws-bedrock-api-key",
    title: "Amazon Bedrock API key",
    pattern: prefixed("ABSK", "[A-Za-z0-9+/]{109,269}={0,2}"),
    keywords: ["absk"],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("AWS_BEARER_TOKEN_BEDROCK", "ABSK" + f.b64(132))], fp: [wrap.env("AWS_BEARER_TOKEN_BEDROCK", "ABSK-your-bedrock-key")] }),
  },
  {
    id: "google-api-key",
    title: "Google API key",
    pattern: prefixed("AIza", "[0-9A-Za-z_-]{35}"),
    keywords: ["aiza"],
    minEntropy: 3.5,
    // A Firebase client configuration's key is firebase-api-key's.
    validate: (secret, ctx) => !firebaseClientKey(secret, ctx),
    contextChars: FIREBASE_NEARBY_CHARS,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("GEMINI_API_KEY", "AIza" + f.b64url(35)), `https://maps.googleapis.com/maps/api/geocode/json?key=AIza${f.b64url(35)}`], fp: [wrap.env("GEMINI_API_KEY", "AIzaSyYOUR_API_KEY_HERE_0000000000000"), wrap.env("FIREBASE_API_KEY", "AIza" + f.b64url(35))] }),
  },
  {
    id: "google-oauth-client-secret",
    title: "Google OAuth client secret",
    pattern: prefixed("GOCSPX-", "[A-Za-z0-9_-]{28}"),
    keywords: ["gocspx-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("GOOGLE_CLIENT_SECRET", "GOCSPX-" + f.b64url(28))], fp: [wrap.json("GOOGLE_CLIENT_SECRET", "GOCSPX-your-client-secret")] }),
  },
  {
    id: "google-oauth-access-token",
    title: "Google OAuth access token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_.-]")}(?<secret>ya29\.[A-Za-z0-9_-]{50,2000})(?![A-Za-z0-9_-])`),
    keywords: ["ya29."],
    minEntropy: 4,
    confidence: "medium",
    samples: () => ({ tp: [`Authorization: Bearer ya29.${f.b64url(150)}`], fp: [`Authorization: Bearer ya29.your-access-token-goes-here-for-testing-purposes`] }),
  },
  {
    id: "google-service-account-key",
    title: "Google Cloud service-account key (JSON)",
    pattern: /"private_key"\s{0,5}:\s{0,5}"(?<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----[A-Za-z0-9+/=\\\s]{100,8000}-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)"/,
    keywords: ["service_account"],
    validate: (_s, ctx) => /"type"\s*:\s*"service_account"/.test(ctx.text.slice(Math.max(0, ctx.start - 4000), ctx.end + 4000)),
    contextChars: 4000,
    confidence: "high",
    lifetime: { kind: "no-expiry", note: "service-account keys do not expire unless an org policy sets a lifetime" },
    samples: () => ({
      tp: [serviceAccountJson("-----BEGIN PRIVATE KEY-----\\n" + pemBody(20) + "-----END PRIVATE KEY-----\\n")],
      fp: [serviceAccountJson("-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n")],
    }),
  },
  {
    id: "azure-storage-account-key",
    // The same `AccountKey=` (86 base64 characters and `==`) is a Cosmos DB account key in `AccountEndpoint=...;AccountKey=...`.
    title: "Azure storage or Cosmos DB account key (connection string)",
    pattern: /(?<![A-Za-z])AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/i,
    keywords: ["accountkey="],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({
      tp: [
        wrap.env("AZURE_STORAGE_CONNECTION_STRING", `DefaultEndpointsProtocol=https;AccountName=mcpdata;AccountKey=${f.b64(86)}==;EndpointSuffix=core.windows.net`),
        // its own generator: the file's keeps the values it gave the entries after this one
        wrap.env("COSMOS_CONNECTION_STRING", `AccountEndpoint=https://acme-db.documents.azure.com:443/;AccountKey=${new Fake("cosmos").b64(86)}==;`),
      ],
      fp: [wrap.env("AZURE_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=<key>"), "UseDevelopmentStorage=true"],
    }),
  },
  {
    id: "azure-ad-client-secret",
    title: "Microsoft Entra ID (Azure AD) client secret",
    pattern: /(?<![A-Za-z0-9_~.-])(?<secret>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])/,
    keywords: ["q~"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("AZURE_CLIENT_SECRET", f.alnum(3) + "8Q~" + f.b64url(34).replace(/-/g, "."))], fp: [wrap.json("AZURE_CLIENT_SECRET", "abc8Q~" + "a".repeat(34))] }),
  },
  {
    id: "azure-devops-pat",
    title: "Azure DevOps personal access token",
    pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{52}JQQJ9[9A-D][A-Za-z0-9]{3}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])/,
    keywords: ["azdo"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("AZURE_DEVOPS_PAT", f.alnum(52) + "JQQJ99" + f.alnum(3) + "AZDO" + f.alnum(4))], fp: [wrap.env("AZURE_DEVOPS_PAT", f.alnum(52) + "JQQJ99" + f.alnum(3) + "XXXX" + f.alnum(4))] }),
  },
  {
    id: "digitalocean-token",
    title: "DigitalOcean personal access / OAuth / refresh token",
    pattern: prefixed("do[por]_v1_", "[a-f0-9]{64}"),
    keywords: ["dop_v1_", "doo_v1_", "dor_v1_"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DIGITALOCEAN_API_TOKEN", "dop_v1_" + f.hex(64))], fp: [wrap.env("DIGITALOCEAN_API_TOKEN", "dop_v1_<token>")] }),
  },
  {
    id: "cloudflare-api-token",
    title: "Cloudflare API token",
    pattern: keyed("cloudflare|cf_api|cf-api", "[A-Za-z0-9_-]{40}"),
    keywords: ["cloudflare", "cf_api", "cf-api"],
    minEntropy: 3.5,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("CLOUDFLARE_API_TOKEN", f.b64url(40))], fp: [wrap.env("CLOUDFLARE_API_TOKEN", "your-cloudflare-api-token-goes-in-here-x")] }),
  },
  {
    id: "cloudflare-global-api-key",
    title: "Cloudflare global API key",
    pattern: keyed("cloudflare|cf_api|cf-api|x-auth-key", "[a-f0-9]{37}"),
    keywords: ["cloudflare", "cf_api", "cf-api", "x-auth-key"],
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("CLOUDFLARE_API_KEY", f.hex(37))], fp: [wrap.env("CLOUDFLARE_API_KEY", "0".repeat(37))] }),
  },
  {
    id: "vercel-token",
    title: "Vercel access token",
    pattern: keyed("vercel", "[A-Za-z0-9]{24}"),
    keywords: ["vercel"],
    minEntropy: 3.5,
    confidence: "medium",
    samples: () => ({ tp: [wrap.json("VERCEL_API_TOKEN", f.alnum(24))], fp: [wrap.json("VERCEL_PROJECT", "my-vercel-project-name")] }),
  },
  {
    id: "supabase-pat",
    title: "Supabase personal access token",
    // `sbp_v0_` is the newer access-token form (the Management API accepts it; Supabase CLI 2.100 rejected it).
    pattern: prefixed("sbp_", "(?:oauth_|v0_)?[a-f0-9]{40}"),
    keywords: ["sbp_"],
    confidence: "high",
    samples: () => ({
      tp: [`npx -y @supabase/mcp-server-supabase@latest --access-token sbp_${f.hex(40)}`, "Experimental API token: `sbp_v0_" + f.hex(40) + "`"],
      fp: [`--access-token sbp_<personal-access-token>`, "SUPABASE_ACCESS_TOKEN=sbp_v0_..."],
    }),
  },
  {
    id: "supabase-secret-key",
    title: "Supabase secret API key",
    pattern: prefixed("sb_secret_", "[A-Za-z0-9_-]{31,64}"),
    keywords: ["sb_secret_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SUPABASE_SECRET_KEY", "sb_secret_" + f.b64url(31))], fp: [wrap.env("SUPABASE_SECRET_KEY", "sb_secret_...")] }),
  },
  {
    id: "heroku-api-key",
    title: "Heroku API key",
    pattern: prefixed("HRKU-", "[A-Za-z0-9_-]{58,64}"),
    keywords: ["hrku-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("HEROKU_API_KEY", "HRKU-AA" + f.b64url(58))], fp: [wrap.env("HEROKU_API_KEY", "HRKU-your-heroku-api-key")] }),
  },
  {
    id: "heroku-api-key-legacy",
    title: "Heroku API key (legacy UUID, keyed)",
    pattern: keyed("heroku", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    keywords: ["heroku"],
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("HEROKU_API_KEY", f.uuid())], fp: [wrap.env("HEROKU_API_KEY", "00000000-0000-0000-0000-000000000000")] }),
  },
  {
    id: "databricks-token",
    title: "Databricks personal access token",
    pattern: prefixed("dapi", "[a-f0-9]{32}(?:-\\d)?"),
    keywords: ["dapi"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DATABRICKS_TOKEN", "dapi" + f.hex(32))], fp: [wrap.env("DATABRICKS_TOKEN", "dapi" + "0123456789abcdef".repeat(2))] }),
  },
  {
    id: "hashicorp-vault-token",
    title: "HashiCorp Vault service/batch token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_-]")}(?<secret>hv[sb]\.[A-Za-z0-9_-]{24,400})(?![A-Za-z0-9_-])`),
    keywords: ["hvs.", "hvb."],
    minEntropy: 3.8,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("VAULT_TOKEN", "hvs." + f.b64url(90)), wrap.env("VAULT_TOKEN", "hvb." + f.b64url(138))], fp: [wrap.env("VAULT_TOKEN", "hvs.your-vault-token")] }),
  },
  {
    id: "terraform-cloud-token",
    title: "Terraform Cloud / HCP Terraform API token",
    pattern: /(?<![A-Za-z0-9])(?<secret>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])/,
    keywords: [".atlasv1."],
    confidence: "high",
    samples: () => ({ tp: [`credentials "app.terraform.io" {\n  token = "${f.alnum(14)}.atlasv1.${f.b64url(67)}"\n}`], fp: [`token = "xxxxxxxxxxxxxx.atlasv1.zzzzzzzzzzzzzz"`] }),
  },
  {
    id: "pulumi-access-token",
    title: "Pulumi access token",
    pattern: prefixed("pul-", "[a-f0-9]{40}"),
    keywords: ["pul-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("PULUMI_ACCESS_TOKEN", "pul-" + f.hex(40))], fp: [wrap.env("PULUMI_ACCESS_TOKEN", "pul-" + "a".repeat(40))] }),
  },
  {
    id: "doppler-token",
    title: "Doppler token",
    pattern: prefixed("dp\\.(?:pt|st|sa|ct|scim|audit)\\.", "[A-Za-z0-9]{40,44}"),
    keywords: ["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DOPPLER_TOKEN", "dp.pt." + f.alnum(43)), wrap.env("DOPPLER_TOKEN", "dp.st." + f.alnum(43))], fp: [wrap.env("DOPPLER_TOKEN", "dp.pt.your_token")] }),
  },
  {
    id: "onepassword-service-account-token",
    title: "1Password service account token",
    pattern: prefixed("ops_", "eyJ[A-Za-z0-9+/=_-]{100,3000}"),
    keywords: ["ops_eyj"],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("OP_SERVICE_ACCOUNT_TOKEN", "ops_eyJ" + f.b64url(400))], fp: [wrap.env("OP_SERVICE_ACCOUNT_TOKEN", "ops_...")] }),
  },
  {
    id: "docker-hub-pat",
    title: "Docker Hub personal access token",
    pattern: prefixed("dckr_pat_", "[A-Za-z0-9_-]{27,40}"),
    keywords: ["dckr_pat_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DOCKERHUB_TOKEN", "dckr_pat_" + f.b64url(27))], fp: [wrap.env("DOCKERHUB_TOKEN", "dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    id: "docker-config-auth",
    title: "Docker registry credentials (config.json auths)",
    pattern: /"auth"\s{0,5}:\s{0,5}"(?<secret>[A-Za-z0-9+/]{8,1000}={0,2})"/,
    keywords: ['"auths"'],
    skipPlaceholderCheck: true,
    validate: (s) => {
      const decoded = Buffer.from(s, "base64").toString("utf8");
      const i = decoded.indexOf(":");
      return i > 0 && i < decoded.length - 1 && /^[\x20-\x7e]+$/.test(decoded) && !isPlaceholder(decoded.slice(i + 1));
    },
    confidence: "high",
    samples: () => ({
      tp: [`{\n  "auths": {\n    "ghcr.io": { "auth": "${Buffer.from("octocat:" + f.alnum(24)).toString("base64")}" }\n  }\n}`],
      fp: [`{\n  "auths": { "ghcr.io": {} },\n  "credsStore": "desktop"\n}`],
    }),
  },
  {
    // Neon prefixes its API keys with `napi_` since 2025-01-31 (neon.com/docs/changelog/2025-01-31); the
    // 64-character body is what betterleaks' neon-api-key rule reads. Neon's MCP server takes the key as
    // a bare argument (`npx @neondatabase/mcp-server-neon start <key>`), under no credential name.
    id: "neon-api-key",
    title: "Neon API key",
    pattern: prefixed("napi_", "[A-Za-z0-9]{64}"),
    keywords: ["napi_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [`npx -y @neondatabase/mcp-server-neon start napi_${f.str("abcdefghijklmnopqrstuvwxyz0123456789", 64)}`, wrap.env("NEON_API_KEY", "napi_" + f.alnum(64))],
      fp: [`npx -y @neondatabase/mcp-server-neon start napi_${"x".repeat(64)}`, wrap.env("NEON_API_KEY", "napi_examplekey")],
    }),
  },
  // Google's newer API keys ("authentication keys", the only kind AI Studio now issues; bound to a service account).
  {
    id: "google-auth-key",
    title: "Google API key (AQ. authentication key)",
    pattern: prefixed("AQ\\.", "[A-Za-z0-9_-]{45,60}"),
    keywords: ["aq."],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("X-Goog-Api-Key", "AQ.Ab8RN6" + f.b64url(44)), wrap.env("GEMINI_API_KEY", "AQ." + f.b64url(50))],
      fp: [wrap.json("X-Goog-Api-Key", "AQ.your-api-key"), wrap.env("GEMINI_API_KEY", "AQ." + "x".repeat(50))],
    }),
  },
  {
    id: "render-api-key",
    title: "Render API key",
    pattern: prefixed("rnd_", "[A-Za-z0-9]{28}"),
    keywords: ["rnd_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("RENDER_API_KEY", "rnd_" + f.alnum(28)), `--header "Authorization: Bearer rnd_${f.alnum(28)}"`], fp: [wrap.env("RENDER_API_KEY", "rnd_xxxxxxxxxxxxxxxxxxxxxxxxxx"), wrap.env("RENDER_API_KEY", "rnd_your_api_key_here")] }),
  },
  {
    id: "netlify-pat",
    title: "Netlify personal access token",
    pattern: prefixed("nfp_", "[A-Za-z0-9]{36}"),
    keywords: ["nfp_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("NETLIFY_AUTH_TOKEN", "nfp_" + f.alnum(36))], fp: [wrap.env("NETLIFY_AUTH_TOKEN", "nfp_YOUR_TOKEN_HERE")] }),
  },
  {
    // Public by design (firebase.google.com/docs/projects/api-keys): a note, so that someone checks
    // the key's API restrictions (Google asks that a Firebase key allow no other API, such as the
    // Generative Language API, for which the same key would be a credential).
    id: "firebase-api-key",
    title: "Firebase client API key (public by design: check that its API restrictions allow only Firebase APIs)",
    pattern: prefixed("AIza", "[0-9A-Za-z_-]{35}"),
    keywords: ["aiza"],
    minEntropy: 3.5,
    validate: firebaseClientKey,
    contextChars: FIREBASE_NEARBY_CHARS,
    confidence: "low",
    samples: () => ({
      tp: [
        `const firebaseConfig = {\n  apiKey: "AIza${f.b64url(35)}",\n  authDomain: "demo-app.firebaseapp.com",\n  projectId: "demo-app",\n};`,
        wrap.env("NEXT_PUBLIC_FIREBASE_API_KEY", "AIza" + f.b64url(35)),
        `"api_key": [{ "current_key": "AIza${f.b64url(35)}" }]`,
      ],
      fp: [wrap.env("GEMINI_API_KEY", "AIza" + f.b64url(35)), `const config = {\n  apiKey: "AIza${f.b64url(35)}",\n  model: "gemini-2.0-flash",\n};`],
    }),
  },
  // Vercel's prefixed formats (2025): vcp_ personal access, vci_ integration, vca_ app access, vcr_ app refresh, vck_ API key.
  {
    id: "vercel-prefixed-token",
    title: "Vercel token or API key (prefixed)",
    pattern: prefixed("vc[picark]_", "[A-Za-z0-9]{40,80}"),
    keywords: ["vcp_", "vci_", "vca_", "vcr_", "vck_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("VERCEL_TOKEN", "vcp_" + f.alnum(56)), `npx vercel --prod --token vcp_${f.alnum(56)}`], fp: [wrap.json("VERCEL_TOKEN", "vcp_your_token_here"), wrap.json("VERCEL_TOKEN", "vcp_xxx")] }),
  },
  {
    // PlanetScale: service tokens (pscale_tkn_), database branch passwords (pscale_pw_, also the
    // password in a branch's mysql:// connection string) and OAuth tokens (pscale_oauth_).
    id: "planetscale-token",
    title: "PlanetScale service token, password or OAuth token",
    pattern: prefixed("pscale_(?:tkn|pw|oauth)_", "[A-Za-z0-9_=.-]{32,64}"),
    keywords: ["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("PLANETSCALE_SERVICE_TOKEN", "pscale_tkn_" + f.b64url(43)), wrap.env("DATABASE_PASSWORD", "pscale_pw_" + f.b64url(43))], fp: [wrap.json("PLANETSCALE_SERVICE_TOKEN", "pscale_tkn_your_service_token_here_xxxxxxxxxx")] }),
  },
  {
    // Convex deploy keys (CONVEX_DEPLOY_KEY, read by the Convex CLI and MCP server): the key's type and the deployment
    // (`prod:happy-animal-123`), or team and project for preview and project keys, then `|` and the token (base64 JSON, `ey...`).
    id: "convex-deploy-key",
    title: "Convex deploy key",
    pattern: /(?<![A-Za-z0-9_:-])(?<secret>(?:prod|dev|preview|project):[a-z0-9-]{2,64}(?::[a-z0-9-]{1,64})?\|ey[A-Za-z0-9+/_-]{40,2000}={0,2})(?![A-Za-z0-9+/=_-])/,
    keywords: ["|ey"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("CONVEX_DEPLOY_KEY", "prod:happy-animal-123|ey" + f.b64url(90)), wrap.env("CONVEX_DEPLOY_KEY", "preview:acme-team:shop-app|ey" + f.b64(120) + "=")],
      fp: [wrap.env("CONVEX_DEPLOY_KEY", "prod:happy-animal-123|eyxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), wrap.env("CONVEX_DEPLOY_KEY", "prod:your-deployment|<your-deploy-key>"), "| prod:main | eyes on the release notes for this week's deploy |"],
    }),
  },
  {
    // Azure Service Bus, Event Hubs, IoT Hub and Relay connection strings: `SharedAccessKeyName=...;SharedAccessKey=<key>`,
    // a 256-bit key in base64 (44 characters). Whoever holds the key holds the named policy's rights (often
    // RootManageSharedAccessKey: manage, send, listen).
    id: "azure-shared-access-key",
    title: "Azure shared access key (Service Bus, Event Hubs, IoT Hub connection string)",
    pattern: /(?<![A-Za-z])SharedAccessKey=(?<secret>[A-Za-z0-9+/]{43}=)(?![A-Za-z0-9+/=])/i,
    keywords: ["sharedaccesskey="],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({
      tp: [
        wrap.env("SERVICEBUS_CONNECTION_STRING", `Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${f.b64(43)}=`),
        wrap.json("IOTHUB_CONNECTION_STRING", `HostName=acme-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey=${f.b64(43)}=`),
      ],
      fp: [
        wrap.env("SERVICEBUS_CONNECTION_STRING", "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=<key>"),
        wrap.env("EVENTHUB_CONNECTION_STRING", "Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX="),
      ],
    }),
  },
]);
