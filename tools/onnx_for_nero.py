#!/usr/bin/python3
"""Turn a plain ONNX image classifier (one output: the logits) into one in the NERO model contract.

NERO needs, besides the logits, the input of the final linear layer (the penultimate features) and that layer's
weight and bias. This tool finds the final linear layer by walking back from the output (Gemm, MatMul + Add, or
their int8 forms QLinearMatMul + QLinearAdd and DequantizeLinear → MatMul), and writes a copy of the graph with
the outputs
  logits        N x C   (the model's own output; a final Softmax is skipped, NERO needs the logits before it)
  features      N x D   (the final layer's input, dequantised when it is int8)
  feature_map   N x D x h x w   (the input of the global average pooling in front of it, when there is one)
and the sidecar <out>.json NERO reads (class names, input size, mean/std, the head's initializer name). NERO then
reads the head from the graph's initializers (dequantising int8 ones); the tool names them `<head>.weight` /
`<head>.bias` (ONNX Runtime's `<name>_quantized`, `_scale`, `_zero_point` for quantised ones) when they are not
named so already.

Example (the ONNX Model Zoo's int8 MobileNetV2):
  /usr/bin/python3 tools/onnx_for_nero.py ../shared/models/mobilenetv2-12-int8.onnx \\
      --classes-file ../shared/models/imagenet-classes.txt --out models/mobilenetv2-int8-nero.onnx

`--head-only` prints what the tool found (the head's name, its shape, whether it is quantised) without writing.
Needs Debian's python3-onnx (1.12); ONNX Runtime is not needed (NERO checks the numbers when it loads the model).
"""
import argparse
import json
import os
import sys
from typing import Dict, List, Optional

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]
PASS_THROUGH = {"Identity", "Flatten", "Reshape", "Squeeze", "Dropout"}


class ContractError(Exception):
    """The graph is not a classifier this tool can put into the NERO contract."""


class Head:
    """What the walk back from the output found."""

    def __init__(self):
        self.logits = None            # tensor name of the logits (before any Softmax)
        self.features = None          # tensor name of the final layer's input (float, or int8 with quant below)
        self.features_quant = None    # (scale, zero_point) names when `features` is quantised
        self.weight = None            # initializer name of the weight (float, or the quantised one)
        self.weight_quant = None      # (scale, zero_point) initializer names
        self.transposed = False       # True when the weight is stored C x D (Gemm transB=1)
        self.bias = None              # initializer name of the bias, or None
        self.bias_quant = None
        self.feature_map = None       # tensor name of the 4-D map pooled into the features, or None
        self.feature_map_quant = None


def initializers(graph) -> Dict[str, onnx.TensorProto]:
    return {t.name: t for t in graph.initializer}


def producers(graph) -> Dict[str, onnx.NodeProto]:
    return {out: n for n in graph.node for out in n.output}


def attribute(node, name, default):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def dequantised_initializer(name, inits, prod):
    """(weight initializer, (scale, zero point)) when `name` is DequantizeLinear of an initializer (QDQ format)."""
    node = prod.get(name)
    if node is not None and node.op_type == "DequantizeLinear" and node.input[0] in inits:
        return node.input[0], (node.input[1], node.input[2] if len(node.input) > 2 else None)
    return None


def find_head(model) -> Head:
    graph = model.graph
    if len(graph.output) != 1:
        names = [o.name for o in graph.output]
        if "features" in names and "logits" in names:
            raise ContractError("the model already has the outputs `logits` and `features`")
        raise ContractError(f"the model has {len(names)} outputs {names}; a plain classifier has one (the logits)")
    inits, prod = initializers(graph), producers(graph)
    h = Head()
    t = graph.output[0].name
    h.logits = t
    while True:
        node = prod.get(t)
        if node is None:
            raise ContractError(f"the output `{graph.output[0].name}` does not come from a final linear layer")
        op = node.op_type
        if op in PASS_THROUGH:
            t = node.input[0]
            continue
        if op == "Softmax":
            t = node.input[0]
            h.logits = t  # NERO needs the logits, not the probabilities
            continue
        if op == "DequantizeLinear" and node.input[0] not in inits:
            t = node.input[0]  # an int8 output: the logits output stays the model's own, dequantised
            continue
        if op == "QLinearAdd":
            a_const, b_const = node.input[0] in inits, node.input[3] in inits
            if a_const == b_const:
                break
            k = 0 if a_const else 3
            h.bias, h.bias_quant = node.input[k], (node.input[k + 1], node.input[k + 2])
            t = node.input[3 - k]
            continue
        if op == "Add":
            const = [i for i in node.input if i in inits or dequantised_initializer(i, inits, prod)]
            other = [i for i in node.input if i not in const]
            if len(const) != 1 or len(other) != 1:
                break
            q = dequantised_initializer(const[0], inits, prod)
            h.bias, h.bias_quant = (q[0], q[1]) if q else (const[0], None)
            t = other[0]
            continue
        if op == "QLinearMatMul" and node.input[3] in inits:
            h.features, h.features_quant = node.input[0], (node.input[1], node.input[2])
            h.weight, h.weight_quant = node.input[3], (node.input[4], node.input[5])
            break
        if op in ("MatMul", "Gemm"):
            q = dequantised_initializer(node.input[1], inits, prod)
            if node.input[1] not in inits and q is None:
                break
            if op == "Gemm":
                if attribute(node, "alpha", 1.0) != 1.0 or attribute(node, "beta", 1.0) != 1.0 \
                        or attribute(node, "transA", 0):
                    raise ContractError("the final Gemm scales or transposes its input; NERO needs W·h + b")
                h.transposed = bool(attribute(node, "transB", 0))
                if len(node.input) > 2 and node.input[2]:
                    qb = dequantised_initializer(node.input[2], inits, prod)
                    h.bias, h.bias_quant = (qb[0], qb[1]) if qb else (node.input[2], None)
            h.weight, h.weight_quant = (q[0], q[1]) if q else (node.input[1], None)
            h.features = node.input[0]
            break
        break
    if h.weight is None:
        last = prod.get(t)
        raise ContractError("no final linear layer (Gemm, MatMul + Add, QLinearMatMul) before the output; the last "
                            f"operation there is {last.op_type if last else 'none'}. This is not a classifier NERO "
                            "can read.")
    find_feature_map(h, inits, prod)
    return h


def find_feature_map(h: Head, inits, prod):
    """The 4-D tensor averaged into the features: GlobalAveragePool, QLinearGlobalAveragePool, ReduceMean(2,3)."""
    t = h.features
    while True:
        node = prod.get(t)
        if node is None:
            return
        if node.op_type in PASS_THROUGH or (node.op_type == "DequantizeLinear" and node.input[0] not in inits):
            t = node.input[0]
            continue
        if node.op_type == "GlobalAveragePool":
            h.feature_map = node.input[0]
        elif node.op_type == "QLinearGlobalAveragePool":  # com.microsoft
            h.feature_map, h.feature_map_quant = node.input[0], (node.input[1], node.input[2])
        elif node.op_type == "ReduceMean" and sorted(attribute(node, "axes", [])) == [2, 3]:
            h.feature_map = node.input[0]
        return


def to_array(inits, name) -> Optional[np.ndarray]:
    return None if name is None else numpy_helper.to_array(inits[name])


def dequantise(inits, name, quant) -> np.ndarray:
    q = to_array(inits, name).astype(np.float64)
    if quant is None:
        return q
    scale = to_array(inits, quant[0]).astype(np.float64)
    zero = to_array(inits, quant[1]).astype(np.float64) if quant[1] else np.zeros_like(scale)
    if scale.size > 1 and q.ndim == 2:
        axis = 1 if q.shape[1] == scale.size else 0
        shape = (1, -1) if axis == 1 else (-1, 1)
        return (q - zero.reshape(shape)) * scale.reshape(shape)
    return (q - zero) * scale


def read_head(model, h: Head):
    """The head as NERO uses it: W (C x D) and b (C), dequantised, float64."""
    inits = initializers(model.graph)
    w = dequantise(inits, h.weight, h.weight_quant)
    if not h.transposed:
        w = w.T  # MatMul / QLinearMatMul store D x C
    b = dequantise(inits, h.bias, h.bias_quant) if h.bias else np.zeros(w.shape[0])
    return w, b.reshape(-1)


def logical(name: str) -> str:
    return name[:-len("_quantized")] if name.endswith("_quantized") else name


def rename(graph, old: str, new: str):
    if old == new:
        return
    if any(t.name == new for t in graph.initializer):
        raise ContractError(f"cannot rename {old} to {new}: the name is taken")
    for t in graph.initializer:
        if t.name == old:
            t.name = new
    for n in graph.node:
        for i, x in enumerate(n.input):
            if x == old:
                n.input[i] = new
    for v in graph.input:
        if v.name == old:
            v.name = new


def head_name(graph, h: Head) -> str:
    """The prefix NERO finds the head under; renames the head's initializers to `<prefix>.weight/.bias` (with
    ONNX Runtime's quantised suffixes) when they are not named so."""
    w = logical(h.weight)
    prefix = w[:-len(".weight")] if w.endswith(".weight") else None
    quant_ok = h.weight_quant is None or (h.weight.endswith("_quantized") and h.weight_quant[0] == w + "_scale"
                                          and (h.weight_quant[1] or w + "_zero_point") == w + "_zero_point")
    bias_ok = h.bias is None or logical(h.bias) == (prefix or "") + ".bias"
    if prefix and quant_ok and bias_ok and (h.bias_quant is None or h.bias_quant[0] == logical(h.bias) + "_scale"):
        return prefix
    prefix = "head"
    for kind, name, quant in (("weight", h.weight, h.weight_quant), ("bias", h.bias, h.bias_quant)):
        if name is None:
            continue
        base = prefix + "." + kind
        if quant is None:
            rename(graph, name, base)
        else:
            rename(graph, name, base + "_quantized")
            rename(graph, quant[0], base + "_scale")
            if quant[1]:
                rename(graph, quant[1], base + "_zero_point")
        if kind == "weight":
            h.weight, h.weight_quant = (base, None) if quant is None else (
                base + "_quantized", (base + "_scale", base + "_zero_point" if quant[1] else None))
        else:
            h.bias, h.bias_quant = (base, None) if quant is None else (
                base + "_quantized", (base + "_scale", base + "_zero_point" if quant[1] else None))
    return prefix


def batch_dim(model):
    d = model.graph.input[0].type.tensor_type.shape.dim[0]
    return d.dim_param or (d.dim_value if d.dim_value > 0 else "N")


def add_output(graph, source: str, name: str, quant, rank: int, batch):
    if quant is None:
        graph.node.append(helper.make_node("Identity", [source], [name], name="nero_" + name))
    else:
        inputs = [source, quant[0]] + ([quant[1]] if quant[1] else [])
        graph.node.append(helper.make_node("DequantizeLinear", inputs, [name], name="nero_" + name))
    shape = [batch] + [None] * (rank - 1)
    graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))


def convert(model, h: Head, with_map: bool = True):
    """Adds the outputs logits, features (and feature_map); returns the head's name prefix."""
    graph = model.graph
    prefix = head_name(graph, h)
    batch = batch_dim(model)
    del graph.output[:]
    add_output(graph, h.logits, "logits", None, 2, batch)
    add_output(graph, h.features, "features", h.features_quant, 2, batch)
    if with_map and h.feature_map is not None:
        add_output(graph, h.feature_map, "feature_map", h.feature_map_quant, 4, batch)
    onnx.checker.check_model(model)
    return prefix


def input_size(model):
    dims = model.graph.input[0].type.tensor_type.shape.dim
    if len(dims) != 4 or dims[1].dim_value not in (0, 3):
        raise ContractError(f"the input {model.graph.input[0].name} is not N x 3 x H x W")
    return dims[2].dim_value or None, dims[3].dim_value or None


def sidecar_for(model, h: Head, prefix: str, class_names: Optional[List[str]], size, mean, std) -> dict:
    w, _ = read_head(model, h)
    classes, d = w.shape
    if class_names is not None and len(class_names) != classes:
        raise ContractError(f"{len(class_names)} class names given but the head has {classes} outputs")
    side = {"format": "nero-model", "version": 1, "architecture": "onnx", "family": "OTHER_CNN",
            "input_size": [int(size[0]), int(size[1])], "mean": list(mean), "std": list(std), "head": prefix,
            "feature_dim": int(d), "has_feature_map": h.feature_map is not None}
    if class_names is not None:
        side["class_names"] = list(class_names)
    return side


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", help="a plain ONNX classifier (one output: the logits)")
    p.add_argument("--out", help="the converted .onnx; the sidecar is written next to it as .json")
    names = p.add_mutually_exclusive_group()
    names.add_argument("--classes", help="comma-separated class names in output order")
    names.add_argument("--classes-file", help="a text file with one class name per line, in output order")
    p.add_argument("--input-size", type=int, nargs="+", metavar="N",
                   help="input side, or H W (default: the model's own, else 224)")
    p.add_argument("--mean", type=float, nargs=3, default=IMAGENET_MEAN)
    p.add_argument("--std", type=float, nargs=3, default=IMAGENET_STD)
    p.add_argument("--no-feature-map", action="store_true", help="do not add the feature_map output")
    p.add_argument("--head-only", action="store_true", help="only report the head this tool finds")
    a = p.parse_args(argv)
    try:
        model = onnx.load(a.model)
        h = find_head(model)
        w, b = read_head(model, h)
        print(f"{a.model}: final layer {logical(h.weight)} ({'int8, dequantised' if h.weight_quant else 'float'}),"
              f" {w.shape[0]} classes x {w.shape[1]} features; features from `{h.features}`"
              + (f", feature map from `{h.feature_map}`" if h.feature_map else ", no feature map"))
        if a.head_only:
            return 0
        if not a.out:
            raise ContractError("--out is required (or --head-only)")
        class_names = None
        if a.classes:
            class_names = [c.strip() for c in a.classes.split(",") if c.strip()]
        elif a.classes_file:
            with open(a.classes_file, encoding="utf-8") as f:
                class_names = [line.strip() for line in f if line.strip()]
        size = input_size(model)
        if a.input_size:
            size = tuple(a.input_size * 2 if len(a.input_size) == 1 else a.input_size[:2])
        elif None in size:
            size = (224, 224)
        prefix = convert(model, h, not a.no_feature_map)
        side = sidecar_for(model, h, prefix, class_names, size, a.mean, a.std)
        if a.no_feature_map:
            side["has_feature_map"] = False
        os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
        onnx.save(model, a.out)
        with open(os.path.splitext(a.out)[0] + ".json", "w", encoding="utf-8") as f:
            json.dump(side, f, indent=2)
            f.write("\n")
    except (ContractError, onnx.checker.ValidationError) as e:
        print(f"onnx_for_nero: {e}", file=sys.stderr)
        return 2
    print(f"wrote {a.out} and {os.path.splitext(a.out)[0] + '.json'} (head `{prefix}`)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
