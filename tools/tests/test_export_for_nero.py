"""export_for_nero.py: wrapping torchvision models into the NERO model contract."""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

import torch
import torchvision

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import export_for_nero as ex  # noqa: E402

SIDECAR_KEYS = {"format", "version", "architecture", "family", "class_names", "input_size", "mean", "std", "head",
                "feature_dim", "has_feature_map"}


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = ex.main(argv)
    return code, out.getvalue(), err.getvalue()


class ExportCliTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        torch.manual_seed(0)
        cls.tmp = tempfile.TemporaryDirectory()
        cls.pt = os.path.join(cls.tmp.name, "r18.pt")
        cls.code, cls.stdout, cls.stderr = run(["--arch", "resnet18", "--random-init", "--classes", "a,b,c",
                                                "--input-size", "64", "--out", cls.pt])

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_exit_code_and_files(self):
        self.assertEqual(self.code, 0, self.stderr)
        self.assertTrue(os.path.isfile(self.pt))
        self.assertTrue(os.path.isfile(os.path.join(self.tmp.name, "r18.json")))

    def test_sidecar_follows_schema(self):
        with open(os.path.join(self.tmp.name, "r18.json")) as f:
            meta = json.load(f)
        self.assertEqual(set(meta), SIDECAR_KEYS)
        self.assertEqual(meta["format"], "nero-model")
        self.assertEqual(meta["version"], 1)
        self.assertEqual(meta["family"], "RESNET18")
        self.assertEqual(meta["class_names"], ["a", "b", "c"])
        self.assertEqual(meta["input_size"], [64, 64])
        self.assertEqual(meta["head"], "fc")
        self.assertEqual(meta["feature_dim"], 512)
        self.assertTrue(meta["has_feature_map"])

    def test_saved_module_follows_contract(self):
        m = torch.jit.load(self.pt).eval()
        for method in ("features", "feature_map", "forward_all"):
            self.assertTrue(hasattr(m, method), method)
        params = dict(m.named_parameters())
        self.assertEqual(tuple(params["fc.weight"].shape), (3, 512))
        x = torch.randn(2, 3, 64, 64)
        with torch.no_grad():
            logits, feats, fmap = m(x), m.features(x), m.feature_map(x)
            all_out = m.forward_all(x)
        self.assertEqual(tuple(feats.shape), (2, 512))
        self.assertEqual(tuple(fmap.shape[:2]), (2, 512))
        torch.testing.assert_close(torch.nn.functional.linear(feats, params["fc.weight"], params["fc.bias"]), logits,
                                   atol=1e-4, rtol=0)
        torch.testing.assert_close(fmap.mean(dim=(2, 3)), feats, atol=1e-5, rtol=0)
        torch.testing.assert_close(all_out[0], logits)
        self.assertGreaterEqual(float(feats.min()), 0.0)  # ReLU features

    def test_state_dict_checkpoint_with_class_folder_names(self):
        ckpt = os.path.join(self.tmp.name, "sd.pth")
        torch.save({"state_dict": torchvision.models.resnet18(num_classes=2).state_dict()}, ckpt)
        classes = os.path.join(self.tmp.name, "classes")
        for name in ("zeta", "alpha"):
            os.makedirs(os.path.join(classes, name))
        out = os.path.join(self.tmp.name, "sd.pt")
        code, _, err = run(["--checkpoint", ckpt, "--arch", "resnet18", "--classes-from", classes,
                            "--input-size", "64", "--out", out])
        self.assertEqual(code, 0, err)
        with open(os.path.join(self.tmp.name, "sd.json")) as f:
            self.assertEqual(json.load(f)["class_names"], ["alpha", "zeta"])

    def test_whole_pickled_model_infers_architecture(self):
        ckpt = os.path.join(self.tmp.name, "whole.pth")
        torch.save(torchvision.models.resnet18(num_classes=3), ckpt)
        out = os.path.join(self.tmp.name, "whole.pt")
        code, _, err = run(["--checkpoint", ckpt, "--input-size", "64", "--out", out])
        self.assertEqual(code, 0, err)
        with open(os.path.join(self.tmp.name, "whole.json")) as f:
            meta = json.load(f)
        self.assertEqual((meta["architecture"], meta["family"]), ("resnet18", "RESNET18"))

    def test_class_count_mismatch_is_refused(self):
        code, _, err = run(["--arch", "resnet18", "--random-init", "--num-classes", "3", "--classes", "a,b",
                            "--input-size", "64", "--out", os.path.join(self.tmp.name, "bad.pt")])
        self.assertEqual(code, 2)
        self.assertIn("2 class names", err)

    def test_checkpoint_of_another_architecture_is_refused(self):
        ckpt = os.path.join(self.tmp.name, "r18sd.pth")
        torch.save(torchvision.models.resnet18(num_classes=3).state_dict(), ckpt)
        code, _, err = run(["--checkpoint", ckpt, "--arch", "resnet34", "--out", os.path.join(self.tmp.name, "x.pt")])
        self.assertEqual(code, 2)
        self.assertIn("does not match --arch resnet34", err)


class OtherArchitecturesTest(unittest.TestCase):
    def export(self, arch):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        torch.manual_seed(0)
        out = os.path.join(tmp.name, f"{arch}.pt")
        figures = ex.export_for_nero(ex.build_model(arch, 4), arch, list("abcd"), out, (64, 64))
        with open(ex.sidecar_path(out)) as f:
            return figures, json.load(f)

    def test_mobilenet_v2_has_feature_map(self):
        figures, meta = self.export("mobilenet_v2")
        self.assertEqual(meta["family"], "OTHER_CNN")
        self.assertEqual(meta["feature_dim"], 1280)
        self.assertTrue(meta["has_feature_map"])
        self.assertLessEqual(figures["feature_map_max_abs_diff"], 1e-5)

    def test_mobilenet_v3_exports_features_without_feature_map(self):
        figures, meta = self.export("mobilenet_v3_small")
        self.assertFalse(meta["has_feature_map"])
        self.assertEqual(figures["methods"], ["features"])
        self.assertLessEqual(figures["head_max_abs_diff"], 1e-4)

    def test_family_names(self):
        self.assertEqual(ex.family_of("resnet18"), "RESNET18")
        self.assertEqual(ex.family_of("deit_small_patch16_224"), "VIT")
        self.assertEqual(ex.family_of("vit_base_patch16_224"), "VIT")
        self.assertEqual(ex.family_of("densenet121"), "OTHER_CNN")

    def test_vit_without_timm_gives_clear_message(self):
        try:
            import timm  # noqa: F401
            self.skipTest("timm is installed")
        except ImportError:
            pass
        with self.assertRaisesRegex(ex.ContractError, "timm"):
            ex.build_model("deit_small_patch16_224", 3)


if __name__ == "__main__":
    unittest.main()


class SpeedExportTest(unittest.TestCase):
    """--optimize (torch.jit.freeze) and --int8 (post-training static quantisation) for speed."""

    @classmethod
    def setUpClass(cls):
        from PIL import Image
        cls.tmp = tempfile.TemporaryDirectory()
        cls.calibration = os.path.join(cls.tmp.name, "calibration", "class_a")
        os.makedirs(cls.calibration)
        g = torch.Generator().manual_seed(3)
        for i in range(12):
            pixels = (torch.rand(48, 56, 3, generator=g) * 255).to(torch.uint8).numpy()
            Image.fromarray(pixels).save(os.path.join(cls.calibration, f"img{i:02d}.png"))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def model(self):
        torch.manual_seed(5)
        return torchvision.models.resnet18(weights=None, num_classes=3).eval()

    def test_optimize_freezes_the_model_and_keeps_the_contract_and_its_outputs(self):
        plain = os.path.join(self.tmp.name, "plain.pt")
        frozen = os.path.join(self.tmp.name, "frozen.pt")
        ex.export_for_nero(self.model(), "resnet18", ["a", "b", "c"], plain, (64, 64))
        figures = ex.export_for_nero(self.model(), "resnet18", ["a", "b", "c"], frozen, (64, 64), optimize=True)
        self.assertLess(figures["frozen_max_difference"], 1e-5)
        m = torch.jit.load(frozen)
        # frozen: the convolutions' weights are constants now (BatchNorm folded in); only the head stays a parameter
        self.assertEqual(sorted(n for n, _ in m.named_parameters()), ["fc.bias", "fc.weight"])
        self.assertLess(ex.max_output_difference(torch.jit.load(plain), m, (64, 64)), 1e-5)
        for method in ("features", "feature_map", "forward_all"):
            self.assertTrue(hasattr(m, method), method)

    def test_optimize_on_the_command_line_prints_the_check(self):
        code, out, err = run(["--arch", "resnet18", "--random-init", "--classes", "a,b", "--input-size", "64",
                              "--optimize", "--out", os.path.join(self.tmp.name, "cli-frozen.pt")])
        self.assertEqual(code, 0, err)
        self.assertIn("frozen: max difference", out)

    def test_int8_writes_a_quantised_model_whose_features_follow_the_float_ones(self):
        out_path = os.path.join(self.tmp.name, "int8.pt")
        code, out, err = run(["--arch", "resnet18", "--random-init", "--classes", "a,b", "--input-size", "64",
                              "--int8", os.path.dirname(self.calibration), "--out", out_path])
        self.assertEqual(code, 0, err)
        self.assertIn("int8: calibrated on 9 images; features on 3 held-out images", out)
        import zipfile
        with zipfile.ZipFile(out_path) as z:
            pickles = b"".join(z.read(n) for n in z.namelist() if n.endswith("data.pkl"))
        self.assertIn(b"QInt8Storage", pickles)  # what NERO reads as an int8 model
        m = torch.jit.load(out_path)
        self.assertEqual(sorted(n for n, _ in m.named_parameters()), ["fc.bias", "fc.weight"])  # head in float

    def test_int8_beyond_the_feature_error_limit_writes_nothing(self):
        out_path = os.path.join(self.tmp.name, "refused.pt")
        code, _, err = run(["--arch", "resnet18", "--random-init", "--classes", "a,b", "--input-size", "64",
                            "--int8", self.calibration, "--max-feature-error", "0", "--out", out_path])
        self.assertEqual(code, 2, err)
        self.assertIn("nothing written", err)
        self.assertFalse(os.path.exists(out_path))

    def test_speed_options_are_refused_for_onnx_and_without_images(self):
        code, _, err = run(["--arch", "resnet18", "--random-init", "--classes", "a,b", "--input-size", "64",
                            "--optimize", "--out", os.path.join(self.tmp.name, "m.onnx")])
        self.assertEqual(code, 2)
        self.assertIn("write TorchScript", err)
        empty = os.path.join(self.tmp.name, "empty")
        os.makedirs(empty, exist_ok=True)
        code, _, err = run(["--arch", "resnet18", "--random-init", "--classes", "a,b", "--input-size", "64",
                            "--int8", empty, "--out", os.path.join(self.tmp.name, "n.pt")])
        self.assertEqual(code, 2)
        self.assertIn("at least 8 calibration images", err)
