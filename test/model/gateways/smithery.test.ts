import { describe, expect, it } from "vitest";
import { findingRows, policyRows, scanFixture, serverRows, settingRows } from "./helpers.js";

describe("Smithery smithery.yaml", () => {
  it("startCommand is a stdio server; commandFunction is noted, not reported", () => {
    const r = scanFixture("smithery/smithery.yaml");
    expect(serverRows(r)).toEqual([{ client: "smithery", name: "smithery", at: "2:1", transport: "stdio" }]);
    expect(settingRows(r)).toEqual(["startCommand.commandFunction=<JavaScript> neutral 9:3"]);
    expect(r.model.policies[0]?.settings[0]?.meaning).toBe("executable JavaScript builds the launch command (reviewed, not run)");
    expect(policyRows(r)).toEqual([{ client: "smithery", kind: "gateway", name: "smithery", decision: "unknown", at: "2:1", reason: "smithery.yaml has no access-control concept" }]);
    expect(findingRows(r)).toEqual([]);
  });
});
