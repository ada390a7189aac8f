#!/usr/bin/env bash
# Whole-process ratios of issue 9 (not part of CI): `modelaudit cam --method gradcam` / `modelaudit predict` and
# `modelaudit saliency` / `modelaudit predict` over 32 images of a ResNet-18 at 224x224, every run a new process.
# Models: the ResNet-18-shaped model of tests/ModelAudit.Benchmarks (always) and, when Debian's python3-torch and
# python3-torchvision are installed, torchvision's ResNet-18 exported to ONNX, with a PyTorch column (the same
# network and images in a python3 process). Needs hyperfine (apt-get install hyperfine).
#   eng/bench/process-ratios.sh [--runs N] [--work DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=bench-setup.sh
source "$root/eng/bench/bench-setup.sh"
bench_setup process-ratios "$@"
images=("$work"/fixtures/images/*.png)

models=("random:$work/fixtures/resnet18-random.onnx")
torch_python=/usr/bin/python3
if "$torch_python" -c "import torch, torchvision" 2>/dev/null; then
  "$torch_python" "$root/eng/bench/torch_resnet18.py" export "$work/torchvision-resnet18.onnx" 2>/dev/null
  models+=("torchvision:$work/torchvision-resnet18.onnx")
else
  echo "process-ratios: python3-torch/python3-torchvision not installed: no PyTorch column"
fi

summary="$work/summary.md"
{
  echo "| model | predict | cam --method gradcam | saliency | cam/predict | saliency/predict | PyTorch Grad-CAM process | ModelAudit cam / PyTorch |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
} > "$summary"
for entry in "${models[@]}"; do
  name="${entry%%:*}"
  model="${entry#*:}"
  common="--size 224 --device cpu"
  commands=(
    "$tool predict $model ${images[*]} $common"
    "$tool cam $model ${images[*]} --method gradcam $common"
    "$tool saliency $model ${images[*]} $common"
  )
  if [ "$name" = torchvision ]; then
    commands+=("$torch_python $root/eng/bench/torch_resnet18.py cam ${images[*]}")
  fi
  # Cold: a new process per run; one unmeasured run first warms the OS file cache (not ModelAudit's state).
  hyperfine --style basic --warmup 1 --runs "$runs" --export-json "$work/$name.json" "${commands[@]}" >"$work/$name.log"
  "$torch_python" - "$work/$name.json" "$name" >>"$summary" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
median = [statistics.median(r["times"]) for r in results]
predict, cam, saliency = median[:3]
row = [sys.argv[2], f"{predict:.2f} s", f"{cam:.2f} s", f"{saliency:.2f} s", f"{cam / predict:.2f}", f"{saliency / predict:.2f}"]
row += [f"{median[3]:.2f} s", f"{cam / median[3]:.2f}"] if len(median) > 3 else ["-", "-"]
print("| " + " | ".join(row) + " |")
PY
done
echo
echo "Medians of $runs cold runs each, 32 images, 224x224, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
cat "$summary"
if [ "${#models[@]}" -gt 1 ]; then
  echo
  "$torch_python" "$root/eng/bench/torch_resnet18.py" library
fi
