import { readFileSync } from "node:fs";

let cached: string | undefined;

/** The package version, read once from package.json next to the sources or the build. */
export function toolVersion(): string {
  if (cached) return cached;
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "mcplint" && pkg.version) return (cached = pkg.version);
    } catch {
      // try the next candidate
    }
  }
  return (cached = "0.0.0");
}

export const HOMEPAGE = "https://github.com/mcplint/mcplint";

export function ruleDocUrl(id: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${id}.md`;
}
