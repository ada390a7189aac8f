#!/usr/bin/env bash
# Regenerates the JPEG and BMP fixtures and their reference decodes.
# Needs (Debian): libjpeg-turbo-progs (cjpeg, djpeg, jpegtran), imagemagick (6.9+), libimage-exiftool-perl.
# The tests never run this: they read the committed files.
#   <name>.jpg  input                      <name>.ppm/.pgm  what `djpeg -pnm` decodes (libjpeg-turbo defaults:
#                                          islow IDCT, fancy upsampling; CMYK is turned into RGB by djpeg as
#                                          R = C*K/255 rounded, the Adobe inverted convention)
#   orient-N.jpg  EXIF Orientation N       orient-N.ppm  djpeg's decode turned upright by ImageMagick
#   <name>.bmp  input                      <name>.ppm    ImageMagick's decode
set -euo pipefail
IM=/usr/bin/convert
here="$(cd "$(dirname "$0")" && pwd)"
jpg="$here"
bmp="$here/../bmp"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Varied content so the IDCT and the upsamplers are really exercised: gradients, seeded noise, hard edges.
source_image() { # size name
  $IM -seed 7 -size "$1" gradient:'#f03010'-'#1040e0' \
    \( -size "$1" xc: +noise Random -colorspace sRGB \) -compose blend -define compose:args=35 -composite \
    -fill '#ffffff' -draw 'rectangle 4,3 11,12' -fill '#102030' -draw 'line 0,20 32,2' \
    -fill '#20c040' -draw 'circle 24,14 27,17' -depth 8 "ppm:$work/$2.ppm"
}
source_image 33x21 src
source_image 3x3 tiny
source_image 17x10 mid
source_image 64x48 big

ref() { djpeg -pnm "$jpg/$1.jpg" > "$work/ref.pnm"; ext=ppm; head -c 2 "$work/ref.pnm" | grep -q P5 && ext=pgm; mv "$work/ref.pnm" "$jpg/$1.$ext"; }
make() { name=$1; shift; cjpeg "$@" -outfile "$jpg/$name.jpg" "$work/src.ppm"; ref "$name"; }

make grey        -grayscale -quality 85
make s444        -sample 1x1 -quality 90
make s422        -sample 2x1 -quality 85
make s420        -sample 2x2 -quality 80
make s440        -sample 1x2 -quality 85
make s411        -sample 4x1 -quality 85
make s420-restart -sample 2x2 -restart 1 -quality 85
make s444-restart-blocks -sample 1x1 -restart 5B -quality 85
make s420-optimized -sample 2x2 -optimize -quality 95
make prog-420    -sample 2x2 -progressive -quality 85
make prog-444    -sample 1x1 -progressive -quality 75
make prog-grey   -grayscale -progressive -quality 85
make prog-422-restart -sample 2x1 -progressive -restart 3B -quality 85
make prog-411    -sample 4x1 -progressive -quality 60
cjpeg -sample 2x2 -quality 85 -outfile "$jpg/tiny-420.jpg" "$work/tiny.ppm"; ref tiny-420
cjpeg -sample 2x1 -quality 85 -outfile "$jpg/mid-422.jpg" "$work/mid.ppm"; ref mid-422
cjpeg -sample 2x2 -progressive -quality 85 -outfile "$jpg/mid-prog-420.jpg" "$work/mid.ppm"; ref mid-prog-420
cjpeg -arithmetic -outfile "$jpg/arithmetic.jpg" "$work/src.ppm"

# Unknown APPn segments (APP5, APP11) and a comment in front of the frame must be skipped.
{ head -c 2 "$jpg/s420.jpg"; printf '\xff\xe5\x00\x08unknw\x00\xff\xeb\x00\x04zz\xff\xfe\x00\x05hi\x00'; tail -c +3 "$jpg/s420.jpg"; } > "$jpg/unknown-app.jpg"
ref unknown-app

# Adobe four-component files: CMYK (transform 0) and YCCK (transform 2), both stored inverted.
# ImageMagick writes YCCK only; the CMYK file is the same stream with the Adobe transform byte set to 0
# (a valid CMYK file whose colours differ, which is all the decoder comparison needs).
$IM "$work/src.ppm" -colorspace CMYK -quality 90 "$jpg/ycck.jpg"; ref ycck
python3 - "$jpg/ycck.jpg" "$jpg/cmyk.jpg" <<'PY'
import sys
d = bytearray(open(sys.argv[1], 'rb').read()); i = d.index(b'Adobe\x00')
assert d[i + 11] == 2; d[i + 11] = 0; open(sys.argv[2], 'wb').write(d)
PY
ref cmyk

# EXIF orientation 1..8 on the same stored pixels; the reference is the picture a viewer shows.
cjpeg -sample 2x2 -quality 85 -outfile "$work/base.jpg" "$work/src.ppm"
ops=("" "" "-flop" "-rotate 180" "-flip" "-transpose" "-rotate 90" "-transverse" "-rotate 270")
for n in 1 2 3 4 5 6 7 8; do
  rm -f "$jpg/orient-$n.jpg"; exiftool -q -n -Orientation="$n" -o "$jpg/orient-$n.jpg" "$work/base.jpg"
  djpeg -pnm "$jpg/orient-$n.jpg" > "$work/stored.ppm"
  # shellcheck disable=SC2086
  $IM "$work/stored.ppm" ${ops[$n]} -depth 8 "ppm:$jpg/orient-$n.ppm"
done

# BMP: every depth ImageMagick writes, references from ImageMagick's own reader.
$IM "$work/src.ppm" -colors 2 -type Palette -depth 8 "BMP3:$bmp/pal1.bmp"
$IM "$work/src.ppm" -colors 16 -type Palette "BMP3:$bmp/pal4.bmp"
$IM "$work/src.ppm" -colors 200 -type Palette -compress None "BMP3:$bmp/pal8.bmp"
$IM "$work/src.ppm" -colors 16 -type Palette "BMP2:$bmp/os2-pal4.bmp"
$IM "$work/src.ppm" -type TrueColor "BMP3:$bmp/rgb24.bmp"
$IM "$work/src.ppm" -define bmp:subtype=RGB555 "BMP:$bmp/rgb555.bmp"
$IM "$work/src.ppm" -define bmp:subtype=RGB565 "BMP:$bmp/rgb565.bmp"
$IM "$work/src.ppm" \( +clone -fx 'i/w' \) -alpha off -compose CopyOpacity -composite "BMP:$bmp/argb32.bmp"
# 16-bit with the 40-byte header: plain BI_RGB (implicit 5-5-5) and BI_BITFIELDS with the masks after it.
python3 - "$bmp" <<'PY'
import struct, sys
def shrink(src, dst, compression, masks):
    d = open(f"{sys.argv[1]}/{src}.bmp", 'rb').read()
    off, = struct.unpack_from('<I', d, 10)
    dib = bytearray(d[14:54]); struct.pack_into('<I', dib, 0, 40); struct.pack_into('<I', dib, 16, compression)
    extra = d[54:66] if masks else b''
    body = bytes(dib) + extra + d[off:]
    open(f"{sys.argv[1]}/{dst}.bmp", 'wb').write(b'BM' + struct.pack('<IHHI', 14 + len(body), 0, 0, 14 + 40 + len(extra)) + body)
shrink('rgb555', 'rgb555-plain', 0, False)
shrink('rgb565', 'rgb565-info', 3, True)
PY
for f in "$bmp"/*.bmp; do $IM "$f" -depth 8 "ppm:${f%.bmp}.ppm"; done
# Top-down copies (negative height, rows reversed): ImageMagick writes only bottom-up files.
for name in rgb24 pal8; do
  python3 - "$bmp/$name.bmp" "$bmp/$name-topdown.bmp" <<'PY'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
off, = struct.unpack_from('<I', d, 10); w, h = struct.unpack_from('<ii', d, 18); bpp, = struct.unpack_from('<H', d, 28)
stride = ((w * bpp + 31) // 32) * 4
rows = [d[off + i * stride: off + (i + 1) * stride] for i in range(h)]
d[off:off + h * stride] = b''.join(reversed(rows)); struct.pack_into('<i', d, 22, -h)
open(sys.argv[2], 'wb').write(d)
PY
  cp "$bmp/$name.ppm" "$bmp/$name-topdown.ppm"
done
$IM "$bmp/argb32.bmp" -alpha extract -depth 8 "pgm:$bmp/argb32-alpha.pgm"

# RLE8 as ImageMagick writes 8-bit palette BMPs, and hand-encoded RLE4/RLE8 files using every RLE construct
# (literal runs with each padding case, end of line, delta, end of bitmap); references from ImageMagick's reader.
$IM "$work/src.ppm" -colors 200 -type Palette -compress RLE "BMP3:$bmp/rle8.bmp"
(cd "$bmp" && python3 make-rle.py)
for n in rle8 rle8-delta rle4; do $IM "$bmp/$n.bmp" -depth 8 "ppm:$bmp/$n.ppm"; done

# Restart-marker recovery: one MCU row per restart interval, interval 3 damaged in the middle; djpeg's decode
# (which warns "extraneous bytes before marker" and exits 2) is the reference for the intact intervals.
cjpeg -sample 1x1 -restart 1 -quality 85 -outfile "$jpg/s444-restart-rows.jpg" "$work/big.ppm"
python3 "$jpg/damage-interval.py" "$jpg/s444-restart-rows.jpg" "$jpg/s444-restart-damaged.jpg"
djpeg -pnm "$jpg/s444-restart-damaged.jpg" > "$jpg/s444-restart-damaged.ppm" || true
ref s444-restart-rows
