#!/usr/bin/env bash
# Validates mcplint's SARIF for the fixtures with Microsoft's SARIF Multitool
# (the engine behind GitHub's validator), GitHub rules included. Not part of
# `npm test`: the tool is a ~100 MB download. Usage:
#   npm install --prefix /tmp/smt @microsoft/sarif-multitool   (once)
#   SARIF_MULTITOOL=/tmp/smt/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool scripts/sarif-multitool.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tool="${SARIF_MULTITOOL:?set SARIF_MULTITOOL to the Sarif.Multitool binary}"
out="$(mktemp -d)"
node bin/mcplint.js scan fixtures --format sarif -o "$out/mcplint.sarif" --fail-on none
"$tool" validate --rule-kind "Sarif;Gh" --output "$out/validation.sarif" "$out/mcplint.sarif" >/dev/null
node -e '
const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const results = v.runs.flatMap((r) => r.results ?? []);
const byLevel = {};
for (const r of results) byLevel[r.level ?? "warning"] = (byLevel[r.level ?? "warning"] ?? 0) + 1;
console.log(`SARIF Multitool (Sarif;Gh): ${results.length} issue(s)`, byLevel);
process.exit(results.some((r) => r.level === "error" || r.level === "warning" || r.level === undefined) ? 1 : 0);
' "$out/validation.sarif"
