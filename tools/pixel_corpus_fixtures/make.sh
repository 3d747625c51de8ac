#!/usr/bin/env bash
# Rewrites the committed JPEG fixtures of the pixel corpus that Pillow cannot write (tools/pixel_corpus.py reads them).
# Needs Debian's libjpeg-turbo-progs (cjpeg 2.1.5) and imagemagick; run once, commit the files. Not run by the tests.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 -c "import sys; sys.path.insert(0, '..'); import pixel_corpus as p; \
from PIL import Image; Image.fromarray(p.content(p.JH, p.JW, 2)).save('/tmp/pixel-corpus-base.ppm')"
base=/tmp/pixel-corpus-base.ppm
cjpeg -quality 90 -sample 4x1 -outfile 411.jpg "$base"
cjpeg -quality 90 -sample 1x2 -outfile 440.jpg "$base"
cjpeg -quality 90 -sample 2x2 -restart 1 -outfile restart.jpg "$base"
cjpeg -quality 90 -rgb -outfile rgb.jpg "$base"
cjpeg -quality 90 -arithmetic -outfile arithmetic.jpg "$base"
cjpeg -quality 90 -arithmetic -progressive -outfile arithmetic-progressive.jpg "$base"
/usr/bin/convert "$base" -quality 90 -colorspace CMYK ycck.jpg
rm -f "$base"
