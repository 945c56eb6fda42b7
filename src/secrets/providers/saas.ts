/** SaaS APIs: chat, payments, messaging, package registries, observability, productivity. */
import { validBase62Crc32Token, withBase62Crc32 } from "../checksum.js";
import { shannonEntropy } from "../entropy.js";
import { Fake } from "../fake.js";
import { isDocumentationExample, isPlaceholder } from "../placeholders.js";
import type { ProviderRule } from "../types.js";
import { keyed, notAfter, prefixed, SOME_JWT, withLazySamples, wrap } from "./helpers.js";

const f = new Fake("saas");
const npmToken = (seed: string): string => "npm" + "_" + withBase62Crc32(new Fake(seed).alnum(30));
const slackId = (): string => "1" + f.digits(11);
/** An X app-only bearer token's shape: 21 "A"s, an app part with more zero bytes, `%3D`, a random tail. */
const xBearer = (): string => "A".repeat(21) + f.alnum(4) + "A".repeat(8) + f.alnum(3) + "%2B" + f.alnum(26) + "%3D" + f.alnum(50);

/** An X bearer token whose random tail (after its `=`) is no placeholder, and not one that X publishes. */
function xBearerToken(secret: string): boolean {
  if (isDocumentationExample(secret)) return false;
  const tail = secret.slice(Math.max(secret.lastIndexOf("="), secret.toUpperCase().lastIndexOf("%3D") + 2) + 1);
  return !isPlaceholder(tail) && shannonEntropy(tail) >= 3.5;
}

export const SAAS: readonly ProviderRule[] = withLazySamples([
  // Slack
  {
    id: "slack-bot-token",
    title: "Slack bot token",
    pattern: prefixed("xoxb-", "[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}"),
    keywords: ["xoxb-"],
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("SLACK_BOT_TOKEN", `xoxb-${slackId()}-${slackId()}-${f.alnum(24)}`)],
      fp: [wrap.json("SLACK_BOT_TOKEN", "xoxb-your-bot-token"), wrap.json("SLACK_BOT_TOKEN", "xoxb-0000000000-0000000000-xxxxxxxxxxxxxxxxxxxxxxxx")],
    }),
  },
  {
    id: "slack-user-token",
    title: "Slack user token",
    pattern: prefixed("xox[pe]-", "(?:[0-9]{10,13}-){3}[A-Za-z0-9]{28,34}"),
    keywords: ["xoxp-", "xoxe-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SLACK_USER_TOKEN", `xoxp-${slackId()}-${slackId()}-${slackId()}-${f.hex(32)}`)], fp: [wrap.env("SLACK_USER_TOKEN", "xoxp-...")] }),
  },
  {
    id: "slack-app-token",
    title: "Slack app-level token",
    pattern: prefixed("xapp-", "\\d-[A-Z0-9]{8,20}-\\d{10,16}-[a-z0-9]{32,80}"),
    keywords: ["xapp-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SLACK_APP_TOKEN", `xapp-1-A${f.upper(10)}-${f.digits(13)}-${f.hex(64)}`)], fp: [wrap.env("SLACK_APP_TOKEN", "xapp-1-your-app-token")] }),
  },
  {
    id: "slack-config-token",
    title: "Slack configuration / refresh token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_-]")}(?<secret>xoxe(?:\.xox[bp])?-\d-[A-Za-z0-9]{140,170})(?![A-Za-z0-9_-])`),
    keywords: ["xoxe"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SLACK_CONFIG_TOKEN", "xoxe.xoxp-1-" + f.alnum(164))], fp: [wrap.env("SLACK_CONFIG_TOKEN", "xoxe.xoxp-1-...")] }),
  },
  {
    id: "slack-webhook-url",
    title: "Slack incoming webhook URL",
    pattern: /(?<secret>(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,120})/,
    keywords: ["hooks.slack.com"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.env("SLACK_WEBHOOK_URL", `https://hooks.slack.com/services/T${f.upper(8)}/B${f.upper(10)}/${f.alnum(24)}`)],
      fp: [wrap.env("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")],
    }),
  },
  // Payments
  {
    id: "stripe-secret-key",
    title: "Stripe live secret key",
    pattern: prefixed("sk_live_", "[A-Za-z0-9]{24,247}"),
    keywords: ["sk_live_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("STRIPE_SECRET_KEY", "sk_live_" + f.alnum(99))], fp: [wrap.env("STRIPE_SECRET_KEY", "sk_live_your_stripe_key_here")] }),
  },
  {
    id: "stripe-test-secret-key",
    title: "Stripe test-mode secret key",
    pattern: prefixed("sk_test_", "[A-Za-z0-9]{24,247}"),
    keywords: ["sk_test_"],
    minEntropy: 3.5,
    confidence: "low",
    samples: () => ({ tp: [wrap.env("STRIPE_SECRET_KEY", "sk_test_" + f.alnum(99))], fp: [wrap.env("STRIPE_SECRET_KEY", ["sk", "_test_", "4eC39HqLyjWDarjtT1zdp7dc"].join(""))] }),
  },
  {
    id: "stripe-restricted-key",
    title: "Stripe restricted key",
    pattern: prefixed("rk_(?:live|test)_", "[A-Za-z0-9]{24,247}"),
    keywords: ["rk_live_", "rk_test_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("STRIPE_API_KEY", "rk_live_" + f.alnum(99))], fp: [wrap.json("STRIPE_API_KEY", "rk_live_xxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    id: "stripe-webhook-secret",
    title: "Stripe webhook signing secret",
    pattern: prefixed("whsec_", "[A-Za-z0-9+/=]{32,100}"),
    keywords: ["whsec_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("STRIPE_WEBHOOK_SECRET", "whsec_" + f.alnum(32))], fp: [wrap.env("STRIPE_WEBHOOK_SECRET", "whsec_...")] }),
  },
  // Messaging and e-mail
  {
    id: "twilio-api-key",
    title: "Twilio API key SID",
    pattern: /(?<![A-Za-z0-9])(?<secret>SK[0-9a-fA-F]{32})(?![A-Za-z0-9])/,
    // "sk" and the hex digit the pattern needs after it: "task", "desk", "mask" ... no longer wake the rule.
    keywords: [..."0123456789abcdef"].map((h) => `sk${h}`),
    minEntropy: 3,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("TWILIO_API_KEY", "SK" + f.hex(32))], fp: [wrap.env("TWILIO_API_KEY", "SKXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")] }),
  },
  {
    id: "twilio-auth-token",
    title: "Twilio auth token / API secret (keyed)",
    pattern: keyed("twilio", "[a-f0-9]{32}"),
    keywords: ["twilio"],
    minEntropy: 3,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("TWILIO_AUTH_TOKEN", f.hex(32))], fp: [wrap.env("TWILIO_AUTH_TOKEN", "your_auth_token")] }),
  },
  {
    id: "sendgrid-api-key",
    title: "SendGrid API key",
    pattern: prefixed("SG\\.", "[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}"),
    keywords: ["sg."],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SENDGRID_API_KEY", "SG." + f.b64url(22) + "." + f.b64url(43))], fp: [wrap.env("SENDGRID_API_KEY", "SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    id: "mailgun-api-key",
    title: "Mailgun API key",
    pattern: prefixed("key-", "[0-9a-f]{32}"),
    keywords: ["key-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("MAILGUN_API_KEY", "key-" + f.hex(32))], fp: [wrap.env("MAILGUN_API_KEY", "key-" + "0".repeat(32))] }),
  },
  {
    id: "mailgun-sending-key",
    title: "Mailgun sending / private key (keyed)",
    pattern: keyed("mailgun", "[a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}"),
    keywords: ["mailgun"],
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("MAILGUN_SENDING_KEY", `${f.hex(32)}-${f.hex(8)}-${f.hex(8)}`)], fp: [wrap.env("MAILGUN_DOMAIN", "mg.example.com")] }),
  },
  {
    id: "mailchimp-api-key",
    title: "Mailchimp API key",
    pattern: /(?<![A-Za-z0-9])(?<secret>[0-9a-f]{32}-us\d{1,2})(?![A-Za-z0-9])/,
    // "-us" and the digit the pattern needs after it: locale tags ("en-us") no longer wake the rule.
    keywords: [..."0123456789"].map((d) => `-us${d}`),
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("MAILCHIMP_API_KEY", f.hex(32) + "-us21")], fp: [wrap.env("MAILCHIMP_API_KEY", "0".repeat(32) + "-us21")] }),
  },
  {
    id: "postmark-server-token",
    title: "Postmark server token (keyed)",
    pattern: keyed("postmark", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    keywords: ["postmark"],
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("POSTMARK_SERVER_TOKEN", f.uuid())], fp: [wrap.env("POSTMARK_SERVER_TOKEN", "00000000-0000-0000-0000-000000000000")] }),
  },
  {
    id: "telegram-bot-token",
    title: "Telegram bot token",
    pattern: /(?<![0-9A-Za-z])(?<secret>[0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])/,
    keywords: [":aa"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("TELEGRAM_BOT_TOKEN", "7" + f.digits(9) + ":AA" + f.b64url(33))], fp: [wrap.env("TELEGRAM_BOT_TOKEN", "123456789:AAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    id: "discord-bot-token",
    title: "Discord bot token",
    pattern: /(?<![A-Za-z0-9_.-])(?<secret>[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![A-Za-z0-9_.-])/,
    keywords: ["discord"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DISCORD_BOT_TOKEN", "MT" + f.b64url(24) + "." + f.b64url(6) + "." + f.b64url(38))], fp: [wrap.env("DISCORD_BOT_TOKEN", "your-discord-bot-token")] }),
  },
  {
    id: "discord-webhook-url",
    title: "Discord webhook URL",
    pattern: /(?<secret>https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,70})/,
    keywords: ["/api/webhooks/"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DISCORD_WEBHOOK", `https://discord.com/api/webhooks/1${f.digits(18)}/${f.b64url(68)}`)], fp: [wrap.env("DISCORD_WEBHOOK", "https://discord.com/api/webhooks/<id>/<token>")] }),
  },
  {
    // An Office 365 connector URL: the tenant and connector GUIDs and the 32-hex-digit path segment are
    // what lets anyone post to the channel (outlook.office.com is the host of the older URLs).
    id: "teams-webhook-url",
    title: "Microsoft Teams incoming webhook URL",
    pattern: /(?<secret>https:\/\/(?:[A-Za-z0-9-]{1,63}\.webhook\.office\.com\/webhookb2|outlook\.office(?:365)?\.com\/webhook)\/[0-9a-fA-F-]{36}@[0-9a-fA-F-]{36}\/IncomingWebhook\/[0-9a-fA-F]{32}\/[0-9a-fA-F-]{36}(?:\/[A-Za-z0-9_-]{20,100})?)/,
    keywords: ["/incomingwebhook/"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.env("TEAMS_WEBHOOK_URL", `https://contoso.webhook.office.com/webhookb2/${f.uuid()}@${f.uuid()}/IncomingWebhook/${f.hex(32)}/${f.uuid()}`)],
      fp: [wrap.env("TEAMS_WEBHOOK_URL", "https://contoso.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<connector-id>")],
    }),
  },
  // Package registries
  {
    id: "npm-access-token",
    title: "npm access token",
    pattern: prefixed("npm_", "[A-Za-z0-9]{36}"),
    keywords: ["npm_"],
    validate: (s) => validBase62Crc32Token(s, 4),
    confidence: "high",
    samples: () => ({
      tp: [`//registry.npmjs.org/:_authToken=${npmToken("n1")}`, wrap.env("NPM_TOKEN", npmToken("n2"))],
      fp: [`//registry.npmjs.org/:_authToken=${npmToken("n1").slice(0, -1)}${npmToken("n1").endsWith("A") ? "B" : "A"}`, "//registry.npmjs.org/:_authToken=${NPM_TOKEN}"],
    }),
  },
  {
    id: "pypi-upload-token",
    title: "PyPI upload token",
    pattern: prefixed("pypi-AgEIcHlwaS5vcmc", "[A-Za-z0-9_-]{50,1000}"),
    keywords: ["pypi-ageichlwas5vcmc"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [`[pypi]\nusername = __token__\npassword = pypi-AgEIcHlwaS5vcmc${f.b64url(120)}\n`], fp: [`password = pypi-AgEIcHlwaS5vcmc...`] }),
  },
  {
    id: "rubygems-api-key",
    title: "RubyGems API key",
    pattern: prefixed("rubygems_", "[a-f0-9]{48}"),
    keywords: ["rubygems_"],
    confidence: "high",
    samples: () => ({ tp: [`:rubygems_api_key: rubygems_${f.hex(48)}`], fp: [`:rubygems_api_key: rubygems_<key>`] }),
  },
  {
    id: "nuget-api-key",
    title: "NuGet API key",
    pattern: prefixed("oy2", "[a-z0-9]{43}"),
    keywords: ["oy2"],
    minEntropy: 3.5,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("NUGET_API_KEY", "oy2" + f.lower(43))], fp: [wrap.env("NUGET_API_KEY", "oy2" + "a".repeat(43))] }),
  },
  // Productivity and developer tools
  {
    id: "notion-integration-token",
    title: "Notion integration token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_-]")}(?<secret>ntn_[A-Za-z0-9]{46}|secret_[A-Za-z0-9]{43})(?![A-Za-z0-9_-])`),
    keywords: ["ntn_", "secret_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("NOTION_TOKEN", "ntn_" + f.digits(11) + f.alnum(35)), wrap.json("NOTION_API_KEY", "secret_" + f.alnum(43))], fp: [wrap.json("NOTION_TOKEN", "ntn_****"), wrap.json("NOTION_API_KEY", "secret_your_notion_integration_token")] }),
  },
  {
    id: "linear-api-key",
    title: "Linear API key",
    pattern: prefixed("lin_api_", "[A-Za-z0-9]{40}"),
    keywords: ["lin_api_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("LINEAR_API_KEY", "lin_api_" + f.alnum(40))], fp: [wrap.env("LINEAR_API_KEY", "lin_api_...")] }),
  },
  {
    id: "figma-pat",
    title: "Figma personal access token",
    pattern: prefixed("figd_", "[A-Za-z0-9_-]{38,64}"),
    keywords: ["figd_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [`npx -y figma-developer-mcp --figma-api-key=figd_${f.b64url(40)} --stdio`], fp: [`--figma-api-key=figd_YOUR-KEY`] }),
  },
  {
    id: "postman-api-key",
    title: "Postman API key",
    pattern: prefixed("PMAK-", "[a-f0-9]{24}-[a-f0-9]{34}"),
    keywords: ["pmak-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.json("POSTMAN_API_KEY", `PMAK-${f.hex(24)}-${f.hex(34)}`)], fp: [wrap.json("POSTMAN_API_KEY", "PMAK-your-key")] }),
  },
  {
    id: "airtable-pat",
    title: "Airtable personal access token",
    pattern: prefixed("pat", "[A-Za-z0-9]{14}\\.[a-f0-9]{64}"),
    keywords: ["pat"],
    confidence: "high",
    samples: () => ({ tp: [wrap.json("AIRTABLE_API_KEY", "pat" + f.alnum(14) + "." + f.hex(64))], fp: [wrap.json("AIRTABLE_API_KEY", "patXXXXXXXXXXXXXX.XXXXXXXX")] }),
  },
  {
    id: "shopify-access-token",
    title: "Shopify access token",
    pattern: prefixed("shp(?:at|ca|pa)_", "[a-fA-F0-9]{32}"),
    keywords: ["shpat_", "shpca_", "shppa_"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SHOPIFY_ACCESS_TOKEN", "shpat_" + f.hex(32))], fp: [wrap.env("SHOPIFY_ACCESS_TOKEN", "shpat_" + "0".repeat(32))] }),
  },
  {
    id: "shopify-shared-secret",
    title: "Shopify app shared secret",
    pattern: prefixed("shpss_", "[a-fA-F0-9]{32}"),
    keywords: ["shpss_"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SHOPIFY_API_SECRET", "shpss_" + f.hex(32))], fp: [wrap.env("SHOPIFY_API_SECRET", "shpss_<secret>")] }),
  },
  {
    id: "okta-api-token",
    title: "Okta API token",
    pattern: keyed("okta|ssws", "00[A-Za-z0-9_-]{40}"),
    keywords: ["okta", "ssws"],
    minEntropy: 3.5,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("OKTA_API_TOKEN", "00" + f.b64url(40)), `Authorization: SSWS 00${f.b64url(40)}`], fp: [wrap.env("OKTA_API_TOKEN", "{yourOktaApiToken}")] }),
  },
  // Observability and incident response
  {
    id: "sentry-auth-token",
    title: "Sentry auth token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_-]")}(?<secret>sntrys_eyJ[A-Za-z0-9+/=_-]{60,1000}|sntryu_[a-f0-9]{64})(?![A-Za-z0-9+/=_-])`),
    keywords: ["sntrys_", "sntryu_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("SENTRY_AUTH_TOKEN", "sntrys_eyJ" + f.b64url(120) + "_" + f.b64(43)), wrap.env("SENTRY_AUTH_TOKEN", "sntryu_" + f.hex(64))], fp: [wrap.env("SENTRY_AUTH_TOKEN", "sntrys_...")] }),
  },
  {
    id: "sentry-dsn",
    title: "Sentry DSN (client key)",
    pattern: /https:\/\/(?<secret>[a-f0-9]{32})(?::[a-f0-9]{32})?@[A-Za-z0-9.-]{0,60}(?:sentry\.io|ingest\.[A-Za-z0-9.-]{1,60})\/\d{1,12}/,
    keywords: ["sentry.io", "ingest."],
    minEntropy: 3,
    confidence: "low",
    samples: () => ({ tp: [wrap.env("SENTRY_DSN", `https://${f.hex(32)}@o${f.digits(6)}.ingest.us.sentry.io/${f.digits(7)}`)], fp: [wrap.env("SENTRY_DSN", "https://<key>@o0.ingest.sentry.io/0")] }),
  },
  {
    id: "datadog-api-key",
    title: "Datadog API / application key (keyed)",
    pattern: keyed("datadog|dd_api|dd-api|dd_app|dd-app|dd_application", "[a-f0-9]{32}|[a-f0-9]{40}"),
    keywords: ["datadog", "dd_api", "dd-api", "dd_app", "dd-app", "dd_application"],
    minEntropy: 3,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("DD_API_KEY", f.hex(32)), wrap.json("DATADOG_APP_KEY", f.hex(40))], fp: [wrap.env("DD_SITE", "datadoghq.com"), wrap.env("DD_API_KEY", "<DATADOG_API_KEY>")] }),
  },
  {
    id: "grafana-cloud-token",
    title: "Grafana Cloud access policy token",
    pattern: prefixed("glc_", "[A-Za-z0-9+/]{32,400}={0,2}"),
    keywords: ["glc_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("GRAFANA_CLOUD_TOKEN", "glc_eyJ" + f.b64(120))], fp: [wrap.env("GRAFANA_CLOUD_TOKEN", "glc_...")] }),
  },
  {
    id: "grafana-service-account-token",
    title: "Grafana service account token",
    pattern: prefixed("glsa_", "[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}"),
    keywords: ["glsa_"],
    confidence: "high",
    samples: () => ({ tp: [wrap.json("GRAFANA_API_KEY", "glsa_" + f.alnum(32) + "_" + f.hex(8))], fp: [wrap.json("GRAFANA_API_KEY", "glsa_your_service_account_token")] }),
  },
  {
    id: "grafana-api-key",
    title: "Grafana API key (legacy)",
    pattern: /(?<![A-Za-z0-9+/])(?<secret>eyJrIjoi[A-Za-z0-9+/]{60,400}={0,2})(?![A-Za-z0-9+/=])/,
    keywords: ["eyjrijoi"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("GRAFANA_API_KEY", "eyJrIjoi" + f.b64(80) + "==")], fp: [wrap.env("GRAFANA_API_KEY", "eyJrIjoi...")] }),
  },
  {
    id: "new-relic-user-api-key",
    title: "New Relic user API key",
    pattern: prefixed("NRAK-", "[A-Z0-9]{27}"),
    keywords: ["nrak-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("NEW_RELIC_API_KEY", "NRAK-" + f.upper(27))], fp: [wrap.env("NEW_RELIC_API_KEY", "NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX")] }),
  },
  {
    id: "new-relic-ingest-key",
    title: "New Relic ingest / insights key",
    pattern: prefixed("NR(?:II|IQ|JS)-", "[A-Za-z0-9_-]{19,32}"),
    keywords: ["nrii-", "nriq-", "nrjs-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("NEW_RELIC_INSERT_KEY", "NRII-" + f.b64url(32))], fp: [wrap.env("NEW_RELIC_INSERT_KEY", "NRII-your-insert-key")] }),
  },
  {
    id: "pagerduty-api-key",
    title: "PagerDuty API key (keyed)",
    pattern: keyed("pagerduty|pager_duty|pd_api|pd-api", "u\\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}"),
    keywords: ["pagerduty", "pager_duty", "pd_api", "pd-api"],
    minEntropy: 3.2,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("PAGERDUTY_API_KEY", "y_" + f.alnum(18)), wrap.json("PAGERDUTY_USER_TOKEN", "u+" + f.alnum(18))], fp: [wrap.env("PAGERDUTY_API_KEY", "your_pagerduty_key_")] }),
  },
  // Zapier MCP: the server URL is the credential ("treat it like a password"): the key is a path segment.
  {
    id: "zapier-mcp-url",
    title: "Zapier MCP server URL (key in the path)",
    pattern: /(?<![A-Za-z0-9.-])mcp\.zapier\.com\/api\/mcp\/s\/(?<secret>[A-Za-z0-9+_-]{20,200}={0,2})(?![A-Za-z0-9+_=-])/i,
    keywords: ["mcp.zapier.com"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("url", `https://mcp.zapier.com/api/mcp/s/${f.b64(98)}==/mcp`), wrap.env("ZAPIER_MCP_URL", `https://mcp.zapier.com/api/mcp/s/${f.b64url(40)}/sse`)],
      fp: [wrap.json("url", "https://mcp.zapier.com/api/mcp/s/YOUR_SECRET/mcp"), wrap.json("url", "https://mcp.zapier.com/api/mcp/s/<<long-API-key>>/sse"), wrap.env("ZAPIER_MCP_URL", "https://mcp.zapier.com/api/mcp/s/your-server-id/mcp"), wrap.json("url", `https://mcp.zapier.com/api/mcp/s/${SOME_JWT}/mcp`)],
    }),
  },
  // Make (make.com) MCP: the server URL holds the MCP token, a UUID, as a path segment
  // (`https://<zone>.make.com/mcp/api/v1/u/<token>/sse`; also `/stateless`).
  {
    id: "make-mcp-url",
    title: "Make MCP server URL (token in the path)",
    pattern: /(?<![A-Za-z0-9.-])(?:[a-z0-9-]{1,30}\.)?make\.com\/mcp\/api\/v1\/u\/(?<secret>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9A-Za-z-])/i,
    keywords: ["make.com/mcp"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("url", `https://us2.make.com/mcp/api/v1/u/${f.uuid()}/sse`), wrap.env("MAKE_MCP_URL", `https://eu1.make.com/mcp/api/v1/u/${f.uuid()}/stateless`)],
      fp: [wrap.json("url", "https://us2.make.com/mcp/api/v1/u/<TOKEN>/sse"), wrap.json("url", "https://YOUR_REGION.make.com/mcp/api/v1/u/${MAKE_MCP_TOKEN}/sse"), wrap.env("MAKE_MCP_URL", "https://us2.make.com/mcp/api/v1/u/00000000-0000-0000-0000-000000000000/sse")],
    }),
  },
  {
    id: "zapier-actions-api-key",
    title: "Zapier AI Actions API key",
    pattern: prefixed("sk-ak-", "[A-Za-z0-9]{20,40}"),
    keywords: ["sk-ak-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("url", `https://actions.zapier.com/mcp/sk-ak-${f.alnum(26)}/sse`), wrap.env("ZAPIER_NLA_API_KEY", "sk-ak-" + f.alnum(30))],
      fp: [wrap.json("url", "https://actions.zapier.com/mcp/sk-akxxxxx/sse"), wrap.env("ZAPIER_NLA_API_KEY", "sk-ak-xxxxxxxxxxxxxxxxxxxxxxxxxx")],
    }),
  },
  {
    id: "trello-api-token",
    title: "Trello API token",
    pattern: prefixed("ATTA", "[a-f0-9]{64}[A-F0-9]{8}"),
    keywords: ["atta"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("TRELLO_TOKEN", "ATTA" + f.hex(64) + f.hex(8).toUpperCase())], fp: [wrap.json("TRELLO_TOKEN", "ATTA-your-trello-token"), wrap.json("TRELLO_TOKEN", "ATTA" + "0".repeat(72))] }),
  },
  // Mollie: live_ and test_ + 30 letters and digits (a random key has a digit and both cases; a test function name does not).
  {
    id: "mollie-live-api-key",
    title: "Mollie live API key",
    pattern: prefixed("live_", "[A-Za-z0-9]{30}"),
    keywords: ["live_"],
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("MOLLIE_API_KEY", "live_" + f.alnum(30))], fp: [wrap.env("MOLLIE_API_KEY", "live_xxxxx"), wrap.env("STRIPE_SECRET_KEY", "sk_live_" + f.alnum(30)), "def live_streamingResponseHandlerTest(): pass"] }),
  },
  {
    id: "mollie-test-api-key",
    title: "Mollie test-mode API key",
    pattern: prefixed("test_", "[A-Za-z0-9]{30}"),
    keywords: ["test_"],
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
    minEntropy: 3.5,
    confidence: "low",
    samples: () => ({ tp: [wrap.env("MOLLIE_API_KEY", "test_" + f.alnum(26) + "a" + f.digits(2) + "Q")], fp: [wrap.env("MOLLIE_API_KEY", "test_xxxxx"), "def test_returnsTheUserWhenTheIdIsKnown(): pass", wrap.env("STRIPE_SECRET_KEY", "sk_test_" + f.alnum(30))] }),
  },
  {
    id: "apify-api-token",
    title: "Apify API token",
    pattern: prefixed("apify_api_", "[A-Za-z0-9]{36}"),
    keywords: ["apify_api_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("APIFY_TOKEN", "apify_api_" + f.alnum(36))], fp: [wrap.json("APIFY_TOKEN", "apify_api_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), wrap.json("APIFY_TOKEN", "apify_api_your_token_here")] }),
  },
  {
    id: "mollie-access-token",
    title: "Mollie organization / app access token",
    pattern: prefixed("access_", "[A-Za-z0-9]{30}"),
    keywords: ["access_"],
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("MOLLIE_ACCESS_TOKEN", "access_" + f.alnum(26) + "d4W6")], fp: [wrap.env("MOLLIE_ACCESS_TOKEN", "access_xxxxx"), "const access_tokenExpiresAtTimestampMillis = 0;"] }),
  },
  {
    id: "posthog-personal-api-key",
    title: "PostHog personal API key",
    pattern: prefixed("phx_", "[A-Za-z0-9_]{40,50}"),
    keywords: ["phx_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("POSTHOG_API_KEY", "phx_" + f.alnum(47)), wrap.env("POSTHOG_PERSONAL_API_KEY", "phx_" + f.alnum(20) + "_" + f.alnum(22))], fp: [wrap.json("POSTHOG_API_KEY", "phx_your_personal_api_key"), wrap.env("POSTHOG_PERSONAL_API_KEY", "phx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    // Upstash QStash: the token is base64 of `{"UserID":"<uuid>","Password":"<hex>"}` (what
    // `npx @upstash/qstash-cli dev` prints for its local user, defaultUser/defaultPassword, which
    // is public and not reported). Upstash Redis REST tokens have no documented shape: the
    // generic detector reports them under UPSTASH_REDIS_REST_TOKEN.
    id: "upstash-qstash-token",
    title: "Upstash QStash token",
    pattern: prefixed("eyJVc2VySUQiOi", "[A-Za-z0-9+/]{30,300}={0,2}"),
    keywords: ["eyjvc2vysuqioi"],
    validate: (s) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(s, "base64").toString("utf8"));
      } catch {
        return false;
      }
      const { UserID: user, Password: password } = (parsed ?? {}) as { UserID?: unknown; Password?: unknown };
      return typeof user === "string" && typeof password === "string" && password.length >= 16 && !(user === "defaultUser" && password === "defaultPassword");
    },
    confidence: "high",
    samples: () => {
      const token = (user: string, password: string) => Buffer.from(JSON.stringify({ UserID: user, Password: password })).toString("base64");
      return {
        tp: [wrap.env("QSTASH_TOKEN", token(f.uuid(), f.hex(32))), `{ "mcpServers": { "qstash": { "command": "npx", "args": ["-y", "@upstash/mcp-server"], "env": { "QUEUE_AUTH": "${token(f.uuid(), f.hex(32))}" } } } }`],
        fp: [wrap.env("QSTASH_TOKEN", token("defaultUser", "defaultPassword")), wrap.env("QSTASH_TOKEN", "eyJVc2VySUQiOi" + "x".repeat(40))],
      };
    },
  },
  // Credentials of MCP servers people run (an audit of the servers' READMEs and public client configs).
  {
    // Twilio's MCP server (@twilio-alpha/mcp) takes one argument, ACCOUNT_SID/API_KEY:API_SECRET: the
    // two SIDs name the account and the key; the 32 characters after the colon are the key's secret.
    id: "twilio-api-key-secret",
    title: "Twilio API key secret (after the account and API key SIDs)",
    pattern: /(?<![A-Za-z0-9])AC[0-9a-fA-F]{32}\/SK[0-9a-fA-F]{32}:(?<secret>[A-Za-z0-9]{32})(?![A-Za-z0-9])/,
    // "/sk" and the hex digit the pattern needs after it (as twilio-api-key's "sk" keywords).
    keywords: [..."0123456789abcdef"].map((h) => `/sk${h}`),
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [`{"args": ["-y", "@twilio-alpha/mcp@0.7.0", "AC${f.hex(32)}/SK${f.hex(32)}:${f.alnum(32)}"]}`],
      fp: [`{"args": ["-y", "@twilio-alpha/mcp@0.7.0", "AC${f.hex(32)}/SK${f.hex(32)}:your_api_secret_goes_here_00000"]}`, `{"args": ["ACxxxxxxxx/SKxxxxxxxx:your_api_secret"]}`],
    }),
  },
  {
    // An MTProto app's api_hash (my.telegram.org; Telethon, Pyrogram and Telegram MCP servers read
    // TELEGRAM_API_HASH / API_HASH): Telegram calls it secret and does not let it be revoked. The key
    // ends in "hash", which the name heuristics read as a digest of a credential, so it is keyed here.
    id: "telegram-api-hash",
    title: "Telegram API hash (MTProto app credential, keyed)",
    pattern: keyed("api[_-]?hash", "[a-f0-9]{32}"),
    keywords: ["api_hash", "api-hash", "apihash"],
    minEntropy: 3,
    confidence: "medium",
    samples: () => ({ tp: [wrap.json("TELEGRAM_API_HASH", f.hex(32)), wrap.env("API_HASH", f.hex(32))], fp: [wrap.json("TELEGRAM_API_HASH", "your_api_hash"), wrap.env("API_HASH_ALGORITHM", "sha256")] }),
  },
  {
    // A Telethon / Pyrogram / GramJS session string: the account's logged-in MTProto session
    // (data centre, address and its 256-byte auth key) in base64, whoever holds it is logged in.
    id: "telegram-session-string",
    title: "Telegram session string (a logged-in account session, keyed)",
    pattern: keyed("session[_-]?string|string[_-]?session", "[A-Za-z0-9_+/-]{200,1000}={0,2}"),
    keywords: ["session_string", "session-string", "sessionstring", "string_session", "string-session", "stringsession"],
    minEntropy: 4.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("TELEGRAM_SESSION_STRING", "1" + f.b64url(351) + "="), wrap.env("STRING_SESSION", f.b64url(362))], fp: [wrap.json("TELEGRAM_SESSION_STRING", "your_session_string"), wrap.env("STRING_SESSION", "1" + "A".repeat(352))] }),
  },
  {
    // WordPress application passwords (24 letters and digits shown in six groups of four) are what
    // WordPress MCP servers take (@automattic/mcp-wordpress-remote's WP_API_PASSWORD). The blanks make
    // the generic detector read it as prose; the shape under a password name does not. A random one
    // lacks a digit about one time in seventy: those are left to the reader.
    id: "wordpress-application-password",
    title: "WordPress application password (keyed)",
    pattern: keyed("password|passwd", "[A-Za-z0-9]{4}(?: [A-Za-z0-9]{4}){5}(?! [A-Za-z0-9])"),
    keywords: ["password", "passwd"],
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("WP_API_PASSWORD", [f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4), "a1B2"].join(" ")), wrap.env("WORDPRESS_APP_PASSWORD", [f.alnum(4), f.alnum(4), f.alnum(4), f.alnum(4), "Zy98", f.alnum(4)].join(" "))],
      fp: [wrap.json("WP_API_PASSWORD", "xxxx xxxx xxxx xxxx xxxx xxxx"), wrap.json("WP_API_PASSWORD", "abcd efgh ijkl mnop qrst uvwx"), "The password must have four more characters than this line says"],
    }),
  },
  {
    id: "hubspot-private-app-token",
    title: "HubSpot private app access token",
    pattern: prefixed("pat-(?:na|eu|ap)[0-9]-", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    keywords: ["pat-na", "pat-eu", "pat-ap"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("PRIVATE_APP_ACCESS_TOKEN", "pat-na1-" + f.uuid()), wrap.env("HUBSPOT_ACCESS_TOKEN", "pat-eu1-" + f.uuid())], fp: [wrap.json("PRIVATE_APP_ACCESS_TOKEN", "pat-na1-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"), wrap.json("PRIVATE_APP_ACCESS_TOKEN", "pat-na1-<your-token>")] }),
  },
  {
    id: "clickup-api-token",
    title: "ClickUp personal API token",
    pattern: prefixed("pk_", "[0-9]{6,10}_[A-Z0-9]{32}"),
    keywords: ["pk_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("CLICKUP_API_KEY", "pk_" + f.digits(8) + "_" + f.upper(32))], fp: [wrap.json("CLICKUP_API_KEY", "pk_12345678_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"), wrap.json("CLICKUP_API_KEY", "pk_your_api_key")] }),
  },
  {
    // Resend's API key: re_, eight characters, an underscore, twenty-four more. The prefix is short and
    // code has re_ names (`re_compile_...`), so the body must mix upper and lower case with a digit.
    id: "resend-api-key",
    title: "Resend API key",
    pattern: prefixed("re_", "[A-Za-z0-9]{8}_[A-Za-z0-9]{24}"),
    keywords: ["re_"],
    validate: (s) => /[0-9]/.test(s) && /[a-z]/.test(s) && /[A-Z]/.test(s),
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("RESEND_API_KEY", "re_" + f.alnum(6) + "a1_" + f.alnum(22) + "Q7")], fp: [wrap.json("RESEND_API_KEY", "re_123456789"), "def re_validate_emailaddressesforuserinputs(): pass"] }),
  },
  {
    id: "asana-personal-access-token",
    title: "Asana personal access token (keyed)",
    pattern: keyed("asana", "[12]/[0-9]{10,20}(?:/[0-9]{10,20})?:[0-9a-f]{32}"),
    keywords: ["asana"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("ASANA_ACCESS_TOKEN", `2/${f.digits(16)}/${f.digits(16)}:${f.hex(32)}`), wrap.env("ASANA_TOKEN", `1/${f.digits(16)}:${f.hex(32)}`)], fp: [wrap.json("ASANA_ACCESS_TOKEN", "your-asana-access-token"), wrap.json("ASANA_ACCESS_TOKEN", `2/${f.digits(16)}/${f.digits(16)}:${"0".repeat(32)}`)] }),
  },
  {
    id: "contentful-pat",
    title: "Contentful personal access token",
    pattern: prefixed("CFPAT-", "[A-Za-z0-9_-]{43}"),
    keywords: ["cfpat-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("CONTENTFUL_MANAGEMENT_ACCESS_TOKEN", "CFPAT-" + f.b64url(43))], fp: [wrap.json("CONTENTFUL_MANAGEMENT_ACCESS_TOKEN", "CFPAT-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
  {
    id: "axiom-token",
    title: "Axiom API or personal token",
    pattern: prefixed("xa(?:at|pt)-", "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
    keywords: ["xaat-", "xapt-"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("AXIOM_TOKEN", "xaat-" + f.uuid()), wrap.env("AXIOM_TOKEN", "xapt-" + f.uuid())], fp: [wrap.json("AXIOM_TOKEN", "xaat-your-token")] }),
  },
  {
    // The web client's session: xoxc- (the token) with the `d` cookie (xoxd-, URL-encoded), which
    // slack-mcp-server reads as SLACK_MCP_XOXC_TOKEN and SLACK_MCP_XOXD_TOKEN: the user's whole session.
    id: "slack-browser-token",
    title: "Slack browser session token or cookie (xoxc / xoxd)",
    pattern: prefixed("xox(?:c-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{64}|d-)", "(?:[A-Za-z0-9_.+/=-]|%[0-9A-Fa-f]{2}){0,500}"),
    keywords: ["xoxc-", "xoxd-"],
    validate: (s) => s.startsWith("xoxc-") || s.length >= 60,
    minEntropy: 4,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("SLACK_MCP_XOXC_TOKEN", `xoxc-${slackId()}-${slackId()}-${slackId()}-${f.hex(64)}`), wrap.json("SLACK_MCP_XOXD_TOKEN", "xoxd-" + f.alnum(40) + "%2F" + f.alnum(40) + "%2B" + f.alnum(40) + "%3D")],
      fp: [wrap.json("SLACK_MCP_XOXC_TOKEN", "xoxc-..."), wrap.json("SLACK_MCP_XOXD_TOKEN", "xoxd-your-d-cookie")],
    }),
  },
  {
    // Mapbox's secret tokens (sk.); its public tokens (pk.) are made for browsers and are not reported.
    id: "mapbox-secret-token",
    title: "Mapbox secret access token",
    pattern: prefixed("sk\\.eyJ", "[A-Za-z0-9_-]{20,300}\\.[A-Za-z0-9_-]{20,60}"),
    keywords: ["sk.eyj"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("MAPBOX_ACCESS_TOKEN", `sk.${Buffer.from(JSON.stringify({ u: "acme", a: "cl" + f.lower(23) })).toString("base64url")}.${f.b64url(22)}`)],
      fp: [wrap.json("MAPBOX_ACCESS_TOKEN", `pk.${Buffer.from(JSON.stringify({ u: "acme", a: "cl" + f.lower(23) })).toString("base64url")}.${f.b64url(22)}`), wrap.json("MAPBOX_ACCESS_TOKEN", "sk.your-secret-token")],
    }),
  },
  {
    // Fly.io tokens as `fly tokens create` prints them: "FlyV1 " and one or more comma-separated
    // macaroons (fm1_/fm2_, base64), or the older personal access token (fo1_). The blank after
    // FlyV1 keeps the generic detector off the whole value.
    id: "flyio-token",
    title: "Fly.io API token",
    pattern: new RegExp(String.raw`${notAfter("[A-Za-z0-9_-]")}(?<secret>(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/_-]{100,4000}={0,3}(?:,fm[12][ar]?_[A-Za-z0-9+/_-]{100,4000}={0,3}){0,10}|fo1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9+/=_-])`),
    keywords: ["fm1_", "fm2_", "fm1a_", "fm1r_", "fm2a_", "fm2r_", "fo1_"],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("FLY_API_TOKEN", `FlyV1 fm2_${f.b64(180)}==,fm2_${f.b64(120)}`), wrap.env("FLY_ACCESS_TOKEN", "fo1_" + f.b64url(43))],
      fp: [wrap.json("FLY_API_TOKEN", "FlyV1 fm2_..."), wrap.json("FLY_API_TOKEN", "fo1_your_token")],
    }),
  },
  {
    // X (Twitter) app-only bearer tokens: URL-encoded base64 that starts with 21 "A"s (zero bytes), then `=`
    // (`%3D`) and a random tail. The run of "A"s is what the placeholder filter takes for a mask, so the
    // validator judges the tail instead.
    id: "x-bearer-token",
    title: "X (Twitter) app-only bearer token",
    // The 21 "A"s written out, not A{21}: the rule then runs only at its keyword's positions (startsWithKeyword).
    pattern: new RegExp(String.raw`(?<![A-Za-z0-9%+])(?<secret>${"A".repeat(21)}[A-Za-z0-9%+/]{16,90}(?:%3D|=)[A-Za-z0-9]{30,60})(?![A-Za-z0-9%+=])`),
    keywords: ["aaaaaaaaaaaaaaaaaaaaa"],
    capitalKeywords: ["aaaaaaaaaaaaaaaaaaaaa"],
    skipPlaceholderCheck: true,
    validate: xBearerToken,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("TWITTER_BEARER_TOKEN", xBearer()), `Authorization: Bearer ${xBearer().replace("%3D", "=").replace("%2B", "+")}`],
      fp: [
        wrap.json("TWITTER_BEARER_TOKEN", "A".repeat(21) + "xxxxxxxxxxxxxxxxxxxxxxxx%3Dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        // twitter.com's web-client token (public), and X's documentation example decoded
        wrap.json("X_BEARER_TOKEN", "A".repeat(21) + "NRILgAAAAAAnNwIzUejRCOuH5E6I8xnZz4puTs" + "%3D" + "1Zv7ttfk8LF81IUq16cHjhLTvJu4FA33AGWWjCpTnA"),
        "Authorization: Bearer " + "A".repeat(21) + "MLheAAAAAAAA0+uSeid+ULvsea4JtiGRiSDSJSI" + "=" + "EUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F",
      ],
    }),
  },
  {
    // Brevo (formerly Sendinblue): API keys (xkeysib-) and SMTP keys (xsmtpsib-), 64 hex digits and a 16-character suffix.
    id: "brevo-api-key",
    title: "Brevo (Sendinblue) API or SMTP key",
    pattern: prefixed("(?:xkeysib-|xsmtpsib-)", "[a-f0-9]{64}-[A-Za-z0-9]{16}"),
    keywords: ["xkeysib-", "xsmtpsib-"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("BREVO_API_KEY", "xkeysib-" + f.hex(64) + "-" + f.alnum(16))], fp: [wrap.json("BREVO_API_KEY", "xkeysib-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), wrap.env("BREVO_API_KEY", "xkeysib-your-key-here")] }),
  },
  {
    id: "linear-oauth-token",
    title: "Linear OAuth access token",
    pattern: prefixed("lin_oauth_", "[a-f0-9]{64}"),
    keywords: ["lin_oauth_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("LINEAR_ACCESS_TOKEN", "lin_oauth_" + f.hex(64))], fp: [wrap.env("LINEAR_ACCESS_TOKEN", "lin_oauth_xxx")] }),
  },
  {
    id: "prefect-api-key",
    title: "Prefect Cloud API key",
    pattern: prefixed("pnu_", "[A-Za-z0-9]{36}"),
    keywords: ["pnu_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("PREFECT_API_KEY", "pnu_" + f.alnum(36))], fp: [wrap.env("PREFECT_API_KEY", "pnu_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] }),
  },
]);
