#!/usr/bin/python3
"""Wrap a trained PyTorch classifier into the NERO model contract and write its sidecar JSON.

The contract (what NERO for Fiji loads): one TorchScript file with
  forward(x)      -> N x C logits
  features(x)     -> N x D, the input of the final linear layer, which is named `fc` (params fc.weight, fc.bias)
  feature_map(x)  -> N x D x h x w whose spatial mean is features(x)   (CNNs whose head is GAP + Linear only)
  forward_all(x)  -> (logits, features, feature_map)                     (same models as feature_map)
and a sidecar <name>.json next to it with class names, input size and normalisation. With --out NAME.onnx the
same model is written as ONNX instead (torch.onnx.export, opset 13, dynamic batch): outputs logits, features and
feature_map, head initializers fc.weight / fc.bias; NERO runs it with ONNX Runtime.

For speed (TorchScript):
  --optimize      freezes the module (torch.jit.freeze: weights inlined as constants, BatchNorm folded into the
                  convolutions) keeping features, feature_map, forward_all and the head `fc`; checked to give the
                  unfrozen module's outputs (max difference printed).
  --int8 DIR      post-training static int8 quantisation (torch.ao FX, per-channel int8 weights, 8-bit
                  activations) of the layers up to the feature map, calibrated on the images under DIR (e.g. the
                  ID training images), the head `fc` kept in float. The int8 features are compared with the float
                  model's on held-out images of DIR, and the model is not written when they differ by more than
                  --max-feature-error (relative L2, mean over the images). NERO runs it with `fit --precision int8`.

Supported models: torchvision ResNet, DenseNet, EfficientNet, MobileNetV2/V3 (from a state_dict checkpoint, a
whole pickled model, or --random-init), and timm DeiT/ViT (needs the `timm` package).

Example:
  /usr/bin/python3 tools/export_for_nero.py --arch resnet18 --checkpoint best.pth \\
      --classes-from kvasir-splits/id/train --out models/resnet18-kvasir.pt
"""
import argparse
import json
import os
import sys
from typing import List, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nero_contract import PooledCnnContract, PooledCnnForNero, ResNetForNero  # noqa: E402  (the contract's wrappers, shared by the tools)

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
TORCHVISION_PREFIXES = ("resnet", "resnext", "wide_resnet", "densenet", "efficientnet", "mobilenet_v2",
                        "mobilenet_v3")
TIMM_PREFIXES = ("deit", "vit")
TOLERANCE = 1e-4
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff")
# The largest mean relative L2 error of int8 features against float (on the held-out calibration images) that --int8
# writes by default. Measured (tools/make_fidelity.sh, docs/results.md section 3): the MobileNetV2 int8 model had
# 0.354 on its held-out images (0.26 on real frames) and kept NERO's AUROC within 0.2 points of float32; the
# ONNX Model Zoo's int8 MobileNetV2 (0.31 on real frames) within 0.3. One network's evidence: a bound, not a law.
MAX_FEATURE_ERROR = 0.36


class ContractError(Exception):
    """The model cannot be put into, or does not follow, the NERO model contract."""


# ---------------------------------------------------------------------------------------------- wrappers

class VectorHeadForNero(nn.Module):
    """A model whose penultimate vector is not a spatial mean (MobileNetV3's extra Linear, ViT/DeiT tokens).

    `embed` maps an image to the penultimate vector; `fc` is the final Linear. No feature_map is exported.
    """

    def __init__(self, embed: nn.Module, fc: nn.Linear):
        super().__init__()
        self.embed = embed
        self.fc = fc

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.embed(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.embed(x))


class DenseNetBody(nn.Module):
    def __init__(self, features: nn.Module):
        super().__init__()
        self.features = features

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.relu(self.features(x))


class MobileNetV3Embed(nn.Module):
    def __init__(self, features: nn.Module, pre_head: nn.Module):
        super().__init__()
        self.features = features
        self.pre_head = pre_head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.pre_head(torch.flatten(F.adaptive_avg_pool2d(self.features(x), 1), 1))


class TimmPreLogits(nn.Module):
    """timm ViT/DeiT up to the pre-logits vector (the class token after the final norm)."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.model.forward_head(self.model.forward_features(x), pre_logits=True)


def last_linear(seq: nn.Sequential, what: str) -> nn.Linear:
    layer = seq[-1]
    if not isinstance(layer, nn.Linear):
        raise ContractError(f"{what}: expected the classifier to end with nn.Linear, found {type(layer).__name__}")
    return layer


def wrap_for_nero(model: nn.Module, arch: str) -> nn.Module:
    """Return an eager module following the contract, sharing the parameters of `model`."""
    name = type(model).__name__
    arch = (arch or "").lower()
    if isinstance(model, PooledCnnContract):  # already in the contract (e.g. a pickled wrapper, tools' own models)
        return model
    if hasattr(model, "layer4") and isinstance(getattr(model, "fc", None), nn.Linear):
        return ResNetForNero(model)
    if name == "DenseNet":
        return PooledCnnForNero(DenseNetBody(model.features), model.classifier)
    if name in ("EfficientNet", "MobileNetV2"):
        return PooledCnnForNero(model.features, last_linear(model.classifier, name))
    if name == "MobileNetV3":
        fc = last_linear(model.classifier, name)
        return VectorHeadForNero(MobileNetV3Embed(model.features, nn.Sequential(*list(model.classifier)[:-1])), fc)
    if name == "VisionTransformer" and hasattr(model, "forward_head"):  # timm ViT / DeiT
        fc = model.head
        if not isinstance(fc, nn.Linear):
            raise ContractError(f"{arch or name}: timm model has no linear head (num_classes=0?)")
        model.head = nn.Identity()
        return VectorHeadForNero(TimmPreLogits(model), fc)
    raise ContractError(f"unsupported model type {name} (arch '{arch}'): supported are torchvision ResNet, DenseNet,"
                        " EfficientNet, MobileNetV2/V3 and timm ViT/DeiT")


def infer_arch(model: nn.Module) -> str:
    """Architecture name of a loaded model (torchvision ResNet depth from its block counts)."""
    name = type(model).__name__
    if name == "ResNet" and hasattr(model, "layer4"):
        blocks = [len(getattr(model, f"layer{i}")) for i in range(1, 5)]
        bottleneck = type(model.layer1[0]).__name__ == "Bottleneck"
        depths = {(2, 2, 2, 2, False): "resnet18", (3, 4, 6, 3, False): "resnet34", (3, 4, 6, 3, True): "resnet50",
                  (3, 4, 23, 3, True): "resnet101", (3, 8, 36, 3, True): "resnet152"}
        return depths.get(tuple(blocks) + (bottleneck,), "resnet")
    if name == "VisionTransformer" and hasattr(model, "forward_head"):
        return "vit"
    return name.lower()


def family_of(arch: str) -> str:
    arch = arch.lower()
    if arch == "resnet18":
        return "RESNET18"
    if arch.startswith(TIMM_PREFIXES):
        return "VIT"
    return "OTHER_CNN"


# ---------------------------------------------------------------------------------------------- building models

def build_model(arch: str, num_classes: int, pretrained: bool = False) -> nn.Module:
    """A fresh torchvision or timm model of the given architecture with `num_classes` outputs."""
    arch = arch.lower()
    if arch.startswith(TIMM_PREFIXES):
        try:
            import timm
        except ImportError:
            raise ContractError(f"{arch} needs the `timm` package (pip install timm); it is not importable here")
        return timm.create_model(arch, pretrained=pretrained, num_classes=num_classes)
    import torchvision
    if not arch.startswith(TORCHVISION_PREFIXES) or not hasattr(torchvision.models, arch):
        raise ContractError(f"unknown architecture '{arch}': use a torchvision name such as resnet18, densenet121,"
                            " efficientnet_b0, mobilenet_v2, mobilenet_v3_large, or a timm deit_*/vit_* name")
    builder = getattr(torchvision.models, arch)
    if not pretrained:
        return builder(weights=None, num_classes=num_classes)
    model = builder(weights="DEFAULT")
    replace_head(model, num_classes)
    return model


def replace_head(model: nn.Module, num_classes: int) -> None:
    """Swap the final Linear for a fresh one with `num_classes` outputs (fine-tuning from ImageNet weights)."""
    if isinstance(getattr(model, "fc", None), nn.Linear):
        model.fc = nn.Linear(model.fc.in_features, num_classes)
    elif isinstance(getattr(model, "classifier", None), nn.Linear):
        model.classifier = nn.Linear(model.classifier.in_features, num_classes)
    elif isinstance(getattr(model, "classifier", None), nn.Sequential):
        old = last_linear(model.classifier, type(model).__name__)
        model.classifier[-1] = nn.Linear(old.in_features, num_classes)
    elif hasattr(model, "reset_classifier"):
        model.reset_classifier(num_classes)
    else:
        raise ContractError(f"cannot find the final linear layer of {type(model).__name__}")


def head_out_features(state_dict: dict) -> int:
    """Number of classes from the last 2-D `*.weight` of a state dict (the final Linear)."""
    for key in reversed(list(state_dict.keys())):
        value = state_dict[key]
        if key.endswith("weight") and getattr(value, "dim", lambda: 0)() == 2:
            return int(value.shape[0])
    raise ContractError("cannot infer the number of classes from the checkpoint; pass --num-classes")


def load_model(checkpoint: str, arch: str, num_classes: int) -> nn.Module:
    """A whole pickled nn.Module, or a state dict (possibly under 'state_dict'/'model') for the given --arch."""
    try:
        obj = torch.load(checkpoint, map_location="cpu")
    except Exception as e:  # noqa: BLE001 - any unpickling problem is a user input problem here
        raise ContractError(f"{checkpoint}: cannot be read by torch.load ({e})")
    if isinstance(obj, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        obj = obj.module
    if isinstance(obj, nn.Module):
        return obj
    if isinstance(obj, dict):
        for key in ("state_dict", "model_state_dict", "model"):
            if key in obj and isinstance(obj[key], (dict, nn.Module)):
                obj = obj[key]
                break
        if isinstance(obj, nn.Module):
            return obj
        state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in obj.items()}
        if not arch:
            raise ContractError(f"{checkpoint} holds a state dict: pass --arch to say which architecture it is")
        model = build_model(arch, num_classes or head_out_features(state))
        try:
            model.load_state_dict(state)
        except RuntimeError as e:
            raise ContractError(f"{checkpoint} does not match --arch {arch}: {str(e).splitlines()[0]}")
        return model
    raise ContractError(f"{checkpoint}: expected a pickled model or a state dict, found {type(obj).__name__}")


# ---------------------------------------------------------------------------------------------- export + checks

def sidecar_path(model_path: str) -> str:
    root, _ = os.path.splitext(model_path)
    return root + ".json"


def make_sidecar(architecture: str, family: str, class_names: List[str], input_size: Tuple[int, int],
                 feature_dim: int, has_feature_map: bool, mean=None, std=None) -> dict:
    return {"format": "nero-model", "version": 1, "architecture": architecture, "family": family,
            "class_names": list(class_names), "input_size": [int(input_size[0]), int(input_size[1])],
            "mean": list(mean or IMAGENET_MEAN), "std": list(std or IMAGENET_STD), "head": "fc",
            "feature_dim": int(feature_dim), "has_feature_map": bool(has_feature_map)}


def export_scripted(wrapped: nn.Module, out_path: str, sidecar: dict) -> None:
    """Script `wrapped` (in eval mode) and write it plus its sidecar JSON."""
    wrapped = wrapped.eval()
    try:
        scripted = torch.jit.script(wrapped)
    except Exception as e:  # noqa: BLE001 - scripting errors have many types
        raise ContractError(f"TorchScript could not compile the wrapped model: {str(e).splitlines()[0]}")
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    scripted.save(out_path)
    with open(sidecar_path(out_path), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")


def export_onnx(wrapped: nn.Module, out_path: str, sidecar: dict, dynamic_batch: bool = True,
                opset: int = 13) -> None:
    """Write `wrapped` (in eval mode) as ONNX with the outputs logits, features (and feature_map), plus its sidecar.

    The graph is traced with the wrapper's forward_all (or features + fc), so the head's initializers keep their
    PyTorch names (fc.weight, fc.bias), which NERO reads."""
    wrapped = wrapped.eval()
    h, w = sidecar["input_size"]
    with_map = hasattr(wrapped, "forward_all")
    names = ["logits", "features"] + (["feature_map"] if with_map else [])

    def outputs(x):
        if with_map:
            return wrapped.forward_all(x)
        f = wrapped.features(x)
        return wrapped.fc(f), f

    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    wrapped.forward = outputs  # traced instead of forward, on the module itself so parameter names stay
    try:
        axes = {n: {0: "N"} for n in ["input"] + names} if dynamic_batch else None
        torch.onnx.export(wrapped, torch.zeros(1, 3, h, w), out_path, input_names=["input"], output_names=names,
                          dynamic_axes=axes, opset_version=opset, do_constant_folding=True)
    except Exception as e:  # noqa: BLE001 - exporter errors have many types
        raise ContractError(f"torch.onnx.export could not export the wrapped model: {str(e).splitlines()[0]}")
    finally:
        del wrapped.forward
    with open(sidecar_path(out_path), "w", encoding="utf-8") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")


def verify_onnx(out_path: str) -> dict:
    """Structural check of an exported ONNX file (Debian has no ONNX Runtime for Python; NERO checks the numbers
    when it loads the model): the outputs, their ranks, and the head's initializers."""
    import onnx
    model = onnx.load(out_path)
    onnx.checker.check_model(model)
    with open(sidecar_path(out_path), encoding="utf-8") as f:
        meta = json.load(f)
    outputs = {o.name: len(o.type.tensor_type.shape.dim) for o in model.graph.output}
    if outputs.get("logits") != 2 or outputs.get("features") != 2:
        raise ContractError(f"{out_path}: outputs {outputs}, expected logits and features of rank 2")
    inits = {t.name: list(t.dims) for t in model.graph.initializer}
    for name in ("fc.weight", "fc.bias"):
        if name not in inits:
            raise ContractError(f"{out_path}: initializer {name} missing (NERO reads the head from it)")
    if inits["fc.weight"][1] != meta["feature_dim"]:
        raise ContractError(f"{out_path}: fc.weight is {inits['fc.weight']}, sidecar says D={meta['feature_dim']}")
    methods = sorted(outputs)
    return {"methods": methods, "feature_dim": meta["feature_dim"], "head_max_abs_diff": float("nan"),
            "logits_shape": [None, inits["fc.weight"][0]]}


def verify_export(out_path: str, batch: int = 2, seed: int = 0) -> dict:
    """Reload the saved file and check the contract; returns measured figures, raises ContractError if broken."""
    with open(sidecar_path(out_path), encoding="utf-8") as f:
        meta = json.load(f)
    module = torch.jit.load(out_path, map_location="cpu").eval()
    params = dict(module.named_parameters())
    for name in ("fc.weight", "fc.bias"):
        if name not in params:
            raise ContractError(f"{out_path}: parameter {name} missing")
    methods = [m for m in ("features", "feature_map", "forward_all") if hasattr(module, m)]
    if "features" not in methods:
        raise ContractError(f"{out_path}: no exported method `features`")
    h, w = meta["input_size"]
    x = torch.randn(batch, 3, h, w, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        logits = module(x)
        feats = module.features(x)
        head = F.linear(feats, params["fc.weight"], params["fc.bias"])
        figures = {"logits_shape": list(logits.shape), "feature_dim": feats.shape[1],
                   "head_max_abs_diff": float((head - logits).abs().max()), "methods": methods}
        if feats.shape[1] != meta["feature_dim"] or logits.shape[1] != len(meta["class_names"]):
            raise ContractError(f"{out_path}: sidecar says D={meta['feature_dim']}, C={len(meta['class_names'])};"
                                f" model gives D={feats.shape[1]}, C={logits.shape[1]}")
        if figures["head_max_abs_diff"] > TOLERANCE * max(1.0, float(logits.abs().max())):
            raise ContractError(f"{out_path}: fc(features(x)) differs from forward(x) by"
                                f" {figures['head_max_abs_diff']:.3g}; features is not the final layer's input")
        if meta["has_feature_map"]:
            if "feature_map" not in methods:
                raise ContractError(f"{out_path}: sidecar promises feature_map but the model has none")
            fm = module.feature_map(x)
            figures["feature_map_shape"] = list(fm.shape)
            figures["feature_map_max_abs_diff"] = float((fm.mean(dim=(2, 3)) - feats).abs().max())
            if figures["feature_map_max_abs_diff"] > TOLERANCE:
                raise ContractError(f"{out_path}: the spatial mean of feature_map differs from features by"
                                    f" {figures['feature_map_max_abs_diff']:.3g}")
    return figures


def freeze_for_speed(scripted: torch.jit.ScriptModule) -> torch.jit.ScriptModule:
    """torch.jit.freeze: weights become constants and BatchNorm is folded into the convolutions. Freezing drops every
    method and attribute not preserved, so the contract's methods and the head (NERO reads fc.weight / fc.bias by
    name) are kept."""
    keep = [m for m in ("features", "feature_map", "forward_all") if hasattr(scripted, m)] + ["fc"]
    return torch.jit.freeze(scripted.eval(), preserved_attrs=keep)


def max_output_difference(a: nn.Module, b: nn.Module, input_size, batch: int = 2, seed: int = 0) -> float:
    """max |a - b| / max(1, max |a|) over forward, features and (if both have it) feature_map on a random batch."""
    h, w = input_size
    x = torch.randn(batch, 3, h, w, generator=torch.Generator().manual_seed(seed))
    worst = 0.0
    with torch.no_grad():
        pairs = [(a(x), b(x)), (a.features(x), b.features(x))]
        if hasattr(a, "feature_map") and hasattr(b, "feature_map"):
            pairs.append((a.feature_map(x), b.feature_map(x)))
        for ra, rb in pairs:
            worst = max(worst, float((ra - rb).abs().max()) / max(1.0, float(ra.abs().max())))
    return worst


class FeatureMapOnly(nn.Module):
    """The part of a contract model that --int8 quantises: image -> last feature map."""

    def __init__(self, wrapped: nn.Module):
        super().__init__()
        self.wrapped = wrapped

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.wrapped.feature_map(x)


def quantized_engine() -> str:
    """The int8 backend to calibrate for: oneDNN (x86, 8-bit activations) where torch has it, else QNNPACK (ARM)."""
    engines = torch.backends.quantized.supported_engines
    for engine in ("onednn", "qnnpack"):
        if engine in engines:
            return engine
    raise ContractError(f"this torch build has no int8 backend for --int8 (it has {engines}; oneDNN or QNNPACK needed)")


def quantize_int8(wrapped: nn.Module, calibration: torch.Tensor, batch: int = 8) -> nn.Module:
    """Post-training static int8 quantisation (torch.ao FX) of `wrapped`'s layers up to the feature map, calibrated
    on `calibration` (N x 3 x H x W, preprocessed); the head `fc` stays float, so NERO's relevance uses the exact
    head and features(x) is the float mean of the dequantised map. Returns a contract module ready to script."""
    from torch.ao.quantization import get_default_qconfig_mapping
    from torch.ao.quantization.quantize_fx import convert_fx, prepare_fx
    if not isinstance(wrapped, PooledCnnContract):
        raise ContractError("--int8 quantises CNNs whose head is global average pooling + fc (ResNet, DenseNet,"
                            " EfficientNet, MobileNetV2, small CNNs); this model's features are not a pooled map")
    engine = quantized_engine()
    torch.backends.quantized.engine = engine
    try:
        prepared = prepare_fx(FeatureMapOnly(wrapped).eval(), get_default_qconfig_mapping(engine),
                              example_inputs=(calibration[:1],))
        with torch.no_grad():
            for i in range(0, len(calibration), batch):
                prepared(calibration[i:i + batch])
        body = convert_fx(prepared)
    except Exception as e:  # noqa: BLE001 - FX tracing and quantisation errors have many types
        raise ContractError(f"int8 quantisation failed: {str(e).splitlines()[0]}")
    return PooledCnnForNero(body, wrapped.fc).eval()


def image_files_under(folder: str) -> List[str]:
    """Image files under `folder` (recursively), sorted."""
    found = []
    for root, _, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files if f.lower().endswith(IMAGE_SUFFIXES)]
    return sorted(found)


def load_images(files: List[str], input_size, mean, std) -> torch.Tensor:
    """NERO's preprocessing, as torchvision's Resize((H, W)) + ToTensor + Normalize on PIL RGB images."""
    from PIL import Image
    h, w = input_size
    m = torch.tensor(mean or IMAGENET_MEAN).view(3, 1, 1)
    s = torch.tensor(std or IMAGENET_STD).view(3, 1, 1)
    out = []
    for f in files:
        try:
            img = Image.open(f).convert("RGB").resize((w, h), Image.BILINEAR)
        except OSError as e:
            raise ContractError(f"calibration image {f} cannot be read: {e}")
        x = torch.from_numpy(np.asarray(img, dtype=np.float32).copy()).permute(2, 0, 1) / 255.0
        out.append((x - m) / s)
    return torch.stack(out)


def split_calibration(files: List[str], max_images: int) -> Tuple[List[str], List[str]]:
    """Every 10th of up to `max_images` files held out for the fidelity check (at least 2), the rest calibrate."""
    if len(files) < 8:
        raise ContractError(f"--int8 needs at least 8 calibration images, found {len(files)}")
    step = max(1, len(files) // max_images)
    chosen = files[::step][:max_images]
    held = chosen[::10] if len(chosen) >= 20 else chosen[::4]
    return [f for f in chosen if f not in held], held


def feature_agreement(float_model: nn.Module, int8_model: nn.Module, x: torch.Tensor) -> dict:
    """Cosine and relative L2 error of the int8 features against the float ones, per image: mean and worst."""
    with torch.no_grad():
        a = float_model.features(x)
        b = int8_model.features(x)
    cos = F.cosine_similarity(a, b, dim=1)
    rel = (a - b).norm(dim=1) / a.norm(dim=1).clamp_min(1e-12)
    return {"images": len(x), "cosine_mean": float(cos.mean()), "cosine_min": float(cos.min()),
            "relative_l2_mean": float(rel.mean()), "relative_l2_max": float(rel.max())}


def export_for_nero(model: nn.Module, arch: str, class_names: List[str], out_path: str,
                    input_size=(224, 224), mean=None, std=None, family=None, optimize: bool = False,
                    int8_images: List[str] = None, max_int8_images: int = 256,
                    max_feature_error: float = MAX_FEATURE_ERROR) -> dict:
    """Wrap, script, save and verify; returns the verification figures. `optimize` freezes the TorchScript module;
    `int8_images` (files) calibrate an int8 model, which is written only when its features on the held-out ones are
    within `max_feature_error` of the float model's."""
    model = model.cpu().eval()
    wrapped = wrap_for_nero(model, arch).eval()
    h, w = input_size
    with torch.no_grad():
        feats = wrapped.features(torch.zeros(1, 3, h, w))
        n_classes = wrapped(torch.zeros(1, 3, h, w)).shape[1]
    if len(class_names) != n_classes:
        raise ContractError(f"{len(class_names)} class names given but the model has {n_classes} outputs")
    has_fmap = hasattr(wrapped, "feature_map")
    sidecar = make_sidecar(arch, family or family_of(arch), class_names, input_size, feats.shape[1], has_fmap,
                           mean, std)
    if out_path.lower().endswith(".onnx"):
        if optimize or int8_images is not None:
            raise ContractError("--optimize and --int8 write TorchScript (.pt): the ONNX export already folds"
                                " BatchNorm and ONNX Runtime optimises the graph when it loads; an int8 ONNX model"
                                " comes from ONNX Runtime's quantize_static (then tools/onnx_for_nero.py)")
        sidecar["has_feature_map"] = hasattr(wrapped, "forward_all")
        export_onnx(wrapped, out_path, sidecar)
        return verify_onnx(out_path)
    if int8_images is not None:
        calibrate, held_out = split_calibration(int8_images, max_int8_images)
        quantized = quantize_int8(wrapped, load_images(calibrate, input_size, mean, std))
        agreement = feature_agreement(wrapped, quantized, load_images(held_out, input_size, mean, std))
        if agreement["relative_l2_mean"] > max_feature_error:
            raise ContractError(f"the int8 features differ from the float model's by {agreement['relative_l2_mean']:.3f}"
                                f" (relative L2, mean over {agreement['images']} held-out images; cosine"
                                f" {agreement['cosine_mean']:.4f}), more than --max-feature-error"
                                f" {max_feature_error}; nothing written. NERO's AUROC stayed within 1 point of"
                                f" float32 only for int8 models within about {MAX_FEATURE_ERROR} (docs/results.md):"
                                " calibrate on more or more typical images, or use fp32/bf16")
        export_scripted(quantized, out_path, sidecar)
        figures = verify_export(out_path)
        figures.update({"int8": agreement, "calibration_images": len(calibrate)})
        return figures
    if optimize:
        scripted = torch.jit.script(wrapped)
        frozen = freeze_for_speed(scripted)
        difference = max_output_difference(scripted, frozen, input_size)
        if difference > TOLERANCE:
            raise ContractError(f"the frozen module's outputs differ from the unfrozen ones by {difference:.3g}"
                                f" (> {TOLERANCE}); export without --optimize")
        os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
        frozen.save(out_path)
        with open(sidecar_path(out_path), "w", encoding="utf-8") as f:
            json.dump(sidecar, f, indent=2)
            f.write("\n")
        figures = verify_export(out_path)
        figures["frozen_max_difference"] = difference
        return figures
    export_scripted(wrapped, out_path, sidecar)
    return verify_export(out_path)


def class_names_from(folder: str) -> List[str]:
    """Subfolder names, sorted as torchvision's ImageFolder sorts them (that order defines the class indices)."""
    names = sorted(e.name for e in os.scandir(folder) if e.is_dir())
    if not names:
        raise ContractError(f"{folder}: no class subfolders")
    return names


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--checkpoint", help="state dict (.pth) or whole pickled model (torch.save(model))")
    src.add_argument("--random-init", action="store_true", help="untrained weights (for tests and trials)")
    p.add_argument("--arch", help="architecture, e.g. resnet18, densenet121, efficientnet_b0, mobilenet_v2,"
                                  " deit_small_patch16_224 (required for state dicts and --random-init)")
    p.add_argument("--num-classes", type=int, help="number of classes (default: from the checkpoint or the names)")
    names = p.add_mutually_exclusive_group()
    names.add_argument("--classes", help="comma-separated class names in output order")
    names.add_argument("--classes-from", metavar="DIR", help="take class names from the subfolders of DIR (sorted)")
    p.add_argument("--input-size", type=int, nargs="+", default=[224], metavar="N",
                   help="input side, or H W (default 224)")
    p.add_argument("--mean", type=float, nargs=3, default=IMAGENET_MEAN)
    p.add_argument("--std", type=float, nargs=3, default=IMAGENET_STD)
    p.add_argument("--out", required=True, help="output .pt file (TorchScript) or .onnx file (ONNX, outputs logits,"
                                                " features, feature_map); the sidecar is written next to it as .json")
    speed = p.add_mutually_exclusive_group()
    speed.add_argument("--optimize", action="store_true",
                       help="freeze the TorchScript module (BatchNorm folded), checked against the unfrozen outputs")
    speed.add_argument("--int8", metavar="DIR",
                       help="int8-quantise (post-training, static), calibrated on the images under DIR; run it with"
                            " `nero fit --precision int8`")
    p.add_argument("--calibration-images", type=int, default=256, metavar="N",
                   help="at most N images of --int8 DIR (every 10th held out to check the features; default 256)")
    p.add_argument("--max-feature-error", type=float, default=MAX_FEATURE_ERROR, metavar="E",
                   help="refuse an int8 model whose features differ from the float model's by more than E (relative"
                        f" L2, mean over the held-out images; default {MAX_FEATURE_ERROR})")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    try:
        names = None
        if args.classes:
            names = [c.strip() for c in args.classes.split(",") if c.strip()]
        elif args.classes_from:
            names = class_names_from(args.classes_from)
        n = args.num_classes or (len(names) if names else None)
        if args.random_init:
            if not args.arch:
                raise ContractError("--random-init needs --arch")
            model = build_model(args.arch, n or 3)
        else:
            model = load_model(args.checkpoint, args.arch, n)
        arch = args.arch or infer_arch(model)
        if names is None:
            with torch.no_grad():
                size = args.input_size * 2 if len(args.input_size) == 1 else args.input_size
                outputs = model.eval()(torch.zeros(1, 3, size[0], size[1])).shape[1]
            names = [f"class_{i}" for i in range(outputs)]
        size = tuple(args.input_size * 2 if len(args.input_size) == 1 else args.input_size[:2])
        int8_images = None
        if args.int8:
            if not os.path.isdir(args.int8):
                raise ContractError(f"--int8 {args.int8}: not a folder of calibration images")
            int8_images = image_files_under(args.int8)
        figures = export_for_nero(model, arch, names, args.out, size, args.mean, args.std, optimize=args.optimize,
                                  int8_images=int8_images, max_int8_images=args.calibration_images,
                                  max_feature_error=args.max_feature_error)
    except ContractError as e:
        print(f"export_for_nero: {e}", file=sys.stderr)
        return 2
    print(f"wrote {args.out} and {sidecar_path(args.out)}")
    if args.out.lower().endswith(".onnx"):
        print(f"checked: outputs {figures['methods']}, D = {figures['feature_dim']} (NERO checks the numbers when it"
              " loads the model)")
        return 0
    print(f"checked: methods {figures['methods']}, D = {figures['feature_dim']},"
          f" max |fc(features) - forward| = {figures['head_max_abs_diff']:.2e}"
          + (f", feature_map {figures['feature_map_shape']}" if "feature_map_shape" in figures else ""))
    if "frozen_max_difference" in figures:
        print(f"frozen: max difference from the unfrozen outputs {figures['frozen_max_difference']:.2e}")
    if "int8" in figures:
        a = figures["int8"]
        print(f"int8: calibrated on {figures['calibration_images']} images; features on {a['images']} held-out images"
              f" against the float model: cosine mean {a['cosine_mean']:.4f} (min {a['cosine_min']:.4f}), relative"
              f" L2 mean {a['relative_l2_mean']:.3f} (max {a['relative_l2_max']:.3f}); fit with --precision int8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
