"""make_sample_data.py: deterministic output, expected layout, and the committed sample-data matches it."""
import filecmp
import io
import os
import shutil
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

from PIL import Image

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, TOOLS)
import make_sample_data as gen  # noqa: E402

SAMPLE_DATA = os.path.join(TOOLS, "..", "sample-data")
SMALL = ["--train", "2", "--val", "1", "--test", "1", "--ood", "1", "--size", "96"]


def generate(out, *extra):
    with redirect_stdout(io.StringIO()):
        return gen.main(["--out", out, *SMALL, *extra])


def all_files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


class DeterminismTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.video = shutil.which("ffmpeg") is not None
        extra = [] if cls.video else ["--no-video"]
        cls.a, cls.b = os.path.join(cls.tmp.name, "a"), os.path.join(cls.tmp.name, "b")
        generate(cls.a, *extra)
        generate(cls.b, *extra)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_two_runs_give_identical_bytes(self):
        files = all_files(self.a)
        self.assertEqual(files, all_files(self.b))
        match, mismatch, errors = filecmp.cmpfiles(self.a, self.b, files, shallow=False)
        self.assertEqual((mismatch, errors), ([], []))

    def test_layout_and_counts(self):
        files = all_files(self.a)
        for cls in gen.ID_CLASSES:
            self.assertEqual(len([f for f in files if f.startswith(f"id/train/{cls}/")]), 2)
            self.assertEqual(len([f for f in files if f.startswith(f"id/val/{cls}/")]), 1)
            self.assertEqual(len([f for f in files if f.startswith(f"id/test/{cls}/")]), 1)
        for kind in gen.OOD_KINDS:
            self.assertEqual(len([f for f in files if f.startswith(f"ood/{kind}/")]), 1)
        self.assertIn("dicom/pylorus-still.dcm", files)
        if self.video:
            self.assertIn("video/cecum-to-polyp.mp4", files)

    def test_images_are_rgb_of_requested_size_with_dark_border(self):
        img = Image.open(os.path.join(self.a, "id", "train", "cecum", "cecum-train-000.jpg"))
        self.assertEqual((img.mode, img.size), ("RGB", (96, 96)))
        self.assertLess(max(img.getpixel((0, 0))), 20)
        self.assertGreater(img.getpixel((48, 30))[0], 60)

    def test_dicom_is_vl_endoscopic_rgb(self):
        import pydicom
        ds = pydicom.dcmread(os.path.join(self.a, "dicom", "pylorus-still.dcm"))
        self.assertEqual(ds.SOPClassUID, "1.2.840.10008.5.1.4.1.1.77.1.1")
        self.assertEqual(ds.file_meta.TransferSyntaxUID, "1.2.840.10008.1.2.1")
        self.assertEqual((ds.PhotometricInterpretation, ds.SamplesPerPixel), ("RGB", 3))
        self.assertEqual(ds.pixel_array.shape, (96, 96, 3))

    def test_different_images_per_index(self):
        x = os.path.join(self.a, "id", "train", "pylorus")
        self.assertFalse(filecmp.cmp(os.path.join(x, "pylorus-train-000.jpg"), os.path.join(x, "pylorus-train-001.jpg"),
                                     shallow=False))


class CommittedSampleDataTest(unittest.TestCase):
    def test_committed_images_equal_a_fresh_render(self):
        for rel, kind, key in (("id/train/cecum/cecum-train-000.jpg", "cecum", ("id", "train", "cecum", 0)),
                               ("ood/dyed/dyed-003.jpg", "dyed", ("ood", "dyed", 3))):
            committed = os.path.join(SAMPLE_DATA, rel)
            tmp = tempfile.NamedTemporaryFile(suffix=".jpg", delete=False)
            tmp.close()
            self.addCleanup(os.remove, tmp.name)
            Image.fromarray(gen.render(kind, gen.stable_seed(*key), 128)).save(tmp.name, quality=gen.JPEG_QUALITY)
            self.assertTrue(filecmp.cmp(committed, tmp.name, shallow=False), rel)

    @unittest.skipIf(shutil.which("ffprobe") is None, "ffprobe (ffmpeg) not installed")
    def test_committed_video_is_progressive_baseline_h264_yuv420p(self):
        import subprocess
        probe = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
                                "stream=codec_name,profile,pix_fmt,width,height,field_order,nb_read_frames",
                                "-of", "default=noprint_wrappers=1",
                                os.path.join(SAMPLE_DATA, "video", "cecum-to-polyp.mp4")],
                               capture_output=True, text=True, check=True).stdout
        fields = dict(line.split("=", 1) for line in probe.splitlines() if "=" in line)
        self.assertEqual(fields["codec_name"], "h264")
        self.assertIn("Baseline", probe)
        self.assertEqual((fields["pix_fmt"], fields["field_order"]), ("yuv420p", "progressive"))
        self.assertLessEqual((int(fields["width"]), int(fields["height"])), (160, 128))
        self.assertEqual(fields["nb_read_frames"], "20")

    def test_total_size_under_limit(self):
        total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(SAMPLE_DATA) for f in fs)
        self.assertLess(total, 10 * 1024 * 1024)


if __name__ == "__main__":
    unittest.main()
