#!/usr/bin/env python3
"""Compares the outputs of the Linux and the Windows (Wine) build of modelaudit.

Usage: compare.py LINUX_DIR WINE_DIR
Each folder holds what eng/wine/smoke.sh collected from one build: JSON files (numbers must agree within
1e-6, everything else exactly), .npy maps (float32, within 1e-6 relative to the larger magnitude), exit
codes (exact) and text (exact, LF only). Standard library only, so CI needs no numpy.
"""
import json
import os
import struct
import sys

TOLERANCE = 1e-6


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


# Keys holding a path of the machine that wrote the file (Z:\\tmp\\... under Wine): only the file name must agree.
MACHINE_PATHS = {"config", "file"}


def compare_json(a, b, where, problems):
    if where.rsplit(".", 1)[-1] in MACHINE_PATHS and isinstance(a, str) and isinstance(b, str):
        a, b = a.replace("\\", "/").rsplit("/", 1)[-1], b.replace("\\", "/").rsplit("/", 1)[-1]
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None or isinstance(a, str):
        if a != b:
            problems.append(f"{where}: {a!r} != {b!r}")
    elif isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if not close(float(a), float(b)):
            problems.append(f"{where}: {a} != {b}")
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            problems.append(f"{where}: {len(a)} items != {len(b)} items")
        for i, (x, y) in enumerate(zip(a, b)):
            compare_json(x, y, f"{where}[{i}]", problems)
    elif isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            problems.append(f"{where}: keys {sorted(set(a) ^ set(b))} differ")
        for key in a.keys() & b.keys():
            compare_json(a[key], b[key], f"{where}.{key}", problems)
    else:
        problems.append(f"{where}: {type(a).__name__} != {type(b).__name__}")


def read_npy(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:6] != b"\x93NUMPY":
        raise ValueError(f"{path}: not a .npy file")
    header_len = struct.unpack("<H", data[8:10])[0]
    header = data[10:10 + header_len].decode("latin1")
    if "'<f4'" not in header:
        raise ValueError(f"{path}: expected float32, header {header}")
    body = data[10 + header_len:]
    return header, struct.unpack(f"<{len(body) // 4}f", body)


def compare_file(name, a_path, b_path, problems):
    if name.endswith(".json"):
        with open(a_path, encoding="utf-8") as fa, open(b_path, encoding="utf-8") as fb:
            compare_json(json.load(fa), json.load(fb), name, problems)
    elif name.endswith(".npy"):
        ha, va = read_npy(a_path)
        hb, vb = read_npy(b_path)
        if ha != hb:
            problems.append(f"{name}: header {ha!r} != {hb!r}")
        bad = [i for i, (x, y) in enumerate(zip(va, vb)) if not close(x, y)]
        if bad:
            i = bad[0]
            problems.append(f"{name}: {len(bad)} values differ, first at {i}: {va[i]} != {vb[i]}")
    else:
        with open(a_path, "rb") as fa, open(b_path, "rb") as fb:
            a, b = fa.read(), fb.read()
        if b"\r" in a or b"\r" in b:
            problems.append(f"{name}: has CR line ends (LF is the policy)")
        if a != b:
            problems.append(f"{name}: text differs:\n--- linux\n{a.decode('utf-8', 'replace')}\n--- wine\n{b.decode('utf-8', 'replace')}")


def main():
    linux, wine = sys.argv[1], sys.argv[2]
    names = sorted(set(os.listdir(linux)) | set(os.listdir(wine)))
    problems = []
    for name in names:
        a, b = os.path.join(linux, name), os.path.join(wine, name)
        if not os.path.exists(a) or not os.path.exists(b):
            problems.append(f"{name}: only in {'linux' if os.path.exists(a) else 'wine'}")
            continue
        compare_file(name, a, b, problems)
    for p in problems:
        print(f"wine-smoke: MISMATCH {p}")
    print(f"wine-smoke: compared {len(names)} outputs, {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
