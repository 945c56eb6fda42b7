import { describe, expect, it } from "vitest";
import type { Loc } from "../../src/model/location.js";
import { fileFrames, maskedLine } from "../../src/report/frames.js";
import { fakeAnthropicKey, fakeGitHubToken } from "../../src/rules/fake-secrets.js";
import { cli, costRatio, tempTree } from "../helpers.js";

const loc = (file: string, line: number, column: number, endColumn: number): Loc => ({ file, line, column, endLine: line, endColumn });

describe("code frames", () => {
  const text = `{ "env": { "K": "${"s3cr3tV4lu3".repeat(3)}" } }\n{ "enableAllProjectMcpServers": true }`;

  it("mask the secrets of the frame's own file", () => {
    const secret = loc("a/.mcp.json", 1, 18, 18 + 33);
    expect(maskedLine(text, secret, [secret])).toBe(`{ "env": { "K": "s3cr************" } }`);
  });

  it("leave a line alone where another file has a secret at the same line and column", () => {
    const other = loc("b/.mcp.json", 2, 10, 30);
    expect(maskedLine(text, loc("a/.mcp.json", 2, 3, 10), [other])).toBe(`{ "enableAllProjectMcpServers": true }`);
  });
});

describe("code frames of a long line", () => {
  // A minified config: eight tokens, the finding's key, then 600 characters of arguments.
  const tokens = Array.from({ length: 8 }, (_, i) => fakeGitHubToken("ghp", `frame-${i}`));
  const key = fakeAnthropicKey("frame-target");
  const line = `{"env":{${tokens.map((t, i) => `"T${i}":"${t}"`).join(",")},"K":"${key}"},"args":[${Array.from({ length: 30 }, (_, i) => `"--flag-number-${i}"`).join(",")}]}`;
  const at = (s: string) => loc(".mcp.json", 1, line.indexOf(s) + 1, line.indexOf(s) + 1 + s.length);
  const secrets = [...tokens, key].map(at);

  it("is cut around the finding, wherever the masks before it moved it to", () => {
    // The tokens before it masked as reported secrets, then as random-looking runs no detector reported.
    for (const known of [secrets, [at(key)]]) {
      const frame = maskedLine(line, at(key), known) ?? "";
      expect(frame).toMatch(/^….*"K":"sk-a\*{12}"\},"args":.*…$/);
      for (const t of [...tokens, key]) expect(frame).not.toContain(t.slice(4, 12));
    }
  });

  it("a finding inside a masked span (a token in a longer secret) is cut around the mask", () => {
    const header = `Bearer ${key}`;
    const wide = line.replace(`"K":"${key}"`, `"K":"${header}"`);
    const span = loc(".mcp.json", 1, wide.indexOf(key) + 1, wide.indexOf(key) + 1 + key.length);
    const frame = maskedLine(wide, span, [...tokens.map((t) => loc(".mcp.json", 1, wide.indexOf(t) + 1, wide.indexOf(t) + 41)), loc(".mcp.json", 1, wide.indexOf(header) + 1, wide.indexOf(header) + 1 + header.length), span]) ?? "";
    expect(frame).toMatch(/"K":"Bear\*{12}"\},"args":/);
  });
});

describe("code frames of a long line of emoji", () => {
  it.each([0, 1])("are cut between characters, never inside a surrogate pair (%i ASCII characters before the secret)", (pad) => {
    const key = fakeAnthropicKey("frame-emoji");
    const line = `${"😀".repeat(100)}${" ".repeat(pad)}"${key}"${"😀".repeat(150)}`;
    const secret = loc("a.txt", 1, line.indexOf(key) + 1, line.indexOf(key) + 1 + key.length);
    const frame = maskedLine(line, secret, [secret]) ?? "";
    expect(frame).toContain("sk-a************");
    expect(frame).toMatch(/^…😀.*😀…$/u);
    expect(frame).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("code frames and values no detector reported", () => {
  it("mask a run that looks like key material, and leave names, paths, URLs, versions and digests readable", () => {
    const random = ["Zq8xLm2Vb7Tn4Hs6", "Jd1Fg3Mp5QcW9eRt"].join("");
    const line = `  "args": ["-y", "@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/dev/src/app"], "env": { "NOTES": "${random}" }`;
    const out = maskedLine(line, loc("a/.mcp.json", 1, 3, 10), []) ?? "";
    expect(out).not.toContain(random);
    expect(out).toContain(`"NOTES": "Zq8x************"`);
    for (const kept of ["@modelcontextprotocol/server-filesystem@2025.8.21", "/Users/dev/src/app"]) expect(out).toContain(kept);
    const digests = `sha: 3f786850e387550fdab836ed7e6dc881de23001b, id: 123e4567-e89b-12d3-a456-426614174000, url: https://mcp.acme.example/api/v2/notes`;
    expect(maskedLine(digests, loc("a", 1, 1, 2), [])).toBe(digests);
  });
});

describe("code frames and NAME=value runs", () => {
  const random = ["Zq8xLm2Vb7Tn4Hs6", "Jd1Fg3Mp5QcW9eRt"].join("");

  it.each([
    ["  - JWT_SECRET_KEY=", "  - JWT_SECRET_KEY=Zq8x************"],
    [`"--api-key=`, `"--api-key=Zq8x************`],
    ["apiKey=", "apiKey=Zq8x************"],
    ["jwt_secret=", "jwt_secret=Zq8x************"],
  ])("%s<value>: the name stays readable, the value is masked", (prefix, masked) => {
    const out = maskedLine(prefix + random, loc("a/compose.yml", 1, 5, 6), []) ?? "";
    expect(out).toBe(masked);
    expect(out).not.toContain(random.slice(4, 16));
  });

  it("a detected secret after the name is masked whole, the name kept", () => {
    const line = `      - JWT_SECRET_KEY=${random}`;
    const at = line.indexOf(random) + 1;
    expect(maskedLine(line, loc("a/compose.yml", 1, at, at + random.length), [loc("a/compose.yml", 1, at, at + random.length)])).toBe("      - JWT_SECRET_KEY=Zq8x************");
  });

  it("a random-looking name before '=' is no name: the whole run is masked", () => {
    for (const name of ["aB3dE5fG7hJ9kL2mN4", "aB3dE5fG"]) expect(maskedLine(`x: ${name}=${random}`, loc("a", 1, 1, 2), [])).toBe("x: aB3d************");
  });

  it("base64 padding is no separator", () => {
    const b64 = Buffer.from(random + random).toString("base64");
    const out = maskedLine(`k: ${b64}`, loc("a", 1, 1, 2), []) ?? "";
    expect(out).toBe(`k: ${b64.slice(0, 4)}************`);
  });
});

describe("code frames and literal credentials no detector reported", () => {
  it("mask a weak password the inventory withholds (env value, --password <pw>, --password=<pw>, -e NAME=<pw>, --header=Name: <pw>), keep names and other values", async () => {
    const { cli, tempTree } = await import("../helpers.js");
    const weak = ["hunt", "er2"].join("");
    const dir = tempTree({
      ".mcp.json": [
        `{"mcpServers":{`,
        `"db":{"command":"npx","args":["-y","mysql-mcp","--password","${weak}","-e","DB_PASSWORD=${weak}","-e","PORT=3000"]},`,
        `"pg":{"command":"npx","args":["-y","pg-mcp","--db-password=${weak}","--header=X-Api-Key: ${weak}"],"env":{"PGPASSWORD":"${weak}"}}`,
        `}}`,
        ``,
      ].join("\n"),
    });
    const r = await cli(["scan", ".", "--no-config"], dir);
    expect(r.stdout).toContain("unpinned-package");
    expect(r.stdout).not.toContain(weak);
    expect(r.stdout).toContain(`"--db-password=*******"`);
    expect(r.stdout).toContain(`"DB_PASSWORD=*******"`);
    expect(r.stdout).toContain(`"--header=X-Api-Key: *******"`);
    expect(r.stdout).toContain(`"PORT=3000"`);
  });
});

describe("code frames and switches under a credential-like name", () => {
  it("a switch value (DANGEROUSLY_OMIT_AUTH: \"true\", MCP_REQUIRE_AUTH: \"false\") is shown: it holds no secret, and the finding is about it (was: \"****\")", async () => {
    const text = `services:\n  mcp-inspector:\n    image: ghcr.io/modelcontextprotocol/inspector:0.17.2\n    environment:\n      DANGEROUSLY_OMIT_AUTH: "true"\n      MCP_PROXY_AUTH_TOKEN: "${["hunt", "er2"].join("")}"\n`;
    const r = await cli(["scan", ".", "--no-config"], tempTree({ "docker-compose.yml": text }));
    expect(r.stdout).toContain(`5 |       DANGEROUSLY_OMIT_AUTH: "true"`);
    expect(r.stdout).not.toContain(`DANGEROUSLY_OMIT_AUTH: "****"`);
    expect(r.stdout).not.toContain(["hunt", "er2"].join(""));
  });
});

describe("code frames of a file that does not parse", () => {
  // No model, so no credentials to withhold: the syntax error's frame printed the password.
  const weak = ["hunt", "er2"].join("");
  it.each([
    [".mcp.json", `{"mcpServers":{"db":{"command":"npx","env":{"DB_PASSWORD":"${weak}" "PORT":"3000","API_KEY":"\${env:API_KEY}"}}}}\n`, `"DB_PASSWORD":"*******" "PORT":"3000","API_KEY":"\${env:API_KEY}"`],
    [".continue/config.yaml", `mcpServers:\n  - name: db\n    command: npx\n    env: { DB_PASSWORD: ${weak}, PORT: 3000, X: [ }\n`, "{ DB_PASSWORD: *******, PORT: 3000, X: [ }"],
    [".codex/config.toml", `[mcp_servers.db]\ncommand = "npx"\nenv = { db_password = "${weak}", PORT = }\n`, `{ db_password = "*******", PORT = }`],
  ])("%s: a weak password under a credential name is masked in the syntax error's frame; names, other values and references stay", async (file, text, frame) => {
    const r = await cli(["scan", ".", "--no-config"], tempTree({ [file]: text }));
    expect(r.stdout).toContain("parse-error");
    expect(r.stdout).toContain(frame);
    expect(r.stdout).not.toContain(weak);
  });
});

describe("the text report of many findings in one long file", () => {
  // 1,000 servers of one 1.5 MB file share a reference: 1,000 findings. Each finding's frame split
  // the whole file into lines again (8 s of CPU here); the file is now split once.
  const servers = Object.fromEntries(
    Array.from({ length: 1_000 }, (_, i) => [`srv-${i}`, { command: "npx", args: ["-y", `@acme/pkg-${i}@1.0.0`], env: { API_TOKEN: "${SHARED_TOKEN}" }, notes: Array.from({ length: 40 }, (_, k) => `line ${k} of the notes`) }]),
  );
  const text = JSON.stringify({ mcpServers: servers }, null, 2);

  it("is written in time, each finding with its own line as its frame", async () => {
    const dir = tempTree({ ".mcp.json": text });
    // Modules loaded first (from the TypeScript sources), outside the timed run.
    await cli(["scan", "."], tempTree({ ".mcp.json": "{}" }));
    const t0 = performance.now();
    const r = await cli(["scan", ".", "--fail-on", "none"], dir);
    const ms = performance.now() - t0;
    const lines = text.split("\n");
    const frames = r.stdout.split("\n").filter((l) => /^ +\d+ \| /.test(l));
    expect(frames).toHaveLength(1_000);
    for (const f of frames) {
      const m = /^ +(\d+) \| (.*)$/.exec(f);
      expect(m?.[2]).toBe(lines[Number(m?.[1]) - 1]?.trimEnd());
    }
    expect(ms, `the scan took ${Math.round(ms)} ms`).toBeLessThan(6_000);
  }, 60_000);
});

describe("the frames of many findings on one long line", () => {
  // A one-line JSON file of n servers, each with a literal key and so a finding on that line.
  // Each frame masked the whole line again, every secret on it and every run, then cut it:
  // a one-line .mcp.json of 2,000 such servers took 15 s for the text report, 3.3 s for 1,000.
  const oneLine = (n: number) => {
    const key = (i: number) => `Zq8${i}xK2mP9vL4wR7tY1nB6cJ3hF5gD0sA`;
    let text = "{";
    const secrets: Loc[] = [];
    for (let i = 0; i < n; i++) {
      text += `"K${i}": "`;
      secrets.push(loc("one.json", 1, text.length + 1, text.length + 1 + key(i).length));
      text += `${key(i)}", `;
    }
    return { text: text + "}", secrets };
  };
  const framesOf = (n: number) => {
    const { text, secrets } = oneLine(n);
    const frame = fileFrames(text, "one.json", secrets);
    return secrets.map((s) => frame(s));
  };

  it("each frame shows its own finding's key, masked, near its start", () => {
    framesOf(300).forEach((f, i) => {
      expect(f).toContain(`"K${i}": "Zq8${String(i).slice(0, 1)}`);
      expect(f).not.toContain(`xK2mP9vL4wR7`);
      expect(f?.length).toBeLessThanOrEqual(162);
    });
  });

  it("take time in proportion to the findings, not to their square", () => {
    const ratio = costRatio(() => framesOf(500), () => framesOf(2_000), 9);
    // Four times the findings on a line four times as long: x4 linear, x16 quadratic (the old code: x15-x17).
    expect(ratio, `x${ratio.toFixed(1)}`).toBeLessThan(9);
  });
});

describe("code frames and one secret reported by several findings", () => {
  const token = ["Zq8xLm2Vb7Tn4Hs6", "Jd1Fg3Mp5QcW9eRt", "Yk2Pw"].join("");
  const line = `      "env": { "KEY_ID": "${token}", "LOG_LEVEL": "ERROR" }, "headers": { "Authorization": "Bearer ${token}" },`;
  const file = "a/.cursor/mcp.json";
  const at = (needle: string, from = 0) => line.indexOf(needle, from) + 1;

  it("the same secret twice (a literal and its long-lived finding): the text after it stays whole", () => {
    const s = loc(file, 1, at(token), at(token) + token.length);
    expect(maskedLine(line, s, [s, s])).toContain(`"KEY_ID": "Zq8x************", "LOG_LEVEL": "ERROR" }`);
  });

  it("a token inside a masked header value: one mask, the closing quote kept", () => {
    const value = at("Bearer ");
    const inner = at(token, value);
    const out = maskedLine(line, loc(file, 1, inner, inner + token.length), [
      loc(file, 1, value, inner + token.length),
      loc(file, 1, inner, inner + token.length),
    ]);
    expect(out).toMatch(/"Authorization": "Bear\*{12}" \},$/);
    expect(out).not.toContain(token.slice(4, 16));
  });
});

describe("code frames of a reference the client does not expand", () => {
  it("show the reference the message names; a literal on the same line stays masked", async () => {
    const literal = ["Vq7Lm2Xb9Tn4Hs6J", "d1Fg3Mp5QcW8"].join("");
    const dir = tempTree({
      ".codex/config.toml": `[mcp_servers.docs]\ncommand = "docs-mcp"\nenv = { DOCS_TOKEN = "\${DOCS_TOKEN}", DOCS_KEY = "${literal}" }\n`,
      ".mcp.json": `{ "mcpServers": { "remote": { "type": "http", "url": "https://mcp.acme.example/mcp", "headers": { "Authorization": "Bearer \${env:ACME_TOKEN}" } } } }\n`,
    });
    const { stdout } = await cli(["scan", "--fail-on", "none", "--no-color"], dir);
    expect(stdout).toContain(`   3 | env = { DOCS_TOKEN = "\${DOCS_TOKEN}", DOCS_KEY = "Vq7L************" }\n`);
    expect(stdout).toContain(`"Authorization": "Bearer \${env:ACME_TOKEN}" } } } }\n`);
    expect(stdout).not.toContain(literal.slice(4));
  });
});
