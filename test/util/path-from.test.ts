/** How reports name a file the scan did not walk (the drift lock): from the scan root, never as a machine's absolute path. */
import * as path from "node:path";
import { expect, it } from "vitest";
import { shownFrom } from "../../src/util/path-from.js";

it("names a lock inside the root from it, and one above it with ../", () => {
  const root = path.resolve("/repo/packages/agent");
  expect(shownFrom(root, path.join(root, "locks", "mcplint.lock.json"))).toBe("locks/mcplint.lock.json");
  expect(shownFrom(root, path.resolve("/repo/mcplint.lock.json"))).toBe("../../mcplint.lock.json");
});
