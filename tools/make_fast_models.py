#!/usr/bin/python3
"""The fast-path twins of the models the results and benchmarks use (tools/make_fidelity.sh, make_benchmarks.sh).

For a model in the NERO contract whose eager architecture is known here, writes into OUT_DIR:
  NAME.onnx         the same weights as ONNX (fp32, run by ONNX Runtime)
  NAME-frozen.pt    export_for_nero.py --optimize (torch.jit.freeze, BatchNorm folded)
  NAME-int8.pt      export_for_nero.py --int8 CALIBRATION_DIR (post-training static int8, float head)
each with its sidecar. The models (--model KIND=FILE, repeatable):
  mobilenetv2=../shared/models/mobilenetv2-imagenet-nero.pt   the ImageNet MobileNetV2 (BatchNorm already folded into
                                                              biased convolutions: rebuilt as torchvision's
                                                              mobilenet_v2 with identity norm layers)
  resnet18=target/bench/resnet18-nero.pt                      torchvision ResNet-18 (the benchmark's, random weights)
  tiny=sample-data/model/nero-sample.pt                       the demo classifier (tools/train_sample_model.py)
The weights are read from FILE (its state dict), so each twin computes what FILE computes; the script checks
that the rebuilt eager model equals FILE (max |difference| of the features printed) before exporting.
Also converts the ONNX Model Zoo's int8 MobileNetV2 (--zoo-int8 FILE) with tools/onnx_for_nero.py.

  /usr/bin/python3 tools/make_fast_models.py --out target/fast --calibration sample-data/id/train \\
      --model mobilenetv2=../shared/models/mobilenetv2-imagenet-nero.pt --model resnet18=target/bench/resnet18-nero.pt
"""
import argparse
import json
import os
import subprocess
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import export_for_nero as ex  # noqa: E402
from nero_contract import PooledCnnForNero, ResNetForNero  # noqa: E402


def mobilenetv2_folded(num_classes: int) -> nn.Module:
    """torchvision's MobileNetV2 with its BatchNorm folded away: identity norm layers, biased convolutions."""
    import torchvision
    m = torchvision.models.mobilenet_v2(weights=None, num_classes=num_classes, norm_layer=lambda c: nn.Identity())
    for module in m.modules():
        if isinstance(module, nn.Conv2d) and module.bias is None:
            module.bias = nn.Parameter(torch.zeros(module.out_channels))
    return PooledCnnForNero(m.features, m.classifier[1])


def resnet18(num_classes: int) -> nn.Module:
    import torchvision
    return ResNetForNero(torchvision.models.resnet18(weights=None, num_classes=num_classes))


def tiny(num_classes: int) -> nn.Module:
    from train_sample_model import TinyCnn
    return TinyCnn(num_classes)


KINDS = {"mobilenetv2": mobilenetv2_folded, "resnet18": resnet18, "tiny": tiny}


def eager_twin(kind: str, file: str) -> nn.Module:
    scripted = torch.jit.load(file).eval()
    state = scripted.state_dict()
    model = KINDS[kind](state["fc.weight"].shape[0]).eval()
    model.load_state_dict(state)
    x = torch.randn(2, 3, *input_size(file), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        difference = float((model.features(x) - scripted.features(x)).abs().max())
    if difference > 1e-4:
        raise SystemExit(f"{file}: the rebuilt {kind} differs from the file by {difference:.3g}")
    print(f"{kind}: rebuilt from {file} (max |features difference| {difference:.1e})")
    return model


def sidecar_of(file: str) -> dict:
    path = ex.sidecar_path(file)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    return {}


def input_size(file: str):
    return tuple(sidecar_of(file).get("input_size", [224, 224]))


def export_twins(kind: str, file: str, out_dir: str, calibration: str, max_feature_error: float) -> None:
    model = eager_twin(kind, file)
    meta = sidecar_of(file)
    classes = meta.get("class_names") or [f"class{i}" for i in range(model.fc.out_features)]
    size = input_size(file)
    mean, std = meta.get("mean"), meta.get("std")
    family = meta.get("family") or ("RESNET18" if kind == "resnet18" else "OTHER_CNN")
    name = os.path.join(out_dir, kind)
    ex.export_for_nero(model, kind, classes, name + ".onnx", size, mean, std, family)
    figures = ex.export_for_nero(model, kind, classes, name + "-frozen.pt", size, mean, std, family, optimize=True)
    print(f"{kind}: frozen, max difference {figures['frozen_max_difference']:.1e}")
    figures = ex.export_for_nero(model, kind, classes, name + "-int8.pt", size, mean, std, family,
                                 int8_images=ex.image_files_under(calibration), max_feature_error=max_feature_error)
    a = figures["int8"]
    print(f"{kind}: int8 calibrated on {figures['calibration_images']} images of {calibration}; held-out features"
          f" cosine {a['cosine_mean']:.4f}, relative L2 {a['relative_l2_mean']:.3f}")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True, help="output folder")
    p.add_argument("--calibration", required=True, help="images that calibrate the int8 models (e.g. ID training)")
    p.add_argument("--model", action="append", default=[], metavar="KIND=FILE", help=f"KIND: {', '.join(KINDS)}")
    p.add_argument("--zoo-int8", metavar="FILE", help="the ONNX Model Zoo's int8 MobileNetV2, converted as well")
    p.add_argument("--max-feature-error", type=float, default=1.0,
                   help="as export_for_nero.py's (default 1: the fidelity measurement wants every model written)")
    args = p.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for spec in args.model:
        kind, _, file = spec.partition("=")
        if kind not in KINDS or not os.path.isfile(file):
            raise SystemExit(f"--model {spec}: expected KIND=FILE with KIND one of {', '.join(KINDS)}")
        export_twins(kind, file, args.out, args.calibration, args.max_feature_error)
    if args.zoo_int8:
        subprocess.run([sys.executable, os.path.join(HERE, "onnx_for_nero.py"), args.zoo_int8, "--classes-file",
                        os.path.join(os.path.dirname(os.path.abspath(args.zoo_int8)), "imagenet-classes.txt"),
                        "--out", os.path.join(args.out, "mobilenetv2-zoo-int8.onnx")], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
