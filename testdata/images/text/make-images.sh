#!/usr/bin/env bash
# Renders the text-line fixtures with ImageMagick (apt-get install imagemagick fonts-dejavu-core).
# Black text on a white strip, as PaddleOCR's orientation classifier sees cropped text lines.
set -euo pipefail
cd "$(dirname "$0")"
render() { # name text
  convert -background white -fill black -font DejaVu-Sans -pointsize 28 label:"$2" \
    -bordercolor white -border 8x6 -strip -define png:exclude-chunks=date,time "$1.png"
}
render invoice "Invoice total 42.50 EUR"
render hello "Hello ModelAudit"
convert invoice.png -rotate 180 -strip -define png:exclude-chunks=date,time invoice-upside-down.png
# The same lines as JPEG (baseline 4:2:0, progressive) and BMP, for the commands' format tests.
convert invoice.png -quality 90 -sampling-factor 2x2 invoice.jpg
convert invoice-upside-down.png -quality 90 -interlace JPEG invoice-upside-down-progressive.jpg
convert hello.png -type TrueColor BMP3:hello.bmp
