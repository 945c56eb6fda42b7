import { describe, expect, it } from "vitest";
import { at, creds, find, scanFixture } from "./helpers.js";

const C = "smithery";
const FILE = ".windsurf/mcp_config.json";

describe("Smithery-style args in a client config", () => {
  const f = scanFixture(C);

  it("a `--key <value>` argument is a literal credential", () => {
    const s = f.server("acme-notes");
    expect(s.client).toBe("windsurf");
    expect(s.scope).toBe("project");
    expect(creds(s)).toEqual({ "arg:--key": "literal" });
    expect(at(s.credentials[0]?.loc)).toEqual(find(C, FILE, '"8f3c2a91'));
  });

  it("credential-named fields of a `--config '<json>'` blob are literal credentials", () => {
    const s = f.server("acme-search");
    expect(creds(s)).toEqual({ "arg:--config.acmeApiKey": "literal" });
    expect(s.credentials[0]?.raw).toBe("Hq7Zt2Vm9Kx4Pw8Rb3Ns6Ld1Fj5Gc0Ya");
    expect(at(s.credentials[0]?.loc)).toEqual(find(C, FILE, '"{\\"acmeApiKey'));
  });
});
