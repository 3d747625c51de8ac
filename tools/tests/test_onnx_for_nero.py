"""onnx_for_nero.py (a plain ONNX classifier into the NERO contract) and export_for_nero.py --out M.onnx."""
import io
import json
import os
import sys
import tempfile
import unittest
import warnings
from contextlib import redirect_stderr, redirect_stdout

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import export_for_nero as ex  # noqa: E402
import onnx_for_nero as conv  # noqa: E402

ZOO_INT8 = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "models",
                        "mobilenetv2-12-int8.onnx")


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = conv.main(argv)
    return code, out.getvalue(), err.getvalue()


class Pooled(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 6, 3, padding=1), nn.ReLU())
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(self.body(x), 1), 1))


def outputs(model):
    return {o.name: len(o.type.tensor_type.shape.dim) for o in model.graph.output}


def hand_made(final_ops):
    """input N x 3 x 8 x 8 -> GlobalAveragePool -> Flatten -> `final_ops` -> output."""
    rng = np.random.default_rng(1)
    w = rng.normal(size=(3, 5)).astype(np.float32)
    b = rng.normal(size=(5,)).astype(np.float32)
    nodes = [helper.make_node("GlobalAveragePool", ["input"], ["pooled"]),
             helper.make_node("Flatten", ["pooled"], ["h"])] + final_ops
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", 3, 8, 8])],
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", None])],
                              [numpy_helper.from_array(w, "W0"), numpy_helper.from_array(b, "B0")])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), w, b


class OnnxForNeroTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_a_plain_torch_export_gets_features_feature_map_and_its_head(self):
        torch.manual_seed(3)
        model = Pooled().eval()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(model, torch.zeros(1, 3, 16, 16), self.path("plain.onnx"), input_names=["input"],
                              output_names=["output"], dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
                              opset_version=13)
        code, out, err = run([self.path("plain.onnx"), "--classes", "a,b,c,d", "--out", self.path("nero.onnx")])
        self.assertEqual(0, code, err)
        converted = onnx.load(self.path("nero.onnx"))
        self.assertEqual({"logits": 2, "features": 2, "feature_map": 4}, outputs(converted))
        with open(self.path("nero.json")) as f:
            side = json.load(f)
        self.assertEqual("fc", side["head"])  # torch keeps the parameter names
        self.assertEqual([16, 16], side["input_size"])  # from the graph
        self.assertEqual(6, side["feature_dim"])
        self.assertTrue(side["has_feature_map"])
        self.assertEqual(["a", "b", "c", "d"], side["class_names"])
        w, b = conv.read_head(converted, conv.find_head(onnx.load(self.path("plain.onnx"))))
        np.testing.assert_allclose(model.fc.weight.detach().numpy(), w, atol=1e-7)
        np.testing.assert_allclose(model.fc.bias.detach().numpy(), b, atol=1e-7)

    def test_a_matmul_head_with_other_names_is_renamed_head(self):
        model, w, b = hand_made([helper.make_node("MatMul", ["h", "W0"], ["z"]),
                                 helper.make_node("Add", ["z", "B0"], ["output"])])
        onnx.save(model, self.path("mm.onnx"))
        code, _, err = run([self.path("mm.onnx"), "--out", self.path("mm-nero.onnx")])
        self.assertEqual(0, code, err)
        converted = onnx.load(self.path("mm-nero.onnx"))
        names = {t.name for t in converted.graph.initializer}
        self.assertTrue({"head.weight", "head.bias"} <= names, names)
        with open(self.path("mm-nero.json")) as f:
            side = json.load(f)
        self.assertEqual("head", side["head"])
        self.assertEqual([8, 8], side["input_size"])  # from the graph
        wh, bh = conv.read_head(model, conv.find_head(model))
        np.testing.assert_allclose(w.T, wh)  # MatMul stores D x C; NERO's head is C x D
        np.testing.assert_allclose(b, bh)
        stored = {t.name: numpy_helper.to_array(t) for t in converted.graph.initializer}
        np.testing.assert_array_equal(w, stored["head.weight"])
        np.testing.assert_array_equal(b, stored["head.bias"])

    def test_a_softmax_output_gives_the_logits_before_it(self):
        model, _, _ = hand_made([helper.make_node("Gemm", ["h", "W0", "B0"], ["z"]),
                                 helper.make_node("Softmax", ["z"], ["output"], axis=1)])
        model.graph.initializer[0].CopyFrom(numpy_helper.from_array(
            numpy_helper.to_array(model.graph.initializer[0]).T.copy(), "W0"))  # Gemm without transB: D x C
        h = conv.find_head(model)
        self.assertEqual("z", h.logits)
        self.assertEqual("h", h.features)

    def test_a_model_that_is_not_a_classifier_is_refused(self):
        conv_w = numpy_helper.from_array(np.ones((2, 3, 1, 1), np.float32), "K")
        graph = helper.make_graph([helper.make_node("Conv", ["input", "K"], ["output"])], "seg",
                                  [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 8, 8])],
                                  [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 2, 8, 8])], [conv_w])
        onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), self.path("seg.onnx"))
        code, _, err = run([self.path("seg.onnx"), "--out", self.path("x.onnx")])
        self.assertEqual(2, code)
        self.assertIn("no final linear layer", err)
        self.assertIn("not a classifier", err)
        self.assertFalse(os.path.exists(self.path("x.onnx")))

    @unittest.skipUnless(os.path.exists(ZOO_INT8), "the shared int8 MobileNetV2 is not there")
    def test_the_int8_zoo_model_gets_dequantised_features_and_head(self):
        code, out, err = run([ZOO_INT8, "--head-only"])
        self.assertEqual(0, code, err)
        self.assertIn("classifier.1.weight (int8, dequantised), 1000 classes x 1280 features", out)
        code, out, err = run([ZOO_INT8, "--out", self.path("mnv2.onnx")])
        self.assertEqual(0, code, err)
        converted = onnx.load(self.path("mnv2.onnx"))
        self.assertEqual({"logits": 2, "features": 2, "feature_map": 4}, outputs(converted))
        added = {n.output[0]: n.op_type for n in converted.graph.node if n.name.startswith("nero_")}
        self.assertEqual({"logits": "Identity", "features": "DequantizeLinear", "feature_map": "DequantizeLinear"},
                         added)
        zoo = onnx.load(ZOO_INT8)
        inits = {t.name: numpy_helper.to_array(t) for t in zoo.graph.initializer}
        w, b = conv.read_head(converted, conv.find_head(zoo))
        q = inits["classifier.1.weight_quantized"].astype(np.float64)
        expected = ((q - inits["classifier.1.weight_zero_point"]) * inits["classifier.1.weight_scale"]).T
        np.testing.assert_allclose(expected, w)
        self.assertEqual((1000,), b.shape)


class ExportOnnxTest(unittest.TestCase):
    def test_export_writes_onnx_with_the_contracts_outputs_and_fc_initializers(self):
        torch.manual_seed(0)
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r18.onnx")
            buf_out, buf_err = io.StringIO(), io.StringIO()
            with redirect_stdout(buf_out), redirect_stderr(buf_err), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                code = ex.main(["--arch", "resnet18", "--random-init", "--classes", "a,b,c", "--input-size", "64",
                                "--out", out])
            self.assertEqual(0, code, buf_err.getvalue())
            model = onnx.load(out)
            self.assertEqual({"logits": 2, "features": 2, "feature_map": 4}, outputs(model))
            self.assertEqual("N", model.graph.input[0].type.tensor_type.shape.dim[0].dim_param)
            names = {t.name: list(t.dims) for t in model.graph.initializer}
            self.assertEqual([3, 512], names["fc.weight"])
            with open(os.path.join(tmp, "r18.json")) as f:
                self.assertTrue(json.load(f)["has_feature_map"])


if __name__ == "__main__":
    unittest.main()
