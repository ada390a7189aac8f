#!/usr/bin/env bash
# Whole-process peak memory of `modelaudit audit` (issue 9 item 5; not part of CI): the peak resident size
# (/usr/bin/time -v) of an audit of 8 and of 32 photo-like 4000x4000 JPEGs, each with a box, on the ResNet-18-shaped
# model of tests/ModelAudit.Benchmarks (224x224, Grad-CAM, layer auto), and the ratio 32/8. The goal: under 1.5 GB
# for 32 photos, and flat (ratio near 1) because images are decoded, analysed and thumbnailed one batch at a time.
# The filter-pattern panel is off: it depends on the model only (a fixed cost, cached), and its gradient ascent
# would dominate the run time; the activation grids stay on. Photos are written once (about a minute) and reused.
# Needs cjpeg (libjpeg-turbo-progs) and GNU time (/usr/bin/time). Run it niced on a shared machine:
#   nice -n 10 eng/bench/audit-memory.sh [--work DIR] [--tool FOLDER] [--runs N]
# --tool takes an already published tool folder (to measure another build side by side); --runs N keeps the
# largest peak of N runs per size.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work=""
tool_dir=""
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --work) work="$2"; shift 2 ;;
    --tool) tool_dir="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: $0 [--work DIR] [--tool FOLDER] [--runs N]" >&2; exit 2 ;;
  esac
done
[ -x /usr/bin/time ] || { echo "audit-memory: GNU time is missing: apt-get install time" >&2; exit 2; }
command -v cjpeg >/dev/null || { echo "audit-memory: cjpeg is missing: apt-get install libjpeg-turbo-progs" >&2; exit 2; }
work="${work:-$(mktemp -d /tmp/modelaudit-audit-memory.XXXXXX)}"
mkdir -p "$work"
echo "audit-memory: working in $work"

if [ -z "$tool_dir" ]; then
  tool_dir="$work/tool"
  dotnet publish "$root/src/ModelAudit.Tool" -c Release -o "$tool_dir" -v quiet -nologo >/dev/null
fi
tool="$tool_dir/modelaudit"
dotnet run --project "$root/tests/ModelAudit.Benchmarks" -c Release -v quiet -- --photos "$work"

# One config per size: the first N photos, each with a box over its centre quarter (x, y, w, h in image pixels).
write_config() {
  local count="$1" file="$2" images="" i
  for ((i = 0; i < count; i++)); do
    images+="$( [ "$i" -gt 0 ] && echo ',' ){\"path\": \"photos/photo-$(printf '%02d' "$i").jpg\", \"regions\": [{\"box\": [1000, 1000, 2000, 2000]}]}"
  done
  cat >"$file" <<JSON
{
  "baseline": "baseline-$count",
  "report": {"filters": false, "activations": true},
  "models": [{
    "name": "resnet18",
    "path": "resnet18-random.onnx",
    "preprocess": {"size": [224, 224], "resize": "stretch", "scale": 0.00392156862745098,
                   "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225], "channels": "rgb", "layout": "nchw"},
    "method": "gradcam", "layer": "auto", "score": "logit",
    "images": [$images]
  }]
}
JSON
}

peak_kb() { # the largest "Maximum resident set size" of $runs audits of config $1
  local config="$1" best=0 run kb
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -v -o "$work/time.txt" "$tool" audit "$config" --report "$work/report-$(basename "$config" .json)" \
      --fail-on never --ci >"$work/audit.log" 2>&1 || { cat "$work/audit.log" >&2; exit 1; }
    kb="$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")"
    [ "$kb" -gt "$best" ] && best="$kb"
  done
  echo "$best"
}

write_config 8 "$work/audit-8.json"
write_config 32 "$work/audit-32.json"
peak8="$(peak_kb "$work/audit-8.json")"
peak32="$(peak_kb "$work/audit-32.json")"
echo
echo "Peak RSS of modelaudit audit, 4000x4000 JPEGs, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), max of $runs run(s):"
awk -v a="$peak8" -v b="$peak32" 'BEGIN {
  printf "  8 photos:  %7.0f MiB\n  32 photos: %7.0f MiB\n  32/8:      %7.2f\n", a / 1024, b / 1024, b / a }'
