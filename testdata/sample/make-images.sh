#!/usr/bin/env bash
# Renders the sample's text-line images with ImageMagick (apt-get install imagemagick fonts-dejavu-core) and
# prints each text box (the bounding box of the ink) for modelaudit.json. Some lines are rotated 180 degrees,
# as PaddleOCR's orientation classifier must recognise.
set -euo pipefail
cd "$(dirname "$0")/images"
render() { # name text [rotate]
  convert -background white -fill black -font DejaVu-Sans -pointsize 30 label:"$2" \
    -bordercolor white -border 14x10 ${3:+-rotate $3} -strip -define png:exclude-chunks=date,time "$1.png"
  # The ink's bounding box: trim away the white border and read the crop geometry.
  box=$(convert "$1.png" -fuzz 20% -trim -format '%w %h %X %Y' info: | tr -d '+')
  read -r w h x y <<<"$box"
  echo "$1.png: box [$x, $y, $w, $h] of $(identify -format '%wx%h' "$1.png")"
}
render receipt "Total 42.50"
render street "Main Street 7"
render invoice "Invoice 2026"
render parcel "Parcel B-19"
render label "Batch 0815"
render notice "Exit only"
render upside-total "Amount 17.30" 180
render upside-order "Order 5531" 180
render upside-gate "Gate 12 left" 180
