#!/usr/bin/env python3
"""Writes the Wine smoke test's configs into a fixture folder (see smoke.sh).

modelaudit.json: the sample's config with the model beside it. jp.json: the same audit with non-ASCII labels
(日本, über), classes given by those labels, and the first image written with a backslash.
"""
import json
import sys

sample, folder = sys.argv[1], sys.argv[2]
with open(sample, encoding="utf-8") as f:
    config = json.load(f)
config.pop("$schema", None)
config["baseline"] = "baseline/sample"
for model in config["models"]:
    model["path"] = "model.onnx"
with open(f"{folder}/modelaudit.json", "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2, ensure_ascii=False)

names = {"0": "日本", "180": "über"}
config["baseline"] = "baseline/jp"
for model in config["models"]:
    model["name"] = "orientation-jp"
    model["labels"] = [names[label] for label in model["labels"]]
    for image in model["images"]:
        image["class"] = names[image["class"]]
    first = model["images"][0]
    first["path"] = first["path"].replace("/", "\\")
with open(f"{folder}/jp.json", "w", encoding="utf-8") as f:
    json.dump(config, f, indent=2, ensure_ascii=False)
with open(f"{folder}/labels-jp.txt", "w", encoding="utf-8") as f:
    f.write("日本\nüber\n")
