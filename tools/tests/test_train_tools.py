"""train_classifier.py (one short epoch on sample-data) and the committed sample model's contract."""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

import torch

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, TOOLS)
import train_classifier  # noqa: E402
import train_sample_model  # noqa: E402

SAMPLE_DATA = os.path.join(TOOLS, "..", "sample-data")


class TrainClassifierTest(unittest.TestCase):
    def test_one_short_epoch_exports_into_the_contract(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "r18.pt")
            stdout, stderr = io.StringIO(), io.StringIO()
            with redirect_stdout(stdout), redirect_stderr(stderr):
                code = train_classifier.main(["--data", SAMPLE_DATA, "--random-init", "--epochs", "1", "--limit", "3",
                                              "--batch", "4", "--input-size", "64", "--workers", "0",
                                              "--device", "cpu", "--out", out])
            self.assertEqual(code, 0, stderr.getvalue())
            self.assertIn("epoch 1/1", stdout.getvalue())
            with open(os.path.join(tmp, "r18.json")) as f:
                meta = json.load(f)
            self.assertEqual(meta["class_names"], ["cecum", "pylorus", "z-line"])
            self.assertEqual((meta["family"], meta["feature_dim"]), ("RESNET18", 512))
            m = torch.jit.load(out)
            self.assertEqual(tuple(m.features(torch.zeros(1, 3, 64, 64)).shape), (1, 512))

    def test_missing_data_folder_is_reported(self):
        with tempfile.TemporaryDirectory() as tmp, redirect_stderr(io.StringIO()) as err:
            code = train_classifier.main(["--data", tmp, "--random-init", "--out", os.path.join(tmp, "x.pt")])
        self.assertEqual(code, 2)
        self.assertIn("id/train", err.getvalue())


class SampleModelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pt = os.path.join(SAMPLE_DATA, "model", "nero-sample.pt")
        with open(os.path.join(SAMPLE_DATA, "model", "nero-sample.json")) as f:
            cls.meta = json.load(f)
        cls.model = torch.jit.load(cls.pt).eval()

    def test_sidecar(self):
        self.assertEqual(self.meta["class_names"], ["cecum", "pylorus", "z-line"])
        self.assertEqual(self.meta["input_size"], [64, 64])
        self.assertGreaterEqual(self.meta["feature_dim"], 192)
        self.assertEqual((self.meta["family"], self.meta["head"]), ("OTHER_CNN", "fc"))

    def test_contract_and_size(self):
        from export_for_nero import verify_export
        figures = verify_export(self.pt)
        self.assertEqual(figures["feature_dim"], self.meta["feature_dim"])
        self.assertLess(os.path.getsize(self.pt), 1024 * 1024)

    def test_classifies_id_test_images(self):
        x, y = train_sample_model.load_split(os.path.join(SAMPLE_DATA, "id", "test"), self.meta["class_names"])
        with torch.no_grad():
            acc = float((self.model(x).argmax(1) == y).float().mean())
        self.assertGreaterEqual(acc, 0.9)

    def test_expected_values_match_the_committed_model(self):
        with open(os.path.join(SAMPLE_DATA, "model", "nero-sample.expected.json")) as f:
            expected = json.load(f)["samples"]
        self.assertEqual(len(expected), 7)
        for entry in expected:
            x = torch.from_numpy(train_sample_model.preprocess(os.path.join(SAMPLE_DATA, entry["image"])))[None]
            with torch.no_grad():
                logits, feats, _ = self.model.forward_all(x)
            torch.testing.assert_close(logits[0], torch.tensor(entry["logits"]), atol=1e-5, rtol=0)
            torch.testing.assert_close(feats[0], torch.tensor(entry["features"]), atol=1e-5, rtol=0)

    def test_auroc_helper(self):
        self.assertEqual(train_sample_model.auroc([0, 1], [2, 3]), 1.0)
        self.assertEqual(train_sample_model.auroc([0, 1], [1, 0]), 0.5)
        self.assertEqual(train_sample_model.auroc([2, 3], [0, 1]), 0.0)


class NumpyNeroTest(unittest.TestCase):
    """The numpy NERO cross-check reproduces test vector TV2 of the method notes (C = 2, D = 6, k = 2)."""

    def test_tv2(self):
        import numpy as np
        w = np.array([[0.8, -0.5, 0.3, 0.0, 0.6, -0.2], [-0.4, 0.7, -0.1, 0.5, -0.3, 0.4]])
        b = np.array([0.2, -0.1])
        train = np.array([[1.2, 0.1, 0.5, 0.2, 0.9, 0.0], [0.9, 0.3, 0.4, 0.1, 1.1, 0.2], [1.5, 0.0, 0.7, 0.3, 0.8, 0.1],
                          [0.1, 1.3, 0.2, 0.9, 0.0, 0.8], [0.2, 1.1, 0.1, 1.2, 0.2, 0.6], [0.0, 1.4, 0.3, 0.8, 0.1, 1.0]])
        valid = np.array([[1.1, 0.2, 0.6, 0.2, 1.0, 0.1], [0.2, 1.2, 0.2, 1.0, 0.1, 0.7]])
        ood = np.array([[0.6, 0.6, 0.9, 0.5, 0.4, 0.5], [0.9, 0.9, 0.1, 0.2, 0.9, 0.9]])
        nero = train_sample_model.Nero(train, train @ w.T + b, np.array([0, 0, 0, 1, 1, 1]), w, b, k=2)
        self.assertAlmostEqual(nero.bias_scale, 2.53330326093493, places=9)
        np.testing.assert_allclose(nero.score(valid, valid @ w.T + b), [0.032031602449, 0.053979647995], rtol=1e-8)
        np.testing.assert_allclose(nero.score(ood, ood @ w.T + b), [0.27860874618, 0.214347978257], rtol=1e-8)


if __name__ == "__main__":
    unittest.main()
