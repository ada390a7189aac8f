"""Damages the entropy-coded data of restart interval 3 (between RST1 and RST2) of a JPEG without creating or
destroying a marker: a few bytes in the middle of the interval are XORed with 0x5A (0xFF bytes and their
stuffed 0x00 are left alone)."""
import sys
d = bytearray(open(sys.argv[1], 'rb').read())
rst = [i for i in range(len(d) - 1) if d[i] == 0xFF and 0xD0 <= d[i + 1] <= 0xD7]
start, end = rst[1] + 2, rst[2]
mid = (start + end) // 2
changed = 0
for i in range(mid - 3, mid + 3):
    if d[i] != 0xFF and d[i - 1] != 0xFF and (d[i] ^ 0x5A) != 0xFF:
        d[i] ^= 0x5A
        changed += 1
assert changed >= 4, changed
open(sys.argv[2], 'wb').write(d)
