#!/usr/bin/python3
"""PyTorch side of eng/bench/process-ratios.sh (optional; needs Debian's python3-torch and python3-torchvision).

  torch_resnet18.py export MODEL.onnx      torchvision's ResNet-18 (seeded random weights) exported to ONNX, opset 13
  torch_resnet18.py cam IMAGE...           one process: Grad-CAM on layer4 of the same network, batches of 8
  torch_resnet18.py predict IMAGE...       one process: plain inference, batches of 8
  torch_resnet18.py library                per-batch times (batch 8, 224x224): Grad-CAM, saliency and plain inference, medians

The network is rebuilt from the same seed in every mode, so it is the very model ModelAudit runs from the export.
"""
import statistics
import sys
import time

import torch
import torchvision

SIDE = 224
BATCH = 8
MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def network():
    torch.manual_seed(0)
    torch.set_num_threads(2)
    model = torchvision.models.resnet18(weights=None)
    model.eval()
    return model


def load(paths):
    from PIL import Image
    import numpy

    pictures = []
    for path in paths:
        with Image.open(path) as image:
            rgb = image.convert("RGB").resize((SIDE, SIDE), Image.BILINEAR)
            pictures.append(torch.from_numpy(numpy.asarray(rgb, dtype=numpy.float32) / 255.0).permute(2, 0, 1))
    return (torch.stack(pictures) - MEAN) / STD


def grad_cam(model, batch):
    kept = {}
    handle = model.layer4.register_forward_hook(lambda _m, _i, output: kept.__setitem__("a", output))
    try:
        logits = model(batch)
        activation = kept["a"]
        top = logits.argmax(dim=1)
        score = logits.gather(1, top[:, None]).sum()
        (gradient,) = torch.autograd.grad(score, activation)
        weights = gradient.mean(dim=(2, 3), keepdim=True)
        return torch.relu((weights * activation).sum(dim=1)).detach()
    finally:
        handle.remove()


def saliency(model, batch):
    # Only the input's gradient, as ModelAudit's saliency computes: autograd.grad runs only the backward work
    # that reaches the inputs it is asked for, so no weight gradients are computed.
    pixels = batch.clone().requires_grad_(True)
    logits = model(pixels)
    top = logits.argmax(dim=1)
    (gradient,) = torch.autograd.grad(logits.gather(1, top[:, None]).sum(), pixels)
    return gradient.abs().amax(dim=1)


def batches(paths):
    for start in range(0, len(paths), BATCH):
        yield load(paths[start:start + BATCH])


def main(argv):
    mode = argv[1] if len(argv) > 1 else ""
    if mode == "export" and len(argv) == 3:
        model = network()
        dummy = torch.zeros(1, 3, SIDE, SIDE)
        torch.onnx.export(model, dummy, argv[2], opset_version=13, input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "N"}, "logits": {0: "N"}})
        return 0
    if mode == "cam" and len(argv) > 2:
        model = network()
        for batch in batches(argv[2:]):
            grad_cam(model, batch)
        return 0
    if mode == "predict" and len(argv) > 2:
        model = network()
        with torch.no_grad():
            for batch in batches(argv[2:]):
                model(batch).softmax(dim=1).topk(5)
        return 0
    if mode == "library":
        model = network()
        batch = torch.randn(BATCH, 3, SIDE, SIDE)

        def median(run, count=7):
            run()
            times = []
            for _ in range(count):
                start = time.perf_counter()
                run()
                times.append(time.perf_counter() - start)
            return statistics.median(times)

        def plain():
            with torch.no_grad():
                model(batch)

        cam = median(lambda: grad_cam(model, batch))
        forward = median(plain)
        gradient = median(lambda: saliency(model, batch))
        print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {BATCH} at {SIDE}x{SIDE}")
        print(f"plain inference {forward * 1000:.1f} ms, Grad-CAM {cam * 1000:.1f} ms, Grad-CAM/plain {cam / forward:.2f}, "
              f"saliency {gradient * 1000:.1f} ms, saliency/plain {gradient / forward:.2f}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
