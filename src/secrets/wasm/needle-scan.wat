;; The keyword pass's multi-needle search (src/secrets/prefilter.ts, findNeedles) over bytes:
;; the same table walk, one byte per character, compiled once instead of interpreted through
;; charCodeAt. scripts/build-wasm.mjs turns this file into needle-scan-binary.ts; a test checks
;; that the two agree and that both searches give the same pairs.
;;
;; Memory layout, written by the host (needle-bytes.ts) before the first scan:
;;   0      fold: 256 bytes; A-Z -> a-z, bytes above ASCII -> 127 (no needle has 127), others as they are
;;   256    pair table: 65,536 bytes, raw (b0 | b1 << 8, every case variant of a needle's first two
;;          characters) -> bucket + 1, or 0; a pair with a byte above ASCII is 0
;;   65792  third-character rows: 256 bytes for each bucket + 1 (row 0 all zero); row b, column c is
;;          the list + 1 of the needles of bucket b that may start there when byte c is third (those
;;          with c, folded, third, and the bucket's two-character needles), or 0. Columns 128-255
;;          stand for a byte above ASCII, and column 128 for "past the end": only a bucket's
;;          two-character needles can occur there
;;   131072 fourth-character rows: 256 bytes for each list + 1 (row 0 all zero); row l, column c is 1
;;          when a needle of list l may have byte c (folded) fourth: it has, or it is shorter than four
;;          (columns 128-255: it is shorter than four)
;;   $buckets  per list: i32 first index into $ids, i32 count (needles longest first)
;;   $ids      i32 needle ids
;;   $needles  per needle: i32 address of its (lowercase ASCII) bytes, i32 length
;; The input must be followed by at least 8 bytes of memory (the host puts the output there): the
;; main loop reads eight bytes at a time and uses the first seven.
(module
  (memory (export "memory") 3)
  (global $buckets (export "buckets") (mut i32) (i32.const 0))
  (global $ids (export "ids") (mut i32) (i32.const 0))
  (global $needles (export "needles") (mut i32) (i32.const 0))
  ;; Where the last scan stopped: the input length when done, else the position to go on from.
  (global $stop (export "stop") (mut i32) (i32.const 0))
  ;; Pairs written by the current scan.
  (global $w (mut i32) (i32.const 0))

  ;; Checks every needle of list $b (+ 1) at position $i and writes a (needle, position) pair for each
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

  ;; The list + 1 of the needles that may start at $i (whose third byte is $c2, 128 past the end), or 0.
  (func $listAt (param $p i32) (param $i i32) (param $c2 i32) (result i32)
    (i32.load8_u offset=65792 (i32.or
      (i32.shl (i32.load8_u offset=256 (i32.load16_u (i32.add (local.get $p) (local.get $i)))) (i32.const 8))
      (local.get $c2))))

  ;; Walks list $l (+ 1, or none for 0) at $i; 0 when the output is full (the scan stops at $i).
  (func $visit (param $p i32) (param $n i32) (param $i i32) (param $l i32) (param $out i32) (param $cap i32) (result i32)
    (if (i32.eqz (local.get $l)) (then (return (i32.const 1))))
    (if (i32.eqz (call $walk (local.get $p) (local.get $n) (local.get $i) (local.get $l) (local.get $out) (local.get $cap)))
      (then (global.set $stop (local.get $i)) (return (i32.const 0))))
    (i32.const 1))

  ;; Writes the (needle, position) pairs of the bytes at [$p, $p + $n), from position $from on, to
  ;; $out as i32 pairs, at most $cap of them, in position order (a position's needles longest
  ;; first); returns their count. $stop says where to go on.
  (func (export "scan") (param $p i32) (param $n i32) (param $from i32) (param $out i32) (param $cap i32) (result i32)
    (local $i i32) (local $x i64) (local $y i32) (local $f0 i32) (local $f1 i32) (local $f2 i32) (local $f3 i32) (local $l0 i32) (local $l1 i32) (local $l2 i32) (local $l3 i32) (local $c2 i32)
    (global.set $w (i32.const 0))
    (global.set $stop (local.get $n))
    (if (i32.ge_s (i32.add (local.get $from) (i32.const 1)) (local.get $n)) (then (return (i32.const 0))))
    (local.set $i (local.get $from))
    ;; Four positions a round while each has its fourth byte in the input: one eight-byte load, four
    ;; pair, third- and fourth-character lookups, one branch for the four.
    (block $fastdone
      (loop $fast
        (br_if $fastdone (i32.gt_u (i32.add (local.get $i) (i32.const 7)) (local.get $n)))
        (local.set $x (i64.load (i32.add (local.get $p) (local.get $i))))
        (local.set $y (i32.wrap_i64 (local.get $x)))
        (local.set $l0 (i32.load8_u offset=65792 (i32.or
          (i32.shl (i32.load8_u offset=256 (i32.and (local.get $y) (i32.const 0xffff))) (i32.const 8))
          (i32.and (i32.shr_u (local.get $y) (i32.const 16)) (i32.const 0xff)))))
        (local.set $f0 (i32.load8_u offset=131072 (i32.or (i32.shl (local.get $l0) (i32.const 8)) (i32.shr_u (local.get $y) (i32.const 24)))))
        (local.set $y (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 8))))
        (local.set $l1 (i32.load8_u offset=65792 (i32.or
          (i32.shl (i32.load8_u offset=256 (i32.and (local.get $y) (i32.const 0xffff))) (i32.const 8))
          (i32.and (i32.shr_u (local.get $y) (i32.const 16)) (i32.const 0xff)))))
        (local.set $f1 (i32.load8_u offset=131072 (i32.or (i32.shl (local.get $l1) (i32.const 8)) (i32.shr_u (local.get $y) (i32.const 24)))))
        (local.set $y (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 16))))
        (local.set $l2 (i32.load8_u offset=65792 (i32.or
          (i32.shl (i32.load8_u offset=256 (i32.and (local.get $y) (i32.const 0xffff))) (i32.const 8))
          (i32.and (i32.shr_u (local.get $y) (i32.const 16)) (i32.const 0xff)))))
        (local.set $f2 (i32.load8_u offset=131072 (i32.or (i32.shl (local.get $l2) (i32.const 8)) (i32.shr_u (local.get $y) (i32.const 24)))))
        (local.set $y (i32.wrap_i64 (i64.shr_u (local.get $x) (i64.const 24))))
        (local.set $l3 (i32.load8_u offset=65792 (i32.or
          (i32.shl (i32.load8_u offset=256 (i32.and (local.get $y) (i32.const 0xffff))) (i32.const 8))
          (i32.and (i32.shr_u (local.get $y) (i32.const 16)) (i32.const 0xff)))))
        (local.set $f3 (i32.load8_u offset=131072 (i32.or (i32.shl (local.get $l3) (i32.const 8)) (i32.shr_u (local.get $y) (i32.const 24)))))
        (if (i32.or (i32.or (local.get $f0) (local.get $f1)) (i32.or (local.get $f2) (local.get $f3)))
          (then
            (if (i32.eqz (call $visit (local.get $p) (local.get $n) (local.get $i) (select (local.get $l0) (i32.const 0) (local.get $f0)) (local.get $out) (local.get $cap)))
              (then (return (global.get $w))))
            (if (i32.eqz (call $visit (local.get $p) (local.get $n) (i32.add (local.get $i) (i32.const 1)) (select (local.get $l1) (i32.const 0) (local.get $f1)) (local.get $out) (local.get $cap)))
              (then (return (global.get $w))))
            (if (i32.eqz (call $visit (local.get $p) (local.get $n) (i32.add (local.get $i) (i32.const 2)) (select (local.get $l2) (i32.const 0) (local.get $f2)) (local.get $out) (local.get $cap)))
              (then (return (global.get $w))))
            (if (i32.eqz (call $visit (local.get $p) (local.get $n) (i32.add (local.get $i) (i32.const 3)) (select (local.get $l3) (i32.const 0) (local.get $f3)) (local.get $out) (local.get $cap)))
              (then (return (global.get $w))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $fast)))
    ;; The last positions one at a time (past the last byte the third character is 128).
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n)))
        (local.set $c2 (i32.const 128))
        (if (i32.lt_u (i32.add (local.get $i) (i32.const 2)) (local.get $n))
          (then (local.set $c2 (i32.load8_u offset=2 (i32.add (local.get $p) (local.get $i))))))
        (if (i32.eqz (call $visit (local.get $p) (local.get $n) (local.get $i) (call $listAt (local.get $p) (local.get $i) (local.get $c2)) (local.get $out) (local.get $cap)))
          (then (return (global.get $w))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.get $w))
)
