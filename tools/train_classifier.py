#!/usr/bin/python3
"""Train an ID classifier with the NERO authors' recipe and export it straight into the NERO model contract.

Recipe (anju-chhetri/NERO model_training/train.py, train.sh): ResNet-18 from torchvision's ImageNet weights
(fc replaced by Linear(512, C)) or DeiT-S from timm (pretrained, num_classes=C); Adam, lr 1e-4, no weight decay,
cross-entropy, batch 32, 20 epochs, seed 42; training augmentation in this order: Resize, RandomHorizontalFlip(0.5),
ColorJitter(0.25, 0.25, 0.25), RandomVerticalFlip(0.5), RandomInvert(0.3), RandomEqualize(0.3), ToTensor, ImageNet
Normalize; validation every --val-every epochs (and after the last), keeping the checkpoint with the strictly best
validation accuracy. Difference: validation uses DATA/id/val when it exists (the authors used their test folder),
so id/test stays unseen.

DATA is the layout of tools/make_splits.py: DATA/id/train/<class>/, DATA/id/val/<class>/, DATA/id/test/<class>/.

Examples:
  /usr/bin/python3 tools/train_classifier.py --data kvasir-nero --out models/resnet18-kvasir.pt
  /usr/bin/python3 tools/train_classifier.py --data kvasir-nero --arch deit_small_patch16_224 --out models/deit.pt
  /usr/bin/python3 tools/train_classifier.py --data sample-data --random-init --epochs 1 --limit 4 \\
      --input-size 64 --out /tmp/try.pt      # a quick smoke run on CPU
"""
import argparse
import copy
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export_for_nero import (IMAGENET_MEAN, IMAGENET_STD, ContractError, build_model, export_for_nero,  # noqa: E402
                             replace_head, sidecar_path)

SEED = 42


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False


def transforms_for(input_size: int):
    from torchvision import transforms as T
    normalize = T.Normalize(IMAGENET_MEAN, IMAGENET_STD)
    train = T.Compose([T.Resize((input_size, input_size)), T.RandomHorizontalFlip(0.5),
                       T.ColorJitter(brightness=0.25, contrast=0.25, saturation=0.25), T.RandomVerticalFlip(0.5),
                       T.RandomInvert(0.3), T.RandomEqualize(0.3), T.ToTensor(), normalize])
    test = T.Compose([T.Resize((input_size, input_size)), T.ToTensor(), normalize])
    return train, test


def image_folder(folder: str, transform, limit: int = 0):
    """torchvision ImageFolder, optionally keeping only the first `limit` images of each class."""
    from torchvision.datasets import ImageFolder
    if not os.path.isdir(folder):
        raise ContractError(f"{folder}: folder not found (expected <data>/id/train/<class>/ ...)")
    ds = ImageFolder(folder, transform=transform)
    if limit:
        kept, per_class = [], {}
        for path, label in ds.samples:
            if per_class.get(label, 0) < limit:
                kept.append((path, label))
                per_class[label] = per_class.get(label, 0) + 1
        ds.samples = ds.imgs = kept
        ds.targets = [label for _, label in kept]
    return ds


def make_model(arch: str, num_classes: int, random_init: bool, weights_file: str):
    if random_init:
        return build_model(arch, num_classes, pretrained=False)
    if weights_file:  # ImageNet weights from a local file, for machines without internet access
        model = build_model(arch, 1000, pretrained=False)
        model.load_state_dict(torch.load(weights_file, map_location="cpu"))
        replace_head(model, num_classes)
        return model
    try:
        return build_model(arch, num_classes, pretrained=True)
    except ContractError:
        raise
    except Exception as e:  # noqa: BLE001 - download failures come in many types
        raise ContractError(f"could not get the ImageNet weights for {arch} ({e}); pass --weights FILE with a"
                            " local copy, or --random-init")


def accuracy(model, loader, device) -> float:
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            pred = model(x.to(device)).argmax(1).cpu()
            correct += int((pred == y).sum())
            total += len(y)
    return correct / max(total, 1)


def train(args) -> dict:
    seed_everything(SEED)
    device = torch.device(args.device if args.device != "auto" else ("cuda" if torch.cuda.is_available() else "cpu"))
    train_tf, test_tf = transforms_for(args.input_size)
    train_ds = image_folder(os.path.join(args.data, "id", "train"), train_tf, args.limit)
    val_dir = os.path.join(args.data, "id", "val")
    if not os.path.isdir(val_dir):
        val_dir = os.path.join(args.data, "id", "test")
    val_ds = image_folder(val_dir, test_tf, args.limit)
    if val_ds.classes != train_ds.classes:
        raise ContractError(f"{val_dir} has classes {val_ds.classes}, but id/train has {train_ds.classes}")
    gen = torch.Generator().manual_seed(SEED)
    train_loader = torch.utils.data.DataLoader(train_ds, batch_size=args.batch, shuffle=True, generator=gen,
                                               num_workers=args.workers, pin_memory=device.type == "cuda")
    val_loader = torch.utils.data.DataLoader(val_ds, batch_size=args.batch, num_workers=args.workers)

    model = make_model(args.arch, len(train_ds.classes), args.random_init, args.weights).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    best_acc, best_state = -1.0, None
    for epoch in range(1, args.epochs + 1):
        model.train()
        start, running, seen = time.time(), 0.0, 0
        for x, y in train_loader:
            x, y = x.to(device), y.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            running += loss.item() * len(y)
            seen += len(y)
        line = f"epoch {epoch}/{args.epochs}: loss {running / max(seen, 1):.4f} ({time.time() - start:.1f} s)"
        if epoch % args.val_every == 0 or epoch == args.epochs:
            acc = accuracy(model, val_loader, device)
            line += f", val accuracy {acc:.4f}"
            if acc > best_acc:
                best_acc, best_state = acc, copy.deepcopy(model.state_dict())
                line += " (best)"
        print(line, flush=True)

    model.load_state_dict(best_state)
    model = model.cpu().eval()
    if args.save_checkpoint:
        torch.save(model.state_dict(), args.save_checkpoint)
    figures = export_for_nero(model, args.arch, train_ds.classes, args.out, (args.input_size, args.input_size))
    figures["best_val_accuracy"] = best_acc
    figures["device"] = str(device)
    return figures


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder with id/train/<class>/ and id/val/<class>/")
    p.add_argument("--out", required=True, help="output TorchScript .pt (sidecar .json written next to it)")
    p.add_argument("--arch", default="resnet18", help="resnet18 (default), deit_small_patch16_224 (needs timm),"
                                                      " or another torchvision/timm name export_for_nero supports")
    p.add_argument("--random-init", action="store_true", help="start from random weights instead of ImageNet")
    p.add_argument("--weights", help="local ImageNet state dict for --arch (no download)")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--val-every", type=int, default=5, help="validate every N epochs and after the last (5)")
    p.add_argument("--input-size", type=int, default=224)
    p.add_argument("--limit", type=int, default=0, help="use at most N images per class (quick trials)")
    p.add_argument("--workers", type=int, default=2, help="DataLoader worker processes")
    p.add_argument("--device", default="auto", help="auto (cuda if available), cpu or cuda")
    p.add_argument("--save-checkpoint", metavar="FILE", help="also save the best state dict (.pth)")
    args = p.parse_args(argv)
    try:
        figures = train(args)
    except ContractError as e:
        print(f"train_classifier: {e}", file=sys.stderr)
        return 2
    print(f"best val accuracy {figures['best_val_accuracy']:.4f} on {figures['device']};"
          f" wrote {args.out} and {sidecar_path(args.out)} (D = {figures['feature_dim']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
