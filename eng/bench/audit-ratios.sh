#!/usr/bin/env bash
# Whole-process ratios of issue 9's audit goal (not part of CI): `modelaudit audit` of 24 images of 96x96 (the
# ResNet-18-shaped benchmark model as a 96x96 classifier, Grad-CAM, the default report extras on) against
# `modelaudit cam --method gradcam` on the same 24 images, every run a new process, all three measured in one
# hyperfine run so they see the same load:
#   cold = the report folder deleted before every run (no cached filter patterns or activation grids),
#   warm = a report folder kept from the previous run (model unchanged, both extras read from its .cache/).
# A baseline is accepted once before timing, as a consumer project would have committed one. Needs hyperfine.
#   eng/bench/audit-ratios.sh [--runs N] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=bench-setup.sh
source "$root/eng/bench/bench-setup.sh"
bench_setup audit-ratios "$@"
audit="$work/fixtures/audit"
images=("$audit"/images/*.png)
rm -rf "$audit/baseline" "$work/report-cold" "$work/report-warm"
"$tool" baseline accept "$audit/modelaudit.json" --device cpu >/dev/null

gate="--ci --fail-on never --device cpu"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
# One unmeasured run of each warms the OS file cache; for the warm case it also writes the report kept afterwards.
hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/audit.json" \
  --prepare true \
  "$tool cam ${audit}/../resnet18-random.onnx ${images[*]} --method gradcam --size 96 --resize stretch --device cpu" \
  --prepare "rm -rf $work/report-cold" \
  "$tool audit $audit/modelaudit.json --report $work/report-cold $gate" \
  --prepare true \
  "$tool audit $audit/modelaudit.json --report $work/report-warm $gate" >"$work/audit.log"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "Medians of $runs runs each, 24 images of 96x96, $(nproc) cores, load average $load_before before and $load_after after:"
python3 - "$work/audit.json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
wall = [statistics.median(r["times"]) for r in results]
# CPU time (user + system; hyperfine exports its mean) as well: on a shared machine it moves less with the load.
cpu = [r["user"] + r["system"] for r in results]
print("| measure | cam --method gradcam | audit, cold | audit, warm | audit/cam cold (goal <= 2.5) | audit/cam warm (goal <= 1.8) |")
print("|---|---:|---:|---:|---:|---:|")
for name, (cam, cold, warm) in (("wall time, median", wall), ("CPU time, mean", cpu)):
    print(f"| {name} | {cam:.2f} s | {cold:.2f} s | {warm:.2f} s | {cold / cam:.2f} | {warm / cam:.2f} |")
PY
