#!/usr/bin/python3
"""The fidelity section of docs/results.md from the work folder of tools/make_fidelity.sh (not a user tool).

  fidelity_report.py WORK_DIR BF16_CPU(yes|no)

Reads, per path folder (demo-bf16, mnv2-int8, ...): eval/metrics.csv (NERO's AUROC and FPR@95TPR on sample-data),
sample.csv / frames.csv (verdicts) and sample-vectors/ / frames-vectors/features.csv, and compares each with the
fp32 path of the same model. Prints markdown, writes WORK_DIR/rule.tsv (model, path, AUROC change, within the rule:
yes/no; tools/make_benchmarks.sh reads it); exits 3 when a path the plugin offers moves NERO's AUROC by more than
1 point (the rule of issue 25), 0 otherwise.
"""
import csv
import os
import sys

import numpy as np

RULE_POINTS = 1.0
MODELS = [
    ("demo", "the demo classifier (`sample-data/model/nero-sample.pt`, its own head)"),
    ("mnv2", "ImageNet MobileNetV2 + linear probe on sample-data"),
    ("r18", "ResNet-18 (random weights, the benchmark's) + linear probe on sample-data"),
]
PATHS = [
    ("onnx", "ONNX fp32 (ONNX Runtime)", "the same weights as ONNX, run by ONNX Runtime in float32"),
    ("bf16", "bf16 (libtorch autocast)", "the TorchScript file with `--precision bf16`"),
    ("int8", "int8, `export_for_nero.py --int8`", "post-training static int8 (torch.ao FX, calibrated on "
                                                  "sample-data/id/train), run in libtorch"),
    ("int8zoo", "int8, ONNX Model Zoo", "the zoo's int8 MobileNetV2 (ONNX Runtime's quantiser), run by ONNX Runtime"),
]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def nero_metrics(folder):
    for row in read_rows(os.path.join(folder, "eval", "metrics.csv")):
        if row["method"] == "nero":
            return 100 * float(row["auroc"]), 100 * float(row["fpr95"])
    raise SystemExit(f"{folder}: no NERO row in eval/metrics.csv")


def verdicts(folder, name):
    return {r["path"]: r["verdict"] for r in read_rows(os.path.join(folder, name))}


def features(folder, name):
    rows = read_rows(os.path.join(folder, name, "features.csv"))
    return {r["path"]: np.array([float(v) for k, v in r.items() if k != "path"]) for r in rows}


def compare_features(ref, fast):
    keys = sorted(set(ref) & set(fast))
    a = np.stack([ref[k] for k in keys])
    b = np.stack([fast[k] for k in keys])
    cos = (a * b).sum(1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1) + 1e-30)
    rel = np.linalg.norm(a - b, axis=1) / (np.linalg.norm(a, axis=1) + 1e-30)
    return len(keys), cos.mean(), cos.min(), rel.mean(), rel.max()


def small(value, one=0):
    """A figure near `one` (0 for errors, 1 for cosines) to the digits that show how near: 1 - 2.1e-07, 3.4e-06."""
    gap = abs(value - one)
    if gap >= 1e-3:
        return f"{value:.4f}"
    text = f"{gap:.1e}" if gap > 0 else "0"
    return text if one == 0 else f"1 − {text}"


def agreement(ref, fast):
    keys = sorted(set(ref) & set(fast))
    return len(keys), sum(ref[k] == fast[k] for k in keys)


def main(argv):
    work, bf16_cpu = argv[1], argv[2] == "yes"
    lines = []
    out = lines.append
    out("Each fast path fits its own detector with `fit --precision` (the detector records the precision and "
        "every job that scores with it runs the model so) and is compared with float32 TorchScript on the same "
        "model: features on the 206 real Kvasir frames (`kvasir-frames`, `kvasir-extra`, `kvasir-seg-200`) and on "
        "the 120 sample-data test images (ID test + OOD), NERO's AUROC and FPR@95TPR on sample-data (ID test vs "
        "OOD, in percent), and verdicts (each detector at its own calibrated threshold) that agree with float32's "
        "on the same 326 images. **Rule: a fast path is offered only where NERO's AUROC stays within "
        f"{RULE_POINTS:g} point of float32.** These are synthetic ID/OOD sets and a random-weight ResNet-18: a "
        "trained network on your data is the measurement that counts; `export_for_nero.py --int8` checks its own "
        "model's features on held-out images before writing it.")
    out("")
    out("| model | path | features vs fp32: cosine mean (min) | relative L2 mean (max) | NERO AUROC | Δ AUROC | "
        "FPR@95 (fp32) | verdicts agreeing | within 1 point |")
    out("|---|---|---:|---:|---:|---:|---:|---:|---|")
    broken = []
    rule = []
    for key, title in MODELS:
        ref_dir = os.path.join(work, f"{key}-fp32")
        if not os.path.isdir(ref_dir):
            continue
        ref_auroc, ref_fpr = nero_metrics(ref_dir)
        ref_feats = {**features(ref_dir, "sample-vectors"), **features(ref_dir, "frames-vectors")}
        ref_verdicts = {**verdicts(ref_dir, "sample.csv"), **verdicts(ref_dir, "frames.csv")}
        out(f"| {title} | fp32 (libtorch) | 1 | 0 | {ref_auroc:.2f} | | {ref_fpr:.2f} | | |")
        for path, name, _ in PATHS:
            d = os.path.join(work, f"{key}-{path}")
            if not os.path.isdir(d):
                continue
            auroc, fpr = nero_metrics(d)
            n, cos_mean, cos_min, rel_mean, rel_max = compare_features(
                ref_feats, {**features(d, "sample-vectors"), **features(d, "frames-vectors")})
            total, agree = agreement(ref_verdicts, {**verdicts(d, "sample.csv"), **verdicts(d, "frames.csv")})
            delta = auroc - ref_auroc
            ok = abs(delta) <= RULE_POINTS
            rule.append(f"{key}\t{path}\t{delta:+.2f}\t{'yes' if ok else 'no'}")
            if not ok and path != "int8zoo":  # the zoo model is not ours to offer: measured, not enforced
                broken.append(f"{key} {path}")
            out(f"| | {name} | {small(cos_mean, 1)} ({small(cos_min, 1)}) | {small(rel_mean)} ({small(rel_max)}) | {auroc:.2f} | "
                f"{delta:+.2f} | {fpr:.2f} ({ref_fpr:.2f}) | {agree}/{total} | {'yes' if ok else '**no**'} |")
    out("")
    out("Paths: " + "; ".join(f"**{name}**: {what}" for _, name, what in PATHS) + ".")
    if not bf16_cpu:
        out("")
        out("This CPU has no bfloat16 instructions, so the bf16 rows ran in float32 (the plugin's fallback): "
            "rerun on a CPU with avx512_bf16 or amx_bf16 for bf16's figures.")
    out("")
    if broken:
        out(f"**Rule broken** by: {', '.join(broken)}. Such a path must not be offered as it is.")
    else:
        out("Every path the plugin offers keeps NERO's AUROC within 1 point of float32 on these models.")
    with open(os.path.join(work, "rule.tsv"), "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in rule))
    print("\n".join(lines))
    return 3 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
