/**
 * Reads one file for scanning: size cap, binary sniff, encodings (UTF-8 with
 * or without BOM, UTF-16 LE/BE with BOM, or without one: utf16WithoutBom;
 * UTF-32 LE/BE with BOM).
 * Expected problems are values.
 *
 * Reads are synchronous (open, fstat, one read, close): files come from the
 * page cache in microseconds, and an awaited round trip through the libuv
 * pool per file cost more than the read itself (the scan sat idle). The size
 * cap is checked on the open descriptor before any byte is read, except for
 * files the walk has found (`walked`): those are known to be regular files,
 * and reading at most cap + 1 bytes finds an oversized one without an fstat
 * per file (the fstat then runs for the message only).
 */
import * as fs from "node:fs";
import { isAscii, isUtf8 } from "node:buffer";
import type { Diagnostic } from "../model/types.js";
import { errCode } from "./walk.js";

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
/** The default limit for client and gateway configuration files (AnalysisSettings.configMaxFileSize). */
export const CONFIG_MAX_FILE_SIZE = 16 * 1024 * 1024;

export type ReadResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly bytes: number;
      readonly notes: Diagnostic[];
      /** File mode from stat (readSource only). */
      readonly mode?: number;
      /**
       * Present when the reader was asked for a byte view (`makeReader(max, { byteView: true })`) and
       * the file is UTF-8 with non-ASCII characters (none of them a space): `text` is then the
       * file's bytes one character each (see `byteView`), which ASCII patterns see as in the decoded
       * text, and `exact()` decodes the real text. Call it before the reader's next read: the bytes
       * sit in a reused buffer.
       */
      readonly exact?: () => string;
      /**
       * The characters of `text` one byte each, when the reader made it from them (an ASCII file
       * or the byte view): the keyword pass searches these. In the reader's reused buffer, like
       * `exact`: valid until its next read.
       */
      readonly oneByte?: Uint8Array;
      /** The UTF-8 bytes of `text` (a valid non-ASCII UTF-8 file decoded at once); valid like `oneByte`. */
      readonly utf8?: Uint8Array;
      /**
       * Set when `text` is made on its first read (a byte-view reader's file over LAZY_TEXT_FROM
       * bytes, with `oneByte`): the scan may judge the file from `oneByte` in pieces and never make
       * the large string (secrets/pieces.ts). Read `text` before the reader's next read, like `exact`.
       */
      readonly lazy?: true;
    }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

export interface ReaderOptions {
  /**
   * Give non-ASCII UTF-8 files as a one-byte view plus `exact()`, and the text of a one-byte file
   * over LAZY_TEXT_FROM bytes on its first read (`lazy`; see ReadResult). For the scan's readers,
   * whose results are used before their next read.
   */
  readonly byteView?: boolean;
  /**
   * Every path is a regular file that the walk listed: no fstat before the read, and no `mode`
   * in the result (file modes matter for user-level files only).
   */
  readonly walked?: boolean;
}

/**
 * Extensions of formats that are binary by construction: never opened (the
 * content sniff would reject them anyway, after a read). Source maps are
 * text and stay in: their `sourcesContent` can carry a bundled secret.
 */
const BINARY_EXTENSIONS = new Set([
  ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".icns", ".webp", ".avif", ".tif", ".tiff", ".psd",
  ".woff", ".woff2", ".ttf", ".otf", ".eot",
  ".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar", ".war",
  ".node", ".wasm", ".so", ".dylib", ".dll", ".exe", ".o", ".a", ".lib", ".class", ".pyc",
  ".mp3", ".mp4", ".m4a", ".ogg", ".wav", ".flac", ".webm", ".mov", ".avi",
  ".pdf", ".sqlite", ".db",
]);

/** True for a path whose extension names a binary format. */
export function isBinaryByName(rel: string): boolean {
  const dot = rel.lastIndexOf(".");
  if (dot < 0 || dot < rel.lastIndexOf("/")) return false;
  return BINARY_EXTENSIONS.has(rel.slice(dot).toLowerCase());
}

function binaryNote(rel: string): ReadResult {
  return { ok: false, diagnostic: { level: "note", code: "binary", message: `${rel}: binary file; skipped`, file: rel } };
}

/** A file opened ahead of its read, or why its open failed. */
type Opened = { readonly fd: number } | { readonly error: unknown };

/**
 * A planned file read ahead: its bytes [off, off + n) in the batch buffer,
 * all of them or (with `fd`, open there) the first n; or its result.
 */
type ReadAhead = { readonly off: number; readonly n: number; readonly fd?: number } | ReadResult;

/** Files read ahead in a row, at most. */
const AHEAD_FILES = 32;
/** The batch buffer: at least this, and room for one whole file at the size cap. */
const AHEAD_BYTES = 2 * 1024 * 1024;
/**
 * A file read ahead that fills this much is asked its size before the rest
 * is read: one over the cap is skipped unread (the corpus's 18 files over 2 MB
 * were read to the cap, 36 MB of its 216 MB of reads, to be dropped).
 */
const SIZE_PROBE = 256 * 1024;

export interface FileReader {
  (abs: string, rel: string): ReadResult;
  /**
   * The files about to be read, in this order. A read of one of them first
   * reads it and the next ones (up to 32, or 2 MB) in a row, then analysis
   * takes them one by one: an open or read between two files' analyses took
   * 2-4 times as long as one right after another (the kernel's data for the
   * path lookup and the page cache had left the CPU caches). Same results.
   * Readers of walked files only (ReaderOptions.walked); others ignore it.
   */
  plan(files: readonly { readonly abs: string; readonly rel: string }[]): void;
  /** Drops what was read ahead and not taken (closing any file left open). */
  close(): void;
}

/**
 * A reader for one scan: reads into one scratch buffer that grows to the
 * largest file seen (decoding copies the bytes out), instead of a new buffer
 * per file that only the garbage collector gives back. The results of a
 * planned read (the batch buffer) and of the scratch buffer stay valid until
 * the reader's next read.
 */
export function makeReader(maxBytes = DEFAULT_MAX_FILE_SIZE, options: ReaderOptions = {}): FileReader {
  let scratch = Buffer.allocUnsafe(0);
  const scratchFor = (size: number) => {
    if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, Math.min(maxBytes + 1, Math.max(64 * 1024, scratch.length * 2))));
    return scratch;
  };
  let planned: readonly { readonly abs: string; readonly rel: string }[] = [];
  let indexOf = new Map<string, number>();
  let batch = Buffer.allocUnsafe(0);
  const batchBytes = Math.max(AHEAD_BYTES, maxBytes + 1);
  const ahead = new Map<string, ReadAhead>();
  const drop = () => {
    for (const a of ahead.values()) if ("fd" in a && a.fd !== undefined) closeQuietly(a.fd);
    ahead.clear();
  };
  const readAhead = (from: number) => {
    // The entries of an earlier batch point into the buffer about to be overwritten.
    drop();
    if (batch.length < batchBytes) batch = Buffer.allocUnsafe(batchBytes);
    let off = 0;
    for (let k = from; k < Math.min(planned.length, from + AHEAD_FILES) && off < batch.length; k++) {
      const f = planned[k] as { readonly abs: string; readonly rel: string };
      if (isBinaryByName(f.rel) || ahead.has(f.abs)) continue;
      const opened = openForRead(f.abs);
      if ("error" in opened) {
        // Out of descriptors: the rest open one at a time, when read.
        if (["EMFILE", "ENFILE"].includes(errCode(opened.error))) break;
        ahead.set(f.abs, unreadable(f.rel, opened.error));
        continue;
      }
      const room = Math.min(batch.length - off, maxBytes + 1);
      let n = 0;
      try {
        n = fillFrom(opened.fd, batch, off, Math.min(room, SIZE_PROBE));
        const size = n === SIZE_PROBE && room > SIZE_PROBE ? fs.fstatSync(opened.fd).size : 0;
        if (size > maxBytes) {
          closeQuietly(opened.fd);
          ahead.set(f.abs, tooLarge(f.rel, size, maxBytes));
          continue;
        }
        if (n === SIZE_PROBE) n += fillFrom(opened.fd, batch, off + n, room - n);
      } catch (err) {
        closeQuietly(opened.fd);
        ahead.set(f.abs, unreadable(f.rel, err));
        continue;
      }
      if (n < room) {
        closeQuietly(opened.fd);
        ahead.set(f.abs, { off, n });
        off += n;
      } else {
        // Filled its room: over the cap, or more than the batch had left (read on when taken).
        ahead.set(f.abs, { off, n, fd: opened.fd });
        break;
      }
    }
  };
  const read = ((abs: string, rel: string) => {
    let a = ahead.get(abs);
    if (a === undefined && indexOf.has(abs) && !isBinaryByName(rel)) {
      readAhead(indexOf.get(abs) as number);
      a = ahead.get(abs);
    }
    if (a === undefined) return readSourceSync(abs, rel, maxBytes, scratchFor, options);
    ahead.delete(abs);
    if ("ok" in a) return a;
    if (a.fd === undefined) return decode(batch.subarray(a.off, a.off + a.n), rel, options);
    return readRest(a.fd, batch.subarray(a.off, a.off + a.n), rel, maxBytes, scratchFor, options);
  }) as FileReader;
  read.plan = (files) => {
    drop();
    // Only walked files (regular, no mode wanted) are read ahead.
    if (!options.walked) return;
    planned = files;
    indexOf = new Map(files.map((f, i) => [f.abs, i]));
  };
  read.close = () => {
    drop();
    planned = [];
    indexOf = new Map();
  };
  return read;
}

/** Reads from `fd` into buf[off, off + room) until the end of the file or the room is full; the count. */
function fillFrom(fd: number, buf: Buffer, off: number, room: number): number {
  let n = 0;
  while (n < room) {
    const got = fs.readSync(fd, buf, off + n, room - n, null);
    if (got === 0) break;
    n += got;
  }
  return n;
}

/** A file read ahead in part: its first bytes are `head`, the rest is read from `fd` (then closed). */
function readRest(fd: number, head: Buffer, rel: string, maxBytes: number, bufferFor: (size: number) => Buffer, options: ReaderOptions): ReadResult {
  try {
    return readWalked(fd, rel, maxBytes, bufferFor, options, head);
  } catch (err) {
    return unreadable(rel, err);
  } finally {
    closeQuietly(fd);
  }
}

/** A walked file from its open descriptor: read up to cap + 1 bytes (after `head`, read already), then decoded or too large. */
function readWalked(fd: number, rel: string, maxBytes: number, bufferFor: (size: number) => Buffer, options: ReaderOptions, head?: Buffer): ReadResult {
  // The rest of a file that filled what a batch had left: its size first, as for a probe (SIZE_PROBE).
  if (head) {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) return tooLarge(rel, size, maxBytes);
  }
  const { buf, n } = readCapped(fd, maxBytes + 1, bufferFor, head);
  if (n > maxBytes) return tooLarge(rel, fs.fstatSync(fd).size, maxBytes);
  return decode(buf.subarray(0, n), rel, options);
}

function unreadable(rel: string, err: unknown): ReadResult {
  return { ok: false, diagnostic: { level: "warning", code: "unreadable", message: `${rel}: cannot read (${errCode(err)})`, file: rel } };
}

function openForRead(abs: string): Opened {
  try {
    // O_NONBLOCK so that a FIFO that slipped through never blocks the scan.
    return { fd: fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK) };
  } catch (error) {
    return { error };
  }
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Nothing to do: the descriptor is gone either way.
  }
}

/**
 * Reads and decodes one file; never throws. `bufferFor` may hand out a reused
 * buffer of at least the given size.
 */
export function readSourceSync(
  abs: string,
  rel: string,
  maxBytes = DEFAULT_MAX_FILE_SIZE,
  bufferFor: (size: number) => Buffer = (n) => Buffer.allocUnsafe(n),
  options: ReaderOptions = {},
): ReadResult {
  if (isBinaryByName(rel)) return binaryNote(rel);
  let fd: number | undefined;
  try {
    const o = openForRead(abs);
    if ("error" in o) throw o.error;
    fd = o.fd;
    if (options.walked) return readWalked(fd, rel, maxBytes, bufferFor, options);
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, diagnostic: { level: "note", code: "not-regular-file", message: `${rel}: not a regular file; not opened`, file: rel } };
    if (st.size > maxBytes) return tooLarge(rel, st.size, maxBytes);
    // The stated size plus one byte (to see growth); a file that grew past the cap is cut there.
    const { buf, n } = readCapped(fd, Math.min(st.size + 1, maxBytes), bufferFor);
    const decoded = decode(buf.subarray(0, n), rel, options);
    return decoded.ok ? { ...decoded, mode: st.mode } : decoded;
  } catch (err) {
    return unreadable(rel, err);
  } finally {
    if (fd !== undefined) closeQuietly(fd);
  }
}

/**
 * Reads up to `limit` bytes (fewer at the end of the file) into the buffer at
 * hand (at least 64 KB, or `limit`), growing it (doubling, up to `limit`)
 * while reads fill it, so that a raised --max-file-size does not allocate its
 * whole size for small files whose size is not known before the read. `head`:
 * bytes of the file read already (the descriptor is past them).
 */
function readCapped(fd: number, limit: number, bufferFor: (size: number) => Buffer, head?: Buffer): { buf: Buffer; n: number } {
  let buf = bufferFor(Math.min(limit, Math.max(64 * 1024, head ? head.length * 2 : 0)));
  let n = 0;
  if (head) n = head.copy(buf, 0, 0, Math.min(head.length, buf.length));
  for (;;) {
    const room = Math.min(buf.length, limit) - n;
    const got = fillFrom(fd, buf, n, room);
    n += got;
    // Short of the room: the end of the file. Up to the limit: done. Else the buffer is full: grow it.
    if (got < room || n >= limit) return { buf, n };
    const bigger = bufferFor(Math.min(limit, buf.length * 2));
    if (bigger !== buf) buf.copy(bigger, 0, 0, n);
    buf = bigger;
  }
}

function tooLarge(rel: string, size: number, maxBytes: number): ReadResult {
  return { ok: false, diagnostic: { level: "note", code: "too-large", message: `${rel}: ${size} bytes is over the size limit of ${maxBytes} bytes (--max-file-size); skipped`, file: rel } };
}

/** Promise form of {@link readSourceSync}, for callers that want one. */
export async function readSource(abs: string, rel: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  return readSourceSync(abs, rel, maxBytes);
}

const SPACE_SEQUENCES = [
  [0xc2, 0xa0], // U+00A0 no-break space
  [0xe1, 0x9a, 0x80], // U+1680
  [0xe2, 0x81, 0x9f], // U+205F
  [0xe3, 0x80, 0x80], // U+3000
  [0xef, 0xbb, 0xbf], // U+FEFF inside the text
].map((b) => Buffer.from(b));
const E2_80 = Buffer.from([0xe2, 0x80]);

/** Does the UTF-8 text hold a character above ASCII that `\s` matches (U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF)? */
function hasUnicodeSpace(body: Buffer): boolean {
  if (SPACE_SEQUENCES.some((seq) => body.includes(seq))) return true;
  for (let i = body.indexOf(E2_80); i >= 0; i = body.indexOf(E2_80, i + 2)) {
    const c = body[i + 2] ?? 0;
    if ((c >= 0x80 && c <= 0x8a) || c === 0xa8 || c === 0xa9 || c === 0xaf) return true;
  }
  return false;
}

/**
 * The bytes one character each (latin1). Not for a text with a character
 * above ASCII that `\s` matches (hasUnicodeSpace): the view could judge it
 * differently, as that character would not be a space there (a key, a
 * separator or a `Bearer` gap could then fail to match). Byte 0xA0, a UTF-8 continuation byte (in à, Р, many CJK
 * characters), would read as a no-break space and split a value that has no
 * space: it becomes U+00A1, which no pattern treats specially.
 */
function byteView(body: Buffer): string {
  const view = body.toString("latin1");
  return body.includes(0xa0) ? view.replaceAll("\u00a0", "\u00a1") : view;
}

/**
 * One-byte texts over this many bytes are made on first use by a byte-view reader: a string of
 * more than 128 KB is costly in V8 (secrets/pieces.ts), and the scan can often do without it.
 */
export const LAZY_TEXT_FROM = 120 * 1024;

type OkRead = Extract<ReadResult, { ok: true }>;

/** A one-byte text's result: `text` made now, or (lazy) on its first read. */
function oneByteResult(fields: Omit<OkRead, "text" | "lazy">, make: () => string, lazy: boolean): ReadResult {
  if (!lazy) return { ...fields, text: make() };
  let text: string | undefined;
  return {
    ...fields,
    get text() {
      return (text ??= make());
    },
    lazy: true,
  };
}

/** Least share of a UTF-16 file's first code units that must be printable Latin-1 (or a tab or line end) to be read as text. */
const UTF16_LATIN1_SHARE = 0.95;

/**
 * The encoding of UTF-16 text without a byte-order mark (a PowerShell or
 * .NET tool's file), judged from its first `probeBytes` bytes: an even
 * length, and nearly every code unit there printable Latin-1 (ASCII, or an
 * accented letter) with its zero byte on one side (the high byte:
 * little-endian). No U+0000, and the first unit Latin-1. Else undefined: the
 * file is binary.
 */
function utf16WithoutBom(buf: Buffer, probeBytes: number): "utf-16le" | "utf-16be" | undefined {
  if (buf.length % 2 !== 0 || buf.length < 4) return undefined;
  const units = Math.floor(probeBytes / 2);
  const le = buf[1] === 0 && buf[0] !== 0;
  if (!le && !(buf[0] === 0 && buf[1] !== 0)) return undefined;
  const [lo, hi] = le ? [0, 1] : [1, 0];
  let latin1 = 0;
  for (let u = 0; u < units; u++) {
    const a = buf[2 * u + lo] as number;
    const b = buf[2 * u + hi] as number;
    if (a === 0 && b === 0) return undefined;
    if (b === 0 && ((a >= 0x20 && a < 0x7f) || a >= 0xa0 || a === 0x09 || a === 0x0a || a === 0x0d)) latin1++;
  }
  return latin1 >= units * UTF16_LATIN1_SHARE ? (le ? "utf-16le" : "utf-16be") : undefined;
}

/**
 * UTF-32 text after its byte-order mark (PowerShell's `Out-File -Encoding utf32` writes it, little-endian),
 * which TextDecoder does not take: each 4-byte unit is a code point, U+FFFD for one that is none (a surrogate,
 * past U+10FFFF, or a unit cut short at the end).
 */
function utf32Text(body: Buffer, littleEndian: boolean): string {
  const parts: string[] = [];
  let chunk = "";
  for (let at = 0; at < body.length; at += 4) {
    const cp = at + 4 > body.length ? -1 : littleEndian ? body.readUInt32LE(at) : body.readUInt32BE(at);
    chunk += cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
    // Joined in pieces: one string grown a character at a time would be a deep rope.
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = "";
    }
  }
  return parts.join("") + chunk;
}

/** The byte order of a UTF-32 byte-order mark at the start of `buf`, if there is one. */
function utf32Bom(buf: Buffer): "UTF-32LE" | "UTF-32BE" | undefined {
  if (buf.length < 4) return undefined;
  if (buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return "UTF-32LE";
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return "UTF-32BE";
  return undefined;
}

/** Decodes bytes to text, or says why the file is not text. */
export function decode(buf: Buffer, rel: string, options: ReaderOptions = {}): ReadResult {
  const notes: Diagnostic[] = [];
  // Before UTF-16's: a UTF-32LE mark starts with UTF-16LE's (FF FE).
  const utf32 = buf[0] === 0xff || buf[0] === 0 ? utf32Bom(buf) : undefined;
  if (utf32) {
    notes.push({ level: "note", code: "encoding", message: `${rel}: ${utf32} text (tools that expect UTF-8 read it as binary); read as ${utf32}`, file: rel });
    return { ok: true, text: utf32Text(buf.subarray(4), utf32 === "UTF-32LE"), bytes: buf.length, notes };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(buf.subarray(2)), bytes: buf.length, notes };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(buf.subarray(2)), bytes: buf.length, notes };
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const probe = buf.subarray(start, Math.min(buf.length, start + 8192));
  if (probe.includes(0)) {
    // Only a file with a NUL byte is looked at again: UTF-16 without its byte-order mark.
    const utf16 = start === 0 ? utf16WithoutBom(buf, probe.length) : undefined;
    if (utf16 === undefined) return binaryNote(rel);
    notes.push({ level: "note", code: "encoding", message: `${rel}: ${utf16.toUpperCase()} text without a byte-order mark (tools that expect UTF-8 read it as binary); read as ${utf16.toUpperCase()}`, file: rel });
    return { ok: true, text: new TextDecoder(utf16).decode(buf), bytes: buf.length, notes };
  }
  const body = buf.subarray(start);
  // ASCII (most files) is copied byte for byte into a one-byte string: latin1 is that copy and
  // agrees with UTF-8 on ASCII. isAscii and isUtf8 are vectorised checks; toString("utf8") then
  // takes V8's fast path (TextDecoder with fatal: true was 10x slower).
  const lazy = options.byteView === true && body.length > LAZY_TEXT_FROM;
  if (isAscii(body)) return oneByteResult({ ok: true, bytes: buf.length, notes, oneByte: body }, () => body.toString("latin1"), lazy);
  else if (isUtf8(body)) {
    // Decoding into a two-byte string costs about twice the copy of a one-byte view, and every
    // later pass over a two-byte string is slower too.
    if (options.byteView && !hasUnicodeSpace(body)) return oneByteResult({ ok: true, bytes: buf.length, notes, exact: () => body.toString("utf8"), oneByte: body }, () => byteView(body), lazy);
    return { ok: true, text: body.toString("utf8"), bytes: buf.length, notes, utf8: body };
  }
  notes.push({ level: "note", code: "encoding", message: `${rel}: invalid UTF-8; undecodable bytes were replaced`, file: rel });
  return { ok: true, text: new TextDecoder("utf-8").decode(body), bytes: buf.length, notes };
}
