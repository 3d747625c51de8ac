#!/usr/bin/python3
"""Test fixtures for the nero.model package (run with Debian's /usr/bin/python3, torch 1.13).

Writes into src/test/resources/model/:
  tiny-cnn.pt / tiny-cnn.json     a tiny scripted CNN in the NERO model contract (64x64 input, D=192,
                                  feature_map 192x8x8, fc head, 5 classes; random init with a fixed seed)
  tiny-cnn-expected.json          logits, features and input-gradient checksums for fixed inputs
  tiny-cnn-gradients.f32          float64 input gradients of the fixed inputs (PyTorch, model.double()), stored
                                  as little-endian float32, in the order listed under "float64_gradients"
  mobilenetv2-expected.json       float64 input-gradient checksums of ../shared/models/mobilenetv2-imagenet-nero.pt
  integer-index-buffer.pt / .json a valid model whose forward indexes with an integer buffer: its float64 copy
                                  cannot run, so NERO computes its input gradients in float32
  refuse-*.pt / refuse-*.json     small models that each break one rule of the contract
  dtype-<float64|float16|bfloat16>.pt / .json  a small model saved in another float type (NERO converts it to
                                  float32), and dtype-expected.json with its float32 logits on the fixed inputs
  dtype-float64-index-buffer.pt   float64 with an integer index buffer: cannot be converted, refused naming float64
  one-channel.pt / .json          a grey-image model (first convolution takes 1 channel): refused with that cause
  tiny-cnn.onnx                   the ONNX twin of tiny-cnn.pt (tools/export_for_nero.py's ONNX export of the same
                                  weights; shares tiny-cnn.json)
  onnx-*.onnx / onnx-*.json       small ONNX models that each break one rule of the contract (or test a layout)
  mobilenetv2-int8-outputs.onnxpatch  what tools/onnx_for_nero.py adds to ../shared/models/mobilenetv2-12-int8.onnx
                                  (nodes and outputs), as a protobuf fragment: appended to the shared file it gives
                                  the converted model (protobuf merges a repeated message field), so the 3.6 MB model
                                  is never copied into the repository
  resize-<name>.png               torchvision Resize((224,224)) of the Kvasir JPEGs (PIL, bilinear, antialiased)

With --gradient-references it only rewrites the float64 gradient references (tiny-cnn-gradients.f32, the
"float64_gradients" entry of tiny-cnn-expected.json, mobilenetv2-expected.json) from the committed tiny-cnn.pt, and
integer-index-buffer.pt, so the other models and expected values stay byte for byte as they are.

With --resnet18 OUT it also writes a randomly initialised torchvision ResNet-18 in the contract (44 MB, for
the throughput benchmark; never committed).

The fixed inputs are computed from a formula both sides can evaluate: sample n, flat index i within the
sample (c*H*W + y*W + x): value = sin(0.01*i + n) * 2 (float64, then cast to float32).
"""
import argparse
import json
import os
import sys
from typing import List

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision.transforms as T
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from nero_contract import PooledCnnContract, ResNetForNero  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "src", "test", "resources", "model")
KVASIR = os.path.join(ROOT, "..", "shared", "data", "kvasir-frames")


def block(cin, cout, pool=True):
    layers = [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]
    if pool:
        layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class TinyCnn(PooledCnnContract):
    """64x64 -> feature map D x 8 x 8 -> global average pool -> D -> fc."""

    def __init__(self, widths: List[int], num_classes: int, head_name: str = "fc"):
        super().__init__()
        self.body = nn.Sequential(block(3, widths[0]), block(widths[0], widths[1]), block(widths[1], widths[2]),
                                  block(widths[2], widths[3], pool=False))
        setattr(self, head_name, nn.Linear(widths[3], num_classes))
        self.head_name = head_name

    @torch.jit.export
    def feature_map(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


class NoFeatures(nn.Module):
    """Only forward: what a plain torch.jit.script of a classifier gives."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 3)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.body(x))


class NoHead(nn.Module):
    """Contract methods present, but the final layer is called 'out' (not fc/head/classifier)."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.out = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.features(x))


class WrongFeatureSize(nn.Module):
    """features returns 6 values per image, but the fc head takes 8."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)[:, :6]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.body(x))


class WrongFeatureLayer(nn.Module):
    """features has the right size but is not the head's input (the ReLU before pooling is skipped)."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return torch.flatten(F.adaptive_avg_pool2d(self.conv(x), 1), 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(F.relu(self.conv(x)), 1), 1))


def randomise_batchnorm(model: nn.Module):
    """Non-trivial running statistics, so a model accidentally run in train mode gives different logits."""
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.8, 1.2)
            m.bias.data.uniform_(-0.1, 0.1)


def fixed_inputs(n: int, c: int, h: int, w: int) -> torch.Tensor:
    i = np.arange(c * h * w, dtype=np.float64)
    rows = [np.sin(0.01 * i + k) * 2.0 for k in range(n)]
    return torch.from_numpy(np.stack(rows).astype(np.float32).reshape(n, c, h, w))


def sidecar(classes, size, feature_dim, has_map, head="fc", arch="tiny-cnn"):
    return {"format": "nero-model", "version": 1, "architecture": arch, "family": "OTHER_CNN",
            "class_names": classes, "input_size": [size, size], "mean": [0.485, 0.456, 0.406],
            "std": [0.229, 0.224, 0.225], "head": head, "feature_dim": feature_dim, "has_feature_map": has_map}


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")


def save_scripted(model: nn.Module, name: str):
    torch.jit.script(model.eval()).save(os.path.join(OUT, name))


def make_tiny():
    torch.manual_seed(20250601)
    model = TinyCnn([8, 16, 32, 192], 5)
    randomise_batchnorm(model)
    model.eval()
    save_scripted(model, "tiny-cnn.pt")
    classes = ["polyp", "normal-cecum", "normal-pylorus", "esophagitis", "ulcerative-colitis"]
    write_json(os.path.join(OUT, "tiny-cnn.json"), sidecar(classes, 64, 192, True))

    scripted = torch.jit.load(os.path.join(OUT, "tiny-cnn.pt"))
    x = fixed_inputs(2, 3, 64, 64)
    with torch.no_grad():
        logits = scripted(x)
        feats = scripted.features(x)
        fmap = scripted.feature_map(x)
    xg = x.clone().requires_grad_(True)
    temperature = 1000.0
    targets = torch.tensor([1, 3])
    loss = F.cross_entropy(scripted(xg) / temperature, targets)
    grad = torch.autograd.grad(loss, xg)[0]
    xk = x[:1].clone().requires_grad_(True)
    logit_grad = torch.autograd.grad(scripted(xk)[0, 2], xk)[0]
    float64_gradients = write_float64_gradients(os.path.join(OUT, "tiny-cnn.pt"), x)
    write_json(os.path.join(OUT, "tiny-cnn-expected.json"), {
        "input_formula": "sin(0.01*i + n) * 2, i = flat index within sample n, float64 then float32",
        "input_shape": list(x.shape),
        "logits": logits.tolist(),
        "features": feats.tolist(),
        "feature_map_shape": list(fmap.shape),
        "feature_map_sum": float(fmap.double().sum()),
        "gradient_temperature": temperature,
        "gradient_targets": targets.tolist(),
        "gradient_abs_sum": float(grad.double().abs().sum()),
        "gradient_first_values": grad.flatten()[:16].tolist(),
        "logit2_gradient_times_input_sum": float((logit_grad * x[:1]).double().sum()),
        "float64_gradients": float64_gradients,
    })

    torch.manual_seed(7)
    save_scripted(NoFeatures(), "refuse-no-features.pt")
    torch.manual_seed(7)
    save_scripted(NoHead(), "refuse-no-head.pt")
    torch.manual_seed(7)
    save_scripted(WrongFeatureSize(), "refuse-feature-size.pt")
    torch.manual_seed(7)
    wrong = WrongFeatureLayer()
    with torch.no_grad():
        wrong.conv.bias.fill_(-0.3)  # many negative pre-activations, so skipping the ReLU changes the logits
    save_scripted(wrong, "refuse-feature-layer.pt")
    # a valid tiny model whose sidecar says it has a feature map it does not export
    torch.manual_seed(7)
    save_scripted(TinyNoMap(), "refuse-missing-map.pt")
    write_json(os.path.join(OUT, "refuse-missing-map.json"), sidecar(["a", "b", "c"], 32, 8, True))
    make_nan_model()


class TinyNoMap(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x))


class NanOnBright(nn.Module):
    """A valid tiny model whose features are NaN for bright images (mean normalised input above 1.5)."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        f = self.body(x)
        bright = (x.mean(dim=(1, 2, 3)) > 1.5).unsqueeze(1)
        return torch.where(bright, torch.full_like(f, float("nan")), f)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x))


def make_nan_model():
    torch.manual_seed(7)
    save_scripted(NanOnBright(), "nan-on-bright.pt")
    write_json(os.path.join(OUT, "nan-on-bright.json"), sidecar(["a", "b", "c"], 32, 8, False))


def cross_entropy_gradient(model, x, targets, temperature):
    """d/dx of the mean cross-entropy of model(x)/T, as NERO's ODIN computes it."""
    xg = x.clone().requires_grad_(True)
    loss = F.cross_entropy(model(xg) / temperature, torch.tensor(targets))
    return torch.autograd.grad(loss, xg)[0]


def logit_gradient(model, x, k):
    xg = x.clone().requires_grad_(True)
    return torch.autograd.grad(model(xg)[0, k], xg)[0]


def write_float64_gradients(model_path, x):
    """Input gradients of the float64 model: the reference NERO's float64 gradients are compared with.

    Returns the table of contents for the expected JSON. float32 storage adds at most 6e-8 relative error per value.
    """
    m64 = torch.jit.load(model_path).double()
    x64 = x.double()
    cases = [
        ("odin_t1000", cross_entropy_gradient(m64, x64, [1, 3], 1000.0), {"targets": [1, 3], "temperature": 1000.0}),
        ("t1", cross_entropy_gradient(m64, x64, [2, 0], 1.0), {"targets": [2, 0], "temperature": 1.0}),
        ("logit2_sample0", logit_gradient(m64, x64[:1], 2), {"logit": 2}),
    ]
    toc, offset = [], 0
    with open(os.path.join(OUT, "tiny-cnn-gradients.f32"), "wb") as f:
        for name, grad, extra in cases:
            f.write(grad.flatten().numpy().astype("<f4").tobytes())
            toc.append({"name": name, "shape": list(grad.shape), "offset": offset} | extra)
            offset += grad.numel()
    return toc


def make_gradient_references():
    expected_path = os.path.join(OUT, "tiny-cnn-expected.json")
    with open(expected_path) as f:
        expected = json.load(f)
    expected["float64_gradients"] = write_float64_gradients(os.path.join(OUT, "tiny-cnn.pt"),
                                                            fixed_inputs(2, 3, 64, 64))
    write_json(expected_path, expected)
    make_shared_model_references()
    make_integer_index_buffer_model()


def make_shared_model_references():
    """float64 ODIN-style gradient checksums of the shared ImageNet MobileNetV2 (depthwise convs, ReLU6)."""
    path = os.path.join(ROOT, "..", "shared", "models", "mobilenetv2-imagenet-nero.pt")
    if not os.path.exists(path):
        print("skipping", path, "(not found)")
        return
    import hashlib
    with open(path, "rb") as f:
        sha256 = hashlib.sha256(f.read()).hexdigest()
    m64 = torch.jit.load(path).eval().double()
    x = fixed_inputs(1, 3, 224, 224).double()
    g = cross_entropy_gradient(m64, x, [1], 1000.0)
    write_json(os.path.join(OUT, "mobilenetv2-expected.json"), {
        "model": "../shared/models/mobilenetv2-imagenet-nero.pt",
        "sha256": sha256,
        "input_formula": "sin(0.01*i + n) * 2, i = flat index within sample n, float64 then float32",
        "targets": [1],
        "temperature": 1000.0,
        "float64_gradient_abs_sum": float(g.abs().sum()),
        "float64_gradient_sum": float(g.sum()),
        "float64_gradient_sum_of_squares": float((g * g).sum()),
    })


class IntegerIndexBuffer(nn.Module):
    """Reads the colour channels through an integer index buffer (as e.g. Swin's relative_position_index)."""

    def __init__(self):
        super().__init__()
        self.register_buffer("channel_order", torch.tensor([2, 1, 0]))
        self.body = nn.Sequential(block(3, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(8, 3)

    @torch.jit.export
    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x[:, self.channel_order])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x))


def make_integer_index_buffer_model():
    torch.manual_seed(7)
    save_scripted(IntegerIndexBuffer(), "integer-index-buffer.pt")
    write_json(os.path.join(OUT, "integer-index-buffer.json"), sidecar(["a", "b", "c"], 32, 8, False))


class OneChannel(TinyNoMap):
    """A model for grey images: its first convolution takes 1 channel, NERO feeds RGB."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(block(1, 8), nn.AdaptiveAvgPool2d(1), nn.Flatten())


def make_dtype_models():
    """The same small model saved in float64, float16 and bfloat16, and a 1-channel model."""
    torch.manual_seed(11)
    model = TinyNoMap()
    randomise_batchnorm(model)
    model.eval()
    x = fixed_inputs(2, 3, 32, 32)
    expected = {"input_formula": "sin(0.01*i + n) * 2, i = flat index within sample n, float64 then float32",
                "input_shape": list(x.shape),
                "note": "logits of each model converted to float32 (model.float()), as NERO runs it"}
    for name, dtype in (("float64", torch.float64), ("float16", torch.float16), ("bfloat16", torch.bfloat16)):
        copy = TinyNoMap()
        copy.load_state_dict(model.state_dict())
        save_scripted(copy.to(dtype), "dtype-" + name + ".pt")
        write_json(os.path.join(OUT, "dtype-" + name + ".json"), sidecar(["a", "b", "c"], 32, 8, False))
        with torch.no_grad():
            expected[name] = torch.jit.load(os.path.join(OUT, "dtype-" + name + ".pt")).float()(x).tolist()
    # float64 with an integer index buffer: converting the whole module to float32 breaks the index, so NERO
    # refuses it naming the float type
    torch.manual_seed(7)
    save_scripted(IntegerIndexBuffer().double(), "dtype-float64-index-buffer.pt")
    write_json(os.path.join(OUT, "dtype-float64-index-buffer.json"), sidecar(["a", "b", "c"], 32, 8, False))
    write_json(os.path.join(OUT, "dtype-expected.json"), expected)
    torch.manual_seed(7)
    save_scripted(OneChannel(), "one-channel.pt")
    write_json(os.path.join(OUT, "one-channel.json"), sidecar(["a", "b", "c"], 32, 8, False))


class TinyMlp(nn.Module):
    """Not an image model: a 4-feature tabular classifier with the contract's outputs."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(4, 8), nn.ReLU())
        self.fc = nn.Linear(8, 3)

    def features(self, x):
        return self.body(x)

    def forward(self, x):
        return self.fc(self.features(x))


def export_with_outputs(model, name, size, dynamic=("N",), features=True):
    """model.features + fc exported with the outputs logits (and features), batch (and H, W) dynamic as asked."""
    model.eval()
    names = ["logits", "features"] if features else ["output"]

    def outputs(x):
        if not features:
            return type(model).forward(model, x)
        f = model.features(x)
        return model.fc(f), f

    model.forward = outputs
    try:
        axes = {}
        if "N" in dynamic:
            axes = {n: {0: "N"} for n in ["input"] + names}
        if "HW" in dynamic:
            axes.setdefault("input", {}).update({2: "H", 3: "W"})
        x = torch.zeros(1, *size) if len(size) == 1 else torch.zeros(1, *size)
        torch.onnx.export(model, x, os.path.join(OUT, name), input_names=["input"], output_names=names,
                          dynamic_axes=axes or None, opset_version=13)
    finally:
        del model.forward


def make_onnx_fixtures():
    """The ONNX twin of tiny-cnn.pt, ONNX models that break the contract, and the int8 MobileNetV2's patch."""
    import export_for_nero
    with open(os.path.join(OUT, "tiny-cnn.json")) as f:
        tiny_sidecar = json.load(f)
    twin = TinyCnn([8, 16, 32, 192], 5)
    twin.load_state_dict(torch.jit.load(os.path.join(OUT, "tiny-cnn.pt")).state_dict())
    json_path = os.path.join(OUT, "tiny-cnn.json")
    with open(json_path) as f:
        before = f.read()
    export_for_nero.export_onnx(twin, os.path.join(OUT, "tiny-cnn.onnx"), tiny_sidecar)
    with open(json_path, "w") as f:
        f.write(before)  # the sidecar stays the TorchScript model's, byte for byte
    torch.manual_seed(7)
    plain = NoFeatures()
    export_with_outputs(plain, "onnx-plain.onnx", (3, 32, 32), features=False)
    torch.manual_seed(7)
    fixed = TinyNoMap()
    export_with_outputs(fixed, "onnx-wrong-size.onnx", (3, 32, 32))
    write_json(os.path.join(OUT, "onnx-wrong-size.json"), sidecar(["a", "b", "c"], 64, 8, False))
    export_with_outputs(fixed, "onnx-open-size.onnx", (3, 32, 32), dynamic=("N", "HW"))
    export_with_outputs(fixed, "onnx-fixed-batch.onnx", (3, 32, 32), dynamic=())
    torch.manual_seed(7)
    export_with_outputs(TinyMlp(), "onnx-not-image.onnx", (4,))
    make_int8_patch()


def make_int8_patch():
    import onnx
    import onnx_for_nero
    path = os.path.join(ROOT, "..", "shared", "models", "mobilenetv2-12-int8.onnx")
    if not os.path.exists(path):
        print("skipping", path, "(not found)")
        return
    model = onnx.load(path)
    nodes = len(model.graph.node)
    head = onnx_for_nero.find_head(model)
    prefix = onnx_for_nero.convert(model, head)
    assert prefix == "classifier.1", prefix  # nothing renamed: the patch only adds
    patch = onnx.ModelProto()
    patch.graph.node.extend(model.graph.node[nodes:])
    patch.graph.output.extend(model.graph.output)  # logits, features, feature_map (the shared file keeps `output`)
    with open(os.path.join(OUT, "mobilenetv2-int8-outputs.onnxpatch"), "wb") as f:
        f.write(patch.SerializeToString())


def make_resize_references():
    resize = T.Resize((224, 224))
    for name in sorted(os.listdir(KVASIR)):
        if not name.lower().endswith(".jpg"):
            continue
        img = Image.open(os.path.join(KVASIR, name)).convert("RGB")
        out = resize(img)
        out.save(os.path.join(OUT, "resize-" + os.path.splitext(name)[0] + ".png"))
        print(name, img.size, "->", out.size)


def resnet_nero(num_classes: int) -> nn.Module:
    import torchvision
    return ResNetForNero(torchvision.models.resnet18(weights=None, num_classes=num_classes))


def make_int8_tiny():
    """tiny-cnn.pt quantised to int8 by export_for_nero.py's own quantiser (calibrated on 32 fixed inputs), with the
    features it gives on the two test inputs in torch's int8 kernels."""
    import export_for_nero as ex
    torch.manual_seed(20250601)
    eager = TinyCnn([8, 16, 32, 192], 5).eval()
    eager.load_state_dict(torch.jit.load(os.path.join(OUT, "tiny-cnn.pt")).state_dict())
    calibration = fixed_inputs(32, 3, 64, 64) * torch.linspace(0.25, 1.0, 32).view(32, 1, 1, 1)
    torch.jit.script(ex.quantize_int8(eager, calibration)).save(os.path.join(OUT, "tiny-cnn-int8.pt"))
    with open(os.path.join(OUT, "tiny-cnn.json")) as f:
        write_json(os.path.join(OUT, "tiny-cnn-int8.json"), json.load(f))
    scripted = torch.jit.load(os.path.join(OUT, "tiny-cnn-int8.pt"))
    x = fixed_inputs(2, 3, 64, 64)
    with torch.no_grad():
        write_json(os.path.join(OUT, "tiny-cnn-int8-expected.json"), {
            "quantized_engine": torch.backends.quantized.engine,
            "features": scripted.features(x).tolist(),
            "float_features": eager.features(x).tolist()})
    print("wrote tiny-cnn-int8.pt")


def make_resnet18(path: str):
    torch.manual_seed(18)
    model = resnet_nero(2).eval()
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    torch.jit.script(model).save(path)
    write_json(os.path.splitext(path)[0] + ".json",
               sidecar(["class0", "class1"], 224, 512, True, arch="resnet18") | {"family": "RESNET18"})
    print("wrote", path)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--resnet18", metavar="OUT", help="only write a random ResNet-18 in the contract to OUT")
    p.add_argument("--onnx", action="store_true", help="only write the ONNX fixtures")
    p.add_argument("--dtype-models", action="store_true",
                   help="only write the float64/float16/bfloat16 and 1-channel models")
    p.add_argument("--int8", action="store_true", help="only write the int8 tiny CNN (from the committed tiny-cnn.pt)")
    p.add_argument("--gradient-references", action="store_true",
                   help="only rewrite the float64 gradient references from the committed tiny-cnn.pt")
    a = p.parse_args()
    if a.resnet18:
        make_resnet18(a.resnet18)
        return
    if a.gradient_references:
        make_gradient_references()
        return
    if a.int8:
        make_int8_tiny()
        return
    if a.dtype_models:
        make_dtype_models()
        return
    if a.onnx:
        make_onnx_fixtures()
        return
    os.makedirs(OUT, exist_ok=True)
    make_tiny()
    make_shared_model_references()
    make_integer_index_buffer_model()
    make_dtype_models()
    make_onnx_fixtures()
    make_int8_tiny()
    make_resize_references()


if __name__ == "__main__":
    sys.exit(main())
