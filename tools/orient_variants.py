#!/usr/bin/env python3
"""Copies an ImageFolder tree (one folder per class) with each image in up to five orientations.

NERO's authors' setting keeps floor(2D/3) PCA components, which needs more training images than sample-data has;
tools/make_results.sh and tools/make_fidelity.sh fit on the same enlarged set made here: each image as is, mirrored
left-right, mirrored top-bottom, rotated 90 and 270 degrees (the first VARIANTS of these), saved as PNG after
Pillow's convert("RGB").
"""
import argparse
from pathlib import Path

from PIL import Image

ORIENTATIONS = [None, Image.FLIP_LEFT_RIGHT, Image.FLIP_TOP_BOTTOM, Image.ROTATE_90, Image.ROTATE_270]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("src", type=Path, help="class folders of images")
    parser.add_argument("dst", type=Path, help="where the class folders of variants go")
    parser.add_argument("variants", type=int, nargs="?", default=len(ORIENTATIONS),
                        choices=range(1, len(ORIENTATIONS) + 1), help="orientations per image (default 5)")
    args = parser.parse_args(argv)
    for cls in sorted(p for p in args.src.iterdir() if p.is_dir()):
        (args.dst / cls.name).mkdir(parents=True, exist_ok=True)
        for f in sorted(cls.iterdir()):
            image = Image.open(f).convert("RGB")
            for i, op in enumerate(ORIENTATIONS[:args.variants]):
                (image if op is None else image.transpose(op)).save(args.dst / cls.name / f"{f.stem}-v{i}.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
