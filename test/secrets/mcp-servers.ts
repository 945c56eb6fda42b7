/**
 * The credentials of the MCP servers people run, one row each: where the
 * server takes its credential (env, header, arg, URL), under which name, and
 * a fake value of the real token's shape, built at test time from a seeded
 * generator (no literal token is committed). Names and formats were checked
 * against the servers' READMEs and public client configs.
 */
import { Fake, b64urlOf } from "../../src/secrets/fake.js";
import { fakeAnthropicKey, fakeAwsAccessKeyId, fakeGitHubToken, fakeGoogleApiKey, fakeOpenAIProjectKey, fakeSlackBotToken } from "../../src/rules/fake-secrets.js";
import { withBase62Crc32 } from "../../src/secrets/checksum.js";
import { JWT_IO_EXAMPLE } from "../../src/secrets/placeholders.js";

export type Slot = "env" | "header" | "bearer" | "arg-eq" | "arg-space" | "arg" | "url";

export interface ServerRow {
  /** Server name in the config. */
  readonly server: string;
  /** What mcplint names the pasted credential: a provider format, else the generic detector that finds it. */
  readonly provider: string;
  /** The launch: an npm package (stdio) or a remote URL (http). */
  readonly pkg?: string;
  readonly remote?: string;
  readonly slot: Slot;
  /** Env name, header name or flag (`--api-key`); unused for `url` and `arg` (a positional argument). */
  readonly key: string;
  /** The value around the secret, `{S}` marking it (a connection string, a URL, `NAME={S}`); default the secret alone. */
  readonly template?: string;
  readonly secret: (f: Fake) => string;
  /** The token's documented prefix, for the `prefix + xxxx` placeholders people leave. */
  readonly prefix?: string;
}

const hex = (f: Fake, n: number) => f.hex(n);
/** An HS256 JWT with these claims; the signature is fake. */
const jwt = (f: Fake, claims: object) => `${b64urlOf('{"alg":"HS256","typ":"JWT"}')}.${b64urlOf(JSON.stringify(claims))}.${f.b64url(43)}`;
/** A random password of the kind a password manager makes (letters, digits, a few symbols; none that URLs escape). */
const password = (f: Fake) => f.alnum(10) + "!" + f.alnum(5) + "~" + f.digits(2);

export const SERVER_ROWS: readonly ServerRow[] = [
  { server: "github", provider: "github-pat-classic", pkg: "@modelcontextprotocol/server-github@2025.4.8", slot: "env", key: "GITHUB_PERSONAL_ACCESS_TOKEN", secret: (f) => fakeGitHubToken("ghp", f.alnum(8)), prefix: "ghp_" },
  { server: "github-fine-grained", provider: "github-pat-fine-grained", pkg: "@modelcontextprotocol/server-github@2025.4.8", slot: "env", key: "GITHUB_PERSONAL_ACCESS_TOKEN", secret: (f) => "github_pat_" + f.alnum(22) + "_" + f.alnum(59), prefix: "github_pat_" },
  { server: "github-remote", provider: "github-pat-classic", remote: "https://api.githubcopilot.com/mcp/", slot: "bearer", key: "Authorization", secret: (f) => fakeGitHubToken("ghp", f.alnum(8)), prefix: "ghp_" },
  { server: "gitlab", provider: "gitlab-pat", pkg: "@modelcontextprotocol/server-gitlab@2025.4.25", slot: "env", key: "GITLAB_PERSONAL_ACCESS_TOKEN", secret: (f) => "gl" + "pat-" + f.b64url(20), prefix: "glpat-" },
  { server: "bitbucket", provider: "bitbucket-app-password", pkg: "@aashari/mcp-server-atlassian-bitbucket@1.40.0", slot: "env", key: "ATLASSIAN_BITBUCKET_APP_PASSWORD", secret: (f) => "AT" + "BB" + f.alnum(24) + hex(f, 8).toUpperCase(), prefix: "ATBB" },
  { server: "slack", provider: "slack-bot-token", pkg: "@modelcontextprotocol/server-slack@2025.4.25", slot: "env", key: "SLACK_BOT_TOKEN", secret: (f) => fakeSlackBotToken(f.alnum(6)), prefix: "xoxb-" },
  { server: "slack-user", provider: "slack-user-token", pkg: "slack-mcp-server@1.1.20", slot: "env", key: "SLACK_MCP_XOXP_TOKEN", secret: (f) => ["xo" + "xp", f.digits(13), f.digits(13), f.digits(13), hex(f, 32)].join("-"), prefix: "xoxp-" },
  { server: "slack-browser", provider: "slack-browser-token", pkg: "slack-mcp-server@1.1.20", slot: "env", key: "SLACK_MCP_XOXC_TOKEN", secret: (f) => ["xo" + "xc", f.digits(13), f.digits(13), f.digits(13), hex(f, 64)].join("-"), prefix: "xoxc-" },
  { server: "brave-search", provider: "brave-search-api-key", pkg: "@modelcontextprotocol/server-brave-search@0.6.2", slot: "env", key: "BRAVE_API_KEY", secret: (f) => "BSA" + f.b64url(28), prefix: "BSA" },
  { server: "notion", provider: "notion-integration-token", pkg: "@notionhq/notion-mcp-server@1.8.1", slot: "env", key: "NOTION_TOKEN", secret: (f) => "ntn_" + f.digits(11) + f.alnum(35), prefix: "ntn_" },
  { server: "notion-headers", provider: "notion-integration-token", pkg: "@notionhq/notion-mcp-server@1.8.1", slot: "env", key: "OPENAPI_MCP_HEADERS", template: '{"Authorization": "Bearer {S}", "Notion-Version": "2022-06-28"}', secret: (f) => "ntn_" + f.digits(11) + f.alnum(35), prefix: "ntn_" },
  { server: "linear", provider: "linear-api-key", pkg: "linear-mcp-server@0.1.0", slot: "env", key: "LINEAR_API_KEY", secret: (f) => "lin_" + "api_" + f.alnum(40), prefix: "lin_api_" },
  { server: "jira", provider: "atlassian-api-token", pkg: "mcp-atlassian", slot: "env", key: "JIRA_API_TOKEN", secret: (f) => "ATAT" + "T3xFfGF0" + f.b64url(172) + "=" + hex(f, 8).toUpperCase(), prefix: "ATATT3x" },
  { server: "confluence", provider: "atlassian-api-token", pkg: "mcp-atlassian", slot: "env", key: "CONFLUENCE_API_TOKEN", secret: (f) => "ATAT" + "T3xFfGF0" + f.b64url(172) + "=" + hex(f, 8).toUpperCase(), prefix: "ATATT3x" },
  { server: "jira-server", provider: "generic-credential", pkg: "mcp-atlassian", slot: "env", key: "JIRA_PERSONAL_TOKEN", secret: (f) => f.b64(44) },
  { server: "sentry", provider: "sentry-auth-token", pkg: "@sentry/mcp-server@0.17.1", slot: "env", key: "SENTRY_ACCESS_TOKEN", secret: (f) => "sntr" + "yu_" + hex(f, 64), prefix: "sntryu_" },
  { server: "sentry-arg", provider: "sentry-auth-token", pkg: "@sentry/mcp-server@0.17.1", slot: "arg-eq", key: "--access-token", secret: (f) => "sntr" + "yu_" + hex(f, 64), prefix: "sntryu_" },
  { server: "stripe", provider: "stripe-secret-key", pkg: "@stripe/mcp@0.2.4", slot: "arg-eq", key: "--api-key", secret: (f) => "sk_" + "live_" + f.alnum(99), prefix: "sk_live_" },
  { server: "stripe-restricted", provider: "stripe-restricted-key", pkg: "@stripe/mcp@0.2.4", slot: "env", key: "STRIPE_SECRET_KEY", secret: (f) => "rk_" + "live_" + f.alnum(99), prefix: "rk_live_" },
  { server: "supabase", provider: "supabase-pat", pkg: "@supabase/mcp-server-supabase@0.5.5", slot: "arg-space", key: "--access-token", secret: (f) => "sb" + "p_" + hex(f, 40), prefix: "sbp_" },
  { server: "supabase-env", provider: "supabase-pat", pkg: "@supabase/mcp-server-supabase@0.5.5", slot: "env", key: "SUPABASE_ACCESS_TOKEN", secret: (f) => "sb" + "p_" + hex(f, 40), prefix: "sbp_" },
  { server: "postgres", provider: "postgres-connection-string", pkg: "@modelcontextprotocol/server-postgres@0.6.2", slot: "url", key: "", template: "postgresql://app_user:{S}@db.internal.example.net:5432/app", secret: password },
  { server: "postgres-env", provider: "postgres-connection-string", pkg: "@henkey/postgres-mcp-server@1.0.5", slot: "env", key: "DATABASE_URL", template: "postgresql://postgres:{S}@db.kq2vx8wm4ntr6hzy.supabase.co:5432/postgres", secret: password },
  { server: "mysql", provider: "generic-password", pkg: "@benborla29/mcp-server-mysql@2.0.2", slot: "env", key: "MYSQL_PASS", secret: password },
  { server: "redis", provider: "redis-connection-string", pkg: "@modelcontextprotocol/server-redis@2025.4.25", slot: "url", key: "", template: "redis://default:{S}@redis-12345.c1.us-east-1-2.ec2.redns.redis-cloud.com:12345", secret: (f) => f.alnum(32) },
  { server: "mongodb", provider: "mongodb-connection-string", pkg: "mongodb-mcp-server@1.1.0", slot: "env", key: "MDB_MCP_CONNECTION_STRING", template: "mongodb+srv://app:{S}@cluster0.a7k2q.mongodb.net/?retryWrites=true&w=majority", secret: password },
  { server: "cloudflare", provider: "cloudflare-api-token", pkg: "@cloudflare/mcp-server-cloudflare@0.2.0", slot: "env", key: "CLOUDFLARE_API_TOKEN", secret: (f) => f.b64url(40) },
  { server: "cloudflare-remote", provider: "generic-authorization-header", remote: "https://observability.mcp.cloudflare.com/mcp", slot: "bearer", key: "Authorization", secret: (f) => f.b64url(40) },
  { server: "vercel", provider: "vercel-token", pkg: "@vercel/mcp-adapter@1.0.0", slot: "env", key: "VERCEL_API_TOKEN", secret: (f) => f.alnum(24) },
  { server: "netlify", provider: "netlify-pat", pkg: "@netlify/mcp@1.0.0", slot: "env", key: "NETLIFY_PERSONAL_ACCESS_TOKEN", secret: (f) => "nf" + "p_" + f.alnum(36), prefix: "nfp_" },
  { server: "firecrawl", provider: "firecrawl-api-key", pkg: "firecrawl-mcp@1.12.0", slot: "env", key: "FIRECRAWL_API_KEY", secret: (f) => "fc" + "-" + hex(f, 32), prefix: "fc-" },
  { server: "exa", provider: "exa-api-key", pkg: "exa-mcp-server@2.0.0", slot: "env", key: "EXA_API_KEY", secret: (f) => f.uuid() },
  { server: "exa-remote", provider: "exa-api-key", remote: "https://mcp.exa.ai/mcp", slot: "url", key: "", template: "https://mcp.exa.ai/mcp?exaApiKey={S}", secret: (f) => f.uuid() },
  { server: "tavily", provider: "tavily-api-key", pkg: "tavily-mcp@0.2.4", slot: "env", key: "TAVILY_API_KEY", secret: (f) => "tv" + "ly-dev-" + f.alnum(32), prefix: "tvly-" },
  { server: "tavily-remote", provider: "tavily-api-key", remote: "https://mcp.tavily.com/mcp/", slot: "url", key: "", template: "https://mcp.tavily.com/mcp/?tavilyApiKey={S}", secret: (f) => "tv" + "ly-" + f.alnum(32), prefix: "tvly-" },
  { server: "perplexity", provider: "perplexity-api-key", pkg: "server-perplexity-ask@0.1.3", slot: "env", key: "PERPLEXITY_API_KEY", secret: (f) => "pp" + "lx-" + f.alnum(48), prefix: "pplx-" },
  { server: "openai", provider: "openai-project-key", pkg: "@mzxrai/mcp-openai@1.2.0", slot: "env", key: "OPENAI_API_KEY", secret: (f) => fakeOpenAIProjectKey(f.alnum(6)), prefix: "sk-proj-" },
  { server: "anthropic", provider: "anthropic-api-key", pkg: "claude-code-mcp@1.0.0", slot: "env", key: "ANTHROPIC_API_KEY", secret: (f) => fakeAnthropicKey(f.alnum(6)), prefix: "sk-ant-" },
  { server: "google-maps", provider: "google-api-key", pkg: "@modelcontextprotocol/server-google-maps@0.6.2", slot: "env", key: "GOOGLE_MAPS_API_KEY", secret: (f) => fakeGoogleApiKey(f.alnum(6)), prefix: "AIza" },
  { server: "figma", provider: "figma-pat", pkg: "figma-developer-mcp@0.5.0", slot: "arg-eq", key: "--figma-api-key", secret: (f) => "fi" + "gd_" + f.b64url(40), prefix: "figd_" },
  { server: "airtable", provider: "airtable-pat", pkg: "airtable-mcp-server@1.6.1", slot: "env", key: "AIRTABLE_API_KEY", secret: (f) => "pa" + "t" + f.alnum(14) + "." + hex(f, 64), prefix: "pat" },
  { server: "hubspot", provider: "hubspot-private-app-token", pkg: "@hubspot/mcp-server@0.4.0", slot: "env", key: "PRIVATE_APP_ACCESS_TOKEN", secret: (f) => "pat-" + "na1-" + f.uuid(), prefix: "pat-na1-" },
  { server: "shopify", provider: "shopify-access-token", pkg: "shopify-mcp@1.0.7", slot: "arg-space", key: "--accessToken", secret: (f) => "shp" + "at_" + hex(f, 32), prefix: "shpat_" },
  { server: "todoist", provider: "generic-credential", pkg: "@abhiz123/todoist-mcp-server@0.1.0", slot: "env", key: "TODOIST_API_TOKEN", secret: (f) => hex(f, 40) },
  { server: "azure-devops", provider: "generic-credential", pkg: "@azure-devops/mcp@1.0.0", slot: "env", key: "AZURE_DEVOPS_PAT", secret: (f) => f.str("abcdefghijklmnopqrstuvwxyz234567", 52) },
  { server: "azure-devops-new", provider: "azure-devops-pat", pkg: "@azure-devops/mcp@1.0.0", slot: "env", key: "AZURE_DEVOPS_EXT_PAT", secret: (f) => f.alnum(52) + "JQQJ99" + f.alnum(3) + "AZ" + "DO" + f.alnum(4) },
  { server: "aws", provider: "aws-access-key-id", pkg: "@aws/aws-api-mcp-server", slot: "env", key: "AWS_ACCESS_KEY_ID", secret: (f) => fakeAwsAccessKeyId(f.alnum(6)), prefix: "AKIA" },
  { server: "aws-secret", provider: "aws-secret-access-key", pkg: "@aws/aws-api-mcp-server", slot: "env", key: "AWS_SECRET_ACCESS_KEY", secret: (f) => f.b64(40) },
  { server: "datadog", provider: "datadog-api-key", pkg: "@winor30/mcp-server-datadog@1.7.0", slot: "env", key: "DATADOG_API_KEY", secret: (f) => hex(f, 32) },
  { server: "datadog-app", provider: "datadog-api-key", pkg: "@winor30/mcp-server-datadog@1.7.0", slot: "env", key: "DATADOG_APP_KEY", secret: (f) => hex(f, 40) },
  { server: "grafana", provider: "grafana-service-account-token", pkg: "mcp-grafana", slot: "env", key: "GRAFANA_SERVICE_ACCOUNT_TOKEN", secret: (f) => "gl" + "sa_" + f.alnum(32) + "_" + hex(f, 8), prefix: "glsa_" },
  { server: "pagerduty", provider: "pagerduty-api-key", pkg: "pagerduty-mcp", slot: "env", key: "PAGERDUTY_USER_API_KEY", secret: (f) => "u+" + f.b64url(18) },
  { server: "twilio", provider: "twilio-auth-token", pkg: "@twilio-alpha/mcp@0.5.0", slot: "env", key: "TWILIO_AUTH_TOKEN", secret: (f) => hex(f, 32) },
  { server: "twilio-api-key", provider: "twilio-api-key-secret", pkg: "@twilio-alpha/mcp@0.5.0", slot: "arg", key: "", template: "A" + "C7f3e9d2c1b0a4f5e6d7c8b9a0f1e2d3c/" + "S" + "K4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b:{S}", secret: (f) => f.alnum(32) },
  { server: "sendgrid", provider: "sendgrid-api-key", pkg: "@garethcott/sendgrid-mcp@1.0.0", slot: "env", key: "SENDGRID_API_KEY", secret: (f) => "SG" + "." + f.b64url(22) + "." + f.b64url(43), prefix: "SG." },
  { server: "discord", provider: "discord-bot-token", pkg: "mcp-discord@1.3.4", slot: "env", key: "DISCORD_TOKEN", secret: (f) => b64urlOf(f.digits(19)).replace(/=+$/, "") + "." + f.b64url(6) + "." + f.b64url(38) },
  { server: "telegram-bot", provider: "telegram-bot-token", pkg: "telegram-bot-mcp@1.0.0", slot: "env", key: "TELEGRAM_BOT_TOKEN", secret: (f) => f.digits(10) + ":" + "AA" + f.b64url(33) },
  { server: "telegram", provider: "telegram-session-string", pkg: "telegram-mcp", slot: "env", key: "TELEGRAM_SESSION_STRING", secret: (f) => "1" + f.b64url(351) + "=" },
  { server: "telegram-api-hash", provider: "telegram-api-hash", pkg: "telegram-mcp", slot: "env", key: "TELEGRAM_API_HASH", secret: (f) => hex(f, 32) },
  { server: "zapier", provider: "zapier-mcp-url", remote: "https://mcp.zapier.com/api/mcp/mcp", slot: "url", key: "", template: "https://mcp.zapier.com/api/mcp/s/{S}/mcp", secret: (f) => Buffer.from(`${f.uuid()}:${f.uuid()}`).toString("base64") },
  { server: "zapier-actions", provider: "zapier-actions-api-key", remote: "https://actions.zapier.com/mcp/sse", slot: "url", key: "", template: "https://actions.zapier.com/mcp/{S}/sse", secret: (f) => "sk-" + "ak-" + f.alnum(32), prefix: "sk-ak-" },
  { server: "smithery", provider: "generic-url-query-credential", remote: "https://server.smithery.ai/@upstash/context7-mcp/mcp", slot: "url", key: "", template: "https://server.smithery.ai/@upstash/context7-mcp/mcp?api_key={S}&profile=dual-hornet-k3A9", secret: (f) => f.uuid() },
  { server: "smithery-cli", provider: "generic-cli-flag", pkg: "@smithery/cli@1.2.4", slot: "arg-space", key: "--key", secret: (f) => f.uuid() },
  { server: "apify", provider: "apify-api-token", pkg: "@apify/actors-mcp-server@0.2.15", slot: "env", key: "APIFY_TOKEN", secret: (f) => "apify" + "_api_" + f.alnum(36), prefix: "apify_api_" },
  { server: "browserbase", provider: "browserbase-api-key", pkg: "@browserbasehq/mcp@2.0.0", slot: "env", key: "BROWSERBASE_API_KEY", secret: (f) => "bb" + "_live_" + f.b64url(27), prefix: "bb_live_" },
  { server: "e2b", provider: "e2b-api-key", pkg: "@e2b/mcp-server@0.1.0", slot: "env", key: "E2B_API_KEY", secret: (f) => "e2" + "b_" + hex(f, 40), prefix: "e2b_" },
  { server: "neon", provider: "neon-api-key", pkg: "@neondatabase/mcp-server-neon@0.6.1", slot: "env", key: "NEON_API_KEY", secret: (f) => "na" + "pi_" + f.lower(64), prefix: "napi_" },
  { server: "planetscale", provider: "planetscale-token", pkg: "@planetscale/mcp-server", slot: "env", key: "PLANETSCALE_SERVICE_TOKEN", secret: (f) => "pscale" + "_tkn_" + f.b64url(43), prefix: "pscale_tkn_" },
  { server: "planetscale-db", provider: "planetscale-token", pkg: "@benborla29/mcp-server-mysql@2.0.2", slot: "url", key: "", template: "mysql://k3j2h1g0f9e8:{S}@aws.connect.psdb.cloud/shop?sslaccept=strict", secret: (f) => "pscale" + "_pw_" + f.b64url(43), prefix: "pscale_pw_" },
  { server: "upstash", provider: "generic-credential", pkg: "@upstash/mcp-server@0.1.0", slot: "env", key: "UPSTASH_API_KEY", secret: (f) => f.uuid() },
  { server: "upstash-redis", provider: "generic-credential", pkg: "@upstash/mcp-server@0.1.0", slot: "env", key: "UPSTASH_REDIS_REST_TOKEN", secret: (f) => "A" + f.alnum(3) + "AAIjcDE" + f.b64url(52) },
  { server: "pinecone", provider: "pinecone-api-key", pkg: "@pinecone-database/mcp@0.1.0", slot: "env", key: "PINECONE_API_KEY", secret: (f) => "pc" + "sk_" + f.alnum(6) + "_" + f.alnum(63), prefix: "pcsk_" },
  { server: "qdrant", provider: "generic-credential", pkg: "mcp-server-qdrant", slot: "env", key: "QDRANT_API_KEY", secret: (f) => f.b64url(52) },
  { server: "elasticsearch", provider: "generic-credential", pkg: "@elastic/mcp-server-elasticsearch@0.3.1", slot: "env", key: "ES_API_KEY", secret: (f) => Buffer.from(`${f.b64url(20)}:${f.b64url(22)}`).toString("base64") },
  { server: "snowflake", provider: "generic-password", pkg: "snowflake-labs-mcp", slot: "env", key: "SNOWFLAKE_PASSWORD", secret: password },
  { server: "heroku", provider: "heroku-api-key", pkg: "@heroku/mcp-server@1.0.7", slot: "env", key: "HEROKU_API_KEY", secret: (f) => "HR" + "KU-" + f.b64url(60), prefix: "HRKU-" },
  { server: "heroku-legacy", provider: "heroku-api-key-legacy", pkg: "@heroku/mcp-server@1.0.7", slot: "env", key: "HEROKU_API_KEY", secret: (f) => f.uuid() },
  { server: "digitalocean", provider: "digitalocean-token", pkg: "@digitalocean/mcp@1.0.0", slot: "env", key: "DIGITALOCEAN_API_TOKEN", secret: (f) => "do" + "p_v1_" + hex(f, 64), prefix: "dop_v1_" },
  { server: "obsidian", provider: "generic-credential", pkg: "mcp-obsidian", slot: "env", key: "OBSIDIAN_API_KEY", secret: (f) => hex(f, 64) },
  { server: "home-assistant", provider: "jwt", pkg: "hass-mcp", slot: "env", key: "HA_TOKEN", secret: (f) => jwt(f, { iss: hex(f, 32), iat: 1_735_689_600, exp: 2_051_049_600 }) },
  { server: "home-assistant-remote", provider: "jwt", remote: "http://homeassistant.local:8123/mcp_server/sse", slot: "bearer", key: "Authorization", secret: (f) => jwt(f, { iss: hex(f, 32), iat: 1_735_689_600, exp: 2_051_049_600 }) },
  { server: "context7", provider: "context7-api-key", remote: "https://mcp.context7.com/mcp", slot: "header", key: "CONTEXT7_API_KEY", secret: (f) => "ctx7" + "sk-" + f.uuid(), prefix: "ctx7sk-" },
  { server: "huggingface", provider: "huggingface-token", remote: "https://huggingface.co/mcp", slot: "bearer", key: "Authorization", secret: (f) => "h" + "f_" + f.letters(34), prefix: "hf_" },
  { server: "resend", provider: "resend-api-key", pkg: "resend-mcp@1.0.0", slot: "env", key: "RESEND_API_KEY", secret: (f) => "r" + "e_" + f.alnum(8) + "_" + f.alnum(24), prefix: "re_" },
  { server: "clickup", provider: "clickup-api-token", pkg: "@taazkareem/clickup-mcp-server@0.8.5", slot: "env", key: "CLICKUP_API_KEY", secret: (f) => "p" + "k_" + f.digits(8) + "_" + f.upper(32), prefix: "pk_" },
  { server: "asana", provider: "asana-personal-access-token", pkg: "@roychri/mcp-server-asana@1.7.0", slot: "env", key: "ASANA_ACCESS_TOKEN", secret: (f) => "2/" + f.digits(16) + "/" + f.digits(16) + ":" + hex(f, 32) },
  { server: "postman", provider: "postman-api-key", pkg: "@postman/postman-mcp-server@1.0.0", slot: "env", key: "POSTMAN_API_KEY", secret: (f) => "PM" + "AK-" + hex(f, 24) + "-" + hex(f, 34), prefix: "PMAK-" },
  { server: "serpapi", provider: "generic-credential", pkg: "serpapi-mcp", slot: "env", key: "SERPAPI_API_KEY", secret: (f) => hex(f, 64) },
  { server: "jina", provider: "generic-authorization-header", remote: "https://mcp.jina.ai/sse", slot: "bearer", key: "Authorization", secret: (f) => "ji" + "na_" + hex(f, 32) + f.alnum(28), prefix: "jina_" },
  { server: "mcp-remote-header", provider: "generic-authorization-header", pkg: "mcp-remote@0.1.29", slot: "arg-space", key: "--header", template: "Authorization: Bearer {S}", secret: (f) => f.alnum(40) },
  { server: "docker-github", provider: "github-pat-classic", pkg: "docker", slot: "arg-space", key: "-e", template: "GITHUB_PERSONAL_ACCESS_TOKEN={S}", secret: (f) => fakeGitHubToken("ghp", f.alnum(8)), prefix: "ghp_" },
  { server: "groq", provider: "groq-api-key", pkg: "groq-mcp@1.0.0", slot: "env", key: "GROQ_API_KEY", secret: (f) => "g" + "sk_" + f.alnum(52), prefix: "gsk_" },
  { server: "openrouter", provider: "openrouter-api-key", pkg: "openrouter-mcp@1.0.0", slot: "env", key: "OPENROUTER_API_KEY", secret: (f) => "sk-" + "or-v1-" + hex(f, 64), prefix: "sk-or-v1-" },
  { server: "elevenlabs", provider: "elevenlabs-api-key", pkg: "elevenlabs-mcp", slot: "env", key: "ELEVENLABS_API_KEY", secret: (f) => "s" + "k_" + hex(f, 48), prefix: "sk_" },
  { server: "google-workspace", provider: "google-oauth-client-secret", pkg: "workspace-mcp", slot: "env", key: "GOOGLE_OAUTH_CLIENT_SECRET", secret: (f) => "GOC" + "SPX-" + f.b64url(28), prefix: "GOCSPX-" },
  { server: "n8n", provider: "jwt", pkg: "n8n-mcp@2.10.0", slot: "env", key: "N8N_API_KEY", secret: (f) => jwt(f, { sub: f.uuid(), iss: "n8n", aud: "public-api", iat: 1_735_689_600 }) },
  { server: "monday", provider: "jwt", pkg: "@mondaydotcomorg/monday-api-mcp@1.0.0", slot: "arg-space", key: "-t", secret: (f) => jwt(f, { tid: Number(f.digits(9)), aai: 11, uid: Number(f.digits(8)), iad: "2025-01-01T00:00:00.000Z", per: "me:write", actid: 1, rgn: "use1" }) },
  { server: "wordpress", provider: "wordpress-application-password", pkg: "@automattic/mcp-wordpress-remote@0.2.0", slot: "env", key: "WP_API_PASSWORD", secret: (f) => [f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4)].join(" ") },
  { server: "firecrawl-remote", provider: "firecrawl-api-key", remote: "https://mcp.firecrawl.dev/v2/mcp", slot: "url", key: "", template: "https://mcp.firecrawl.dev/{S}/v2/mcp", secret: (f) => "fc" + "-" + hex(f, 32), prefix: "fc-" },
  { server: "apify-remote", provider: "apify-api-token", remote: "https://mcp.apify.com", slot: "bearer", key: "Authorization", secret: (f) => "apify" + "_api_" + f.alnum(36), prefix: "apify_api_" },
  { server: "stripe-remote", provider: "stripe-restricted-key", remote: "https://mcp.stripe.com", slot: "bearer", key: "Authorization", secret: (f) => "rk_" + "live_" + f.alnum(99), prefix: "rk_live_" },
  { server: "neon-remote", provider: "neon-api-key", remote: "https://mcp.neon.tech/mcp", slot: "bearer", key: "Authorization", secret: (f) => "na" + "pi_" + f.lower(64), prefix: "napi_" },
  { server: "composio", provider: "generic-credential", remote: "https://apollo-xyz.composio.dev/v3/mcp", slot: "header", key: "x-api-key", secret: (f) => "ak_" + f.b64url(20) },
  { server: "kibana", provider: "generic-authorization-header", remote: "https://prod-a1b2c3.kb.us-central1.gcp.cloud.es.io/api/agent_builder/mcp", slot: "header", key: "Authorization", template: "ApiKey {S}", secret: (f) => Buffer.from(`${f.b64url(20)}:${f.b64url(22)}`).toString("base64") },
  { server: "atlassian-basic", provider: "generic-authorization-header", pkg: "mcp-remote@0.1.29", slot: "arg-space", key: "--header", template: "Authorization: Basic {S}", secret: (f) => Buffer.from("dev@example.org:" + "ATAT" + "T3xFfGF0" + f.b64url(172) + "=" + f.hex(8).toUpperCase()).toString("base64") },
  { server: "datadog-remote", provider: "datadog-api-key", remote: "https://mcp.datadoghq.com/api/unstable/mcp-server/mcp", slot: "header", key: "DD_APPLICATION_KEY", secret: (f) => hex(f, 40) },
  { server: "github-token-scheme", provider: "github-pat-classic", remote: "https://api.githubcopilot.com/mcp/", slot: "header", key: "Authorization", template: "token {S}", secret: (f) => fakeGitHubToken("ghp", f.alnum(8)), prefix: "ghp_" },
  { server: "kagi", provider: "generic-credential", pkg: "kagimcp", slot: "env", key: "KAGI_API_KEY", secret: (f) => f.b64url(43) },
  { server: "axiom", provider: "axiom-token", pkg: "mcp-server-axiom", slot: "env", key: "AXIOM_TOKEN", secret: (f) => "xa" + "at-" + f.uuid(), prefix: "xaat-" },
  { server: "generic-token-flag", provider: "generic-cli-flag", pkg: "mcp-server-kubernetes@2.5.0", slot: "arg-space", key: "--token", secret: (f) => f.b64url(40) },
  { server: "generic-api-key-flag", provider: "generic-cli-flag", pkg: "@agentdeskai/browser-tools-mcp@1.2.0", slot: "arg-eq", key: "--api-key", secret: (f) => f.alnum(32) },
  { server: "contentful", provider: "contentful-pat", pkg: "@contentful/mcp-server@1.0.0", slot: "env", key: "CONTENTFUL_MANAGEMENT_ACCESS_TOKEN", secret: (f) => "CF" + "PAT-" + f.b64url(43), prefix: "CFPAT-" },
  { server: "mapbox", provider: "mapbox-secret-token", pkg: "@mapbox/mcp-server@0.2.0", slot: "env", key: "MAPBOX_ACCESS_TOKEN", secret: (f) => "sk." + b64urlOf(JSON.stringify({ u: "acme-maps", a: "cl" + f.lower(23) })) + "." + f.b64url(22), prefix: "sk." },
  { server: "flyio", provider: "flyio-token", pkg: "flyctl@0.3.0", slot: "env", key: "FLY_API_TOKEN", secret: (f) => "FlyV1 fm2_" + f.b64(180) + "==,fm2_" + f.b64(120), prefix: "FlyV1 fm2_" },
  // X's app-only bearer token starts with 21 "A"s, which placeholder filters take for a mask (x-mcp reads X_BEARER_TOKEN).
  { server: "x", provider: "x-bearer-token", pkg: "x-mcp", slot: "env", key: "X_BEARER_TOKEN", secret: (f) => "A".repeat(21) + f.alnum(4) + "A".repeat(8) + f.alnum(3) + "%2B" + f.alnum(26) + "%3D" + f.alnum(50), prefix: "A".repeat(21) },
  { server: "azure-service-bus", provider: "azure-shared-access-key", pkg: "azure-servicebus-mcp", slot: "env", key: "SERVICE_BUS_CONNECTION_STRING", template: "Endpoint=sb://acme-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={S}", secret: (f) => f.b64(43) + "=" },
  { server: "azure-cosmos", provider: "azure-storage-account-key", pkg: "azure-cosmos-mcp", slot: "env", key: "COSMOS_CONNECTION_STRING", template: "AccountEndpoint=https://acme-db.documents.azure.com:443/;AccountKey={S}==;", secret: (f) => f.b64(86) },
  { server: "circleci", provider: "circleci-token", pkg: "@circleci/mcp-server-circleci@0.14.0", slot: "env", key: "CIRCLECI_TOKEN", secret: (f) => "CCI" + "PAT_" + f.alnum(22) + "_" + hex(f, 40), prefix: "CCIPAT_" },
  { server: "buildkite", provider: "buildkite-api-token", pkg: "buildkite-mcp-server", slot: "env", key: "BUILDKITE_API_TOKEN", secret: (f) => "bk" + "ua_" + hex(f, 40), prefix: "bkua_" },
  { server: "linear-remote", provider: "linear-oauth-token", remote: "https://mcp.linear.app/mcp", slot: "bearer", key: "Authorization", secret: (f) => "lin_" + "oauth_" + hex(f, 64), prefix: "lin_oauth_" },
  { server: "brevo", provider: "brevo-api-key", pkg: "brevo-mcp", slot: "env", key: "BREVO_API_KEY", secret: (f) => "xkey" + "sib-" + hex(f, 64) + "-" + f.alnum(16), prefix: "xkeysib-" },
  { server: "langfuse", provider: "langfuse-secret-key", pkg: "langfuse-mcp", slot: "env", key: "LANGFUSE_SECRET_KEY", secret: (f) => "sk-" + "lf-" + f.uuid(), prefix: "sk-lf-" },
  { server: "prefect", provider: "prefect-api-key", pkg: "prefect-mcp-server", slot: "env", key: "PREFECT_API_KEY", secret: (f) => "pn" + "u_" + f.alnum(36), prefix: "pnu_" },
  // More servers (AI model APIs, data platforms, secret managers, CI and infrastructure), each under the name its README gives.
  { server: "replicate", provider: "replicate-api-token", pkg: "replicate-mcp@0.1.0", slot: "env", key: "REPLICATE_API_TOKEN", secret: (f) => "r" + "8_" + f.alnum(37), prefix: "r8_" },
  { server: "mistral", provider: "mistral-api-key", pkg: "mistral-mcp", slot: "env", key: "MISTRAL_API_KEY", secret: (f) => f.alnum(32) },
  { server: "deepseek", provider: "deepseek-api-key", pkg: "deepseek-mcp-server@0.2.0", slot: "env", key: "DEEPSEEK_API_KEY", secret: (f) => "sk-" + hex(f, 32) },
  { server: "cohere", provider: "cohere-api-key", pkg: "cohere-mcp", slot: "env", key: "CO_API_KEY", secret: (f) => f.alnum(40) },
  { server: "xai", provider: "xai-api-key", pkg: "grok-mcp", slot: "env", key: "XAI_API_KEY", secret: (f) => "x" + "ai-" + f.alnum(80), prefix: "xai-" },
  { server: "gemini", provider: "google-api-key", pkg: "gemini-mcp-tool", slot: "env", key: "GEMINI_API_KEY", secret: (f) => fakeGoogleApiKey(f.alnum(6)), prefix: "AIza" },
  { server: "posthog", provider: "posthog-personal-api-key", remote: "https://mcp.posthog.com/mcp", slot: "bearer", key: "Authorization", secret: (f) => "ph" + "x_" + f.alnum(43), prefix: "phx_" },
  { server: "posthog-header-env", provider: "posthog-personal-api-key", pkg: "mcp-remote@0.1.29", slot: "env", key: "POSTHOG_AUTH_HEADER", template: "Bearer {S}", secret: (f) => "ph" + "x_" + f.alnum(43), prefix: "phx_" },
  { server: "databricks", provider: "databricks-token", pkg: "databricks-mcp-server", slot: "env", key: "DATABRICKS_TOKEN", secret: (f) => "da" + "pi" + hex(f, 32), prefix: "dapi" },
  { server: "azure", provider: "azure-ad-client-secret", pkg: "@azure/mcp@0.5.0", slot: "env", key: "AZURE_CLIENT_SECRET", secret: (f) => f.alnum(3) + "8Q~" + f.alnum(34) },
  { server: "azure-openai", provider: "generic-credential", pkg: "azure-openai-mcp", slot: "env", key: "AZURE_OPENAI_API_KEY", secret: (f) => hex(f, 32) },
  { server: "vercel-prefixed", provider: "vercel-prefixed-token", pkg: "vercel-mcp", slot: "env", key: "VERCEL_TOKEN", secret: (f) => "vc" + "p_" + f.alnum(56), prefix: "vcp_" },
  { server: "sentry-org", provider: "sentry-auth-token", pkg: "@sentry/mcp-server@0.17.1", slot: "env", key: "SENTRY_AUTH_TOKEN", secret: (f) => "sntr" + "ys_" + b64urlOf(JSON.stringify({ iat: 1_735_689_600.5, url: "https://sentry.io", region_url: "https://us.sentry.io", org: "acme" })) + "_" + f.b64(43), prefix: "sntrys_" },
  { server: "dockerhub", provider: "docker-hub-pat", pkg: "dockerhub-mcp", slot: "env", key: "HUB_PAT_TOKEN", secret: (f) => "dckr" + "_pat_" + f.b64url(27), prefix: "dckr_pat_" },
  { server: "npm", provider: "npm-access-token", pkg: "npm-mcp", slot: "env", key: "NPM_TOKEN", secret: (f) => "np" + "m_" + withBase62Crc32(f.alnum(30)), prefix: "npm_" },
  { server: "doppler", provider: "doppler-token", pkg: "@dopplerhq/mcp-server", slot: "env", key: "DOPPLER_TOKEN", secret: (f) => "dp." + "st." + f.alnum(43), prefix: "dp.st." },
  { server: "onepassword", provider: "onepassword-service-account-token", pkg: "op-mcp-server", slot: "env", key: "OP_SERVICE_ACCOUNT_TOKEN", secret: (f) => "op" + "s_" + b64urlOf(JSON.stringify({ signInAddress: "my.1password.com", email: f.lower(12) + "@1passwordserviceaccounts.com", srpX: hex(f, 64), muk: { alg: "A256GCM", k: f.b64url(43), kty: "oct" }, secretKey: "A3-" + f.upper(6) + "-" + f.upper(11) })), prefix: "ops_" },
  { server: "vault", provider: "hashicorp-vault-token", pkg: "vault-mcp-server", slot: "env", key: "VAULT_TOKEN", secret: (f) => "hv" + "s." + "CAESI" + f.b64url(90), prefix: "hvs." },
  { server: "terraform", provider: "terraform-cloud-token", pkg: "terraform-mcp-server", slot: "env", key: "TFE_TOKEN", secret: (f) => f.alnum(14) + ".atlas" + "v1." + f.alnum(67) },
  { server: "pulumi", provider: "pulumi-access-token", pkg: "@pulumi/mcp-server", slot: "env", key: "PULUMI_ACCESS_TOKEN", secret: (f) => "pu" + "l-" + hex(f, 40), prefix: "pul-" },
  { server: "newrelic", provider: "new-relic-user-api-key", pkg: "newrelic-mcp", slot: "env", key: "NEW_RELIC_API_KEY", secret: (f) => "NR" + "AK-" + f.upper(27), prefix: "NRAK-" },
  { server: "newrelic-remote", provider: "new-relic-user-api-key", remote: "https://mcp.newrelic.com/mcp/", slot: "header", key: "Api-Key", secret: (f) => "NR" + "AK-" + f.upper(27), prefix: "NRAK-" },
  { server: "okta", provider: "okta-api-token", pkg: "okta-mcp-server", slot: "env", key: "OKTA_API_TOKEN", secret: (f) => "00" + f.b64url(40) },
  { server: "langsmith", provider: "langsmith-api-key", pkg: "langsmith-mcp-server", slot: "env", key: "LANGSMITH_API_KEY", secret: (f) => "lsv2" + "_pt_" + hex(f, 32) + "_" + hex(f, 10), prefix: "lsv2_pt_" },
  { server: "render", provider: "render-api-key", remote: "https://mcp.render.com/mcp", slot: "bearer", key: "Authorization", secret: (f) => "rn" + "d_" + f.alnum(28), prefix: "rnd_" },
  { server: "shopify-admin", provider: "shopify-access-token", pkg: "shopify-mcp@1.0.7", slot: "env", key: "SHOPIFY_ACCESS_TOKEN", secret: (f) => "shp" + "at_" + hex(f, 32), prefix: "shpat_" },
  { server: "hubspot-eu", provider: "hubspot-private-app-token", pkg: "@hubspot/mcp-server@0.4.0", slot: "env", key: "PRIVATE_APP_ACCESS_TOKEN", secret: (f) => "pat-" + "eu1-" + f.uuid(), prefix: "pat-eu1-" },
  { server: "github-app", provider: "github-server-to-server-token", pkg: "@modelcontextprotocol/server-github@2025.4.8", slot: "env", key: "GITHUB_TOKEN", secret: (f) => fakeGitHubToken("ghs", f.alnum(8)), prefix: "ghs_" },
  { server: "gitlab-routable", provider: "gitlab-pat", pkg: "@zereight/mcp-gitlab@2.0.0", slot: "env", key: "GITLAB_PERSONAL_ACCESS_TOKEN", secret: (f) => "gl" + "pat-" + f.b64url(27) + ".0r" + f.lower(7), prefix: "glpat-" },
  { server: "sourcegraph", provider: "sourcegraph-access-token", pkg: "@sourcegraph/mcp-server", slot: "env", key: "SRC_ACCESS_TOKEN", secret: (f) => "sg" + "p_" + hex(f, 16) + "_" + hex(f, 40), prefix: "sgp_" },
  { server: "sourcegraph-remote", provider: "sourcegraph-access-token", remote: "https://sourcegraph.example.com/.api/mcp/v1", slot: "header", key: "Authorization", template: "token {S}", secret: (f) => "sg" + "p_" + hex(f, 16) + "_" + hex(f, 40), prefix: "sgp_" },
  { server: "convex", provider: "convex-deploy-key", pkg: "convex@1.25.0", slot: "env", key: "CONVEX_DEPLOY_KEY", secret: (f) => "prod:happy-animal-123|" + "ey" + f.b64url(90), prefix: "prod:" },
  { server: "convex-preview", provider: "convex-deploy-key", pkg: "convex@1.25.0", slot: "arg-space", key: "--admin-key", secret: (f) => "preview:acme:shop-app|" + "ey" + f.b64url(90), prefix: "preview:" },
  { server: "turso", provider: "jwt", pkg: "mcp-turso", slot: "env", key: "TURSO_AUTH_TOKEN", secret: (f) => jwt(f, { a: "rw", iat: 1_735_689_600, id: f.uuid() }) },
  { server: "snyk", provider: "generic-credential", pkg: "snyk@1.1297.0", slot: "env", key: "SNYK_TOKEN", secret: (f) => f.uuid() },
  { server: "launchdarkly", provider: "generic-cli-flag", pkg: "@launchdarkly/mcp-server@0.4.0", slot: "arg-space", key: "--api-key", secret: (f) => "api-" + f.uuid() },
  { server: "algolia", provider: "generic-credential", pkg: "algolia-mcp", slot: "env", key: "ALGOLIA_API_KEY", secret: (f) => hex(f, 32) },
  { server: "klaviyo", provider: "generic-credential", pkg: "klaviyo-mcp-server", slot: "env", key: "PRIVATE_API_KEY", secret: (f) => "pk_" + hex(f, 34) },
  { server: "deepgram", provider: "generic-credential", pkg: "deepgram-mcp", slot: "env", key: "DEEPGRAM_API_KEY", secret: (f) => hex(f, 40) },
  { server: "cloudinary", provider: "generic-url-userinfo", pkg: "@cloudinary/asset-management-mcp", slot: "env", key: "CLOUDINARY_URL", template: "cloudinary://" + "482915736204851" + ":{S}@acme-cloud", secret: (f) => f.b64url(27) },
  { server: "mysql-url", provider: "mysql-connection-string", pkg: "@benborla29/mcp-server-mysql@2.0.2", slot: "env", key: "MYSQL_URL", template: "mysql://root:{S}@127.0.0.1:3306/shop", secret: password },
  { server: "mssql", provider: "generic-password", pkg: "mssql-mcp", slot: "env", key: "MSSQL_CONNECTION_STRING", template: "Server=tcp:acme.database.windows.net,1433;Database=shop;User ID=app;Password={S};Encrypt=true", secret: password },
  { server: "upstash-rediss", provider: "redis-connection-string", pkg: "@modelcontextprotocol/server-redis@2025.4.25", slot: "env", key: "REDIS_URL", template: "rediss://default:{S}@eu1-able-kite-12345.upstash.io:6379", secret: (f) => "A" + f.alnum(3) + "AAIjcDE" + f.b64url(52) },
  { server: "neo4j", provider: "generic-password", pkg: "mcp-neo4j-cypher", slot: "env", key: "NEO4J_PASSWORD", secret: password },
  { server: "aws-session", provider: "aws-session-token", pkg: "@aws/aws-api-mcp-server", slot: "env", key: "AWS_SESSION_TOKEN", secret: (f) => "IQoJb3JpZ2luX2Vj" + "E" + f.b64(380) },
  { server: "twilio-api-secret", provider: "generic-credential", pkg: "@twilio-alpha/mcp@0.5.0", slot: "env", key: "TWILIO_API_SECRET", secret: (f) => f.alnum(32) },
  { server: "mailgun", provider: "mailgun-sending-key", pkg: "@mailgun/mcp-server", slot: "env", key: "MAILGUN_API_KEY", secret: (f) => hex(f, 32) + "-" + hex(f, 8) + "-" + hex(f, 8) },
  { server: "zendesk", provider: "generic-credential", pkg: "zendesk-mcp-server", slot: "env", key: "ZENDESK_API_TOKEN", secret: (f) => f.alnum(40) },
  { server: "webflow", provider: "generic-credential", pkg: "webflow-mcp-server", slot: "env", key: "WEBFLOW_TOKEN", secret: (f) => hex(f, 64) },
  { server: "razorpay", provider: "generic-credential", pkg: "razorpay-mcp-server", slot: "env", key: "RAZORPAY_KEY_SECRET", secret: (f) => f.alnum(24) },
  { server: "smithery-env", provider: "generic-credential", pkg: "@smithery/cli@1.2.4", slot: "env", key: "SMITHERY_API_KEY", secret: (f) => f.uuid() },
  { server: "weaviate", provider: "generic-credential", pkg: "mcp-server-weaviate", slot: "env", key: "WEAVIATE_API_KEY", secret: (f) => f.b64(48) },
];

/**
 * Keys their providers publish for browsers and apps, under the names MCP servers read: none is a
 * hard-coded secret (Stripe's publishable key, a Mapbox public token, a PostHog project key).
 */
export const PUBLIC_KEYS: readonly { readonly key: string; readonly value: (f: Fake) => string }[] = [
  { key: "STRIPE_PUBLISHABLE_KEY", value: (f) => "pk_" + "live_" + f.alnum(99) },
  { key: "STRIPE_KEY", value: (f) => "pk_" + "test_" + f.alnum(99) },
  { key: "MAPBOX_ACCESS_TOKEN", value: (f) => "pk." + b64urlOf(JSON.stringify({ u: "acme-maps", a: "cl" + f.lower(23) })) + "." + f.b64url(22) },
  { key: "POSTHOG_API_KEY", value: (f) => "ph" + "c_" + f.alnum(43) },
];

/** Placeholders people leave in these slots; `{P}` stands for the row's prefix where it has one. */
export const PLACEHOLDERS: readonly string[] = [
  "<your-token>", "<YOUR_API_KEY>", "YOUR_API_KEY", "your_api_key_here", "your-api-key", "xxx", "xxxxxxxxxxxxxxxxxxxxxxxx", "sk-...", "ghp_xxxxxxxx",
  "your_brave_api_key_here", "changeme", "", "REPLACE_ME", "<token>", "TODO", "***", "paste-your-key-here", "YOUR_TOKEN_HERE",
  "{P}...", "{P}xxxxxxxxxxxxxxxxxxxx", "{P}<your-key>", "{P}YOUR_KEY", "{P}your_token_here", "{P}XXXXXXXXXXXXXXXXXXXX", "<YOUR_TOKEN_HERE>",
  "xxxx", "password", "yourpassword", "YOUR_PASSWORD", "<password>", "[YOUR-PASSWORD]", "****", "mypassword", "secret", "none", "null", "-",
  "<YOUR_GITHUB_PERSONAL_ACCESS_TOKEN>", "your-github-token", "sk-ant-xxxxx", "insert-key-here", "ENTER_YOUR_KEY",
  // Seen in public READMEs and configs (several languages).
  "<PERSONAL ACCESS TOKEN HERE>", "<get from id.atlassian.com, Security, API tokens>", "token-123", "synthetic-token", "xoxb-1234567890",
  "TU_BRAVE_API_KEY_AQUI", "tu-clave-api", "seu-token-api", "votre-cle-api", "votre_jeton_ici", "dein-api-schluessel", "DEIN_TOKEN_HIER",
  "il-tuo-token", "jouw-api-sleutel", "twoj-klucz-api", "\u0432\u0430\u0448_\u0442\u043e\u043a\u0435\u043d", "\u5728\u8fd9\u91cc\u586b\u4f60\u81ea\u5df1\u7684key", "\u4f60\u7684API\u5bc6\u94a5", "{P}\u4f60\u7684\u5b9e\u9645\u4ee4\u724c",
  "votre_mot_de_passe", "tu_contrasena", "sua_senha", "dein_passwort", "mijn_wachtwoord", "twoje_haslo", "la_tua_password",
  "{api_key}", "[TOKEN]", "%API_KEY%", "ABC123", "sk-proj-********************", "REDACTED", "[REDACTED]", "secret-token",
  // jwt.io's example token, pasted where a README says "your token" (a keyed pattern once took its header for a Brave key).
  JWT_IO_EXAMPLE,
  "{{API_KEY}}", "{{ GITHUB_TOKEN }}", "$env:API_KEY", "<%= ENV['API_KEY'] %>", "{P}************", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "00000000-0000-0000-0000-000000000000",
];

/** References in each client's syntax, as the config file the client reads them from. */
export const REFERENCES: readonly { readonly file: string; readonly value: (name: string) => string }[] = [
  { file: ".vscode/mcp.json", value: (n) => `\${env:${n}}` },
  { file: ".vscode/mcp.json", value: (n) => `\${input:${n.toLowerCase()}}` },
  { file: ".mcp.json", value: (n) => `\${${n}}` },
  { file: ".mcp.json", value: (n) => `\${${n}:-}` },
  { file: ".cursor/mcp.json", value: (n) => `\${env:${n}}` },
  { file: ".cursor/mcp.json", value: () => "op://Private/mcp-server/credential" },
  { file: "opencode.json", value: (n) => `{env:${n}}` },
  { file: "opencode.json", value: (n) => `{file:~/.secrets/${n.toLowerCase()}}` },
  { file: ".gemini/settings.json", value: (n) => `$${n}` },
  { file: ".gemini/settings.json", value: (n) => `%${n}%` },
  { file: ".windsurf/mcp_config.json", value: (n) => `\${file:/run/secrets/${n.toLowerCase()}}` },
  { file: ".continue/mcpServers/server.json", value: (n) => `\${{ secrets.${n} }}` },
  { file: ".continue/mcpServers/server.yaml", value: (n) => `\${{ secrets.${n} }}` },
  { file: ".config/goose/config.yaml", value: (n) => `\${${n}}` },
  { file: ".codex/config.toml", value: (n) => `\${${n}}` },
  { file: ".mcp.json", value: (n) => `\${${n}:?set ${n}}` },
  { file: ".mcp.json", value: (n) => `$(op read op://Private/${n.toLowerCase()}/credential)` },
  { file: ".cursor/mcp.json", value: (n) => `{vault://env/${n.toLowerCase()}}` },
  { file: ".cursor/mcp.json", value: (n) => `vault:secret/data/mcp#${n.toLowerCase()}` },
  { file: ".cursor/mcp.json", value: (n) => `arn:aws:secretsmanager:us-east-1:123456789012:secret:mcp/${n.toLowerCase()}-AbCdEf` },
  { file: ".cursor/mcp.json", value: (n) => `projects/my-project/secrets/${n.toLowerCase()}/versions/latest` },
  { file: ".cursor/mcp.json", value: (n) => `@Microsoft.KeyVault(SecretUri=https://mcp-kv.vault.azure.net/secrets/${n.toLowerCase().replace(/_/g, "-")}/)` },
  { file: ".cursor/mcp.json", value: (n) => `{{ .Env.${n} }}` },
];

export type CaseKind = "pasted" | "placeholder" | "reference";

export interface Case {
  readonly kind: CaseKind;
  readonly row: ServerRow;
  /** The file, under a folder of its own (`<kind>/<n>/.cursor/mcp.json`). */
  readonly path: string;
  readonly text: string;
  /** What was written in the slot (the secret, the placeholder or the reference). */
  readonly value: string;
  /** 1-based line and column of `value` in `text` (pasted cases). */
  readonly line: number;
  readonly column: number;
}

function entry(row: ServerRow, value: string, opencode: boolean): Record<string, unknown> {
  const v = (row.template ?? "{S}").replace("{S}", value);
  const headers = row.slot === "header" ? { [row.key]: v } : row.slot === "bearer" ? { [row.key]: `Bearer ${v}` } : undefined;
  if (row.remote !== undefined) {
    const url = row.slot === "url" ? v : row.remote;
    return opencode ? { type: "remote", url, ...(headers && { headers }) } : { type: "http", url, ...(headers && { headers }) };
  }
  const docker = row.pkg === "docker";
  const launch = docker ? ["run", "-i", "--rm"] : ["-y", row.pkg ?? ""];
  const tail = docker ? ["ghcr.io/github/github-mcp-server:v0.9.0"] : [];
  const slotArgs = row.slot === "arg-eq" ? [`${row.key}=${v}`] : row.slot === "arg-space" ? [row.key, v] : row.slot === "arg" || row.slot === "url" ? [v] : [];
  const args = [...launch, ...slotArgs, ...tail];
  const env = row.slot === "env" ? { [row.key]: v } : undefined;
  const command = docker ? "docker" : "npx";
  if (opencode) return { type: "local", command: [command, ...args], ...(env && { environment: env }) };
  return { command, args, ...(env && { env }) };
}

const tomlString = (v: string): string => (/["\\]/.test(v) ? `'${v}'` : JSON.stringify(v));
const tomlTable = (t: Record<string, string>): string => `{ ${Object.entries(t).map(([k, v]) => `${JSON.stringify(k)} = ${tomlString(v)}`).join(", ")} }`;
/** YAML block lines for a map under `indent` (values double-quoted, as JSON strings are valid YAML). */
const yamlMap = (t: Record<string, string>, indent: string): string[] => Object.entries(t).map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`);

/** Codex's `[mcp_servers.<name>]` table. */
function codexToml(name: string, e: Record<string, unknown>): string {
  const lines = [`[mcp_servers.${name}]`];
  if (typeof e["url"] === "string") lines.push(`url = ${tomlString(e["url"])}`);
  if (e["headers"]) lines.push(`http_headers = ${tomlTable(e["headers"] as Record<string, string>)}`);
  if (typeof e["command"] === "string") lines.push(`command = ${tomlString(e["command"])}`, `args = [${(e["args"] as string[]).map(tomlString).join(", ")}]`);
  if (e["env"]) lines.push(`env = ${tomlTable(e["env"] as Record<string, string>)}`);
  return lines.join("\n") + "\n";
}

/** A Continue workspace block (`.continue/mcpServers/<name>.yaml`): a list of servers. */
function continueYaml(name: string, e: Record<string, unknown>): string {
  const lines = [`name: ${name}`, "version: 0.0.1", "schema: v1", "mcpServers:", `  - name: ${name}`];
  if (typeof e["url"] === "string") lines.push("    type: streamable-http", `    url: ${JSON.stringify(e["url"])}`);
  if (e["headers"]) lines.push("    requestOptions:", "      headers:", ...yamlMap(e["headers"] as Record<string, string>, "        "));
  if (typeof e["command"] === "string") lines.push(`    command: ${e["command"]}`, "    args:", ...(e["args"] as string[]).map((a) => `      - ${JSON.stringify(a)}`));
  if (e["env"]) lines.push("    env:", ...yamlMap(e["env"] as Record<string, string>, "      "));
  return lines.join("\n") + "\n";
}

/** A YAML scalar as people write it: plain where YAML allows, else double-quoted. */
const yamlPlain = (v: string): string => (v === "" || /^[-?:,[\]{}#&*!|>'"%@`\s]|: | #|:$|\s$/.test(v) ? JSON.stringify(v) : v);

/** Goose's `extensions:` map (`cmd`, `envs`; a remote's `uri`), values written plain. */
function gooseYaml(name: string, e: Record<string, unknown>): string {
  const lines = ["GOOSE_MODE: approve", "extensions:", `  ${name}:`, `    name: ${name}`, "    enabled: true", "    timeout: 300"];
  if (typeof e["url"] === "string") lines.push("    type: streamable_http", `    uri: ${JSON.stringify(e["url"])}`);
  const plainMap = (t: Record<string, string>) => Object.entries(t).map(([k, v]) => `      ${k}: ${yamlPlain(v)}`);
  if (e["headers"]) lines.push("    headers:", ...plainMap(e["headers"] as Record<string, string>));
  if (typeof e["command"] === "string") lines.push("    type: stdio", `    cmd: ${e["command"]}`, "    args:", ...(e["args"] as string[]).map((a) => `    - ${yamlPlain(a)}`));
  if (e["env"]) lines.push("    envs:", ...plainMap(e["env"] as Record<string, string>));
  return lines.join("\n") + "\n";
}

/** A client config holding this row's server with `value` in its slot. */
export function configText(file: string, row: ServerRow, value: string): string {
  const e = entry(row, value, file === "opencode.json");
  if (file.endsWith("config.toml")) return codexToml(row.server, e);
  if (file.startsWith(".continue/") && file.endsWith(".yaml")) return continueYaml(row.server, e);
  if (file.endsWith("goose/config.yaml")) return gooseYaml(row.server, e);
  const doc =
    file === "opencode.json"
      ? { $schema: "https://opencode.ai/config.json", mcp: { [row.server]: e } }
      : file === ".vscode/mcp.json"
        ? { servers: { [row.server]: e } }
        : { mcpServers: { [row.server]: e } };
  return JSON.stringify(doc, null, 2) + "\n";
}

function position(text: string, value: string): { line: number; column: number } {
  const at = value === "" ? -1 : text.indexOf(value);
  if (at < 0) return { line: 0, column: 0 };
  const before = text.slice(0, at);
  return { line: before.split("\n").length, column: at - before.lastIndexOf("\n") };
}

/** The client files a pasted credential is written in: each row in every one of them. */
export const PASTED_FILES = [".mcp.json", ".cursor/mcp.json", ".vscode/mcp.json", "opencode.json", ".codex/config.toml", ".continue/mcpServers/server.yaml", ".config/goose/config.yaml"];

/** The files placeholders are written in: JSON strings and plain YAML scalars. */
const PLACEHOLDER_FILES = [".cursor/mcp.json", ".config/goose/config.yaml"];

/** Every case: each row pasted in each client's file, with each placeholder and each reference. */
export function allCases(rows: readonly ServerRow[] = SERVER_ROWS): Case[] {
  const out: Case[] = [];
  const add = (kind: CaseKind, row: ServerRow, file: string, value: string) => {
    const text = configText(file, row, value);
    out.push({ kind, row, path: `${kind}/${out.length}/${file}`, text, value, ...position(text, value) });
  };
  rows.forEach((row) => {
    const secret = row.secret(new Fake(`mcp-servers/${row.server}`));
    for (const file of PASTED_FILES) add("pasted", row, file, secret);
    for (const p of PLACEHOLDERS) {
      if (p.startsWith("{P}") && row.prefix === undefined) continue;
      for (const file of PLACEHOLDER_FILES) add("placeholder", row, file, p.replace("{P}", row.prefix ?? ""));
    }
    const name = row.slot === "env" ? row.key : `${row.server.toUpperCase().replace(/-/g, "_")}_TOKEN`;
    for (const r of REFERENCES) add("reference", row, r.file, r.value(name));
  });
  return out;
}
