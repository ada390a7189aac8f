#!/usr/bin/env bash
# README's report screenshots, docs/report-passing.png and docs/report-failing.png: the first screen a reviewer
# sees (headless Chromium, 1400x900) of
#   - the sample's audit as committed (testdata/sample: passes), and
#   - the same audit with every image's expected orientation flipped ("0" <-> "180"): the model still reads the
#     text the right way up, so every image fails (its prediction is not the configured class, and the map of the
#     configured class is compared with the baseline of the true one).
# Usage: bash eng/docs/screenshots.sh   (needs what the build needs, and Chromium: MODELAUDIT_CHROMIUM or /usr/bin/chromium)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
chromium=${MODELAUDIT_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "screenshots: Chromium not found at $chromium (apt-get install -y chromium, or set MODELAUDIT_CHROMIUM)" >&2; exit 2; }

work=$(mktemp -d)
# The flipped config sits beside the sample's so that its relative paths (images, model, baseline) still resolve.
flipped=testdata/sample/.screenshots-flipped.json
trap 'rm -rf "$work" "$flipped"' EXIT
sed -e 's/"class": "0"/"class": "@"/' -e 's/"class": "180"/"class": "0"/' -e 's/"class": "@"/"class": "180"/' \
  testdata/sample/modelaudit.json > "$flipped"

audit() { # CONFIG REPORTDIR EXPECTED-EXIT
  local status=0
  dotnet run --project src/ModelAudit.Tool -v q -- audit "$1" --report "$2" --ci >"$work/log" 2>&1 || status=$?
  if [ "$status" != "$3" ]; then
    cat "$work/log" >&2
    echo "screenshots: audit of $1 exited $status, expected $3" >&2
    exit 1
  fi
}

shoot() { # REPORTDIR PNG
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,900 \
    --screenshot="$root/$2" "file://$1/report.html" >/dev/null 2>&1
  [ -s "$root/$2" ] || { echo "screenshots: Chromium wrote no $2" >&2; exit 1; }
  echo "screenshots: wrote $2"
}

audit testdata/sample/modelaudit.json "$work/passing" 0
audit "$flipped" "$work/failing" 1
shoot "$work/passing" docs/report-passing.png
shoot "$work/failing" docs/report-failing.png
