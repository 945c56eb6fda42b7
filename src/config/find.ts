/**
 * Where the configuration file is: `.mcplint.yaml`, `.mcplint.yml` or
 * `.mcplint.json`, looked for in the scanned folder and its parents up to the
 * repository root (a folder holding `.git`) or the filesystem root. Apart
 * from load.ts so that a run without one never loads the loader.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const CONFIG_FILE_NAMES = [".mcplint.yaml", ".mcplint.yml", ".mcplint.json"] as const;

/** The nearest configuration file for a scanned path (file or folder), or undefined. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || fs.existsSync(path.join(dir, ".git"))) return undefined;
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
