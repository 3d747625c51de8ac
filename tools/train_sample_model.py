#!/usr/bin/python3
"""Train the small demo classifier on sample-data/id/train and export it into the NERO model contract.

Writes sample-data/model/nero-sample.pt (TorchScript: forward, features, feature_map, forward_all; head `fc`)
and sample-data/model/nero-sample.json (sidecar), and the ONNX twin sample-data/model/nero-sample.onnx (the same
weights; outputs logits, features, feature_map; it shares the sidecar). With --onnx-twin it only rewrites the
twin from the existing .pt. CPU only, fixed seed, well under a minute on 2 cores.
Afterwards it prints the ID accuracy and a numpy check that the OOD kinds look different to the model:
AUROC of the maximum softmax probability (MSP) and of the Mahalanobis distance in feature space.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_for_nero import (IMAGENET_MEAN, IMAGENET_STD, export_onnx, export_scripted, make_sidecar,  # noqa: E402
                             verify_export)
from nero_contract import PooledCnnContract  # noqa: E402

INPUT_SIZE = 64
FEATURE_DIM = 256
SEED = 42


class TinyCnn(PooledCnnContract):
    """Four conv+BN+ReLU blocks (3 max-pools), a 1x1 conv to 256 channels + ReLU, global average pool, `fc`."""

    def __init__(self, num_classes: int, feature_dim: int = FEATURE_DIM):
        super().__init__()

        def block(cin, cout):
            return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True)]

        self.body = nn.Sequential(*block(3, 16), nn.MaxPool2d(2), *block(16, 32), nn.MaxPool2d(2),
                                  *block(32, 64), nn.MaxPool2d(2), *block(64, 128),
                                  nn.Conv2d(128, feature_dim, 1), nn.ReLU(inplace=True))
        self.fc = nn.Linear(feature_dim, num_classes)

    @torch.jit.export
    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


def preprocess(path: str, size: int = INPUT_SIZE) -> np.ndarray:
    """The contract's preprocessing: RGB, squash resize (PIL bilinear, antialiased), [0,1], ImageNet mean/std."""
    img = Image.open(path).convert("RGB").resize((size, size), Image.BILINEAR)
    x = np.asarray(img, dtype=np.float32) / 255.0
    return ((x - np.asarray(IMAGENET_MEAN, np.float32)) / np.asarray(IMAGENET_STD, np.float32)).transpose(2, 0, 1)


def image_files(folder: str):
    return sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.lower().endswith((".jpg", ".png")))


def load_split(root: str, classes):
    xs, ys = [], []
    for label, cls in enumerate(classes):
        for path in image_files(os.path.join(root, cls)):
            xs.append(preprocess(path))
            ys.append(label)
    return torch.from_numpy(np.stack(xs)), torch.tensor(ys)


def load_folder(folder: str):
    return torch.from_numpy(np.stack([preprocess(p) for p in image_files(folder)]))


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random horizontal/vertical flips and 90-degree turns: endoscope views have no preferred orientation."""
    n = x.shape[0]
    flip_h = torch.rand(n, generator=gen) < 0.5
    flip_v = torch.rand(n, generator=gen) < 0.5
    x = torch.where(flip_h[:, None, None, None], x.flip(3), x)
    x = torch.where(flip_v[:, None, None, None], x.flip(2), x)
    if torch.rand(1, generator=gen).item() < 0.5:
        x = x.transpose(2, 3)
    return x


def train(model, x, y, epochs, batch, lr, seed, weight_decay=1e-4, label_smoothing=0.0):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x), generator=gen)
        total = 0.0
        for i in range(0, len(x), batch):
            idx = order[i:i + batch]
            loss = F.cross_entropy(model(augment(x[idx], gen)), y[idx], label_smoothing=label_smoothing)
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(idx)
        print(f"epoch {epoch + 1:2d}/{epochs}  loss {total / len(x):.4f}", flush=True)


def auroc(id_scores: np.ndarray, ood_scores: np.ndarray) -> float:
    """AUROC with OOD as the positive class (higher score = more OOD), ties counted 1/2."""
    id_scores, ood_scores = np.asarray(id_scores, np.float64), np.asarray(ood_scores, np.float64)
    greater = (ood_scores[:, None] > id_scores[None, :]).sum()
    ties = (ood_scores[:, None] == id_scores[None, :]).sum()
    return float((greater + 0.5 * ties) / (len(ood_scores) * len(id_scores)))


def msp_score(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    return -p.max(axis=1)


class Mahalanobis:
    """Class means and a shared covariance fitted on training features; score = min squared distance."""

    def __init__(self, feats: np.ndarray, labels: np.ndarray):
        self.means = np.stack([feats[labels == c].mean(axis=0) for c in np.unique(labels)])
        centred = feats - self.means[labels]
        cov = centred.T @ centred / len(feats)
        self.precision = np.linalg.pinv(cov, hermitian=True)

    def score(self, feats: np.ndarray) -> np.ndarray:
        d = feats[:, None, :] - self.means[None, :, :]
        return np.einsum("ncd,de,nce->nc", d, self.precision, d).min(axis=1)


def relevance(feats: np.ndarray, logits: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """NERO's LRP-0 relevance at the last layer, softmax-mixed over classes; last column = bias relevance."""
    z = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
    a = np.concatenate([feats, np.ones((len(feats), 1))], axis=1)
    wb = np.concatenate([w, b[:, None]], axis=1)
    return np.einsum("nc,ncj->nj", p, a[:, None, :] * wb[None, :, :] / logits[:, :, None])


class Nero:
    """The authors' NERO score (k = 175, exact PCA to floor(2D/3), L1 nearest class centroid, scaled bias
    relevance, feature-norm ratio); a numpy cross-check for the Java implementation, not the product."""

    def __init__(self, feats, logits, labels, w, b, k=175):
        r = relevance(feats, logits, w, b)
        d = feats.shape[1]
        self.w, self.b, self.k = w, b, min(k, d)
        self.mean = r[:, :d].mean(axis=0)
        _, _, vt = np.linalg.svd(r[:, :d] - self.mean, full_matrices=False)
        self.basis = vt[: int(2 * d / 3)].T
        proj = (r[:, :d] - self.mean) @ self.basis
        self.centroids = np.stack([proj[labels == c].mean(axis=0) for c in np.unique(labels)])
        raw = np.stack([r[labels == c].mean(axis=0) for c in np.unique(labels)])
        nearest = np.abs(r[:, None, :] - raw[None, :, :]).sum(axis=2).min(axis=1)
        self.bias_scale = nearest.mean() / np.abs(r[:, -1]).mean()

    def score(self, feats, logits):
        r = relevance(feats, logits, self.w, self.b)
        d = feats.shape[1]
        proj = (r[:, :d] - self.mean) @ self.basis
        dist = np.abs(proj[:, None, :] - self.centroids[None, :, :]).sum(axis=2).min(axis=1)
        lowest = np.argsort(r[:, :d], axis=1)[:, : self.k]
        ratio = np.abs(np.take_along_axis(feats, lowest, axis=1)).sum(axis=1) / np.abs(feats).sum(axis=1)
        return (dist + self.bias_scale * np.abs(r[:, -1])) * ratio


def evaluate(module, data_root: str, classes, train_x, train_y):
    def run(x):
        with torch.no_grad():
            logits, feats, _ = module.forward_all(x)
        return logits.numpy().astype(np.float64), feats.numpy().astype(np.float64)

    test_x, test_y = load_split(os.path.join(data_root, "id", "test"), classes)
    val_x, val_y = load_split(os.path.join(data_root, "id", "val"), classes)
    test_logits, test_feats = run(test_x)
    val_logits, _ = run(val_x)
    train_logits, train_feats = run(train_x)
    results = {"id_test_accuracy": float((test_logits.argmax(1) == test_y.numpy()).mean()),
               "id_val_accuracy": float((val_logits.argmax(1) == val_y.numpy()).mean()), "ood": {}}
    maha = Mahalanobis(train_feats, train_y.numpy())
    params = dict(module.named_parameters())
    nero = Nero(train_feats, train_logits, train_y.numpy(), params["fc.weight"].detach().numpy().astype(np.float64),
                params["fc.bias"].detach().numpy().astype(np.float64))
    id_msp, id_maha, id_nero = msp_score(test_logits), maha.score(test_feats), nero.score(test_feats, test_logits)
    all_msp, all_maha, all_nero = [], [], []
    ood_root = os.path.join(data_root, "ood")
    for kind in sorted(os.listdir(ood_root)):
        logits, feats = run(load_folder(os.path.join(ood_root, kind)))
        s_msp, s_maha, s_nero = msp_score(logits), maha.score(feats), nero.score(feats, logits)
        all_msp.append(s_msp)
        all_maha.append(s_maha)
        all_nero.append(s_nero)
        results["ood"][kind] = {"msp_auroc": auroc(id_msp, s_msp), "mahalanobis_auroc": auroc(id_maha, s_maha),
                                "nero_auroc": auroc(id_nero, s_nero)}
    results["ood"]["all"] = {"msp_auroc": auroc(id_msp, np.concatenate(all_msp)),
                             "mahalanobis_auroc": auroc(id_maha, np.concatenate(all_maha)),
                             "nero_auroc": auroc(id_nero, np.concatenate(all_nero))}
    return results


def write_expected(module, data_root: str, classes, path: str) -> None:
    """Reference outputs for parity tests in other languages: the first ID test image of each class and the
    first image of each OOD kind, preprocessed as the contract says (PIL bilinear squash resize, ImageNet norm)."""
    images = [os.path.join("id", "test", c, sorted(os.listdir(os.path.join(data_root, "id", "test", c)))[0])
              for c in classes]
    ood_root = os.path.join(data_root, "ood")
    images += [os.path.join("ood", k, sorted(os.listdir(os.path.join(ood_root, k)))[0])
               for k in sorted(os.listdir(ood_root))]
    x = torch.from_numpy(np.stack([preprocess(os.path.join(data_root, rel)) for rel in images]))
    with torch.no_grad():
        logits, feats, _ = module.forward_all(x)
    entries = [{"image": rel.replace(os.sep, "/"), "logits": [float(v) for v in logits[i]],
                "features": [float(v) for v in feats[i]]} for i, rel in enumerate(images)]
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"model": "nero-sample.pt", "preprocessing": "PIL RGB, resize to input_size with bilinear "
                   "(antialiased), /255, ImageNet mean/std", "samples": entries}, f)
        f.write("\n")


def write_onnx_twin(pt_path: str, classes) -> None:
    """The .pt's weights as ONNX beside it (<name>.onnx), sharing its sidecar, which stays as it is."""
    twin = TinyCnn(len(classes))
    twin.load_state_dict(torch.jit.load(pt_path).state_dict())
    sidecar_file = os.path.splitext(pt_path)[0] + ".json"
    with open(sidecar_file, encoding="utf-8") as f:
        before = f.read()
    export_onnx(twin, os.path.splitext(pt_path)[0] + ".onnx", json.loads(before))
    with open(sidecar_file, "w", encoding="utf-8") as f:
        f.write(before)


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(here, "..", "sample-data"), help="sample-data folder")
    p.add_argument("--out", help="output .pt (default: <data>/model/nero-sample.pt)")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=5e-4)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--label-smoothing", type=float, default=0.2,
                   help="softer logits give NERO's softmax-mixed relevance more to work with (0.2)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--onnx-twin", action="store_true", help="only write the ONNX twin of the existing .pt")
    args = p.parse_args(argv)

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    data = os.path.abspath(args.data)
    out = args.out or os.path.join(data, "model", "nero-sample.pt")
    classes = sorted(e.name for e in os.scandir(os.path.join(data, "id", "train")) if e.is_dir())
    if args.onnx_twin:
        write_onnx_twin(out, classes)
        return 0
    start = time.time()
    train_x, train_y = load_split(os.path.join(data, "id", "train"), classes)
    model = TinyCnn(len(classes))
    train(model, train_x, train_y, args.epochs, args.batch, args.lr, SEED, args.weight_decay, args.label_smoothing)
    model.eval()
    sidecar = make_sidecar("tiny-cnn", "OTHER_CNN", classes, (INPUT_SIZE, INPUT_SIZE), FEATURE_DIM, True)
    export_scripted(model, out, sidecar)
    figures = verify_export(out)
    print(f"trained and exported in {time.time() - start:.1f} s: {out} ({os.path.getsize(out)} bytes),"
          f" contract check {figures}")

    write_onnx_twin(out, classes)
    exported = torch.jit.load(out).eval()
    write_expected(exported, data, classes, os.path.splitext(out)[0] + ".expected.json")
    results = evaluate(exported, data, classes, train_x, train_y)
    print(f"classes {classes}; ID accuracy: test {results['id_test_accuracy']:.3f},"
          f" val {results['id_val_accuracy']:.3f}")
    print("OOD AUROC (ID test vs OOD kind; numpy)   MSP     Mahalanobis  NERO")
    for kind, r in results["ood"].items():
        print(f"  {kind:38s} {r['msp_auroc']:.3f}   {r['mahalanobis_auroc']:.3f}        {r['nero_auroc']:.3f}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
