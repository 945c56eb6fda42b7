/**
 * Reads one file for scanning: size cap, binary sniff, encodings (UTF-8 with
 * or without BOM, UTF-16 LE/BE with BOM). Expected problems are values.
 */
import * as fs from "node:fs/promises";
import type { Diagnostic } from "../model/types.js";
import { errCode } from "./walk.js";

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly bytes: number; readonly notes: Diagnostic[]; /** File mode from stat (readSource only). */ readonly mode?: number }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

export async function readSource(abs: string, rel: string, maxBytes = DEFAULT_MAX_FILE_SIZE): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK so that a FIFO that slipped through never blocks the scan.
    handle = await fs.open(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const st = await handle.stat();
    if (!st.isFile()) return { ok: false, diagnostic: { level: "note", code: "not-regular-file", message: `${rel}: not a regular file; not opened`, file: rel } };
    if (st.size > maxBytes) {
      return { ok: false, diagnostic: { level: "note", code: "too-large", message: `${rel}: ${st.size} bytes is over the size limit of ${maxBytes} bytes (--max-file-size); skipped`, file: rel } };
    }
    const buf = await handle.readFile();
    const decoded = decode(buf, rel);
    return decoded.ok ? { ...decoded, mode: st.mode } : decoded;
  } catch (err) {
    const code = errCode(err);
    return { ok: false, diagnostic: { level: "warning", code: "unreadable", message: `${rel}: cannot read (${code})`, file: rel } };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Decodes bytes to text, or says why the file is not text. */
export function decode(buf: Buffer, rel: string): ReadResult {
  const notes: Diagnostic[] = [];
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { ok: true, text: new TextDecoder("utf-16le").decode(buf.subarray(2)), bytes: buf.length, notes };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { ok: true, text: new TextDecoder("utf-16be").decode(buf.subarray(2)), bytes: buf.length, notes };
  let start = 0;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) start = 3;
  const probe = buf.subarray(start, Math.min(buf.length, start + 8192));
  if (probe.includes(0)) return { ok: false, diagnostic: { level: "note", code: "binary", message: `${rel}: binary file; skipped`, file: rel } };
  const body = buf.subarray(start);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder("utf-8").decode(body);
    notes.push({ level: "note", code: "encoding", message: `${rel}: invalid UTF-8; undecodable bytes were replaced`, file: rel });
  }
  return { ok: true, text, bytes: buf.length, notes };
}
