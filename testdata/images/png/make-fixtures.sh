#!/usr/bin/env bash
# Regenerates the PNG test fixtures and their reference decodes. Needs ImageMagick 6 (Q16, `convert`), xxd and
# python3; the tests themselves only read the committed files.
#
# Fixture names say what the file must be: <colour>-<depth>[-trns][-i][-fN][-split].png, where -i is Adam7,
# -fN forces filter type N on every row and -split spreads IDAT over several chunks. Every fixture gets a
# reference decode <name>.rgba16 made by ImageMagick: 16-bit big-endian RGBA, row-major.
# corrupt/ holds damaged files that must be refused with an ImageFormatException.
set -euo pipefail
cd "$(dirname "$0")"
CONVERT=${CONVERT:-convert}
CLEAN=(-strip -define png:exclude-chunks=date,time)

rm -f ./*.png ./*.rgba16 corrupt/*.png
mkdir -p corrupt

# 13x7 source with smooth 16-bit ramps in every channel and four alpha levels.
"$CONVERT" -size 13x7 xc: -channel R -fx 'i/12' -channel G -fx 'j/6*0.9+0.05' -channel B -fx '(i*j%7)/6.3' \
    +channel -alpha set -channel A -fx '((i+2*j)%5)/4' +channel -depth 16 "${CLEAN[@]}" PNG64:/tmp/png-src.png
SRC=/tmp/png-src.png
# Few colours (2 x 2 x 3 alpha levels): fits a 4-bit palette with partial transparency.
"$CONVERT" -size 13x7 xc: -channel R -fx 'floor(i/7)' -channel G -fx 'floor(j/4)' -channel B -fx '0.5' +channel \
    -alpha set -channel A -fx '((i+j)%3)/2' +channel -depth 8 "${CLEAN[@]}" PNG64:/tmp/png-few.png
FEW=/tmp/png-few.png
BINARY_ALPHA=(-channel A -threshold 50% +channel)

typed() { # typed NAME COLOURTYPE DEPTH INPUT-ARGS...: writes NAME.png with the requested IHDR.
    local name=$1 type=$2 depth=$3
    shift 3
    "$CONVERT" "$@" "${CLEAN[@]}" -define png:color-type="$type" -define png:bit-depth="$depth" "PNG:$name.png"
}

typed grey-1 0 1 "$SRC" -alpha off -colorspace gray -threshold 50%
typed grey-2 0 2 "$SRC" -alpha off -colorspace gray -depth 2
typed grey-4 0 4 "$SRC" -alpha off -colorspace gray -depth 4
typed grey-8 0 8 "$SRC" -alpha off -colorspace gray -depth 8
typed grey-16 0 16 "$SRC" -alpha off -colorspace gray -depth 16
typed greyalpha-8 4 8 "$SRC" -colorspace gray -depth 8
typed greyalpha-16 4 16 "$SRC" -colorspace gray -depth 16
typed rgb-8 2 8 "$SRC" -alpha off -depth 8
typed rgb-16 2 16 "$SRC" -alpha off -depth 16
typed rgba-8 6 8 "$SRC" -depth 8
typed rgba-16 6 16 "$SRC" -depth 16
# Colour keys: transparent pixels are painted one colour no opaque pixel has, so ImageMagick writes tRNS.
typed grey-1-trns 0 1 "$SRC" -alpha off -colorspace gray -threshold 50% -alpha set -channel A -fx 'i%3==0?0:1' \
    +channel -background black -alpha background
typed grey-8-trns 0 8 "$SRC" "${BINARY_ALPHA[@]}" -colorspace gray -depth 8 -background '#010101' -alpha background
typed rgb-8-trns 2 8 "$SRC" "${BINARY_ALPHA[@]}" -depth 8 -background '#FF00FF' -alpha background
typed rgb-16-trns 2 16 "$SRC" "${BINARY_ALPHA[@]}" -depth 16 -background '#FF00FF' -alpha background
# Palettes: PNG8 gives binary tRNS; the few-colour source gives partial palette alpha.
"$CONVERT" "$SRC" -alpha off -colors 2 "${CLEAN[@]}" -define png:bit-depth=1 PNG8:palette-1.png
"$CONVERT" "$SRC" -alpha off -colors 4 "${CLEAN[@]}" -define png:bit-depth=2 PNG8:palette-2.png
"$CONVERT" "$SRC" -alpha off -colors 13 "${CLEAN[@]}" -define png:bit-depth=4 PNG8:palette-4.png
"$CONVERT" "$SRC" -alpha off -colors 200 "${CLEAN[@]}" PNG8:palette-8.png
"$CONVERT" "$SRC" "${BINARY_ALPHA[@]}" -colors 2 "${CLEAN[@]}" -define png:bit-depth=1 PNG8:palette-1-trns.png
"$CONVERT" "$SRC" "${BINARY_ALPHA[@]}" -colors 3 "${CLEAN[@]}" -define png:bit-depth=2 PNG8:palette-2-trns.png
"$CONVERT" "$FEW" "${CLEAN[@]}" PNG:palette-4-trns.png
"$CONVERT" "$SRC" "${BINARY_ALPHA[@]}" -colors 60 "${CLEAN[@]}" PNG8:palette-8-trns.png
# Adam7 variants of a spread of types and depths.
for base in grey-1 grey-4 grey-16 greyalpha-8 rgb-8 rgba-16 palette-2 palette-8-trns rgb-8-trns; do
    depth=$((16#$(xxd -s 24 -l 1 -p "$base.png"))) type=$((16#$(xxd -s 25 -l 1 -p "$base.png")))
    if [ "$type" = 3 ]; then
        "$CONVERT" "$base.png" "${CLEAN[@]}" -interlace PNG -define png:bit-depth="$depth" "PNG8:$base-i.png"
    else
        typed "$base-i" "$type" "$depth" "$base.png" -interlace PNG
    fi
done
# Raw 8-bit RGB rows that python filters with one fixed filter type for every row (ImageMagick cannot be told).
"$CONVERT" "$SRC" -alpha off -depth 8 rgb:/tmp/png-rgb8.raw

python3 - <<'PY'
import struct, zlib

def chunks(data):
    at, out = 8, []
    while at < len(data):
        n, kind = struct.unpack(">I4s", data[at:at + 8])
        out.append((kind, data[at + 8:at + 8 + n]))
        at += 12 + n
    return out

def build(parts):
    body = b"".join(struct.pack(">I", len(d)) + k + d + struct.pack(">I", zlib.crc32(k + d)) for k, d in parts)
    return b"\x89PNG\r\n\x1a\n" + body

def read(name):
    with open(name, "rb") as f:
        return f.read()

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

# IDAT spread over 7-byte chunks (decoders must concatenate them).
parts = chunks(read("rgba-16.png"))
idat = b"".join(d for k, d in parts if k == b"IDAT")
rest = [p for p in parts if p[0] != b"IDAT"]
pieces = [(b"IDAT", idat[i:i + 7]) for i in range(0, len(idat), 7)]
write("rgba-16-split.png", build(rest[:-1] + pieces + rest[-1:]))

def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c

def filtered(kind, row, prior, bpp):
    out = bytearray()
    for i, x in enumerate(row):
        a = row[i - bpp] if i >= bpp else 0
        c = prior[i - bpp] if i >= bpp else 0
        b = prior[i]
        guess = [0, a, b, (a + b) // 2, paeth(a, b, c)][kind]
        out.append((x - guess) & 255)
    return bytes(out)

pixels, stride = read("/tmp/png-rgb8.raw"), 13 * 3
ihdr = struct.pack(">IIBBBBB", 13, 7, 8, 2, 0, 0, 0)
for kind in range(5):
    prior, data = bytes(stride), b""
    for y in range(7):
        row = pixels[y * stride:(y + 1) * stride]
        data += bytes([kind]) + filtered(kind, row, prior, 3)
        prior = row
    write(f"rgb-8-f{kind}.png", build([(b"IHDR", ihdr), (b"IDAT", zlib.compress(data, 9)), (b"IEND", b"")]))

good = read("rgb-8.png")
parts = chunks(good)
ihdr = parts[0][1]
write("corrupt/truncated.png", good[:len(good) * 3 // 5])
write("corrupt/no-iend.png", good[:-12])
bad_crc = bytearray(good); bad_crc[45] ^= 0x10
write("corrupt/bad-crc.png", bytes(bad_crc))
write("corrupt/bad-signature.png", b"\x89PNG\r\n\x1a\x00" + good[8:])
write("corrupt/bad-zlib.png", build([(b"IHDR", ihdr), (b"IDAT", b"\x78\x9c" + bytes(range(200, 250))), (b"IEND", b"")]))
raw = b"".join(b"\x07" + bytes(39) for _ in range(7))
write("corrupt/bad-filter.png", build([(b"IHDR", ihdr), (b"IDAT", zlib.compress(raw)), (b"IEND", b"")]))
write("corrupt/short-data.png", build([(b"IHDR", ihdr), (b"IDAT", zlib.compress(bytes(40 * 3))), (b"IEND", b"")]))
huge = struct.pack(">IIBBBBB", 100000, 100000, 8, 2, 0, 0, 0)
write("corrupt/huge.png", build([(b"IHDR", huge), (b"IDAT", zlib.compress(bytes(301))), (b"IEND", b"")]))
bad_depth = struct.pack(">IIBBBBB", 13, 7, 16, 3, 0, 0, 0)
write("corrupt/bad-depth.png", build([(b"IHDR", bad_depth), (b"IDAT", zlib.compress(bytes(8))), (b"IEND", b"")]))
# 4-bit palette of 2 entries, pixels using index 9.
pal = struct.pack(">IIBBBBB", 13, 7, 4, 3, 0, 0, 0)
rows = b"".join(b"\x00" + bytes([0x99] * 7) for _ in range(7))
write("corrupt/palette-index.png",
      build([(b"IHDR", pal), (b"PLTE", bytes(6)), (b"IDAT", zlib.compress(rows)), (b"IEND", b"")]))
write("corrupt/no-palette.png", build([(b"IHDR", pal), (b"IDAT", zlib.compress(rows)), (b"IEND", b"")]))
PY

# Check every good fixture's header says what its name promises, then write the reference decode.
for png in ./*.png; do
    name=$(basename "$png" .png)
    python3 - "$png" "$name" <<'PY'
import re, struct, sys
path, name = sys.argv[1], sys.argv[2]
with open(path, "rb") as f:
    ihdr = f.read(33)[16:29]
width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", ihdr)
with open(path, "rb") as f:
    has_trns = b"tRNS" in f.read()
kind, want = re.match(r"([a-z]+)-(\d+)", name).groups()
types = {"grey": 0, "rgb": 2, "palette": 3, "greyalpha": 4, "rgba": 6}
ok = (ctype == types[kind] and depth == int(want) and interlace == ("-i" in name)
      and has_trns == ("-trns" in name) and (width, height) == (13, 7))
if not ok:
    sys.exit(f"{path}: got colour type {ctype}, depth {depth}, interlace {interlace}, tRNS {has_trns}")
PY
    "$CONVERT" "$png" -depth 16 -endian MSB "rgba:$name.rgba16"
done
rm -f "$SRC" "$FEW" /tmp/png-rgb8.raw
echo "fixtures written"
