/**
 * The keyword pass's needle search over bytes, in WebAssembly
 * (wasm/needle-scan.wat): the table walk of {@link findNeedles} with one
 * byte per character, for texts whose characters are their bytes (ASCII
 * files and the reader's byte view). The JS loop spends ~4 ns per character
 * on charCodeAt and table loads; the compiled walk ~2 ns per byte, with the
 * same (needle, position) pairs in the same order. Where WebAssembly cannot
 * run, callers keep the JS search.
 */
import type { NeedleSet } from "./prefilter.js";
import { NEEDLE_SCAN_WASM } from "./wasm/needle-scan-binary.js";

/** What this module uses of the WebAssembly API (absent under --jitless; TS's lib here does not declare it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: unknown };
}

interface NeedleScanExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  readonly buckets: { value: number };
  readonly ids: { value: number };
  readonly needles: { value: number };
  readonly stop: { value: number };
  scan(p: number, n: number, from: number, out: number, cap: number): number;
}

/** Byte offsets of the module's fixed tables (see needle-scan.wat). */
const FOLD_AT = 0;
const PAIRS_AT = 256;
const THIRD_AT = PAIRS_AT + 128 * 128;
const WASM_PAGE = 64 * 1024;
/** What a byte above ASCII folds to: no needle has it. */
const ABOVE_ASCII = 127;
/** (needle, position) pairs one scan call may write before the host copies them out. */
const DEFAULT_CAPACITY = 32 * 1024;
const NONE = new Int32Array(0);

export interface ByteSearch {
  /**
   * Every (needle, position) in `bytes`, as `findNeedles` gives them for the
   * text with one character per byte: `[needle0, pos0, needle1, pos1, ...]`.
   * Bytes above ASCII match no needle character, whatever character they stand for.
   */
  find(bytes: Uint8Array): Int32Array;
}

let compiled: (() => NeedleScanExports) | null | undefined;

/** Makes a new instance of the module (compiled once per thread), or null where WebAssembly cannot run. */
function needleScanInstances(): (() => NeedleScanExports) | null {
  if (compiled === undefined) {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      const mod = wasm ? new wasm.Module(Buffer.from(NEEDLE_SCAN_WASM, "base64")) : null;
      compiled = wasm && mod ? () => new wasm.Instance(mod, {}).exports as NeedleScanExports : null;
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

const SEARCHES = new WeakMap<NeedleSet, ByteSearch | null>();

/** The byte search for `set` (one instance per set and thread), or undefined where it cannot run. */
export function byteSearchFor(set: NeedleSet): ByteSearch | undefined {
  let s = SEARCHES.get(set);
  if (s === undefined) SEARCHES.set(set, (s = makeByteSearch(set) ?? null));
  return s ?? undefined;
}

/**
 * A new byte search for `set`, or undefined: no WebAssembly, more buckets
 * than the module's one-byte pair table holds (254), or a needle with DEL.
 * `capacity`: pairs per call, at least the biggest bucket's needles (tests
 * make it small to cover calls that stop and go on).
 */
export function makeByteSearch(set: NeedleSet, capacity = DEFAULT_CAPACITY): ByteSearch | undefined {
  const instantiate = needleScanInstances();
  // 127 stands for every byte above ASCII: a needle with that character would match them all.
  if (!instantiate || set.buckets.length > 254 || set.needles.some((w) => w.includes("\x7f"))) return undefined;
  let ex: NeedleScanExports;
  try {
    ex = instantiate();
  } catch {
    return undefined;
  }
  const inputAt = writeTables(ex, set);
  // A call writes a position's whole bucket or stops before it: the output must hold the biggest.
  const cap = Math.max(capacity, ...set.buckets.map((b) => b.length));
  return {
    find(bytes) {
      const n = bytes.length;
      if (n < 2) return NONE;
      const outAt = (inputAt + n + 7) & ~7;
      const need = outAt + cap * 8;
      if (ex.memory.buffer.byteLength < need) ex.memory.grow(Math.ceil((need - ex.memory.buffer.byteLength) / WASM_PAGE));
      new Uint8Array(ex.memory.buffer).set(bytes, inputAt);
      const parts: Int32Array[] = [];
      for (let from = 0; from < n; from = ex.stop.value) {
        const written = ex.scan(inputAt, n, from, outAt, cap);
        parts.push(new Int32Array(ex.memory.buffer, outAt, written * 2).slice());
      }
      return parts.length === 1 ? (parts[0] as Int32Array) : concat(parts);
    },
  };
}

/** Lays out the set's tables in the instance's memory; returns where inputs go. */
function writeTables(ex: NeedleScanExports, set: NeedleSet): number {
  const nb = set.buckets.length;
  const bucketsAt = THIRD_AT + (nb + 1) * 128;
  const idsAt = bucketsAt + nb * 8;
  const idCount = set.buckets.reduce((sum, b) => sum + b.length, 0);
  const needlesAt = idsAt + idCount * 4;
  const bytesAt = needlesAt + set.needles.length * 8;
  const inputAt = (bytesAt + set.needles.reduce((sum, w) => sum + w.length, 0) + 15) & ~15;
  if (ex.memory.buffer.byteLength < inputAt) ex.memory.grow(Math.ceil((inputAt - ex.memory.buffer.byteLength) / WASM_PAGE));
  const u8 = new Uint8Array(ex.memory.buffer);
  const i32 = new Int32Array(ex.memory.buffer);
  for (let c = 0; c < 256; c++) u8[FOLD_AT + c] = c >= 128 ? ABOVE_ASCII : c >= 65 && c <= 90 ? c | 32 : c;
  // The JS table holds every case variant of a pair; the module looks up folded pairs only.
  for (let c0 = 0; c0 < 128; c0++) {
    for (let c1 = 0; c1 < 128; c1++) if (u8[FOLD_AT + c0] === c0 && u8[FOLD_AT + c1] === c1) u8[PAIRS_AT + ((c0 << 7) | c1)] = set.table[(c0 << 7) | c1] as number;
  }
  // Rows as in the JS table. Column 127 (a byte above ASCII, or past the end) is set only where a
  // bucket has a two-character needle, the only kind that can occur there: the JS search walks
  // the other buckets there too, and finds nothing.
  for (let b = 0; b < nb; b++) u8.set(set.third.subarray(b * 128, b * 128 + 128), THIRD_AT + (b + 1) * 128);
  let id = 0;
  set.buckets.forEach((bucket, b) => {
    i32[(bucketsAt >> 2) + 2 * b] = id;
    i32[(bucketsAt >> 2) + 2 * b + 1] = bucket.length;
    for (const needle of bucket) i32[(idsAt >> 2) + id++] = needle;
  });
  let at = bytesAt;
  set.needles.forEach((needle, k) => {
    i32[(needlesAt >> 2) + 2 * k] = at;
    i32[(needlesAt >> 2) + 2 * k + 1] = needle.length;
    for (let i = 0; i < needle.length; i++) u8[at++] = needle.charCodeAt(i);
  });
  ex.buckets.value = bucketsAt;
  ex.ids.value = idsAt;
  ex.needles.value = needlesAt;
  return inputAt;
}

function concat(parts: readonly Int32Array[]): Int32Array {
  const out = new Int32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
