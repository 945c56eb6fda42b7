/**
 * Opens the HTML report in a real headless Chromium (file://): no console
 * error, no network request, every server name visible, the findings filter
 * works; saves a screenshot to test-output/report.png. Skips with a message
 * when Chromium is not installed (`apt-get install chromium`).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../../src/api.js";
import { toHtml } from "../../src/report/html.js";
import { FIXTURES, REPO_ROOT } from "../helpers.js";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((p) => fs.existsSync(p));
const NAMES = ["acme-notes", "MCP_DOCKER", "acme-billing", "issues", "repos", "wiki", "acme-shared"];

if (!CHROMIUM) console.warn("html-browser.test: skipped, Chromium is not installed (apt-get install -y chromium)");

describe.skipIf(!CHROMIUM)("HTML report in headless Chromium", () => {
  it("renders without console errors or network, shows every server, filters findings", async () => {
    const { chromium } = await import("playwright-core");
    const result = await scan({ paths: ["."], cwd: path.join(FIXTURES, "governance", "team-repo") });
    const out = path.join(REPO_ROOT, "test-output");
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, "report.html");
    fs.writeFileSync(file, toHtml({ model: result.model, findings: result.findings, rules: result.rules }));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => requests.push(r.url()));
      await page.goto(`file://${file}`);
      await page.waitForLoadState("load");

      for (const n of NAMES) expect(await page.locator("svg#graph g.node.server text.label", { hasText: n }).first().isVisible(), n).toBe(true);
      for (const n of NAMES) expect(await page.locator("table tbody th", { hasText: n }).first().isVisible(), n).toBe(true);

      const total = await page.locator("li.finding").count();
      expect(total).toBeGreaterThan(0);
      await page.locator('g.node.server[data-server="acme-billing (claude-code)"]').click();
      expect(await page.locator("#filter").textContent()).toBe("acme-billing (claude-code)");
      expect(await page.locator("li.finding:not(.hidden)").count()).toBe(1);
      await page.screenshot({ path: path.join(out, "report.png"), fullPage: true });
      await page.locator("#all").click();
      expect(await page.locator("li.finding:not(.hidden)").count()).toBe(total);

      expect(errors).toEqual([]);
      expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
