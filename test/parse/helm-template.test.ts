import { describe, expect, it } from "vitest";
import { str, get, isArray, type DocNode } from "../../src/parse/doc.js";
import { helmReadable, parseHelmTemplate } from "../../src/parse/helm-template.js";
import { costRatio } from "../helpers.js";

const lineBreaks = (t: string) => [...t].map((c, i) => (c === "\n" || c === "\r" ? i : -1)).filter((i) => i >= 0);

describe("Helm template reading (parse/helm-template.ts)", () => {
  it("blanks whole-line actions and quotes scalars that start with one, at the same offsets", () => {
    const text = [
      "spec:",
      "  {{- if not .Values.autoscaling.enabled }}",
      "  replicas: {{ .Values.replicaCount }}",
      "  {{- end }}",
      "  labels:",
      '    {{- include "x.labels" . | nindent 4 }}',
      "  {{ $key }}: {{ $val | b64enc }}",
      "  image: {{ .Values.repo }}:{{ .Values.tag }} # the image",
      "  args:",
      "    - {{ .Values.arg }}",
      "    - --port={{ .Values.port }}",
      "",
    ].join("\r\n");
    const r = helmReadable(text);
    expect(r?.text.length).toBe(text.length);
    expect(lineBreaks(r?.text ?? "")).toEqual(lineBreaks(text));
    expect(r?.text.split("\r\n")).toEqual([
      "spec:",
      " ".repeat(43),
      "  replicas: '{ .Values.replicaCount }'",
      " ".repeat(12),
      "  labels:",
      " ".repeat(43),
      "  '{ $key }': '{ $val | b64enc }'",
      "  image: '{ .Values.repo }}:{{ .Values.tag }' # the image",
      "  args:",
      "    - '{ .Values.arg }'",
      "    - --port={{ .Values.port }}",
      "",
    ]);
    expect(r?.blanked.map((s) => text.slice(s.start, s.end))).toEqual(["{{- if not .Values.autoscaling.enabled }}", "{{- end }}", '{{- include "x.labels" . | nindent 4 }}']);
  });

  it("gives each quoted key and value back its text as written", () => {
    const text = "spec:\n  {{- if .Values.a }}\n  replicas: {{ .Values.n }}\n  {{- end }}\n  {{ $key }}: {{ $val | b64enc }}\n  image: {{ .Values.repo }}:{{ .Values.tag }}\n";
    const p = parseHelmTemplate(text);
    expect(p?.problems).toEqual([]);
    const spec = get(p?.docs[0], "spec");
    expect(str(get(spec, "replicas"))).toBe("{{ .Values.n }}");
    expect(str(get(spec, "{{ $key }}"))).toBe("{{ $val | b64enc }}");
    expect(str(get(spec, "image"))).toBe("{{ .Values.repo }}:{{ .Values.tag }}");
    const replicas = get(spec, "replicas") as DocNode;
    expect(text.slice(replicas.span.start, replicas.span.end)).toBe("{{ .Values.n }}");
  });

  it("blanks a comment action that runs over several lines, keeping its line breaks", () => {
    const text = '{{- /* a chart comment\nover two lines */ -}}\n{{- range $k, $v := .Values.servers }}\n---\nkind: Pod\nmetadata:\n  name: {{ $k }}\n{{- end }}\n';
    const r = helmReadable(text);
    expect(r?.text).toBe(`${" ".repeat(22)}\n${" ".repeat(21)}\n${" ".repeat(38)}\n---\nkind: Pod\nmetadata:\n  name: '{ $k }'\n${" ".repeat(10)}\n`);
  });

  it("leaves block scalar content as written: it is text, not YAML", () => {
    const text = "data:\n  script: |\n    token: {{ .Values.token }}\n    {{- if .Values.debug }}\n    set -x\n{{- end }}\n    echo done\n  name: {{ .Values.name }}\n";
    const r = helmReadable(text);
    expect(r?.text).toBe("data:\n  script: |\n    token: {{ .Values.token }}\n    {{- if .Values.debug }}\n    set -x\n          \n    echo done\n  name: '{ .Values.name }'\n");
    // The blanked line is read as content (the spaces past the block's indentation), as it stands in the text.
    expect(str(get(parseHelmTemplate(text)?.docs[0], "data", "script"))).toBe("token: {{ .Values.token }}\n{{- if .Values.debug }}\nset -x\n      \necho done\n");
  });

  it("reads an action whose quotes would end the quoted string that holds it, and gives the string its text back", () => {
    // Helm fills each action in before YAML reads the line, so `"{{ join "," .x }}"` is one string.
    const text = 'env:\n- value: "{{ join "," .Values.env.toolsets }}"\n- value: \'{{ printf \'%s\' .Values.b }}\'\n- value: "x{{ .Values.c | default "y" }}z"\n- value: "{{ default \\"a\\" .Values.d }}"\n';
    const r = helmReadable(text);
    expect(r?.text).toBe('env:\n- value: "{{ join \',\' .Values.env.toolsets }}"\n- value: \'{{ printf "%s" .Values.b }}\'\n- value: "x{{ .Values.c | default \'y\' }}z"\n- value: "{{ default \\"a\\" .Values.d }}"\n');
    const p = parseHelmTemplate(text);
    expect(p?.problems).toEqual([]);
    const env = get(p?.docs[0], "env");
    expect((isArray(env) ? env.items : []).map((i) => str(get(i, "value")))).toEqual(['{{ join "," .Values.env.toolsets }}', "{{ printf '%s' .Values.b }}", 'x{{ .Values.c | default "y" }}z', '{{ default "a" .Values.d }}']);
  });

  it("leaves flow collections, quoted values, comments and actions that run past their line as written", () => {
    const text = 'env: [{{ .Values.a }}]\nmap: { name: {{ .Values.b }} }\nq: "{{ .Values.c }}"\nh: "host: {{ .Values.h }}"\ne: "say \\"x: {{ .Values.e }}\\""\n# token: {{ .Values.t }}\nk: v # was: {{ .Values.k }}\nv: {{ .Values.d\n  | quote }}\n';
    expect(helmReadable(text)?.text).toBe(text);
  });

  it("is undefined for text without a complete action, and grows in proportion to the text on long lines", () => {
    expect(helmReadable("a: 1\nb: {{ .Values.x\n")).toBeUndefined();
    expect(helmReadable("a: 1\n")).toBeUndefined();
    // 60 KB lines of actions, keys, `{{` with no `}}`, spaces, quotes and flow collections: 5 x 6 of them is about 1.8 MB.
    const long = [
      `a: ${"{{ .Values.x }} ".repeat(4000)}`,
      `${"  ".repeat(30000)}{{- end }}`,
      `- ${"{{ $k }}: ".repeat(6000)}`,
      `b: ${"x: {{ ".repeat(10000)}`,
      ` ${"{{ a }}".repeat(8500)}`,
      `c: [${"{ {{ .Values.y }}: [".repeat(3000)}`,
      `d: "${'\\" {{ x }}: '.repeat(6000)}"`,
    ];
    const text = (n: number) => Array.from({ length: n }, () => long.join("\n")).join("\n");
    const [small, big] = [text(1), text(5)];
    expect(helmReadable(big)?.text.length).toBe(big.length);
    const ratio = costRatio(() => helmReadable(small), () => helmReadable(big), 12, 200);
    // x5 when linear, x25 when quadratic.
    expect(ratio, `x${ratio.toFixed(1)}`).toBeLessThan(12);
  }, 60_000);
});
