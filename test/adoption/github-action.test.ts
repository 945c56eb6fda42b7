/**
 * The GitHub Action: action.yml's contract (inputs only through env), the
 * CLI's GitHub mode (annotations, job summary, outputs), and a simulated run
 * of the action's own scan script with bash.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../src/report/github.js";
import { fakeAnthropicKey } from "../../src/rules/fake-secrets.js";
import { cli, REPO_ROOT, tempTree } from "../helpers.js";

// A key with no lifetime facts, so that only hardcoded-secret reports it.
const token = fakeAnthropicKey("action-test");
const leaky = JSON.stringify({ mcpServers: { github: { command: "npx", args: ["-y", "@modelcontextprotocol/server-github@1.2.3"], env: { GITHUB_PERSONAL_ACCESS_TOKEN: token } } } }, null, 2) + "\n";
// Clean in each client's own reference syntax (a foreign one is an unexpanded-reference finding).
const clean = leaky.replace(token, "${env:GITHUB_PAT}");
const cleanClaude = leaky.replace(token, "${GITHUB_PAT}");

interface Step {
  name: string;
  id?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
}
const action = parse(fs.readFileSync(path.join(REPO_ROOT, "action.yml"), "utf8")) as {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

function parseOutputs(text: string): Record<string, string> {
  return Object.fromEntries(text.trim().split("\n").map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
}

describe("action.yml", () => {
  it("is a composite action with the documented inputs and outputs", () => {
    expect(action.runs.using).toBe("composite");
    expect(Object.keys(action.inputs)).toEqual(["paths", "fail-on", "config", "baseline", "sarif-file", "category"]);
    expect(Object.keys(action.outputs)).toEqual(["sarif-file", "findings-count", "exit-code"]);
    for (const [name, o] of Object.entries(action.outputs)) expect(o.value).toBe(`\${{ steps.scan.outputs.${name} }}`);
  });

  it("never interpolates an expression into a script: inputs go through env", () => {
    for (const step of action.runs.steps) {
      expect(step.shell).toBe("bash");
      expect(step.run ?? "").not.toContain("${{");
    }
    const scan = action.runs.steps.find((s) => s.id === "scan");
    expect(Object.values(scan?.env ?? {}).every((v) => /^\$\{\{ inputs\.[a-z-]+ \}\}$/.test(v))).toBe(true);
  });
});

describe("the README's workflows", () => {
  interface Workflow {
    permissions?: Record<string, string>;
    jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, string> }[] }>;
  }
  const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const workflows = [...readme.matchAll(/```yaml\n(# \.github\/workflows\/[^\n]*\n[\s\S]*?)```/g)].map((m) => parse(m[1] as string) as Workflow);

  it("one uploads the SARIF report with the permissions code scanning needs, one scans an organisation from a matrix (issue #5)", () => {
    expect(workflows).toHaveLength(2);
    const [upload, matrix] = workflows as [Workflow, Workflow];
    expect(upload.permissions).toMatchObject({ contents: "read", "security-events": "write" });
    const steps = Object.values(upload.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"))).toBe(true);
    expect(JSON.stringify(matrix)).toContain("matrix.repo");
  });

  it("use only the action's own inputs and outputs", () => {
    for (const wf of workflows) {
      for (const step of Object.values(wf.jobs).flatMap((j) => j.steps)) {
        if (step.uses?.startsWith("mcplint/mcplint@")) for (const input of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
      }
      for (const [, output] of JSON.stringify(wf).matchAll(/steps\.mcplint\.outputs\.([a-z-]+)/g)) expect(Object.keys(action.outputs)).toContain(output);
    }
  });
});

describe("GitHub mode of the CLI", () => {
  it("prints annotations, appends the job summary and writes the step outputs", async () => {
    const dir = tempTree({ ".mcp.json": leaky });
    const summary = path.join(dir, "summary.md");
    const output = path.join(dir, "output.txt");
    fs.writeFileSync(summary, "# earlier step\n");
    const r = await cli(["scan", "--sarif-file", "out/mcplint.sarif"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    expect(r.exitCode).toBe(1);
    const annotation = r.stdout.split("\n").find((l) => l.startsWith("::error "));
    expect(annotation).toMatch(/^::error file=\.mcp\.json,line=10,col=42,endLine=10,endColumn=\d+,title=hardcoded-secret::.*written literally in env 'GITHUB_PERSONAL_ACCESS_TOKEN'/);
    const md = fs.readFileSync(summary, "utf8");
    expect(md.startsWith("# earlier step\n## mcplint\n")).toBe(true);
    expect(md).toContain("| Level | Rule | Location | Message |");
    expect(md).toMatch(/\| error \| `hardcoded-secret` \| `\.mcp\.json:10:42` \| /);
    // One finding of each count: the nouns agree with their numbers, as in the text summary.
    expect(md).toContain("**1 problem** (1 error, 0 warnings, 0 notes) in ");
    expect(parseOutputs(fs.readFileSync(output, "utf8"))).toEqual({ "findings-count": "1", "exit-code": "1", "sarif-file": "out/mcplint.sarif" });
    expect(JSON.parse(fs.readFileSync(path.join(dir, "out/mcplint.sarif"), "utf8")).runs[0].results).toHaveLength(1);
    for (const text of [r.stdout, md, fs.readFileSync(path.join(dir, "out/mcplint.sarif"), "utf8")]) expect(text).not.toContain(token);
  });

  it("names the file by its path in the repository in annotations when the step runs in a subfolder (working-directory), as SARIF does", async () => {
    const dir = tempTree({ "packages/agent/.mcp.json": leaky, ".mcp.json": cleanClaude });
    expect(spawnSync("git", ["init", "-q"], { cwd: dir }).status).toBe(0);
    const r = await cli(["scan", "--sarif-file", "mcplint.sarif"], path.join(dir, "packages", "agent"), { GITHUB_ACTIONS: "true" });
    expect(r.exitCode).toBe(1);
    const annotation = r.stdout.split("\n").find((l) => l.startsWith("::error "));
    expect(annotation).toMatch(/^::error file=packages\/agent\/\.mcp\.json,line=10,col=42,/);
    const sarif = JSON.parse(fs.readFileSync(path.join(dir, "packages", "agent", "mcplint.sarif"), "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe("packages/agent/.mcp.json");
  });

  it("says so when clean, and stays quiet outside Actions or in other formats", async () => {
    const dir = tempTree({ ".mcp.json": cleanClaude });
    const summary = path.join(dir, "summary.md");
    const output = path.join(dir, "output.txt");
    const r = await cli(["scan"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output });
    expect(r.exitCode).toBe(0);
    expect(fs.readFileSync(summary, "utf8")).toContain("No problems found in 1 file.");
    expect(parseOutputs(fs.readFileSync(output, "utf8"))).toEqual({ "findings-count": "0", "exit-code": "0" });
    const leakyDir = tempTree({ ".mcp.json": leaky });
    expect((await cli(["scan"], leakyDir)).stdout).not.toContain("::error");
    expect((await cli(["scan", "--format", "json"], leakyDir, { GITHUB_ACTIONS: "true" })).stdout).not.toContain("::error");
  });

  it("job summary: a server name cannot add a link or an image, and a path keeps its brackets", async () => {
    const hostile = JSON.stringify({ mcpServers: { "![x](https://tracker.example/p.png) [click](https://evil.example)": { command: "npx", args: ["-y", "some-mcp"] } } }, null, 2) + "\n";
    const dir = tempTree({ "app/[team]/.mcp.json": hostile });
    const summary = path.join(dir, "summary.md");
    await cli(["scan"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    const md = fs.readFileSync(summary, "utf8");
    expect(md).toContain("| `app/[team]/.mcp.json:");
    expect(md).toContain("!\\[x\\](https://tracker.example/p.png) \\[click\\](https://evil.example)");
    expect(md).not.toMatch(/[^\\]\[click\]\(/);
  });

  it("job summary: problems reading the set-up are listed under the findings (a broken lock, a broken config file)", async () => {
    const dir = tempTree({ ".mcp.json": cleanClaude, ".cursor/mcp.json": '{ "mcpServers": { "a": [ }', "mcplint.lock.json": "<<<<<<< HEAD\n" });
    const summary = path.join(dir, "summary.md");
    await cli(["scan"], dir, { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary });
    const md = fs.readFileSync(summary, "utf8");
    const section = md.slice(md.indexOf("### Problems reading the set-up"));
    expect(md).toContain("### Problems reading the set-up");
    expect(section).toContain("mcplint.lock.json");
    expect(section).toContain(".cursor/mcp.json");
    expect(section.split("\n").filter((l) => l.startsWith("- **")).length).toBe(2);
  });

  it("escapes workflow-command data and properties", () => {
    expect(escapeData("50%\r\nnext")).toBe("50%25%0D%0Anext");
    expect(escapeProperty("a:b,c")).toBe("a%3Ab%2Cc");
  });
});

const hasBash = spawnSync("bash", ["--version"]).status === 0;

describe.skipIf(!hasBash)("a simulated Action run", () => {
  it("runs the action's scan step with inputs from env and sets the outputs", () => {
    // The action path: the real action.yml script, with bin/mcplint.js running the TypeScript sources.
    const actionPath = fs.mkdtempSync(path.join(os.tmpdir(), "mcplint-action-"));
    fs.mkdirSync(path.join(actionPath, "bin"));
    fs.writeFileSync(path.join(actionPath, "package.json"), '{ "type": "module" }\n');
    fs.writeFileSync(path.join(actionPath, "bin/mcplint.js"), `import { main } from ${JSON.stringify(pathToFileURL(path.join(REPO_ROOT, "src/cli/main.ts")).href)};\nawait main();\n`);
    const workspace = tempTree({ ".mcp.json": leaky, "sub dir/.cursor/mcp.json": clean, ".mcplint.yaml": "rules:\n  hardcoded-secret: warning\n" });
    const summary = path.join(workspace, "..", path.basename(workspace) + "-summary.md");
    const output = path.join(workspace, "..", path.basename(workspace) + "-output.txt");
    fs.writeFileSync(summary, "");
    fs.writeFileSync(output, "");
    const script = action.runs.steps.find((s) => s.id === "scan")?.run ?? "";
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_OPTIONS: `--import=${pathToFileURL(path.join(REPO_ROOT, "node_modules/tsx/dist/esm/index.mjs")).href}`,
      GITHUB_ACTIONS: "true",
      GITHUB_ACTION_PATH: actionPath,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      INPUT_PATHS: ".mcp.json\n.cursor",
      INPUT_FAIL_ON: "error",
      INPUT_CONFIG: ".mcplint.yaml",
      INPUT_BASELINE: "",
      INPUT_SARIF_FILE: "reports/mcplint.sarif",
      INPUT_CATEGORY: "mcplint/repo",
    };
    fs.mkdirSync(path.join(workspace, ".cursor"));
    fs.writeFileSync(path.join(workspace, ".cursor/mcp.json"), clean);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: workspace, env, encoding: "utf8" });
    // hardcoded-secret lowered to warning by the config, fail-on error: the step passes.
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^::warning file=\.mcp\.json,line=10,col=42,/m);
    expect(parseOutputs(fs.readFileSync(output, "utf8"))).toEqual({ "findings-count": "1", "exit-code": "0", "sarif-file": "reports/mcplint.sarif" });
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, "reports/mcplint.sarif"), "utf8"));
    expect(sarif.runs[0].automationDetails.id).toBe("mcplint/repo/");
    expect(fs.readFileSync(summary, "utf8")).toContain("in 1 of 2 files scanned");

    const failing = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: workspace, env: { ...env, INPUT_FAIL_ON: "warning" }, encoding: "utf8" });
    expect(failing.status).toBe(1);
    expect(fs.readFileSync(output, "utf8")).toContain("exit-code=1");

    // A configuration error: the step fails with 2, and exit-code says so.
    fs.writeFileSync(output, "");
    const broken = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script], { cwd: workspace, env: { ...env, INPUT_CONFIG: "missing.yaml" }, encoding: "utf8" });
    expect(broken.status).toBe(2);
    expect(parseOutputs(fs.readFileSync(output, "utf8"))).toEqual({ "exit-code": "2" });
  });
});
