"""orient_variants.py: the enlarged training set of make_results.sh and make_fidelity.sh."""
import os
import sys
import tempfile
import unittest
from pathlib import Path

from PIL import Image

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import orient_variants  # noqa: E402


class OrientVariantsTest(unittest.TestCase):
    def test_each_image_in_the_asked_orientations_per_class(self):
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = Path(tmp, "src"), Path(tmp, "dst")
            (src / "a").mkdir(parents=True)
            picture = Image.new("RGB", (4, 2))
            picture.putpixel((0, 0), (255, 0, 0))
            picture.save(src / "a" / "x.png")
            self.assertEqual(orient_variants.main([str(src), str(dst), "3"]), 0)
            self.assertEqual(sorted(p.name for p in (dst / "a").iterdir()), ["x-v0.png", "x-v1.png", "x-v2.png"])
            self.assertEqual(list(Image.open(dst / "a" / "x-v0.png").getdata()), list(picture.getdata()))
            self.assertEqual(Image.open(dst / "a" / "x-v1.png").getpixel((3, 0)), (255, 0, 0))  # mirrored
            self.assertEqual(Image.open(dst / "a" / "x-v2.png").getpixel((0, 1)), (255, 0, 0))  # flipped


if __name__ == "__main__":
    unittest.main()
