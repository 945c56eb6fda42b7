;; The keyword pass's multi-needle search (src/secrets/prefilter.ts, findNeedles) over bytes:
;; the same table walk, one byte per character, compiled once instead of interpreted through
;; charCodeAt. scripts/build-wasm.mjs turns this file into needle-scan-binary.ts; a test checks
;; that the two agree and that both searches give the same pairs.
;;
;; Memory layout, written by the host (needle-bytes.ts) before the first scan:
;;   0      fold: 256 bytes; A-Z -> a-z, bytes above ASCII -> 127 (no needle has 127), others as they are
;;   256    pair table: 128 x 128 bytes, folded (c0 << 7 | c1) -> bucket + 1, or 0
;;   16640  third-character rows: 128 bytes for each bucket + 1 (row 0 all zero); row b, column c is 1
;;          when a needle of bucket b may have folded character c third. Column 127 stands for a byte
;;          above ASCII and for "past the end": 1 only in rows of buckets with a two-character needle,
;;          the only needles that can occur there
;;   $buckets  per bucket: i32 first index into $ids, i32 count (needles longest first)
;;   $ids      i32 needle ids
;;   $needles  per needle: i32 address of its (lowercase ASCII) bytes, i32 length
(module
  (memory (export "memory") 1)
  (global $buckets (export "buckets") (mut i32) (i32.const 0))
  (global $ids (export "ids") (mut i32) (i32.const 0))
  (global $needles (export "needles") (mut i32) (i32.const 0))
  ;; Where the last scan stopped: the input length when done, else the position to go on from.
  (global $stop (export "stop") (mut i32) (i32.const 0))
  ;; Pairs written by the current scan.
  (global $w (mut i32) (i32.const 0))

  ;; Checks every needle of bucket $b at position $i and writes a (needle, position) pair for each
  ;; that occurs there. Returns 0, writing nothing, when the output could not hold the whole bucket.
  (func $walk (param $p i32) (param $n i32) (param $i i32) (param $b i32) (param $out i32) (param $cap i32) (result i32)
    (local $start i32) (local $cnt i32) (local $j i32) (local $id i32) (local $off i32) (local $len i32) (local $k i32)
    (local.set $start (i32.load (i32.add (global.get $buckets) (i32.shl (i32.sub (local.get $b) (i32.const 1)) (i32.const 3)))))
    (local.set $cnt (i32.load offset=4 (i32.add (global.get $buckets) (i32.shl (i32.sub (local.get $b) (i32.const 1)) (i32.const 3)))))
    (if (i32.gt_u (i32.add (global.get $w) (local.get $cnt)) (local.get $cap)) (then (return (i32.const 0))))
    (block $bdone
      (loop $bnext
        (br_if $bdone (i32.ge_u (local.get $j) (local.get $cnt)))
        (local.set $id (i32.load (i32.add (global.get $ids) (i32.shl (i32.add (local.get $start) (local.get $j)) (i32.const 2)))))
        (local.set $off (i32.load (i32.add (global.get $needles) (i32.shl (local.get $id) (i32.const 3)))))
        (local.set $len (i32.load offset=4 (i32.add (global.get $needles) (i32.shl (local.get $id) (i32.const 3)))))
        (if (i32.le_u (i32.add (local.get $i) (local.get $len)) (local.get $n))
          (then
            (local.set $k (i32.const 2))
            (block $cdone
              (loop $cnext
                (br_if $cdone (i32.ge_u (local.get $k) (local.get $len)))
                (br_if $cdone (i32.ne
                  (i32.load8_u (i32.load8_u (i32.add (local.get $p) (i32.add (local.get $i) (local.get $k)))))
                  (i32.load8_u (i32.add (local.get $off) (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $cnext)))
            (if (i32.eq (local.get $k) (local.get $len))
              (then
                (i32.store (i32.add (local.get $out) (i32.shl (global.get $w) (i32.const 3))) (local.get $id))
                (i32.store offset=4 (i32.add (local.get $out) (i32.shl (global.get $w) (i32.const 3))) (local.get $i))
                (global.set $w (i32.add (global.get $w) (i32.const 1)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $bnext)))
    (i32.const 1))

  ;; Writes the (needle, position) pairs of the bytes at [$p, $p + $n), from position $from on, to
  ;; $out as i32 pairs, at most $cap of them, in position order (a position's needles longest
  ;; first); returns their count. $stop says where to go on.
  (func (export "scan") (param $p i32) (param $n i32) (param $from i32) (param $out i32) (param $cap i32) (result i32)
    (local $i i32) (local $f0 i32) (local $f1 i32) (local $f2 i32) (local $b i32) (local $end i32)
    (global.set $w (i32.const 0))
    (global.set $stop (local.get $n))
    (if (i32.ge_s (i32.add (local.get $from) (i32.const 1)) (local.get $n)) (then (return (i32.const 0))))
    (local.set $i (local.get $from))
    (local.set $f0 (i32.load8_u (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
    (local.set $f1 (i32.load8_u (i32.load8_u offset=1 (i32.add (local.get $p) (local.get $i)))))
    (local.set $end (i32.sub (local.get $n) (i32.const 2)))
    (loop $next
      ;; Past the last byte the third character is 127, as for a byte above ASCII.
      (local.set $f2 (i32.const 127))
      (if (i32.lt_u (local.get $i) (local.get $end))
        (then (local.set $f2 (i32.load8_u (i32.load8_u offset=2 (i32.add (local.get $p) (local.get $i)))))))
      (local.set $b (i32.load8_u offset=256 (i32.or (i32.shl (local.get $f0) (i32.const 7)) (local.get $f1))))
      (if (i32.load8_u offset=16640 (i32.or (i32.shl (local.get $b) (i32.const 7)) (local.get $f2)))
        (then
          (if (i32.eqz (call $walk (local.get $p) (local.get $n) (local.get $i) (local.get $b) (local.get $out) (local.get $cap)))
            (then (global.set $stop (local.get $i)) (return (global.get $w))))))
      (local.set $f0 (local.get $f1))
      (local.set $f1 (local.get $f2))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $i) (local.get $end))))
    (global.get $w))
)
