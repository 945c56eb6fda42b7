/**
 * Spellings people bring from the scanners and linters they already run (gitleaks, ESLint,
 * semgrep, actionlint): each maps to what mcplint takes instead, for the usage error's hint.
 * Nothing here is accepted as an alias; the hint only names mcplint's own spelling.
 */

/** Options other tools spell their own way (`--report-path`, `--output-file`, ...), with mcplint's. */
const FOREIGN_OPTIONS: Readonly<Record<string, string>> = {
  "--output-file": "Did you mean -o, --output? That is ESLint's --output-file",
  "--report-path": "Did you mean -o, --output? That is gitleaks' --report-path; -o - is stdout",
  "--report-format": "Did you mean -f, --format? That is gitleaks' --report-format",
  "--baseline-path": "Did you mean --baseline? That is gitleaks' --baseline-path",
  "--sarif": "Did you mean --format sarif, or --sarif-file FILE beside another format?",
  "--json": "Did you mean --format json?",
  "--redact": "mcplint always redacts: no report shows a whole secret",
  "--exit-code": "Did you mean --fail-on? --fail-on none always exits 0",
  "--max-warnings": "Did you mean --fail-on? --fail-on error lets warnings pass",
  "--color": "mcplint colours only on a terminal; FORCE_COLOR=1 forces colours",
  "--ignore-pattern": "Did you mean --exclude? It is repeatable",
  "--ignore-path": "Did you mean --exclude, or exclude: in .mcplint.yaml? .gitignore files are honoured",
  "--no-ignore": "Did you mean --no-gitignore?",
  "--no-banner": "mcplint prints no banner",
  "--source": "give the paths to scan as arguments: mcplint scan PATH...",
};

/**
 * The hint for an unknown option other tools spell that way (`--report-path=out.sarif` too);
 * undefined for any other option.
 */
export function foreignOptionHint(flag: string): string | undefined {
  const name = flag.split("=", 1)[0] as string;
  return Object.hasOwn(FOREIGN_OPTIONS, name) ? FOREIGN_OPTIONS[name] : undefined;
}

/** First words other tools use as commands (gitleaks `detect`, `protect`, `version`), with mcplint's spelling. */
const FOREIGN_COMMANDS: Readonly<Record<string, string>> = {
  rules: "--list-rules",
  "list-rules": "--list-rules",
  version: "--version",
  detect: "scan",
  dir: "scan",
  git: "scan",
  protect: "scan --staged",
};

/** mcplint's spelling for a first word that no command is but another tool's is; undefined otherwise. */
export function foreignCommand(word: string): string | undefined {
  return Object.hasOwn(FOREIGN_COMMANDS, word) ? FOREIGN_COMMANDS[word] : undefined;
}

/**
 * The first word (before `--`, skipping option values) that is a long option written with one
 * dash, as Go tools take them (actionlint's `-format`, `-version`): commander reads `-format json`
 * as `-f ormat` and `-quiet` as `-q -u ...`, so its own error names something the user never wrote.
 * `longNames` are the command's options (`--format`), `takesValue` its flags that take a value.
 */
export function singleDashLong(argv: readonly string[], longNames: ReadonlySet<string>, takesValue: ReadonlySet<string>): { word: string; long: string } | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") return undefined;
    if (takesValue.has(a)) {
      i++;
      continue;
    }
    const m = /^-([a-z][a-z-]+)(?:=|$)/.exec(a);
    if (m && longNames.has(`--${m[1]}`)) return { word: a, long: `--${m[1]}` };
  }
  return undefined;
}

/**
 * Commander's unknown-option error (`mcplint: unknown option '--report-path'`, with or without its
 * own "Did you mean" line) with the hint for an option other tools spell that way; else as it was.
 */
export function withForeignOptionHint(message: string): string {
  const m = /^(mcplint: unknown option '([^'\n]+)')(?:\n\(Did you mean [^\n]*\))?\n$/.exec(message);
  const hint = m ? foreignOptionHint(m[2] as string) : undefined;
  return m && hint ? `${m[1]}\n(${hint})\n` : message;
}

/** Option values other tools spell their own way: ESLint's `warn`, semgrep's and SARIF viewers' `info`, `md`. */
const FOREIGN_VALUES: Readonly<Record<string, string>> = { warn: "warning", info: "note", md: "markdown" };

/** The choice a value other tools use stands for, when it is one of `choices`; undefined otherwise. */
export function foreignValue(value: string, choices: readonly string[]): string | undefined {
  const key = value.toLowerCase();
  const choice = Object.hasOwn(FOREIGN_VALUES, key) ? FOREIGN_VALUES[key] : undefined;
  return choice !== undefined && choices.includes(choice) ? choice : undefined;
}
