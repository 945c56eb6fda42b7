/**
 * What a server launches: the package a runner fetches (`npx`, `pnpm dlx`,
 * `yarn dlx`, `bunx`, `npm exec`, `uvx`, `uv tool run`, `pipx run`) and those
 * uv's `--with` adds (also to `uv run`), the NuGet tool package `dnx` runs, the Nix
 * flake `nix run` fetches, the Go module `go run` builds, the npm, JSR or URL module `deno run` runs, or the container image (`docker run`, `podman
 * run`, `image:` fields), and how
 * firmly its version is pinned. Pure string work over command and args.
 */
import type { ConfigValue, McpServer } from "./types.js";
import { lastPathSegment } from "../util/path-segment.js";

export type Pin = "exact" | "digest" | "tag" | "range" | "latest" | "none";

export interface Launched {
  readonly ecosystem: "npm" | "jsr" | "deno" | "pypi" | "nix" | "nuget" | "go" | "image";
  /** The spec as written (`@acme/notes-mcp@latest`, `acme/notes:1.2`). */
  readonly spec: string;
  readonly name: string;
  readonly version?: string;
  readonly pin: Pin;
  readonly value: ConfigValue;
  /** Fetched from a git repository (`git+https://...`, `github:owner/repo`); `name` is the source without its ref. */
  readonly git?: true;
  /**
   * The flag that installs it beside what runs (uv's `--with`): fetched at every start as the
   * server is, but not the server itself, so it says nothing of what the server is.
   */
  readonly extra?: string;
}

const EXACT = /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/;

/** `name@version` for npm specs (the scope's `@` is not a separator). */
export function npmPin(spec: string): { name: string; version?: string; pin: Pin } {
  const at = spec.indexOf("@", spec.startsWith("@") ? 1 : 0);
  if (at < 0) return { name: spec, pin: "none" };
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  if (version === "" || version === "latest") return { name, version, pin: "latest" };
  return { name, version, pin: EXACT.test(version) ? "exact" : "range" };
}

/** `name==1.2.3`, `name@1.2.3` (uv), `name>=1`, `name[extra]`. */
export function pypiPin(spec: string): { name: string; version?: string; pin: Pin } {
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(==|===|@|>=|<=|~=|!=|>|<)?\s*(.*)$/.exec(spec);
  if (!m) return { name: spec, pin: "none" };
  const name = m[1] ?? spec;
  const op = m[3];
  const version = m[4] ?? "";
  if (!op) return { name, pin: "none" };
  if (version === "latest") return { name, version, pin: "latest" };
  return { name, version, pin: (op === "==" || op === "===" || op === "@") && /^\d[\w.+-]*$/.test(version) && !version.includes("*") ? "exact" : "range" };
}

/** `repo/image@sha256:…` is pinned; `:latest` or no tag floats; other tags are named versions. */
export function imagePin(spec: string): { name: string; version?: string; pin: Pin } {
  const digest = spec.indexOf("@sha256:");
  if (digest >= 0) return { name: spec.slice(0, digest), version: spec.slice(digest + 1), pin: "digest" };
  const slash = spec.lastIndexOf("/");
  const colon = spec.lastIndexOf(":");
  if (colon > slash) {
    const tag = spec.slice(colon + 1);
    return { name: spec.slice(0, colon), version: tag, pin: tag === "latest" ? "latest" : "tag" };
  }
  return { name: spec, pin: "none" };
}

function base(cmd: string): string {
  return lastPathSegment(cmd).replace(/\.(cmd|exe|ps1)$/i, "").toLowerCase();
}

const SHELLS = new Set(["sh", "bash", "zsh", "dash", "ksh"]);

/**
 * The program a POSIX shell's `-c` script ends by starting (`sh -c "npx -y pkg"`, `bash -lc
 * "aws-sso-util login && uvx --from git+https://... pkg"`, `sh -c "API_KEY=... exec npx pkg"`):
 * the words of the script's last `&&`/`||`/`;` command, after its `NAME=value` assignments and an
 * `exec`. Each word keeps the script's location (as a command written as one string does).
 */
function shellScript(tokens: readonly ConfigValue[]): ConfigValue[] | undefined {
  if (!tokens[0] || !SHELLS.has(base(tokens[0].raw))) return undefined;
  const c = tokens.findIndex((t, i) => i > 0 && /^-[a-z]*c[a-z]*$/.test(t.raw));
  const script = tokens[c + 1];
  if (c < 0 || !script || !tokens.slice(1, c).every((t) => t.raw.startsWith("-"))) return undefined;
  const words = (script.raw.split(/&&|\|\||;/).pop() ?? "").split(/\s+/).filter((w) => w !== "");
  let i = 0;
  while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i] as string)) i++;
  if (words[i] === "exec") i++;
  const unquoted = (w: string) => (w.length >= 2 && (w[0] === "'" || w[0] === '"') && w.endsWith(w[0]) ? w.slice(1, -1) : w);
  return words.slice(i).map((w) => ({ ...script, raw: unquoted(w) }));
}

/** `env`'s options that take a value (`-u NAME`, `-C dir`); `-S` takes the rest of the line as one string. */
const ENV_VALUED = new Set(["-u", "--unset", "-C", "--chdir"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * A launch line that starts with `env` (`env GITHUB_TOKEN=... npx -y pkg`, as some public Cline
 * and Claude Code configs pass a variable): the `NAME=value` assignments it sets for the program,
 * and the program's own tokens. Undefined for any other line.
 */
export function envWrapper(tokens: readonly ConfigValue[]): { assignments: ConfigValue[]; program: ConfigValue[] } | undefined {
  if (!tokens[0] || base(tokens[0].raw) !== "env") return undefined;
  let i = 1;
  for (; i < tokens.length; i++) {
    const t = (tokens[i] as ConfigValue).raw;
    if (t === "--") {
      i++;
      break;
    }
    if (!t.startsWith("-")) break;
    if (t === "-S" || t === "--split-string") {
      const line = tokens[i + 1];
      const words = line ? line.raw.split(/\s+/).filter((w) => w !== "").map((raw) => ({ ...line, raw })) : [];
      return envWrapper([tokens[0], ...words, ...tokens.slice(i + 2)]);
    }
    if (ENV_VALUED.has(t)) i++;
  }
  const assignments: ConfigValue[] = [];
  while (i < tokens.length && ASSIGNMENT.test((tokens[i] as ConfigValue).raw)) assignments.push(tokens[i++] as ConfigValue);
  return { assignments, program: tokens.slice(i) };
}

/**
 * Tokens of the launch line: command then args; a command written as one string is split;
 * what `env NAME=value ...` starts. Windows' `cmd /c npx ...` (the usual way to start npx from Claude Desktop or Cursor on
 * Windows) launches what follows `/c`; a POSIX shell's `-c` script, what the script starts.
 */
function launchTokens(s: Pick<McpServer, "command" | "args">): ConfigValue[] {
  if (!s.command) return [];
  let tokens = [s.command, ...s.args];
  if (s.args.length === 0 && /\s/.test(s.command.raw.trim())) {
    tokens = s.command.raw.trim().split(/\s+/).map((raw) => ({ ...(s.command as ConfigValue), raw }));
  }
  tokens = envWrapper(tokens)?.program ?? tokens;
  if (tokens[0] && base(tokens[0].raw) === "cmd") {
    const c = tokens.findIndex((t, i) => i > 0 && /^\/[ck]$/i.test(t.raw));
    if (c > 0 && tokens.slice(1, c).every((t) => /^\/[a-z]$/i.test(t.raw))) return tokens.slice(c + 1);
  }
  return shellScript(tokens) ?? tokens;
}

/**
 * The first positional token from `i`, skipping flags (and the values of `valued` flags): `flags`
 * holds each flag's last value, `given` every flag with a value in order (a repeated `--with`).
 */
function positional(tokens: readonly ConfigValue[], i: number, valued: ReadonlySet<string>): { at: number; flags: Map<string, ConfigValue>; given: [string, ConfigValue][] } {
  const given: [string, ConfigValue][] = [];
  const done = (at: number) => ({ at, flags: new Map(given), given });
  while (i < tokens.length) {
    const t = (tokens[i] as ConfigValue).raw;
    if (t === "--") return done(i + 1);
    if (!t.startsWith("-")) return done(i);
    const eq = t.indexOf("=");
    if (eq > 0) given.push([t.slice(0, eq), { ...(tokens[i] as ConfigValue), raw: t.slice(eq + 1) }]);
    else if (valued.has(t) && tokens[i + 1]) {
      given.push([t, tokens[i + 1] as ConfigValue]);
      i++;
    }
    i++;
  }
  return done(i);
}

const NPM_VALUED = new Set(["-p", "--package", "--registry", "--cache", "--userconfig", "-c", "--call", "--node-options"]);
const UV_VALUED = new Set(["--from", "--with", "-w", "--python", "-p", "--index", "--index-url", "--extra-index-url", "--default-index", "--with-requirements", "--constraints", "-c", "--python-preference", "--cache-dir", "--directory"]);
/** `uv run`'s own valued flags, beside the ones it shares with `uvx`. */
const UV_RUN_VALUED = new Set([...UV_VALUED, "--with-editable", "--project", "--package", "--extra", "--group", "--no-group", "--only-group", "--env-file", "--index-strategy", "--keyring-provider", "--resolution", "--prerelease", "--exclude-newer", "--config-file", "--refresh-package", "--reinstall-package", "--upgrade-package", "-P"]);
/** Valued options written between `uv` and its subcommand (`uv --directory /srv/notes run ...`). */
const UV_GLOBAL_VALUED = new Set(["--directory", "--project", "--cache-dir", "--config-file", "--color", "--python", "-p", "--python-preference", "--allow-insecure-host"]);
const PIPX_VALUED = new Set(["--spec", "--python", "--index-url", "--pip-args"]);
const DOCKER_VALUED = new Set([
  "-e", "--env", "--env-file", "-v", "--volume", "--mount", "--name", "-p", "--publish", "--network", "--net", "-w", "--workdir", "-u", "--user",
  "--entrypoint", "-l", "--label", "--label-file", "--platform", "--pull", "--cpus", "-m", "--memory", "--add-host", "--cap-add", "--cap-drop",
  "--device", "--dns", "-h", "--hostname", "--ipc", "--log-driver", "--log-opt", "--restart", "--runtime", "--security-opt", "--shm-size", "--tmpfs",
  "--ulimit", "--gpus", "--stop-signal", "--cidfile", "--network-alias", "--expose", "--group-add", "--pid", "--userns", "--uts", "--cgroupns",
  "--memory-swap", "--cpu-shares", "-c", "--health-cmd", "--stop-timeout", "--secret", "--annotation", "--attach", "-a",
]);

/** A path, a variable or an archive: nothing a registry or repository serves under a name. */
function isLocalPath(spec: string): boolean {
  return /^(\.{1,2}$|\.{0,2}[\\/]|~|[A-Za-z]:[\\/]|file:|https?:|\$)/.test(spec) || spec.endsWith(".js") || spec.endsWith(".tgz") || spec.endsWith(".whl");
}

const HOSTED_HTTPS = /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^/\s]+\/[^/\s#@]+(?:\.git)?\/?(?:[#@].*)?$/i;

/**
 * How firmly a git ref pins what is fetched: a commit SHA is fixed; a tag that
 * reads as a version (`v1.4.2`) is a named version, accepted as image tags are;
 * no ref means the default branch, any other ref (`main`, `feature/x`) may move.
 */
export function gitRefPin(ref: string | undefined): Pin {
  if (!ref) return "none";
  if (/^[0-9a-f]{7,64}$/i.test(ref)) return "exact";
  if (/^v?\d+(?:\.\d+)+(?:[-+][0-9A-Za-z.-]+)?$/.test(ref)) return "tag";
  return "range";
}

/**
 * A git source as npm reads it: `git+https://...#ref`, `git://`, `github:owner/repo#ref`
 * (also `gitlab:`, `bitbucket:`, `gist:`), `owner/repo#ref` (not a script such as
 * `build/index.js`), or a GitHub/GitLab/Bitbucket https URL. `#semver:<range>` floats.
 */
export function npmGitPin(spec: string): { name: string; version?: string; pin: Pin } | undefined {
  const git = /^(?:git\+[a-z]+:\/\/|git:\/\/|(?:github|gitlab|bitbucket|gist):)/i.test(spec) || HOSTED_HTTPS.test(spec) || (/^[A-Za-z0-9][\w.-]*\/[\w.-]+(?:#.*)?$/.test(spec) && !/\.(?:[cm]?[jt]s|tgz|tar(?:\.gz)?)$/i.test(spec));
  if (!git) return undefined;
  const hash = spec.indexOf("#");
  const name = hash < 0 ? spec : spec.slice(0, hash);
  const version = hash < 0 ? undefined : spec.slice(hash + 1);
  if (version === undefined || version === "") return { name, pin: "none" };
  return { name, version, pin: version.startsWith("semver:") ? "range" : gitRefPin(version) };
}

/**
 * A VCS source as pip and uv read it: `git+https://host/repo(.git)@ref#subdirectory=...`
 * (also `git+ssh://git@host/...`, a GitHub/GitLab/Bitbucket https URL, and PEP 508's
 * `name @ git+https://...`). The ref is the last `@` of the path, not of the user part.
 */
export function pypiGitPin(spec: string): { name: string; version?: string; pin: Pin } | undefined {
  const url = spec.replace(/^[A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?\s*@\s*(?=[a-z+]+:\/\/)/i, "");
  if (!/^(?:git|hg|svn|bzr)\+[a-z]+:\/\//i.test(url) && !HOSTED_HTTPS.test(url)) return undefined;
  const bare = url.replace(/#.*$/, "");
  const pathAt = bare.indexOf("/", bare.indexOf("://") + 3);
  const at = pathAt < 0 ? -1 : bare.lastIndexOf("@");
  if (at <= pathAt) return { name: bare, pin: "none" };
  const version = bare.slice(at + 1);
  return { name: bare.slice(0, at), ...(version ? { version } : {}), pin: gitRefPin(version) };
}

/**
 * A Nix flake reference as `nix run` reads it, when it fetches something: a git host
 * (`github:owner/repo[/ref-or-rev]`, `gitlab:`, `sourcehut:`, `git+https://...?ref=..&rev=..`)
 * or the flake registry (`nixpkgs#pkg`, `flake:nixpkgs/nixos-24.11#pkg`: the registry's
 * `nixpkgs` is a moving branch). `name` keeps the output (`#pkg`) and drops the ref. Local
 * flakes (`.#pkg`, a path, `path:`, `git+file:`) and tarball URLs are undefined.
 */
export function nixFlakePin(spec: string): { name: string; version?: string; pin: Pin; git?: true } | undefined {
  const hash = spec.indexOf("#");
  const ref = hash < 0 ? spec : spec.slice(0, hash);
  const attr = hash < 0 ? "" : spec.slice(hash);
  const q = ref.indexOf("?");
  const bare = q < 0 ? ref : ref.slice(0, q);
  const params = new URLSearchParams(q < 0 ? "" : ref.slice(q + 1));
  const fromQuery = params.get("rev") ?? params.get("ref") ?? undefined;
  const at = (name: string, version: string | undefined, git?: true) => ({ name: name + attr, ...(version ? { version } : {}), pin: gitRefPin(version), ...(git ? { git } : {}) });
  const hosted = /^((?:github|gitlab|sourcehut):[^/]+\/[^/]+)(?:\/(.+))?$/.exec(bare);
  if (hosted) return at(hosted[1] as string, hosted[2] ?? fromQuery, true);
  if (/^git\+(?:https?|ssh):\/\//.test(bare)) return at(bare, fromQuery, true);
  const indirect = /^(?:flake:)?([A-Za-z][\w-]*)(?:\/([^/]+))?$/.exec(bare);
  if (indirect) return at(indirect[1] as string, indirect[2] ?? fromQuery);
  return undefined;
}

/** `nix run` flags that take one value, and two; one that reads no flake (`--expr`, `--file`) ends the search. */
const NIX_VALUED = new Set(["--inputs-from", "--experimental-features", "--extra-experimental-features", "-I", "--include", "--store", "--eval-store", "--profile", "--update-input", "--reference-lock-file", "--output-lock-file", "--max-jobs", "-j", "--cores", "--log-format"]);
const NIX_TWO_VALUES = new Set(["--option", "--override-input", "--override-flake", "--arg", "--argstr"]);
const NIX_NO_FLAKE = new Set(["--expr", "-f", "--file"]);

function fromNix(tokens: readonly ConfigValue[], start: number): Launched[] {
  let i = start;
  for (; i < tokens.length && (tokens[i] as ConfigValue).raw.startsWith("-"); i++) {
    const t = (tokens[i] as ConfigValue).raw;
    if (t === "--" || NIX_NO_FLAKE.has(t)) return [];
    if (NIX_VALUED.has(t)) i += 1;
    else if (NIX_TWO_VALUES.has(t)) i += 2;
  }
  const v = tokens[i];
  if (!v || v.scalar) return [];
  const flake = nixFlakePin(v.raw);
  return flake ? [{ ecosystem: "nix", spec: v.raw, ...flake, value: v }] : [];
}

/** The subcommands that fetch and run a package, per npm-family tool (`npm exec`, `pnpm dlx` ...). */
const NPM_FETCH_SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = { npm: ["exec", "x"], pnpm: ["dlx"], yarn: ["dlx"], bun: ["x"] };
/** Global options written between the tool and its subcommand that take a value (`npm --prefix dir exec`, `pnpm -C dir dlx`). */
const NPM_GLOBAL_VALUED: Readonly<Record<string, ReadonlySet<string>>> = {
  npm: new Set([...NPM_VALUED, "--prefix", "-w", "--workspace", "--loglevel"]),
  pnpm: new Set(["-C", "--dir", "--filter", "-F", "--reporter", "--loglevel", "--package", "--registry"]),
  yarn: new Set(["--cwd"]),
  bun: new Set(["--cwd"]),
};

/**
 * Where the package runner's own arguments start, and the flags written before its subcommand
 * (`npm --yes exec pkg`, `pnpm --silent dlx pkg`, `pnpm --package=pkg dlx bin`, `corepack yarn dlx pkg`).
 */
function npmRunner(tokens: readonly ConfigValue[]): { start: number; before: Map<string, ConfigValue> } | undefined {
  const c = tokens[0] ? base(tokens[0].raw) : "";
  if (c === "npx" || c === "bunx" || c === "pnpx") return { start: 1, before: new Map() };
  const tool = c === "corepack" ? 1 : 0;
  const name = tokens[tool] ? base((tokens[tool] as ConfigValue).raw) : "";
  const subcommands = NPM_FETCH_SUBCOMMANDS[name];
  if (!subcommands || (tool === 1 && name !== "pnpm" && name !== "yarn")) return undefined;
  const { at, flags } = positional(tokens, tool + 1, NPM_GLOBAL_VALUED[name] as ReadonlySet<string>);
  const sub = tokens[at];
  if (!sub || tokens[at - 1]?.raw === "--" || !subcommands.includes(base(sub.raw))) return undefined;
  return { start: at + 1, before: flags };
}

function fromNpm(tokens: readonly ConfigValue[], start: number, before: ReadonlyMap<string, ConfigValue>): Launched[] {
  const { at, flags } = positional(tokens, start, NPM_VALUED);
  const pkgFlag = flags.get("-p") ?? flags.get("--package") ?? before.get("-p") ?? before.get("--package");
  const v = pkgFlag ?? tokens[at];
  if (!v || v.scalar) return [];
  const git = npmGitPin(v.raw);
  if (git) return [{ ecosystem: "npm", spec: v.raw, ...git, value: v, git: true }];
  if (isLocalPath(v.raw)) return [];
  const p = npmPin(v.raw);
  return [{ ecosystem: "npm", spec: v.raw, ...p, value: v }];
}

function fromPypi(tokens: readonly ConfigValue[], start: number, valued: ReadonlySet<string>, specFlag: string): Launched[] {
  const { at, flags } = positional(tokens, start, valued);
  const v = flags.get(specFlag) ?? tokens[at];
  if (!v || v.scalar) return [];
  const git = pypiGitPin(v.raw);
  if (git) return [{ ecosystem: "pypi", spec: v.raw, ...git, value: v, git: true }];
  if (isLocalPath(v.raw)) return [];
  return [{ ecosystem: "pypi", spec: v.raw, ...pypiPin(v.raw), value: v }];
}

/** A comma that starts another package of a `--with` list (not one inside `pkg>=1,<2`). */
const WITH_LIST_COMMA = /,(?=\s*[A-Za-z])/;

/**
 * The packages uv's `--with` (`-w`, `--with=...`) adds to the environment a command runs in
 * (`uvx --with httpx notes-mcp`, `uv run --with mcp[cli] mcp run server.py`, which the MCP Python
 * SDK's `mcp install` writes into Claude Desktop's config): repeatable, each a comma-separated
 * list, fetched at every start. Read up to the command; a comma starts a new package only before
 * a name (`pkg>=1,<2` is one).
 */
function uvWith(tokens: readonly ConfigValue[], start: number, valued: ReadonlySet<string>): Launched[] {
  const values = positional(tokens, start, valued).given.filter(([flag, v]) => !v.scalar && (flag === "--with" || flag === "-w")).map(([, v]) => v);
  const out: Launched[] = [];
  for (const v of values) {
    for (const part of v.raw.split(WITH_LIST_COMMA)) {
      const spec = part.trim();
      const git = pypiGitPin(spec);
      if (git) out.push({ ecosystem: "pypi", spec, ...git, value: v, git: true, extra: "--with" });
      else if (spec !== "" && !isLocalPath(spec)) out.push({ ecosystem: "pypi", spec, ...pypiPin(spec), value: v, extra: "--with" });
    }
  }
  return out;
}

/** `uv [global options] run ...` (packages `--with` adds; the command is the project's or a local one) and `uv tool run`. */
function fromUv(tokens: readonly ConfigValue[]): Launched[] {
  const i = positional(tokens, 1, UV_GLOBAL_VALUED).at;
  const sub = tokens[i]?.raw;
  if (sub === "run") return uvWith(tokens, i + 1, UV_RUN_VALUED);
  if (sub === "tool" && tokens[i + 1]?.raw === "run") return [...fromPypi(tokens, i + 2, UV_VALUED, "--from"), ...uvWith(tokens, i + 2, UV_VALUED)];
  return [];
}

/** `dnx` (the .NET SDK's tool runner, also `dotnet dnx` and `dotnet tool exec`): its options that take a value. */
const DNX_VALUED = new Set(["--version", "--source", "--add-source", "--configfile", "-v", "--verbosity"]);
/** One NuGet version (2 to 4 numbers, an optional pre-release label): `1.0.903-preview1`, `26.7.1`. */
const NUGET_VERSION = /^\d+(?:\.\d+){1,3}(?:[-+][0-9A-Za-z.-]+)?$/;

/**
 * `dnx <package>[@<version>]` (or `--version <version>`): a NuGet tool package fetched and run, as
 * `npx` runs an npm one (`dnx Acme.Notes.Mcp --yes`). A version is the exact one unless it floats
 * (`1.*`, a range); with none, each start takes the newest release (`--prerelease`: the newest preview).
 */
function fromDnx(tokens: readonly ConfigValue[], start: number): Launched[] {
  const { at, flags } = positional(tokens, start, DNX_VALUED);
  const v = tokens[at];
  if (!v || v.scalar || isLocalPath(v.raw) || v.raw.endsWith(".nupkg")) return [];
  const sep = v.raw.indexOf("@");
  const name = sep < 0 ? v.raw : v.raw.slice(0, sep);
  const version = sep < 0 ? flags.get("--version")?.raw : v.raw.slice(sep + 1);
  if (!version) return [{ ecosystem: "nuget", spec: v.raw, name, pin: "none", value: v }];
  return [{ ecosystem: "nuget", spec: v.raw, name, version, pin: NUGET_VERSION.test(version) ? "exact" : "range", value: v }];
}

/** `go run`'s build flags that take a value as the next word (`-tags netgo`, `-C dir`). */
const GO_VALUED = new Set(["-C", "-p", "-asmflags", "-buildmode", "-compiler", "-gccgoflags", "-gcflags", "-installsuffix", "-ldflags", "-mod", "-modfile", "-overlay", "-pgo", "-pkgdir", "-tags", "-toolexec", "-exec", "-covermode", "-coverpkg"]);
/** A canonical Go module version (`v1.2.3`, a pseudo-version `v0.0.0-20240101000000-abcdef123456`). */
const GO_VERSION = /^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * A remote package `go run` builds in module-aware mode: `path@version` whose first element is a
 * host (`github.com/acme/notes-mcp/cmd/server@v1.2.3`). A canonical version or a commit hash is
 * pinned; `latest` floats, and a branch, `upgrade`, `patch` or a version prefix (`v1.2`) is a query
 * that can move. Without `@version` go run resolves the package through the current module's
 * go.mod (pinned by go.sum), and a local path (`./cmd/server`, `main.go`) fetches nothing: undefined.
 */
export function goModulePin(spec: string): { name: string; version: string; pin: Pin } | undefined {
  const at = spec.lastIndexOf("@");
  if (at <= 0 || isLocalPath(spec)) return undefined;
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  if (!(name.split("/")[0] as string).includes(".") || name.endsWith(".go")) return undefined;
  if (version === "latest") return { name, version, pin: "latest" };
  return { name, version, pin: GO_VERSION.test(version) || gitRefPin(version) === "exact" ? "exact" : "range" };
}

function fromGo(tokens: readonly ConfigValue[], start: number): Launched[] {
  const { at } = positional(tokens, start, GO_VALUED);
  const v = tokens[at];
  const mod = v && !v.scalar ? goModulePin(v.raw) : undefined;
  return v && mod ? [{ ecosystem: "go", spec: v.raw, ...mod, value: v }] : [];
}

/** `deno run`'s options that take a value as the next word (`--config deno.json`, `-L debug`). */
const DENO_VALUED = new Set(["-c", "--config", "--import-map", "--lock", "--cert", "--location", "--seed", "-L", "--log-level", "--ext"]);

/** `name[@version][/subpath]` of an `npm:` or `jsr:` specifier: the version as npm reads it; the subpath is not the package. */
function registrySpecifierPin(rest: string): { name: string; version?: string; pin: Pin } {
  const parts = rest.split("/");
  return npmPin(parts.slice(0, rest.startsWith("@") ? 2 : 1).join("/"));
}

/** The `@` that starts a version in a URL's path (after `from`), not a scope's (`esm.sh/@acme/notes`); -1 if none. */
function versionAt(url: string, from: number): number {
  for (let i = url.indexOf("@", from); i > 0; i = url.indexOf("@", i + 1)) if (url[i - 1] !== "/") return i;
  return -1;
}

/**
 * A module a URL serves (`https://deno.land/x/notes@1.2.3/mod.ts`, `https://esm.sh/notes-mcp`):
 * the version is what follows an `@` in the path; a path segment that is a commit SHA or reads as
 * a version (`.../v1.2.3/cli.ts`, a tag) counts as named. With neither, the URL serves whatever is current.
 */
export function urlModulePin(url: string): { name: string; version?: string; pin: Pin } {
  const path = url.indexOf("/", url.indexOf("://") + 3);
  const at = path < 0 ? -1 : versionAt(url, path);
  if (at > 0) {
    const end = url.indexOf("/", at);
    const version = url.slice(at + 1, end < 0 ? undefined : end);
    const name = url.slice(0, at) + (end < 0 ? "" : url.slice(end));
    if (version === "" || version === "latest") return { name, version, pin: "latest" };
    return { name, version, pin: EXACT.test(version) ? "exact" : "range" };
  }
  const named = url.split("/").slice(3).find((seg) => /^[0-9a-f]{40}$/.test(seg) || /^v?\d+\.\d+\.\d+$/.test(seg));
  return named ? { name: url, version: named, pin: gitRefPin(named) } : { name: url, pin: "none" };
}

/** `deno run [options] <module>`: a package from npm (`npm:pkg`), JSR (`jsr:@scope/pkg`) or a URL; a local script fetches nothing. */
function fromDeno(tokens: readonly ConfigValue[], start: number): Launched[] {
  const { at } = positional(tokens, start, DENO_VALUED);
  const v = tokens[at];
  if (!v || v.scalar) return [];
  if (v.raw.startsWith("npm:")) return [{ ecosystem: "npm", spec: v.raw, ...registrySpecifierPin(v.raw.slice(4)), value: v }];
  if (v.raw.startsWith("jsr:")) return [{ ecosystem: "jsr", spec: v.raw, ...registrySpecifierPin(v.raw.slice(4)), value: v }];
  if (/^https?:\/\/[^/]+\/./.test(v.raw)) return [{ ecosystem: "deno", spec: v.raw, ...urlModulePin(v.raw), value: v }];
  return [];
}

function fromDocker(tokens: readonly ConfigValue[], start: number): Launched[] {
  const { at } = positional(tokens, start, DOCKER_VALUED);
  const v = tokens[at];
  if (!v || v.scalar || v.raw.startsWith("$")) return [];
  return [{ ecosystem: "image", spec: v.raw, ...imagePin(v.raw), value: v }];
}

/** Every package or image a server's launch line (or `image` field) fetches. */
export function launchedPackages(s: Pick<McpServer, "command" | "args" | "image">): Launched[] {
  const out: Launched[] = [];
  if (s.image && s.image.ref.kind === "literal") out.push({ ecosystem: "image", spec: s.image.raw, ...imagePin(s.image.raw), value: s.image });
  const tokens = launchTokens(s);
  const [c, a, b] = tokens.map((t) => base(t.raw));
  const npm = npmRunner(tokens);
  if (npm) out.push(...fromNpm(tokens, npm.start, npm.before));
  else if (c === "uvx") out.push(...fromPypi(tokens, 1, UV_VALUED, "--from"), ...uvWith(tokens, 1, UV_VALUED));
  else if (c === "uv") out.push(...fromUv(tokens));
  else if (c === "pipx" && a === "run") out.push(...fromPypi(tokens, 2, PIPX_VALUED, "--spec"));
  else if (c === "nix" && a === "run") out.push(...fromNix(tokens, 2));
  else if (c === "go" && a === "run") out.push(...fromGo(tokens, 2));
  else if (c === "deno" && a === "run") out.push(...fromDeno(tokens, 2));
  else if (c === "dnx") out.push(...fromDnx(tokens, 1));
  else if (c === "dotnet" && a === "dnx") out.push(...fromDnx(tokens, 2));
  else if (c === "dotnet" && a === "tool" && b === "exec") out.push(...fromDnx(tokens, 3));
  else if ((c === "docker" || c === "podman") && a === "run") out.push(...fromDocker(tokens, 2));
  else if ((c === "docker" || c === "podman") && a === "container" && b === "run") out.push(...fromDocker(tokens, 3));
  return out;
}

/**
 * A container's command and arguments (Kubernetes `command`/`args`, a gh-aw `container:` server's
 * `entrypoint`/`entrypointArgs`). Without a command, the image's entrypoint gets the args; the
 * usual base images (node, python, uv) exec them when they start with a program, so `args: [npx,
 * -y, pkg]` launches `npx` as Compose's `command: [npx, -y, pkg]` does. Taken as the launch line
 * only when it starts a package runner (`npx`, `uvx`, `pipx run` ...): a subcommand of the image's
 * own entrypoint (`args: [stdio]`) stays an argument.
 */
export function containerLaunchLine(command: ConfigValue[], args: ConfigValue[]): { cmd: ConfigValue[]; args: ConfigValue[] } {
  if (command.length) return { cmd: command, args: [...command.slice(1), ...args] };
  const [first, ...rest] = args;
  const runs = first && launchedPackages({ command: first, args: rest }).some((l) => l.ecosystem !== "image");
  return runs ? { cmd: args, args: rest } : { cmd: [], args };
}
