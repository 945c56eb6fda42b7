// Temporary stand-in until the real implementation lands (branch `toml`).
export function lineHashFor(_text: string, line: number): string {
  return `0000000000000000:${line}`;
}
