/**
 * MCP servers a GitHub Actions workflow hands to an action: a step's `mcp_config` input, an
 * `mcpServers` JSON document that the Claude Code action (`anthropics/claude-code-action`, its
 * `claude-code-base-action`) writes to a file and starts with Claude Code on the runner, unattended,
 * beside the servers it adds itself. Secrets reach it as `${{ secrets.X }}`, which Actions fills in
 * before the action reads the input.
 *
 * Only a workflow file (`.github/workflows/*.yml`) that names the input is parsed; the value is read
 * where it is written (embedded-config.ts: a literal block scalar or a one-line plain or single-quoted
 * scalar), and only when it is an `mcpServers` map of servers (a path to a file is not).
 */
import { CLAUDE_CODE_ACTION_FORMAT, GITHUB_ACTION_MCP_FORMAT } from "../catalog/formats.js";
import type { LineIndex } from "../model/location.js";
import { isMcpServersMap } from "../model/adapters/server-maps.js";
import { get, isArray, isObject, str } from "../parse/doc.js";
import { parseStructured } from "../parse/index.js";
import { shifted, valueRegion, type EmbeddedConfig } from "./embedded-config.js";

/** A workflow file of a repository (a reusable one too: `workflow_call` workflows live there as well). */
const WORKFLOW_FILE = /(?:^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i;

/** The input's name: the cheap test before a workflow is parsed. */
const INPUT = "mcp_config";

/** Claude Code's action, its base action, and forks that keep the name (`uses: owner/claude-code-action@v1`). */
const CLAUDE_CODE_ACTION = /(?:^|\/)claude-code(?:-base)?-action(?:@|\/|$)/i;

/** The `mcp_config` inputs of a workflow's steps that hold an `mcpServers` document. */
export function workflowMcpConfigs(rel: string, text: string, lines: LineIndex): EmbeddedConfig[] {
  if (!WORKFLOW_FILE.test(rel) || !text.includes(INPUT)) return [];
  const jobs = get(parseStructured("yaml", text).docs[0], "jobs");
  if (!isObject(jobs)) return [];
  const out: EmbeddedConfig[] = [];
  for (const job of jobs.entries) {
    const steps = get(job.value, "steps");
    if (!isArray(steps)) continue;
    for (const step of steps.items) {
      const input = get(step, "with", INPUT);
      if (input?.type !== "string") continue;
      const region = valueRegion(text, input.span, input.value as string);
      if (!region) continue;
      const parsed = parseStructured("jsonc", text.slice(region.start, region.end));
      if (parsed.problems.length > 0 || !isMcpServersMap(parsed.docs)) continue;
      const spec = CLAUDE_CODE_ACTION.test(str(get(step, "uses")) ?? "") ? CLAUDE_CODE_ACTION_FORMAT : GITHUB_ACTION_MCP_FORMAT;
      out.push({ spec, syntax: "jsonc", parsed: shifted(parsed, region.start, lines), place: (s) => s });
    }
  }
  return out;
}
