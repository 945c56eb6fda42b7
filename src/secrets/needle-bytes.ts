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
const THIRD_AT = PAIRS_AT + 256 * 256;
/** After the third-character rows of 254 buckets at most (+ row 0). */
const FOURTH_AT = 131072;
/** Third-character row width: one column per byte. */
const ROW = 256;
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
 * A new byte search for `set`, or undefined: no WebAssembly, more needle
 * lists than the module's one-byte tables hold (254; see needleLists), or a
 * needle with DEL. `capacity`: pairs per call, at least the biggest list's
 * needles (tests make it small to cover calls that stop and go on).
 */
export function makeByteSearch(set: NeedleSet, capacity = DEFAULT_CAPACITY): ByteSearch | undefined {
  const instantiate = needleScanInstances();
  // 127 stands for every byte above ASCII: a needle with that character would match them all.
  if (!instantiate || set.buckets.length > 254 || set.needles.some((w) => w.includes("\x7f"))) return undefined;
  const lists = needleLists(set);
  if (lists.all.length > 254) return undefined;
  let ex: NeedleScanExports;
  try {
    ex = instantiate();
  } catch {
    return undefined;
  }
  const inputAt = writeTables(ex, set, lists);
  // A call writes a position's whole list or stops before it: the output must hold the biggest.
  const cap = Math.max(capacity, ...lists.all.map((l) => l.length));
  return {
    find(bytes) {
      const n = bytes.length;
      if (n < 2) return NONE;
      // The output follows the input: the scan reads up to eight bytes past a position (needle-scan.wat).
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

interface NeedleLists {
  /** Each list's needle ids, in their bucket's order (longest first). */
  readonly all: readonly (readonly number[])[];
  /** Per bucket, 129 list numbers + 1 (0: none): by folded third character, then [128] for a byte above ASCII or past the end. */
  readonly byThird: readonly Uint8Array[];
}

/**
 * The needles the module walks where a bucket's pair is followed by a given
 * third character: those of the bucket with that character (folded) third,
 * and its two-character needles, which fit any third character; where the
 * third is above ASCII or past the end, the two-character needles alone. The
 * JS search walks the whole bucket (the third-character flags only say
 * whether to); the others cannot occur there, so the pairs are the same.
 */
function needleLists(set: NeedleSet): NeedleLists {
  const all: number[][] = [];
  const add = (ids: number[]) => (ids.length === 0 ? 0 : all.push(ids));
  const byThird = set.buckets.map((bucket) => {
    // A bucket is longest first: its two-character needles come last, as in each list.
    const short: number[] = [];
    const byChar = new Map<number, number[]>();
    for (const id of bucket) {
      const needle = set.needles[id] as string;
      if (needle.length === 2) short.push(id);
      else {
        const c = needle.charCodeAt(2);
        const ids = byChar.get(c);
        if (ids) ids.push(id);
        else byChar.set(c, [id]);
      }
    }
    const row = new Uint8Array(129).fill(add(short));
    for (const [c, ids] of byChar) row[c] = add([...ids, ...short]);
    return row;
  });
  return { all, byThird };
}

/** Lays out the set's tables in the instance's memory; returns where inputs go. */
function writeTables(ex: NeedleScanExports, set: NeedleSet, lists: NeedleLists): number {
  const listsAt = FOURTH_AT + (lists.all.length + 1) * ROW;
  const idsAt = listsAt + lists.all.length * 8;
  const idCount = lists.all.reduce((sum, l) => sum + l.length, 0);
  const needlesAt = idsAt + idCount * 4;
  const bytesAt = needlesAt + set.needles.length * 8;
  const inputAt = (bytesAt + set.needles.reduce((sum, w) => sum + w.length, 0) + 15) & ~15;
  if (ex.memory.buffer.byteLength < inputAt) ex.memory.grow(Math.ceil((inputAt - ex.memory.buffer.byteLength) / WASM_PAGE));
  const u8 = new Uint8Array(ex.memory.buffer);
  const i32 = new Int32Array(ex.memory.buffer);
  for (let c = 0; c < 256; c++) u8[FOLD_AT + c] = c >= 128 ? ABOVE_ASCII : c >= 65 && c <= 90 ? c | 32 : c;
  // The module's pair table is indexed by raw bytes, b0 | b1 << 8 (a little-endian two-byte
  // load), with every case variant of a bucket's pair (as the JS table), and pairs above ASCII 0.
  set.buckets.forEach((bucket, b) => {
    const needle = set.needles[bucket[0] as number] as string;
    for (const c0 of caseVariants(needle.charCodeAt(0))) for (const c1 of caseVariants(needle.charCodeAt(1))) u8[PAIRS_AT + (c0 | (c1 << 8))] = b + 1;
  });
  // Row b + 1, column c (a raw byte): the list for the folded character, or for above ASCII.
  lists.byThird.forEach((row, b) => {
    const at = THIRD_AT + (b + 1) * ROW;
    u8.set(row.subarray(0, 128), at);
    for (let c = 65; c <= 90; c++) u8[at + c] = row[c | 32] as number;
    u8.fill(row[128] as number, at + 128, at + ROW);
  });
  // Row l + 1, column c: may a needle of list l have c (folded) fourth? Those shorter than four fit any.
  lists.all.forEach((list, k) => {
    const at = FOURTH_AT + (k + 1) * ROW;
    for (const id of list) {
      const needle = set.needles[id] as string;
      if (needle.length < 4) u8.fill(1, at, at + ROW);
      else for (const c of caseVariants(needle.charCodeAt(3))) u8[at + c] = 1;
    }
  });
  let id = 0;
  lists.all.forEach((list, k) => {
    i32[(listsAt >> 2) + 2 * k] = id;
    i32[(listsAt >> 2) + 2 * k + 1] = list.length;
    for (const needle of list) i32[(idsAt >> 2) + id++] = needle;
  });
  let at = bytesAt;
  set.needles.forEach((needle, k) => {
    i32[(needlesAt >> 2) + 2 * k] = at;
    i32[(needlesAt >> 2) + 2 * k + 1] = needle.length;
    for (let i = 0; i < needle.length; i++) u8[at++] = needle.charCodeAt(i);
  });
  ex.buckets.value = listsAt;
  ex.ids.value = idsAt;
  ex.needles.value = needlesAt;
  return inputAt;
}

/** A lowercase letter and its capital; any other character alone. */
function caseVariants(c: number): number[] {
  return c >= 97 && c <= 122 ? [c, c - 32] : [c];
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
