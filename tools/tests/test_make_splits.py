"""make_splits.py on miniature trees that use the official Kvasir-v2 and GastroVision names."""
import csv
import io
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import make_splits  # noqa: E402


def touch(path, content=b"x"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(content)


def tree_files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


def run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = make_splits.main(argv)
    return code, out.getvalue(), err.getvalue()


class KvasirSplitTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = os.path.join(self.tmp.name, "kvasir-dataset-v2")
        for cls in make_splits.KVASIR_CLASSES:
            for i in range(10):
                touch(os.path.join(self.src, cls, f"{cls}-{i:02d}.jpg"), cls.encode())

    def tearDown(self):
        self.tmp.cleanup()

    def split(self, out, *extra):
        code, stdout, stderr = run(["kvasir", "--source", self.tmp.name, "--out", out, *extra])
        self.assertEqual(code, 0, stderr)
        return stdout

    def test_protocol_layout_and_sizes(self):
        out = os.path.join(self.tmp.name, "out")
        self.split(out)
        for cls in make_splits.KVASIR_ID:
            self.assertEqual(len(os.listdir(os.path.join(out, "id", "train", cls))), 7)
            self.assertEqual(len(os.listdir(os.path.join(out, "id", "val", cls))), 1)
            self.assertEqual(len(os.listdir(os.path.join(out, "id", "test", cls))), 2)
        self.assertEqual(sorted(os.listdir(os.path.join(out, "ood"))),
                         sorted(set(make_splits.KVASIR_CLASSES) - set(make_splits.KVASIR_ID)))
        self.assertEqual(sorted(os.listdir(os.path.join(out, "id", "train"))), list(make_splits.KVASIR_ID))

    def test_splits_are_disjoint_and_cover_each_class(self):
        out = os.path.join(self.tmp.name, "out")
        self.split(out)
        for cls in make_splits.KVASIR_ID:
            names = [n for s in ("train", "val", "test") for n in os.listdir(os.path.join(out, "id", s, cls))]
            self.assertEqual(sorted(names), sorted(os.listdir(os.path.join(self.src, cls))))

    def test_symlinks_by_default_and_copies_on_request(self):
        linked, copied = os.path.join(self.tmp.name, "l"), os.path.join(self.tmp.name, "c")
        self.split(linked)
        self.split(copied, "--copy")
        a = os.path.join(linked, "ood", "polyps", "polyps-00.jpg")
        b = os.path.join(copied, "ood", "polyps", "polyps-00.jpg")
        self.assertTrue(os.path.islink(a))
        self.assertFalse(os.path.islink(b))
        with open(b, "rb") as f:
            self.assertEqual(f.read(), b"polyps")

    def test_same_seed_same_split_other_seed_differs(self):
        outs = [os.path.join(self.tmp.name, n) for n in ("a", "b", "c")]
        self.split(outs[0])
        self.split(outs[1])
        self.split(outs[2], "--seed", "7")
        self.assertEqual(tree_files(outs[0]), tree_files(outs[1]))
        self.assertNotEqual(tree_files(outs[0]), tree_files(outs[2]))

    def test_manifest_lists_every_file(self):
        out = os.path.join(self.tmp.name, "out")
        self.split(out)
        with open(os.path.join(out, "splits.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 80)
        self.assertEqual(sum(r["split"] == "ood" for r in rows), 50)

    def test_missing_class_folder_is_reported(self):
        os.rename(os.path.join(self.src, "esophagitis"), os.path.join(self.src, "esophagitis-x"))
        code, _, err = run(["kvasir", "--source", self.src, "--out", os.path.join(self.tmp.name, "o")])
        self.assertEqual(code, 2)
        self.assertIn("esophagitis", err)

    def test_refuses_non_empty_output_without_force(self):
        out = os.path.join(self.tmp.name, "out")
        self.split(out)
        code, _, err = run(["kvasir", "--source", self.src, "--out", out])
        self.assertEqual(code, 2)
        self.assertIn("--force", err)
        self.split(out, "--force")


class GastroVisionSplitTest(unittest.TestCase):
    OOD = ("Colon polyps", "Blood in lumen", "Esophagitis")

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.src = os.path.join(self.tmp.name, "GastroVision")
        self.meta = os.path.join(self.tmp.name, "GastroVision_metadata.csv")
        rows = []
        for cls in make_splits.GASTROVISION_ID + self.OOD:
            for i in range(5):
                name = f"100H{i:04d}.jpg"  # the same file names recur across classes in the real download
                touch(os.path.join(self.src, cls, name), cls.encode())
                rows.append((name, cls, 768, 576, 1.0))
        with open(self.meta, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(("Filename", "Class", "Width", "Height", "Size (kB)"))
            w.writerows(rows)

    def tearDown(self):
        self.tmp.cleanup()

    def test_eleven_id_classes_including_accessory_tools(self):
        out = os.path.join(self.tmp.name, "out")
        code, _, err = run(["gastrovision", "--source", self.src, "--metadata", self.meta, "--out", out])
        self.assertEqual(code, 0, err)
        train = os.listdir(os.path.join(out, "id", "train"))
        self.assertEqual(len(train), 11)
        self.assertIn("Accessory tools", train)
        self.assertEqual(sorted(os.listdir(os.path.join(out, "ood"))), sorted(self.OOD))
        with open(os.path.join(out, "id", "test", "Pylorus", os.listdir(os.path.join(out, "id", "test", "Pylorus"))[0]),
                  "rb") as f:
            self.assertEqual(f.read(), b"Pylorus")

    def test_unknown_id_class_lists_the_available_ones(self):
        code, _, err = run(["gastrovision", "--source", self.src, "--metadata", self.meta,
                            "--out", os.path.join(self.tmp.name, "o"), "--id-classes", "Cecum,Stomach"])
        self.assertEqual(code, 2)
        self.assertIn("'Stomach'", err)
        self.assertIn("Normal stomach", err)

    def test_file_missing_from_download_is_reported(self):
        os.remove(os.path.join(self.src, "Cecum", "100H0003.jpg"))
        code, _, err = run(["gastrovision", "--source", self.src, "--metadata", self.meta,
                            "--out", os.path.join(self.tmp.name, "o")])
        self.assertEqual(code, 2)
        self.assertIn("100H0003.jpg", err)


if __name__ == "__main__":
    unittest.main()
