#!/usr/bin/env python3
"""Composes docs/images/demo.png for the README from the outputs of `./nero demo` (run it first).

Left: the most OOD sample image with its relevance-deviation heatmap (enlarged); middle: the ROC curves of all
methods; right: NERO's ID-vs-OOD score histogram. Usage: /usr/bin/python3 tools/make_readme_picture.py [DEMO_DIR]
"""
import glob
import os
import sys

from PIL import Image


def main():
    demo = sys.argv[1] if len(sys.argv) > 1 else "nero-demo"
    heatmaps = sorted(glob.glob(os.path.join(demo, "explain", "*_deviation_heatmap.png")))
    if not heatmaps:
        sys.exit(f"no explain output in {demo}/explain: run ./nero demo first")
    height = 405
    heat = Image.open(heatmaps[0]).convert("RGB").resize((height, height), Image.LANCZOS)
    roc = Image.open(os.path.join(demo, "evaluate", "roc.png")).convert("RGB")
    hist = Image.open(os.path.join(demo, "evaluate", "histogram.png")).convert("RGB")
    roc = roc.resize((round(roc.width * height / roc.height), height), Image.LANCZOS)
    hist = hist.resize((round(hist.width * height / hist.height), height), Image.LANCZOS)
    gap = 8
    canvas = Image.new("RGB", (heat.width + roc.width + hist.width + 2 * gap, height), "white")
    x = 0
    for part in (heat, roc, hist):
        canvas.paste(part, (x, 0))
        x += part.width + gap
    os.makedirs("docs/images", exist_ok=True)
    canvas.save("docs/images/demo.png", optimize=True)
    print("docs/images/demo.png", canvas.size)


if __name__ == "__main__":
    main()
