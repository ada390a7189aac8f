"""Writes hand-encoded RLE4 and RLE8 BMPs that use every RLE construct (runs, literal runs of every padding
case, end of line, delta, end of bitmap); ImageMagick's decodes of them are the reference."""
import struct, sys

def bmp(path, width, height, bpp, compression, palette, body):
    pal = b''.join(struct.pack('<BBBB', b, g, r, 0) for (r, g, b) in palette)
    offset = 14 + 40 + len(pal)
    info = struct.pack('<IiiHHIIiiII', 40, width, height, 1, bpp, compression, len(body), 2835, 2835, len(palette), 0)
    head = b'BM' + struct.pack('<IHHI', offset + len(body), 0, 0, offset)
    open(path, 'wb').write(head + info + pal + body)

pal16 = [((i * 53) % 256, (i * 97 + 40) % 256, (255 - i * 16) % 256) for i in range(16)]
# RLE4, 13 x 7; rows are stored bottom first.
rle4 = bytes([
    13, 0x12,                    # row 0: 13 pixels alternating 1, 2
    0, 0,
    0, 3, 0x34, 0x50, 0, 0,      # row 1: literal 3, 4, 5 (2 bytes + pad to 4), then 10 more as a run
    10, 0xEE, 0, 0,
    0, 5, 0x67, 0x89, 0xA0, 0,   # row 2: literal of 5 (3 bytes + 1 pad), run 8 of 0xF
    8, 0xFF, 0, 0,
    0, 6, 0xBC, 0xDE, 0xF1,      # row 3: literal of 6 (3 bytes + 1 pad), then end of line early (rest index 0)
    0, 0, 0,
    4, 0x77, 0, 2, 3, 1,         # row 4: run of 4, delta right 3 and up 1 (skipped pixels stay index 0)
    6, 0x9A,                     # row 5 from x = 7: run of 6
    0, 0,
    0, 4, 0x12, 0x34, 9, 0x56,   # row 6: literal of 4 (2 bytes, no pad), run of 9
    0, 1,                        # end of bitmap
])
bmp('rle4.bmp', 13, 7, 4, 2, pal16, rle4)

pal256 = [((i * 7) % 256, (i * 13 + 5) % 256, (i * 29 + 11) % 256) for i in range(256)]
rle8 = bytes([
    0, 5, 10, 20, 30, 40, 50, 0,  # row 0: literal of 5 (+ pad), run of 6
    6, 200, 0, 0,
    0, 2, 0, 3, 1,                # row 1: delta right 3, up 1 before anything is written
    11, 77, 0, 0,                 # row 2 from x = 3: a run of 11 spills 3 pixels into row 3, then end of line
    0, 3, 1, 2, 3, 0,             # row 3: literal of 3 (+ pad), end of line
    0, 0,
    0, 1,                         # end of bitmap: rows 4 and 5 stay index 0
])
bmp('rle8-delta.bmp', 11, 6, 8, 1, pal256, rle8)
