/** Source hosting and CI: GitHub, GitLab, Bitbucket/Atlassian. */
import { validBase62Crc32Token, withBase62Crc32 } from "../checksum.js";
import { Fake } from "../fake.js";
import type { ProviderRule } from "../types.js";
import { keyed, prefixed, withLazySamples, wrap, type ProviderEntry } from "./helpers.js";

/** A GitHub-format token with a valid checksum, built from parts. */
function ghToken(kind: string, seed: string): string {
  return "gh" + kind + "_" + withBase62Crc32(new Fake(seed).alnum(30));
}

/** Same, with the checksum corrupted (last character changed). */
function ghTokenBadCrc(kind: string, seed: string): string {
  const t = ghToken(kind, seed);
  const last = t[t.length - 1] === "A" ? "B" : "A";
  return t.slice(0, -1) + last;
}

function githubClassic(kind: "p" | "o" | "u" | "s" | "r", id: string, title: string, noExpiry?: string): ProviderEntry {
  return {
    id,
    title,
    pattern: prefixed(`gh${kind}_`, "[A-Za-z0-9]{36}"),
    keywords: [`gh${kind}_`],
    validate: (s) => validBase62Crc32Token(s, 4),
    confidence: "high",
    ...(noExpiry ? { lifetime: { kind: "no-expiry" as const, note: noExpiry } } : {}),
    samples: () => ({
      tp: [
        wrap.env("GITHUB_TOKEN", ghToken(kind, id + "1")),
        wrap.json("GITHUB_PERSONAL_ACCESS_TOKEN", ghToken(kind, id + "2")),
        `git clone https://x-access-token:${ghToken(kind, id + "3")}@github.com/o/r.git`,
      ],
      fp: [
        wrap.env("GITHUB_TOKEN", ghTokenBadCrc(kind, id + "1")),
        wrap.env("GITHUB_TOKEN", `gh${kind}_your_token_here`),
        `gh${kind}_` + "x".repeat(36),
      ],
    }),
  };
}

const f = new Fake("vcs");

export const VCS: readonly ProviderRule[] = withLazySamples([
  githubClassic("p", "github-pat-classic", "GitHub personal access token (classic)", "classic PATs can be created without an expiry date"),
  githubClassic("o", "github-oauth-token", "GitHub OAuth access token"),
  githubClassic("u", "github-user-to-server-token", "GitHub App user-to-server token"),
  githubClassic("s", "github-server-to-server-token", "GitHub App installation (server-to-server) token"),
  githubClassic("r", "github-refresh-token", "GitHub App refresh token"),
  {
    id: "github-pat-fine-grained",
    title: "GitHub fine-grained personal access token",
    pattern: prefixed("github_pat_", "[A-Za-z0-9]{22}_[A-Za-z0-9]{59}"),
    keywords: ["github_pat_"],
    confidence: "high",
    samples: () => ({
      tp: [wrap.env("GITHUB_PAT", "github_pat_" + f.alnum(22) + "_" + f.alnum(59))],
      fp: [wrap.env("GITHUB_PAT", "github_pat_11AAAAAAA_your_token_here"), "see github_pat_ prefix in docs"],
    }),
  },
  {
    id: "gitlab-pat",
    title: "GitLab personal/project/group access token",
    pattern: prefixed("glpat-", "[A-Za-z0-9_-]{20}(?:[A-Za-z0-9_.-]{0,280})"),
    keywords: ["glpat-"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({
      tp: [wrap.env("GITLAB_PERSONAL_ACCESS_TOKEN", "glpat-" + f.b64url(20)), wrap.yaml("GITLAB_TOKEN", "glpat-" + f.b64url(27) + ".01." + f.lower(9))],
      fp: [wrap.env("GITLAB_TOKEN", "glpat-xxxxxxxxxxxxxxxxxxxx"), wrap.env("GITLAB_TOKEN", "glpat-<your-token>")],
    }),
  },
  {
    id: "gitlab-pipeline-trigger-token",
    title: "GitLab pipeline trigger token",
    pattern: prefixed("glptt-", "[0-9a-f]{40}"),
    keywords: ["glptt-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.env("TRIGGER_TOKEN", "glptt-" + f.hex(40))], fp: [wrap.env("TRIGGER_TOKEN", "glptt-" + "0".repeat(40))] }),
  },
  {
    id: "gitlab-runner-token",
    title: "GitLab runner authentication token",
    pattern: prefixed("glrt-", "[A-Za-z0-9_-]{20,80}(?:\\.[0-9a-z]{2}\\.?[0-9a-z]{7,9})?"),
    keywords: ["glrt-"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [`token = "glrt-${f.b64url(20)}"`], fp: [`token = "glrt-your-runner-token"`] }),
  },
  {
    id: "gitlab-deploy-token",
    title: "GitLab deploy token",
    pattern: prefixed("gldt-", "[A-Za-z0-9_-]{20,80}"),
    keywords: ["gldt-"],
    minEntropy: 3,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("DEPLOY_TOKEN", "gldt-" + f.b64url(20))], fp: [wrap.env("DEPLOY_TOKEN", "gldt-REPLACE_ME_WITH_TOKEN")] }),
  },
  {
    id: "gitlab-oauth-app-secret",
    title: "GitLab OAuth application secret",
    pattern: prefixed("gloas-", "[A-Za-z0-9_-]{64}"),
    keywords: ["gloas-"],
    confidence: "high",
    samples: () => ({ tp: [wrap.json("GITLAB_CLIENT_SECRET", "gloas-" + f.b64url(64))], fp: [wrap.json("GITLAB_CLIENT_SECRET", "gloas-...")] }),
  },
  {
    id: "bitbucket-app-password",
    title: "Bitbucket app password",
    pattern: prefixed("ATBB", "[A-Za-z0-9_=.-]{32}"),
    keywords: ["atbb"],
    minEntropy: 3.2,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("BITBUCKET_APP_PASSWORD", "ATBB" + f.alnum(24) + f.hex(8).toUpperCase())], fp: [wrap.env("BITBUCKET_APP_PASSWORD", "ATBBXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX")] }),
  },
  {
    id: "atlassian-api-token",
    title: "Atlassian API token (Jira, Confluence, Bitbucket)",
    pattern: prefixed("AT(?:ATT|CTT)3", "[A-Za-z0-9_=-]{160,250}"),
    keywords: ["atatt3", "atctt3"],
    minEntropy: 4,
    confidence: "high",
    samples: () => ({
      tp: [wrap.json("JIRA_API_TOKEN", "ATATT3" + f.b64url(178) + "=" + f.hex(7).toUpperCase())],
      fp: [wrap.json("JIRA_API_TOKEN", "ATATT3xFfGF0your-token-here")],
    }),
  },
  {
    id: "atlassian-api-token-legacy",
    title: "Atlassian API token (legacy, keyed)",
    pattern: keyed("atlassian|confluence|jira", "[A-Za-z0-9]{24}"),
    keywords: ["atlassian", "confluence", "jira"],
    minEntropy: 3.5,
    confidence: "medium",
    samples: () => ({ tp: [wrap.env("JIRA_API_TOKEN", f.alnum(24)), wrap.yaml("CONFLUENCE_TOKEN", f.alnum(24))], fp: [wrap.env("JIRA_URL", "https://example.atlassian.net"), wrap.env("JIRA_API_TOKEN", "your_jira_api_token_here")] }),
  },
  {
    // CircleCI personal (CCIPAT_) and project (CCIPRJ_) API tokens: 22 characters, `_`, 40 hex digits.
    id: "circleci-token",
    title: "CircleCI personal or project API token",
    pattern: prefixed("(?:CCIPAT_|CCIPRJ_)", "[A-Za-z0-9]{22}_[a-f0-9]{40}"),
    keywords: ["ccipat_", "cciprj_"],
    minEntropy: 3.5,
    confidence: "high",
    samples: () => ({ tp: [wrap.json("CIRCLECI_TOKEN", "CCIPAT_" + f.alnum(22) + "_" + f.hex(40))], fp: [wrap.json("CIRCLECI_TOKEN", "CCIPAT_..."), wrap.env("CIRCLECI_TOKEN", "CCIPAT_PLACEHOLDER_syncer_test_value")] }),
  },
  {
    id: "buildkite-api-token",
    title: "Buildkite API access token",
    pattern: prefixed("bkua_", "[a-f0-9]{40}"),
    keywords: ["bkua_"],
    minEntropy: 3.0,
    confidence: "high",
    samples: () => ({ tp: [wrap.env("BUILDKITE_API_TOKEN", "bkua_" + f.hex(40))], fp: [wrap.env("BUILDKITE_API_TOKEN", "bkua_xxx"), wrap.env("BUILDKITE_API_TOKEN", "bkua_" + "a".repeat(40))] }),
  },
  {
    // Sourcegraph access tokens (SRC_ACCESS_TOKEN, read by the src CLI and Sourcegraph's MCP server): `sgp_`, then the
    // instance's 16-hex identifier and `_` (or `local_`, or nothing in older tokens), then 40 hex.
    id: "sourcegraph-access-token",
    title: "Sourcegraph access token",
    pattern: prefixed("sgp_", "(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}"),
    keywords: ["sgp_"],
    minEntropy: 3.0,
    confidence: "high",
    samples: () => ({
      tp: [wrap.env("SRC_ACCESS_TOKEN", "sgp_" + f.hex(16) + "_" + f.hex(40)), wrap.json("SRC_ACCESS_TOKEN", "sgp_local_" + f.hex(40)), `"headers": { "Authorization": "token sgp_${f.hex(40)}" }`],
      fp: [wrap.env("SRC_ACCESS_TOKEN", "sgp_xxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"), wrap.env("SRC_ACCESS_TOKEN", "sgp_" + "0".repeat(16) + "_" + "0".repeat(40)), wrap.env("SRC_ACCESS_TOKEN", "sgp_your_token")],
    }),
  },
]);
