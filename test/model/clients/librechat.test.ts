import { describe, expect, it } from "vitest";
import { at, creds, find, scanFixture, summary } from "./helpers.js";

const C = "librechat";
const FILE = "librechat.yaml";

describe("LibreChat (librechat.yaml)", () => {
  const f = scanFixture(C);

  it("{{LIBRECHAT_USER_ID}} and declared customUserVars are per-user; an undeclared {{X}} is unexpanded text", () => {
    const s = f.server("acme-remote");
    expect(summary(s)).toEqual({
      client: "librechat", scope: "project", transport: "http", enabled: true, args: [], url: "https://mcp.acme.example/mcp", env: {},
      headers: { "X-User-ID": "userPlaceholder:LIBRECHAT_USER_ID", "X-Acme-Key": "userPlaceholder:ACME_USER_KEY", "X-Acme-Team": "literal !{{ACME_TEAM_KEY}}" },
      grants: [],
    });
    expect(at(s.loc)).toEqual(find(C, FILE, "acme-remote:"));
    expect(at(s.headers[1]?.loc)).toEqual(find(C, FILE, '"{{ACME_USER_KEY}}"'));
    expect(creds(s)["header:X-Acme-Team"]).toBe("literal !{{ACME_TEAM_KEY}}");
  });

  it("${ENV} is an env reference; an admin apiKey.key is a literal credential", () => {
    const s = f.server("acme-shared");
    expect(summary(s)).toMatchObject({ transport: "sse", headers: { Authorization: "env:ACME_SHARED_TOKEN" } });
    const key = s.credentials.find((c) => c.key === "apiKey.key");
    expect(key && { source: key.source, ref: key.ref.kind }).toEqual({ source: "setting", ref: "literal" });
    expect(at(key?.loc)).toEqual(find(C, FILE, "ApvCvgdS"));
  });

  it("type websocket is ws; `${env:X}` is unexpanded; a filesystem server at a home folder is broad", () => {
    expect(f.server("acme-ws").transport).toBe("ws");
    const fs = f.server("filesystem");
    expect(summary(fs).env).toEqual({ ACME_TOKEN: "literal !${env:ACME_TOKEN}" });
    expect(fs.facts.map((x) => [x.kind, ...(at(x.loc) ?? [])])).toEqual([["root-filesystem", ...find(C, FILE, '"/home/librechat"')]]);
  });
});
