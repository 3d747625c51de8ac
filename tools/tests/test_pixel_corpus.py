"""pixel_corpus.py: a deterministic corpus whose files are what they claim, and the table docs/inputs.md shows."""
import filecmp
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stdout

from PIL import Image, ImageCms

TOOLS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
sys.path.insert(0, TOOLS)
import pixel_corpus as corpus  # noqa: E402

INPUTS_MD = os.path.join(TOOLS, "..", "docs", "inputs.md")


def all_files(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)


class PixelCorpusTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.a, cls.b = os.path.join(cls.tmp.name, "a"), os.path.join(cls.tmp.name, "b")
        with redirect_stdout(io.StringIO()):
            corpus.main([cls.a])
            corpus.main([cls.b])
        with open(os.path.join(cls.a, "manifest.json")) as f:
            cls.cases = json.load(f)["cases"]

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_two_runs_give_identical_bytes(self):
        files = all_files(self.a)
        self.assertEqual(files, all_files(self.b))
        _, mismatch, errors = filecmp.cmpfiles(self.a, self.b, files, shallow=False)
        self.assertEqual((mismatch, errors), ([], []))

    def test_every_case_has_its_expectation_and_reference(self):
        names = [c["file"] for c in self.cases]
        self.assertEqual(len(names), len(set(names)))
        for c in self.cases:
            path = os.path.join(self.a, c["file"])
            self.assertTrue(os.path.isfile(path), c["file"])
            self.assertIn(c["expect"], ("equal", "tolerance", "ours", "refused"), c["file"])
            if c["expect"] == "refused":
                self.assertTrue(c["reason"], c["file"])
            elif c["expect"] == "ours":
                self.assertTrue(c["note"], c["file"])
                size = os.path.getsize(path + ".ours.rgb")
                self.assertEqual(size, 3 * c["width"] * c["height"], c["file"])
            else:
                self.assertNotIn("pillow_error", c, c["file"] + ": Pillow must read a file we must match")
                size = os.path.getsize(path + ".pillow.rgb")
                self.assertEqual(size, 3 * c["width"] * c["height"], c["file"])

    def test_hand_written_files_are_the_layouts_they_claim(self):
        modes = {c["file"]: c.get("pillow_mode") for c in self.cases}
        expected = {"png/grey1.png": "1", "png/grey2.png": "L", "png/grey16.png": "I", "png/rgb16.png": "RGB",
                    "png/palette2.png": "P", "png/grey-alpha8.png": "LA", "png/rgba16.png": "RGBA",
                    "tiff/grey16.tif": "I;16", "tiff/grey32-float.tif": "F", "tiff/rgba8-unspecified.tif": "RGBX",
                    "tiff/cmyk8-planar.tif": "CMYK", "tiff/palette4.tif": "P", "bmp/rgb565.bmp": "RGB",
                    "bmp/rgba32-v5.bmp": "RGBA", "gif/no-colour-table.gif": "L", "jpeg/ycck.jpg": "CMYK"}
        for name, mode in expected.items():
            self.assertEqual(mode, modes[name], name)
        with Image.open(os.path.join(self.a, "png/rgb8-interlaced.png")) as im:
            self.assertEqual(1, im.info.get("interlace"))
        with Image.open(os.path.join(self.a, "tiff/rgb8-planar-deflate.tif")) as im:
            self.assertEqual(2, im.tag_v2[284])
            self.assertEqual(8, im.tag_v2[259])
        with Image.open(os.path.join(self.a, "tiff/orientation6.tif")) as im:
            im.load()
            self.assertEqual((19, 23), im.size, "Pillow turns TIFF pages by their Orientation tag")
        with Image.open(os.path.join(self.a, "jpeg/exif-orientation6.jpg")) as im:
            self.assertEqual((37, 29), im.size, "and leaves a JPEG's EXIF orientation alone")
        with Image.open(os.path.join(self.a, "jpeg/420-icc.jpg")) as im:
            self.assertTrue(im.info.get("icc_profile"))

    def test_the_embedded_icc_profiles_are_valid(self):
        for space, mode in (("RGB ", "RGB"), ("GRAY", "L")):
            profile = ImageCms.ImageCmsProfile(io.BytesIO(corpus.icc_profile(space)))
            self.assertEqual("NERO test profile", ImageCms.getProfileDescription(profile).strip())
            srgb = ImageCms.createProfile("sRGB")
            ImageCms.buildTransform(profile, srgb, mode, "RGB")  # lcms accepts it

    def test_every_committed_fixture_is_in_the_corpus(self):
        committed = sorted(f for f in os.listdir(corpus.FIXTURES) if f.endswith(".jpg"))
        listed = sorted(os.path.basename(n) for n in corpus.FIXTURE_CASES)
        self.assertEqual(committed, listed)

    def test_docs_show_the_table_of_this_corpus(self):
        with open(INPUTS_MD, encoding="utf-8") as f:
            docs = f.read()
        self.assertTrue(corpus.table(self.cases) in docs, "docs/inputs.md does not hold this corpus's table: rerun "
                        "'/usr/bin/python3 tools/pixel_corpus.py --table /tmp/corpus' and paste it")


if __name__ == "__main__":
    unittest.main()
