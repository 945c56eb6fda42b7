/**
 * The ripgrep side of the comparison: 16 common secret patterns (Rust regex
 * syntax), roughly what gitleaks-style rule sets start with.
 */
export const RG_PATTERNS = [
  "AKIA[0-9A-Z]{16}",
  "(?i)aws_secret_access_key\\s*[:=]\\s*['\"]?[A-Za-z0-9/+=]{40}",
  "gh[pousr]_[A-Za-z0-9]{36}",
  "github_pat_[A-Za-z0-9_]{82}",
  "glpat-[A-Za-z0-9_-]{20}",
  "xox[baprs]-[A-Za-z0-9-]{10,48}",
  "sk-ant-api03-[A-Za-z0-9_-]{90,}",
  "sk-(?:proj-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}",
  "sk_live_[0-9a-zA-Z]{24,}",
  "AIza[0-9A-Za-z_-]{35}",
  "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}",
  "npm_[A-Za-z0-9]{36}",
  "-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----",
  "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}",
  // Written so that ripgrep stays on its fast path: bounded repeats ({1,100}) and \s between
  // words under (?i) made it 10x slower and 750 MB large, which flattered mcplint.
  "(?i)(?:password|passwd|secret|token|api_?key)[ \\t]*[:=][ \\t]*['\"][^'\"\\s]{8,}['\"]",
  "[a-z][a-z0-9+.-]+://[^\\s:@/]+:[^\\s:@/]+@",
];
