/**
 * The benchmark corpus: a pinned set of npm packages installed (scripts off)
 * into `.bench/install/`, laid out as a plain tree under `.bench/corpus/x1/`
 * (nested `node_modules` renamed to `_nm` so that every tool sees the same
 * files; `.bin` links dropped), and hard-linked copies for the 2x and 4x
 * trees. Built once, reused while the pinned list is unchanged.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** Roughly 330 MB in 12k files: large libraries, many small modules, minified bundles. */
export const CORPUS_PACKAGES = {
  "aws-sdk": "2.1691.0",
  typescript: "5.4.5",
  echarts: "5.5.0",
  three: "0.164.1",
  webpack: "5.91.0",
  eslint: "8.57.0",
  "@babel/core": "7.24.5",
  "@babel/preset-env": "7.24.5",
  lodash: "4.17.21",
  moment: "2.30.1",
  prettier: "3.2.5",
  "react-dom": "18.3.1",
};

/** The comparison tools, installed beside (never inside) the corpus. */
export const TOOL_PACKAGES = {
  secretlint: "11.7.1",
  "@secretlint/secretlint-rule-preset-recommend": "11.7.1",
};

const NPM = process.platform === "win32" ? "npm.cmd" : "npm";

function stamp(deps) {
  return JSON.stringify(deps);
}

/** npm-installs `deps` into `dir` unless the same pinned set is already there. Returns false when npm failed. */
export function ensureInstalled(dir, deps, log) {
  const marker = path.join(dir, ".installed");
  if (fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === stamp(deps)) return true;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "mcplint-bench", private: true, dependencies: deps }, null, 2));
  log(`installing ${Object.keys(deps).length} pinned packages into ${dir} ...`);
  try {
    execFileSync(NPM, ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
  } catch {
    return false;
  }
  fs.writeFileSync(marker, stamp(deps));
  return true;
}

/** Copies `src` to `dst` with hard links (falls back to copies), renaming nested node_modules and dropping symlinks. */
function linkTree(src, dst) {
  fs.mkdirSync(dst, { recursive: true });
  for (const e of fs.readdirSync(src, { withFileTypes: true })) {
    if (e.name === ".bin" || e.name === ".package-lock.json" || e.isSymbolicLink()) continue;
    const from = path.join(src, e.name);
    const to = path.join(dst, e.name === "node_modules" ? "_nm" : e.name);
    if (e.isDirectory()) linkTree(from, to);
    else if (e.isFile()) {
      try {
        fs.linkSync(from, to);
      } catch {
        fs.copyFileSync(from, to);
      }
    }
  }
}

function treeStats(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/**
 * Builds (or reuses) the corpus under `benchDir`. Returns the 1x, 2x and 4x
 * roots with their file and byte counts, or undefined when npm could not install.
 */
export function ensureCorpus(benchDir, log = () => {}) {
  const install = path.join(benchDir, "install");
  const corpus = path.join(benchDir, "corpus");
  const marker = path.join(corpus, ".built");
  const fresh = ensureInstalled(install, CORPUS_PACKAGES, log);
  if (!fresh) return undefined;
  const want = stamp(CORPUS_PACKAGES);
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, "utf8") === want)) {
    log("laying out the 1x, 2x and 4x trees (hard links) ...");
    fs.rmSync(corpus, { recursive: true, force: true });
    const x1 = path.join(corpus, "x1");
    linkTree(path.join(install, "node_modules"), x1);
    for (const [name, copies] of [["x2", 2], ["x4", 4]]) {
      for (let i = 1; i <= copies; i++) linkTree(x1, path.join(corpus, name, `copy${i}`));
    }
    fs.writeFileSync(marker, want);
  }
  const trees = {};
  for (const name of ["x1", "x2", "x4"]) {
    const root = path.join(corpus, name);
    const statsFile = path.join(corpus, `${name}.stats.json`);
    let stats;
    try {
      stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
    } catch {
      stats = treeStats(root);
      fs.writeFileSync(statsFile, JSON.stringify(stats));
    }
    trees[name] = { root, ...stats };
  }
  return trees;
}
