#!/usr/bin/env bash
# Regenerates docs/results.md and its pictures in docs/images/: ./nero evaluate --methods all on sample-data/
# (1) with the demo model sample-data/model/nero-sample.pt and (2) with the ImageNet MobileNetV2 in
# ../shared/models/, whose detector is fitted on sample-data ID images it has never seen; each once with the
# model's own head and once with a linear probe (fit --head probe).
#   tools/make_results.sh
# Takes about 3 minutes on 2 cores (2 min 30 s measured at a02f78f; ODIN runs the network four times per image).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MNV2="$(cd .. && pwd)/shared/models/mobilenetv2-imagenet-nero.pt"
W="$ROOT/target/results-paper"
IMAGES="$ROOT/docs/images"
OUT_MD="$ROOT/docs/results.md"
PY=/usr/bin/python3
VARIANTS=5   # flips/rotations per training image for the MobileNetV2 (see below)
[ -f "$MNV2" ] || { echo "missing $MNV2" >&2; exit 1; }
rm -rf "$W" && mkdir -p "$W" "$IMAGES"

./nero --version >/dev/null   # build first if needed

run() { echo "+ $*" >&2; "$@" >"$W/last.log" 2>&1 || { cat "$W/last.log" >&2; exit 1; }; }

# 1. the demo model
run ./nero fit --model sample-data/model/nero-sample.pt --train sample-data/id/train --val sample-data/id/val \
  --out "$W/sample.nero"
cp "$W/last.log" "$W/sample-fit.log"
run ./nero evaluate --detector "$W/sample.nero" --id sample-data/id/test --ood sample-data/ood --methods all \
  --out "$W/sample-eval"
run ./nero fit --model sample-data/model/nero-sample.pt --train sample-data/id/train --val sample-data/id/val \
  --head probe --out "$W/sample-probe.nero"
cp "$W/last.log" "$W/sample-probe-fit.log"
run ./nero evaluate --detector "$W/sample-probe.nero" --id sample-data/id/test --ood sample-data/ood --methods all \
  --out "$W/sample-probe-eval"

# 2. MobileNetV2. NERO's authors' setting keeps ⌊2D/3⌋ = 853 PCA components of the 1280-D relevance vectors,
# which needs at least 854 training images; sample-data/id/train has 180. So the training folder holds every
# training image in $VARIANTS orientations (as is, mirrored left-right, mirrored top-bottom, rotated 90° and 270°).
# Validation (threshold) and test images are used as they are.
$PY tools/orient_variants.py "$ROOT/sample-data/id/train" "$W/mnv2-train" "$VARIANTS"
run ./nero fit --model "$MNV2" --train "$W/mnv2-train" --val sample-data/id/val --out "$W/mnv2.nero"
cp "$W/last.log" "$W/mnv2-fit.log"
run ./nero evaluate --detector "$W/mnv2.nero" --id sample-data/id/test --ood sample-data/ood --methods all \
  --out "$W/mnv2-eval"
run ./nero fit --model "$MNV2" --train "$W/mnv2-train" --val sample-data/id/val --head probe \
  --out "$W/mnv2-probe.nero"
cp "$W/last.log" "$W/mnv2-probe-fit.log"
run ./nero evaluate --detector "$W/mnv2-probe.nero" --id sample-data/id/test --ood sample-data/ood --methods all \
  --out "$W/mnv2-probe-eval"

# pictures: small PNGs in docs/images
for s in sample mnv2; do
  for p in roc histogram; do
    $PY - "$W/$s-eval/$p.png" "$IMAGES/results-$s-$p.png" <<'EOF'
import sys, os
from PIL import Image
src, dst = sys.argv[1], sys.argv[2]
image = Image.open(src).convert("RGB")
image.save(dst, optimize=True)
if os.path.getsize(dst) > 200_000:   # keep the repository small: a 256-colour palette is plenty for plots
    image.quantize(colors=256).save(dst, optimize=True)
EOF
  done
done

table() {
  $PY - "$1" <<'EOF'
import csv, sys
names = {"nero": "**NERO**", "msp": "MSP", "odin": "ODIN", "energy": "Energy", "entropy": "Entropy",
         "maxlogit": "MaxLogit", "mahalanobis": "Mahalanobis", "vim": "ViM", "neco": "NECO",
         "react": "Energy+ReAct", "gradnorm": "GradNorm", "knn": "KNN"}
print("| Method | AUROC ↑ | FPR@95TPR ↓ | AUPR-IN ↑ | AUPR-OUT ↑ |")
print("|---|---:|---:|---:|---:|")
for row in csv.DictReader(open(sys.argv[1])):
    cells = [f"{round(float(row[k]) * 100, 2):.2f}" for k in ("auroc", "fpr95", "aupr_in", "aupr_out")]
    print(f"| {names.get(row['method'], row['method'])} | " + " | ".join(cells) + " |")
EOF
}
# own head vs probe, per method: AUROC and FPR@95 of both, and the probe's AUROC change with a 95 % interval from
# 2000 paired bootstrap resamples of the test images (ID and OOD resampled separately, fixed seed)
compare() {
  $PY - "$1" "$2" <<'EOF'
import csv, sys
import numpy as np
names = {"nero": "**NERO**", "msp": "MSP", "odin": "ODIN", "energy": "Energy", "entropy": "Entropy",
         "maxlogit": "MaxLogit", "mahalanobis": "Mahalanobis", "vim": "ViM", "neco": "NECO",
         "react": "Energy+ReAct", "gradnorm": "GradNorm", "knn": "KNN"}
def load(folder):
    metrics = {r["method"]: r for r in csv.DictReader(open(f"{folder}/metrics.csv"))}
    rows = list(csv.DictReader(open(f"{folder}/scores.csv")))
    return metrics, {r["path"] + "|" + r["set"]: r for r in rows}
own_m, own_s = load(sys.argv[1])
probe_m, probe_s = load(sys.argv[2])
keys = sorted(own_s)
assert keys == sorted(probe_s), "the two evaluations scored different images"
is_id = np.array([own_s[k]["set"] == "id" for k in keys])
def auroc(i, o):  # OOD = positive, higher = more OOD, ties count 1/2 (as the plugin computes it)
    d = o[:, None] - i[None, :]
    return (d > 0).mean() + 0.5 * (d == 0).mean()
worse = []
rng = np.random.default_rng(17)
ids, oods = np.flatnonzero(is_id), np.flatnonzero(~is_id)
boot_i, boot_o = rng.choice(ids, (2000, ids.size)), rng.choice(oods, (2000, oods.size))
print("| Method | AUROC, own head | AUROC, probe | Δ AUROC [95 % interval] | FPR@95, own head | FPR@95, probe |")
print("|---|---:|---:|---:|---:|---:|")
for method in own_m:
    a = np.array([float(own_s[k][method]) for k in keys])
    b = np.array([float(probe_s[k][method]) for k in keys])
    delta = np.array([auroc(b[bi], b[bo]) - auroc(a[bi], a[bo]) for bi, bo in zip(boot_i, boot_o)])
    lo, hi = np.percentile(delta, [2.5, 97.5]) * 100
    pct = lambda r, k: f"{float(r[k]) * 100:.2f}"
    change = (float(probe_m[method]["auroc"]) - float(own_m[method]["auroc"])) * 100
    print(f"| {names.get(method, method)} | {pct(own_m[method], 'auroc')} | {pct(probe_m[method], 'auroc')} | "
          f"{change:+.2f} [{lo:+.2f}, {hi:+.2f}] | {pct(own_m[method], 'fpr95')} | {pct(probe_m[method], 'fpr95')} |")
    if method == "nero":
        nero = (change, lo, hi)
    if hi < 0:
        worse.append(names.get(method, method).strip("*"))
change, lo, hi = nero
where = ("inside the resampling noise (the interval contains 0)" if lo <= 0 <= hi
         else "better than the resampling noise" if lo > 0 else "worse by more than the resampling noise")
print(f"\nNERO with the probe instead of the model's head: AUROC {change:+.2f} points, {where}. "
      + (f"Worse with the probe beyond the noise: {', '.join(worse)}." if worse
         else "No method is worse with the probe beyond the noise."))
EOF
}
count() { find "$1" -type f | wc -l; }
line() { grep -m1 "$1" "$2" | sed 's/[[:space:]]*$//'; }
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
COMMIT="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src tools sample-data || echo '+local changes')"

# section 3 (the fast paths' fidelity) comes from tools/make_fidelity.sh: kept as it is
FIDELITY_SECTION="$($PY - "$OUT_MD" <<'PY'
import re, sys
try:
    m = re.search(r"<!-- fidelity:begin.*?<!-- fidelity:end -->\n", open(sys.argv[1], encoding="utf-8").read(), re.S)
    print(m.group(0) if m else "", end="")
except OSError:
    pass
PY
)"
cat >"$OUT_MD" <<EOF
# Results on the sample data

Generated by \`tools/make_results.sh\` on $DATE (commit $COMMIT). Do not edit by hand; rerun the script.

> **These are synthetic images, not the paper's data.** \`sample-data/\` holds small generated pictures
> (ID: three "normal landmark" classes; OOD: bleeding, dyed, instrument, polyp), made by
> \`tools/make_sample_data.py\` so that the plugin can be tried and tested without a download. The figures below
> show that every method runs end to end and how the outputs look; they are **not comparable** to the paper's
> Kvasir-v2 / GastroVision table. To reproduce the paper, follow [reproduce.md](reproduce.md).

Metrics as the authors' code computes them, in percent with two decimals (higher score = more OOD): AUROC;
FPR@95TPR, the share of OOD images scored at or below the ID score that keeps 95 % of the ID test images;
AUPR-IN and AUPR-OUT, the average precision with ID resp. OOD as the positive class. KNN is an extra baseline
that is not in the paper. ID test: $(count sample-data/id/test) images
(\`sample-data/id/test\`); OOD: $(count sample-data/ood) images (\`sample-data/ood\`, all classes pooled).

## 1. The demo classifier (\`sample-data/model/nero-sample.pt\`)

A small CNN trained on \`sample-data/id/train\` (3 classes, D = $(awk -F'"feature_dim": *' 'NF > 1 {split($2, a, /[,}]/); print a[1]}' sample-data/model/nero-sample.json)).

\`\`\`bash
./nero fit --model sample-data/model/nero-sample.pt --train sample-data/id/train --val sample-data/id/val --out sample.nero
./nero evaluate --detector sample.nero --id sample-data/id/test --ood sample-data/ood --methods all --out sample-eval
\`\`\`
Fit: $(count sample-data/id/train) training images, $(line "threshold" "$W/sample-fit.log"); $(line "training accuracy" "$W/sample-fit.log").

$(table "$W/sample-eval/metrics.csv")

![ROC curves, demo classifier](images/results-sample-roc.png)
![Score histograms, demo classifier](images/results-sample-histogram.png)

### The same classifier with a linear probe instead of its trained head

A probe is meant for backbones whose head knows nothing of the ID classes (section 2); on a network trained on
them it should not cost anything. The probe is fitted on the same training features (multinomial logistic
regression, its C chosen on 20 % of the training images held out; see [core.md](core.md#linear-probe)):

\`\`\`bash
./nero fit --model sample-data/model/nero-sample.pt --train sample-data/id/train --val sample-data/id/val --head probe --out sample-probe.nero
\`\`\`
Fit: $(line "training accuracy" "$W/sample-probe-fit.log") (own head: $(line "training accuracy" "$W/sample-fit.log" | sed 's/training accuracy //')); $(line "head: linear probe" "$W/sample-probe-fit.log" | sed 's/^head: //').

$(compare "$W/sample-eval" "$W/sample-probe-eval")

## 2. ImageNet MobileNetV2, detector fitted on images it has never seen

\`../shared/models/mobilenetv2-imagenet-nero.pt\`: the ImageNet-1k MobileNetV2 (D = 1280, 1000 classes), never
trained on endoscopy nor on these images. Its detector is fitted on the sample-data ID training images, using
the folder order as the "ground-truth" classes (cecum, pylorus, z-line → NERO's class centroids 0, 1, 2); the
network's own ImageNet predictions are meaningless here, which is exactly the point: NERO then only sees how the
relevance of the last layer's neurons differs between the ID images it was fitted on and the OOD ones.

The authors' setting keeps ⌊2D/3⌋ = 853 PCA components, which needs at least 854 training images, and
\`sample-data/id/train\` has $(count sample-data/id/train). The script therefore fits on each training image in $VARIANTS orientations (as is,
mirrored left–right and top–bottom, rotated 90° and 270°): $(count "$W/mnv2-train") images. The validation images (threshold) and the
test images are used as they are.

\`\`\`bash
./nero fit --model ../shared/models/mobilenetv2-imagenet-nero.pt --train mnv2-train --val sample-data/id/val --out mnv2.nero
./nero evaluate --detector mnv2.nero --id sample-data/id/test --ood sample-data/ood --methods all --out mnv2-eval
\`\`\`
Fit: $(count "$W/mnv2-train") training images, $(line "threshold" "$W/mnv2-fit.log").

$(table "$W/mnv2-eval/metrics.csv")

![ROC curves, MobileNetV2](images/results-mnv2-roc.png)
![Score histograms, MobileNetV2](images/results-mnv2-histogram.png)

### MobileNetV2 with a linear probe on the three ID classes

The same backbone and images, with \`--head probe\`: a linear head fitted on the 1280 features of the ID training
images replaces the 1000-class ImageNet head for the logits, NERO's relevance, every logit-based method and the
explanations. The model file is unchanged and the detector stays bound to its SHA-256.

\`\`\`bash
./nero fit --model ../shared/models/mobilenetv2-imagenet-nero.pt --train mnv2-train --val sample-data/id/val --head probe --out mnv2-probe.nero
./nero evaluate --detector mnv2-probe.nero --id sample-data/id/test --ood sample-data/ood --methods all --out mnv2-probe-eval
\`\`\`
Fit: $(line "threshold" "$W/mnv2-probe-fit.log"); probe $(line "training accuracy" "$W/mnv2-probe-fit.log"); $(line "head: linear probe" "$W/mnv2-probe-fit.log" | sed 's/^head: //'). The held-out
images are drawn from the 5-orientation training folder, so other orientations of a held-out picture are in the
fit part: that accuracy is optimistic here.

$(compare "$W/mnv2-eval" "$W/mnv2-probe-eval")

"Own head" is the table above (the ImageNet head).

Reading (of the run this page was generated from): the methods that look at the penultimate features directly
(Mahalanobis, ViM, NECO, KNN) separate the synthetic OOD pictures almost perfectly, because these pictures differ
from the ID ones in plain colour and texture statistics; the methods that only see the logits (MSP, Energy,
MaxLogit, …) are near chance, because the network's 1000 ImageNet outputs say nothing about either set. NERO's
relevance is computed through the same ImageNet head (softmax-weighted over 1000 classes, divided by each logit),
so it lies in between. A network fine-tuned on the ID classes, as in the paper, is the setting NERO is made for;
a linear probe on the ID classes (\`--head probe\`) gives NERO and the logit-based methods such a head without
touching the network.

$FIDELITY_SECTION

## Reproduce

\`\`\`bash
tools/make_results.sh      # rewrites this file and docs/images/results-*.png; work files in target/results-paper/
tools/make_fidelity.sh     # rewrites section 3 (fast paths against float32); work files in target/fidelity/
\`\`\`
EOF
echo "wrote $OUT_MD" >&2
