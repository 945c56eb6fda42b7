/**
 * Client policy and settings files (Claude Code settings and managed
 * settings, Gemini settings, VS Code settings, Codex requirements, Cursor
 * permissions, Amazon Q agents, Zed, Goose, Continue permissions ...).
 */
import type { FormatSpec } from "./formats.js";

/** Matched by path; these are checked BEFORE the server formats. */
export const POLICY_PATH_FORMATS: FormatSpec[] = [];
