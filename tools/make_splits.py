#!/usr/bin/python3
"""Build the NERO paper's in-distribution / out-of-distribution folders from an official dataset download.

  kvasir        Kvasir-v2 (8 class folders). ID = normal-cecum, normal-pylorus, normal-z-line, split with a fixed
                seed into id/train, id/val (threshold calibration) and id/test; OOD = the other five classes.
  gastrovision  GastroVision (27 class folders + GastroVision_metadata.csv). ID = 11 classes: the 10 normal
                findings / anatomical landmarks and, by assumption (the authors do not publish the list),
                "Accessory tools"; OOD = every other class in the metadata CSV.

Output (the layout `./nero fit/evaluate` and tools/train_classifier.py read):
  OUT/id/train/<class>/, OUT/id/val/<class>/, OUT/id/test/<class>/, OUT/ood/<class>/, OUT/splits.csv
Files are symbolic links to the download by default (--copy copies them). The same seed and download give the
same split on every machine: files are sorted by name before a seeded shuffle.

Examples:
  /usr/bin/python3 tools/make_splits.py kvasir --source ~/Downloads/kvasir-dataset-v2 --out kvasir-nero
  /usr/bin/python3 tools/make_splits.py gastrovision --source ~/Downloads/GastroVision \\
      --metadata ~/Downloads/GastroVision_metadata.csv --out gastrovision-nero
"""
import argparse
import csv
import os
import random
import shutil
import sys
from typing import Dict, List

KVASIR_CLASSES = ("dyed-lifted-polyps", "dyed-resection-margins", "esophagitis", "normal-cecum", "normal-pylorus",
                  "normal-z-line", "polyps", "ulcerative-colitis")
KVASIR_ID = ("normal-cecum", "normal-pylorus", "normal-z-line")
GASTROVISION_ID = (
    "Normal mucosa and vascular pattern in the large bowel", "Normal stomach", "Small bowel_terminal ileum",
    "Pylorus", "Gastroesophageal_junction_normal z-line", "Duodenal bulb", "Ileocecal valve", "Normal esophagus",
    "Cecum", "Retroflex rectum",
    "Accessory tools",  # ASSUMPTION: the 11th ID class is not published; this is the most plausible candidate
)
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")
DEFAULT_SEED = 42


class SplitError(Exception):
    """The download does not look as expected, or the output cannot be written."""


def image_files(folder: str) -> List[str]:
    return sorted(os.path.join(folder, f) for f in os.listdir(folder)
                  if f.lower().endswith(IMAGE_EXTENSIONS) and os.path.isfile(os.path.join(folder, f)))


def split_files(files: List[str], seed: int, val_fraction: float, test_fraction: float, key: str) -> Dict[str, list]:
    """Seeded shuffle of the sorted list, then test, val and train slices (rounded; train gets the rest)."""
    files = sorted(files)
    random.Random(f"{seed}:{key}").shuffle(files)
    n_test = int(round(len(files) * test_fraction))
    n_val = int(round(len(files) * val_fraction))
    return {"test": files[:n_test], "val": files[n_test:n_test + n_val], "train": files[n_test + n_val:]}


def prepare_out(out: str, force: bool) -> None:
    if os.path.exists(out) and os.listdir(out):
        if not force:
            raise SplitError(f"{out} exists and is not empty (use --force to replace id/, ood/ and splits.csv)")
        for sub in ("id", "ood"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    os.makedirs(out, exist_ok=True)


def place(src: str, dst_folder: str, copy: bool) -> str:
    os.makedirs(dst_folder, exist_ok=True)
    dst = os.path.join(dst_folder, os.path.basename(src))
    if os.path.lexists(dst):
        raise SplitError(f"two source files map to {dst}")
    if copy:
        shutil.copy2(src, dst)
    else:
        os.symlink(os.path.abspath(src), dst)
    return dst


def write_layout(out: str, id_split: Dict[str, Dict[str, list]], ood: Dict[str, list], copy: bool) -> Dict[str, int]:
    """Create OUT/id/<split>/<class>/ and OUT/ood/<class>/, plus splits.csv (split, class, source path)."""
    rows, counts = [], {}
    for cls, parts in sorted(id_split.items()):
        for split in ("train", "val", "test"):
            for src in parts[split]:
                place(src, os.path.join(out, "id", split, cls), copy)
                rows.append((f"id/{split}", cls, os.path.abspath(src)))
            counts[f"id/{split}"] = counts.get(f"id/{split}", 0) + len(parts[split])
    for cls, files in sorted(ood.items()):
        for src in files:
            place(src, os.path.join(out, "ood", cls), copy)
            rows.append(("ood", cls, os.path.abspath(src)))
        counts["ood"] = counts.get("ood", 0) + len(files)
    with open(os.path.join(out, "splits.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(("split", "class", "source"))
        writer.writerows(rows)
    return counts


# ---------------------------------------------------------------------------------------------- Kvasir-v2

def find_kvasir_root(source: str) -> str:
    """The folder that holds the 8 class folders: SOURCE itself or one of its subfolders (e.g. kvasir-dataset-v2)."""
    candidates = [source] + sorted(os.path.join(source, d) for d in os.listdir(source)
                                   if os.path.isdir(os.path.join(source, d)))
    for folder in candidates:
        if all(os.path.isdir(os.path.join(folder, c)) for c in KVASIR_ID):
            missing = [c for c in KVASIR_CLASSES if not os.path.isdir(os.path.join(folder, c))]
            if missing:
                raise SplitError(f"{folder}: Kvasir-v2 class folders missing: {', '.join(missing)}")
            return folder
    raise SplitError(f"{source}: no Kvasir-v2 class folders found (expected {', '.join(KVASIR_CLASSES)})")


def kvasir(source, out, seed, val_fraction, test_fraction, copy, force):
    root = find_kvasir_root(source)
    id_split, ood = {}, {}
    for cls in KVASIR_CLASSES:
        files = image_files(os.path.join(root, cls))
        if not files:
            raise SplitError(f"{os.path.join(root, cls)}: no images")
        if cls in KVASIR_ID:
            id_split[cls] = split_files(files, seed, val_fraction, test_fraction, cls)
        else:
            ood[cls] = files
    prepare_out(out, force)
    return write_layout(out, id_split, ood, copy)


# ---------------------------------------------------------------------------------------------- GastroVision

def normalise(name: str) -> str:
    return " ".join(name.replace("_", " ").lower().split())


def read_metadata(path: str) -> Dict[str, List[str]]:
    """Class -> file names, from a CSV with (at least) the columns Filename and Class."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        fields = {normalise(h): h for h in (reader.fieldnames or [])}
        if "filename" not in fields or "class" not in fields:
            raise SplitError(f"{path}: expected columns Filename and Class, found {reader.fieldnames}")
        by_class: Dict[str, List[str]] = {}
        for row in reader:
            cls, name = row[fields["class"]].strip(), row[fields["filename"]].strip()
            if cls and name:
                by_class.setdefault(cls, []).append(name)
    if not by_class:
        raise SplitError(f"{path}: no rows")
    return by_class


def locate(source: str, cls: str, name: str, flat_index: Dict[str, List[str]]) -> str:
    """The file for (class, file name): SOURCE/<class>/<name>, else the unique file of that name under SOURCE."""
    direct = os.path.join(source, cls, name)
    if os.path.isfile(direct):
        return direct
    matches = flat_index.get(name, [])
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise SplitError(f"{name} (class {cls}) listed in the metadata is not under {source}")
    raise SplitError(f"{name} (class {cls}) is ambiguous: {len(matches)} files of that name and no folder '{cls}'")


def gastrovision(source, metadata, out, seed, val_fraction, test_fraction, copy, force, id_classes):
    by_class = read_metadata(metadata)
    known = {normalise(c): c for c in by_class}
    chosen = []
    for wanted in id_classes:
        if normalise(wanted) not in known:
            raise SplitError(f"ID class '{wanted}' is not in {metadata}; its classes are: {', '.join(sorted(by_class))}")
        chosen.append(known[normalise(wanted)])
    flat_index: Dict[str, List[str]] = {}
    for folder, _, files in os.walk(source):
        for f in files:
            flat_index.setdefault(f, []).append(os.path.join(folder, f))
    id_split, ood = {}, {}
    for cls, names in sorted(by_class.items()):
        files = [locate(source, cls, n, flat_index) for n in names]
        if cls in chosen:
            id_split[cls] = split_files(files, seed, val_fraction, test_fraction, cls)
        else:
            ood[cls] = files
    prepare_out(out, force)
    return write_layout(out, id_split, ood, copy)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="dataset", required=True)
    for name in ("kvasir", "gastrovision"):
        s = sub.add_parser(name, help=f"split the official {name} download")
        s.add_argument("--source", required=True, help="folder of the unpacked download")
        s.add_argument("--out", required=True, help="output folder (gets id/ and ood/)")
        s.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"shuffle seed (default {DEFAULT_SEED})")
        s.add_argument("--val-fraction", type=float, default=0.1, help="share of each ID class for id/val (0.1)")
        s.add_argument("--test-fraction", type=float, default=0.2, help="share of each ID class for id/test (0.2)")
        s.add_argument("--copy", action="store_true", help="copy files instead of symbolic links")
        s.add_argument("--force", action="store_true", help="replace id/ and ood/ in an existing output folder")
        if name == "gastrovision":
            s.add_argument("--metadata", required=True, help="GastroVision_metadata.csv (columns Filename, Class)")
            s.add_argument("--id-classes", help="comma-separated ID classes (default: the 10 normal classes and"
                                                " 'Accessory tools')")
    args = p.parse_args(argv)
    if not (0 <= args.val_fraction < 1 and 0 < args.test_fraction < 1 and args.val_fraction + args.test_fraction < 1):
        p.error("fractions must satisfy 0 <= val, 0 < test, val + test < 1")
    try:
        if not os.path.isdir(args.source):
            raise SplitError(f"{args.source}: not a folder")
        common = dict(out=args.out, seed=args.seed, val_fraction=args.val_fraction,
                      test_fraction=args.test_fraction, copy=args.copy, force=args.force)
        if args.dataset == "kvasir":
            counts = kvasir(args.source, **common)
        else:
            ids = [c.strip() for c in args.id_classes.split(",")] if args.id_classes else list(GASTROVISION_ID)
            counts = gastrovision(args.source, args.metadata, id_classes=ids, **common)
    except (SplitError, OSError) as e:
        print(f"make_splits: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
