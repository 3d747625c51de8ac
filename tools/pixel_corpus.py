"""Writes the still-image pixel corpus: small files of every encoding variant we read, with Pillow's pixels for each.

The reference for a still image's pixels is the authors' pipeline, Pillow's ``Image.open(f).convert("RGB")``.
For every file this tool writes (plus the committed fixtures that Pillow cannot write, tools/pixel_corpus_fixtures)
it records what that call gives, or Pillow's error, and what NERO must do with the file:

  equal       NERO's pixels equal Pillow's exactly
  tolerance   NERO's pixels are within ``max`` of Pillow's per sample (Pillow's libjpeg-turbo and Java's libjpeg 6b
              differ there; the figure is measured, see docs/inputs.md)
  ours        a deliberate difference, explained in ``note`` (16-bit and float grey are stretched from the image's
              min..max to 0..255 where Pillow clips them at 255; a Pillow bug): the expected pixels are written by this
              tool as ``<file>.ours.rgb``
  refused     NERO refuses the file with a message naming it and containing ``reason``

Run: /usr/bin/python3 tools/pixel_corpus.py OUT_DIR   (writes OUT_DIR/manifest.json, the files and the .rgb refs)
     /usr/bin/python3 tools/pixel_corpus.py --table OUT_DIR   (the same, and prints the table of docs/inputs.md)
The Java test nero.io.image.PixelCorpusTest runs this and decodes every file; docs/inputs.md holds the table.
Images are small (at most 40×30), so the whole corpus is written and checked in a few seconds.
"""
import io
import json
import os
import shutil
import struct
import sys
import zlib

import numpy as np
from PIL import Image, PngImagePlugin, TiffImagePlugin

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pixel_corpus_fixtures")

# ---------------------------------------------------------------------------------------------------------- content

def content(h, w, seed=1):
    """An RGB picture with smooth gradients, saturated corners and noise: colour and rounding differences show."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:h, 0:w]
    a = np.stack([x * 255 // max(1, w - 1), y * 255 // max(1, h - 1), (x + y) * 255 // max(1, w + h - 2)], -1)
    a = a.astype(np.int32) + rng.integers(-30, 31, (h, w, 3))
    a[: h // 4, : w // 4] = (250, 10, 20)
    a[-h // 4:, -w // 4:] = (5, 240, 250)
    return np.clip(a, 0, 255).astype(np.uint8)


def alpha_vignette(h, w):
    """Alpha 0 outside a disc (as around an endoscope's field of view), 255 inside, a soft ramp between."""
    y, x = np.mgrid[0:h, 0:w]
    r = np.hypot((x - (w - 1) / 2) / (w / 2), (y - (h - 1) / 2) / (h / 2))
    return np.clip((1.1 - r) * 600, 0, 255).astype(np.uint8)


def grey(rgb):
    return (rgb.astype(np.uint32) @ np.array([299, 587, 114]) // 1000).astype(np.uint8)


# --------------------------------------------------------------------------------------------------------- ICC data

def _s15(v):
    return struct.pack(">i", int(round(v * 65536)))


def icc_profile(space):
    """A small valid ICC v2 display profile, 'RGB ' (Adobe-like primaries, gamma 1.0) or 'GRAY' (gamma 1.0).

    Far from sRGB on purpose: a decoder that applies it changes the pixels visibly."""
    def xyz(v):
        return b"XYZ \0\0\0\0" + b"".join(_s15(c) for c in v)

    text = b"NERO test profile"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text) + 1) + text + b"\0" + b"\0" * 8 + b"\0\0\0" + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">I", 1) + struct.pack(">H", 0x0100) + b"\0\0"
    tags = [(b"desc", desc), (b"wtpt", xyz((0.9642, 1.0, 0.8249))), (b"cprt", b"text\0\0\0\0public domain\0\0\0")]
    if space == "RGB ":
        tags += [(b"rXYZ", xyz((0.6097, 0.3111, 0.0195))), (b"gXYZ", xyz((0.2053, 0.6257, 0.0609))),
                 (b"bXYZ", xyz((0.1492, 0.0632, 0.7446))), (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    else:
        tags += [(b"kTRC", curve)]
    offset = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for sig, body in tags:
        while len(body) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0\0\0\0" + struct.pack(">I", 0x02100000) + b"mntr" + space.encode()
              + b"XYZ " + struct.pack(">6H", 2024, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + b"\0" * 4 + b"\0" * 8
              + b"\0" * 8 + b"\0" * 4 + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


# -------------------------------------------------------------------------------------------------------------- PNG

def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)


def _pack_rows(samples, depth):
    """Rows of samples (h × w·c, ints) as PNG/TIFF bytes, MSB first, big-endian for 16 bits."""
    rows = []
    for row in samples:
        if depth == 16:
            rows.append(row.astype(">u2").tobytes())
        elif depth == 8:
            rows.append(row.astype(np.uint8).tobytes())
        else:
            rows.append(np.packbits(np.unpackbits(row.astype(np.uint8)[:, None], axis=1)[:, 8 - depth:]).tobytes())
    return rows


def _filter(rows, bpp):
    """Each row with a PNG filter, cycling None, Sub, Up, Average, Paeth so every filter is decoded."""
    out, prev = b"", bytes(len(rows[0])) if rows else b""
    for i, row in enumerate(rows):
        kind = i % 5
        r = np.frombuffer(row, np.uint8).astype(np.int32)
        p = np.frombuffer(prev, np.uint8).astype(np.int32)
        left = np.concatenate([np.zeros(bpp, np.int32), r[:-bpp]]) if len(r) > bpp else np.zeros_like(r)
        upleft = np.concatenate([np.zeros(bpp, np.int32), p[:-bpp]]) if len(p) > bpp else np.zeros_like(p)
        if kind == 0:
            f = r
        elif kind == 1:
            f = r - left
        elif kind == 2:
            f = r - p
        elif kind == 3:
            f = r - (left + p) // 2
        else:
            pa, pb, pc = abs(p - upleft), abs(left - upleft), abs(left + p - 2 * upleft)
            pred = np.where((pa <= pb) & (pa <= pc), left, np.where(pb <= pc, p, upleft))
            f = r - pred
        out += bytes([kind]) + (f & 0xff).astype(np.uint8).tobytes()
        prev = row
    return out


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png(path, samples, colour_type, depth, palette=None, trns=None, extra=(), interlace=False):
    """A PNG written by hand: samples is h × w × c (c from the colour type), values within the bit depth."""
    h, w, c = samples.shape
    bpp = max(1, c * depth // 8)
    if interlace:
        data = b""
        for x0, y0, dx, dy in ADAM7:
            sub = samples[y0::dy, x0::dx]
            if sub.size:
                data += _filter(_pack_rows(sub.reshape(sub.shape[0], -1), depth), bpp)
    else:
        data = _filter(_pack_rows(samples.reshape(h, -1), depth), bpp)
    out = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour_type, 0, 0,
                                                                     1 if interlace else 0))
    for kind, body in extra:
        out += _chunk(kind, body)
    if palette is not None:
        out += _chunk(b"PLTE", bytes(np.asarray(palette, np.uint8).ravel()))
    if trns is not None:
        out += _chunk(b"tRNS", trns)
    out += _chunk(b"IDAT", zlib.compress(data, 9)) + _chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(out)


def gama(gamma):
    return (b"gAMA", struct.pack(">I", int(round(100000 / gamma))))


def iccp(space):
    return (b"iCCP", b"test\0\0" + zlib.compress(icc_profile(space)))


# -------------------------------------------------------------------------------------------------------------- TIFF

def _lzw_literals(data):
    """TIFF LZW of literal codes only, a Clear code every 250 codes so the code width stays 9 bits (valid LZW)."""
    codes = [256]
    for i, b in enumerate(data):
        if i and i % 250 == 0:
            codes.append(256)
        codes.append(b)
    codes.append(257)
    bits = "".join(format(c, "09b") for c in codes)
    bits += "0" * (-len(bits) % 8)
    return int(bits, 2).to_bytes(len(bits) // 8, "big") if bits else b""


def _packbits(data):
    out = bytearray()
    for i in range(0, len(data), 128):
        block = data[i:i + 128]
        out.append(len(block) - 1)
        out += block
    return bytes(out)


def tiff(path, planes, photometric, depth, *, big_endian=False, cut=0, more_pages=(), description=None, bigtiff=False,
         **layout):
    """A TIFF written by hand: one page (planes: h × w × c sample values, uint or float32 with sample_format=3), or
    more (more_pages: (planes, photometric, depth, layout) each); cut drops the file's last bytes; bigtiff writes
    BigTIFF (64-bit offsets)."""
    e = ">" if big_endian else "<"
    pages = [tiff_page(planes, photometric, depth, e, **layout)]
    pages += [tiff_page(p, ph, d, e, **kw) for p, ph, d, kw in more_pages]
    if description is not None:
        pages[0][0][270] = (2, description.encode("latin-1") + b"\0")
    head = 16 if bigtiff else 8
    count_fmt, entry_size, inline, offset_fmt = ("Q", 20, 8, "Q") if bigtiff else ("H", 12, 4, "I")
    # layout: header, every IFD with its out-of-line values, then the pixel data (as ImageJ writes it: a file cut
    # short keeps its directories and loses pixels)

    def directories(data_at):
        out, at = b"", head
        for k, (entries, chunks, offsets_tag) in enumerate(pages):
            n = len(entries)
            extra_at = at + struct.calcsize(count_fmt) + entry_size * n + struct.calcsize(offset_fmt)
            entries[offsets_tag] = (16 if bigtiff else 4, data_at[k])
            ifd, extra = struct.pack(e + count_fmt, n), b""
            for tag in sorted(entries):
                kind, values = entries[tag]
                if kind == 2:
                    data = values
                else:
                    fmt = {3: "H", 4: "I", 16: "Q"}[kind]
                    data = struct.pack(e + fmt * len(values), *[int(v) for v in values])
                if len(data) <= inline:
                    ifd += struct.pack(e + "HH" + offset_fmt, tag, kind, len(values)) + data.ljust(inline, b"\0")
                else:
                    ifd += struct.pack(e + "HH" + offset_fmt + offset_fmt, tag, kind, len(values), extra_at + len(extra))
                    extra += data + b"\0" * (len(data) % 2)
            at = extra_at + len(extra)
            next_at = at if k + 1 < len(pages) else 0
            out += ifd + struct.pack(e + offset_fmt, next_at) + extra
        return out

    size = len(directories([[0] * len(chunks) for _, chunks, _ in pages]))
    offsets, pos = [], head + size
    for _, chunks, _ in pages:
        offsets.append([])
        for x in chunks:
            offsets[-1].append(pos)
            pos += len(x)
    magic = struct.pack(e + "HHHQ", 43, 8, 0, head) if bigtiff else struct.pack(e + "HI", 42, head)
    out = (b"MM" if big_endian else b"II") + magic + directories(offsets) \
        + b"".join(x for _, chunks, _ in pages for x in chunks)
    with open(path, "wb") as f:
        f.write(out[:len(out) - cut])


def tiff_page(planes, photometric, depth, e, *, compression=1, planar=1, extra_samples=None, orientation=None,
              predictor=1, palette=None, sample_format=1, rows_per_strip=None, tile=None, subsampling=None):
    """One page's tags and compressed strips or tiles."""
    h, w, c = planes.shape
    rows_per_strip = rows_per_strip or h
    if depth == 16:
        dt = np.dtype(e + "u2")
    elif depth == 32:
        dt = np.dtype(e + ("f4" if sample_format == 3 else "u4"))
    else:
        dt = None

    def encode(block):  # block: rows × cols × c' samples
        rows = block.shape[0]
        if predictor == 2:
            block = block.astype(np.int64)
            block[:, 1:] = block[:, 1:] - block[:, :-1]
            block = block & ((1 << depth) - 1)
        if dt is not None:
            raw = block.astype(dt).tobytes()
        else:
            raw = b"".join(_pack_rows(block.reshape(rows, -1), depth))
        if compression == 1:
            return raw
        if compression == 5:
            return _lzw_literals(raw)
        if compression in (8, 32946):
            return zlib.compress(raw)
        if compression == 32773:
            rowlen = len(raw) // rows
            return b"".join(_packbits(raw[r * rowlen:(r + 1) * rowlen]) for r in range(rows))
        raise ValueError(compression)

    chunks = []
    groups = [planes] if planar == 1 else [planes[:, :, i:i + 1] for i in range(c)]
    for g in groups:
        if tile:
            tw, th = tile
            for ty in range(0, h, th):
                for tx in range(0, w, tw):
                    block = np.zeros((th, tw, g.shape[2]), planes.dtype)
                    part = g[ty:ty + th, tx:tx + tw]
                    block[:part.shape[0], :part.shape[1]] = part
                    chunks.append(encode(block))
        else:
            for y in range(0, h, rows_per_strip):
                chunks.append(encode(g[y:y + rows_per_strip]))
    entries = {256: (4, [w]), 257: (4, [h]), 258: (3, [depth] * c), 259: (3, [compression]),
               262: (3, [photometric]), 277: (3, [c]), 284: (3, [planar])}
    if tile:
        entries.update({322: (4, [tile[0]]), 323: (4, [tile[1]])})
    else:
        entries[278] = (4, [rows_per_strip])
    if extra_samples is not None:
        entries[338] = (3, extra_samples)
    if orientation is not None:
        entries[274] = (3, [orientation])
    if predictor != 1:
        entries[317] = (3, [predictor])
    if subsampling is not None:
        entries[530] = (3, list(subsampling))
    if sample_format != 1:
        entries[339] = (3, [sample_format] * c)
    if palette is not None:
        pal = np.asarray(palette, np.uint32)
        entries[320] = (3, list(pal[:, 0] * 257) + list(pal[:, 1] * 257) + list(pal[:, 2] * 257))
    offsets_tag, counts_tag = (324, 325) if tile else (273, 279)
    entries[offsets_tag] = (4, [0] * len(chunks))
    entries[counts_tag] = (4, [len(x) for x in chunks])
    return entries, chunks, offsets_tag


# --------------------------------------------------------------------------------------------------------------- BMP

def bmp(path, rgb_or_index, bits, *, palette=None, compression=0, top_down=False, masks=None, header=40,
        rle_data=None):
    """A BMP written by hand. rgb_or_index: h × w × 3 (16/24/32 bits) or h × w indices (1/4/8 bits)."""
    h, w = rgb_or_index.shape[:2]
    rows = []
    for y in range(h):
        r = rgb_or_index[y]
        if bits == 24:
            line = r[:, ::-1].astype(np.uint8).tobytes()
        elif bits == 32:
            line = (r.astype(np.uint32) if r.dtype != np.uint32 else r).astype("<u4").tobytes()
        elif bits == 16:
            line = r.astype("<u2").tobytes()
        else:
            line = _pack_rows(r.reshape(1, -1), bits)[0]
        rows.append(line + b"\0" * (-len(line) % 4))
    if rle_data is not None:
        pixels = rle_data
    else:
        pixels = b"".join(rows if top_down else rows[::-1])
    colours = b""
    if palette is not None:
        colours = b"".join(bytes([b, g, r, 0]) if header != 12 else bytes([b, g, r]) for r, g, b in palette)
    if header == 12:
        info = struct.pack("<IHHHH", 12, w, h, 1, bits)
    else:
        info = struct.pack("<IiiHHIIiiII", header, w, -h if top_down else h, 1, bits, compression, len(pixels),
                           2835, 2835, 0 if palette is None else len(palette), 0)
        if header >= 56 or (masks is not None and header > 40):
            info += struct.pack("<4I", *(list(masks) + [0] * (4 - len(masks))) if masks else (0, 0, 0, 0))
            if header >= 108:
                info += struct.pack("<I", 0x73524742) + b"\0" * 48  # 'sRGB', endpoints and gamma unused
            if header >= 124:
                info += struct.pack("<4I", 4, 0, 0, 0)
            info = info[:header].ljust(header, b"\0")
        elif masks is not None:
            colours = struct.pack("<3I", *masks[:3]) + colours
    offset = 14 + len(info) + len(colours)
    with open(path, "wb") as f:
        f.write(b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + info + colours + pixels)


def rle8(indices):
    """RLE8: runs of equal pixels as encoded runs, the rest as absolute runs, rows bottom-up, end of bitmap."""
    out = bytearray()
    for row in indices[::-1]:
        x = 0
        w = len(row)
        while x < w:
            run = 1
            while x + run < w and run < 255 and row[x + run] == row[x]:
                run += 1
            if run >= 3 or w - x < 3:
                out += bytes([run, row[x]])
                x += run
            else:
                n = min(255, w - x)
                n = max(3, n)
                out += bytes([0, n]) + bytes(row[x:x + n].astype(np.uint8))
                if n % 2:
                    out.append(0)
                x += n
        out += b"\0\0"
    out += b"\0\1"
    return bytes(out)


def rle4(indices):
    """RLE4: pairs of pixels in encoded runs (two alternating indices), rows bottom-up."""
    out = bytearray()
    for row in indices[::-1]:
        for x in range(0, len(row), 2):
            a = int(row[x])
            b = int(row[x + 1]) if x + 1 < len(row) else 0
            out += bytes([min(2, len(row) - x), a << 4 | b])
        out += b"\0\0"
    out += b"\0\1"
    return bytes(out)


# --------------------------------------------------------------------------------------------------------------- GIF

def _gif_lzw(indices, min_size):
    clear, eoi = 1 << min_size, (1 << min_size) + 1
    size = min_size + 1
    limit = (1 << min_size) - 3
    codes, n = [clear], 0
    for v in indices:
        if n == limit:
            codes.append(clear)
            n = 0
        codes.append(int(v))
        n += 1
    codes.append(eoi)
    acc, nbits, out = 0, 0, bytearray()
    for c in codes:
        acc |= c << nbits
        nbits += size
        while nbits >= 8:
            out.append(acc & 0xff)
            acc >>= 8
            nbits -= 8
    if nbits:
        out.append(acc & 0xff)
    blocks = bytearray([min_size])
    for i in range(0, len(out), 255):
        part = out[i:i + 255]
        blocks += bytes([len(part)]) + part
    return bytes(blocks + b"\0")


def gif(path, screen, frames, global_palette=None, background=0):
    """A GIF written by hand. frames: dicts with indices (h × w), x, y, optional palette, transparent, interlace."""
    sw, sh = screen

    def table(pal):
        n = 2
        while n < len(pal):
            n *= 2
        p = np.zeros((n, 3), np.uint8)
        p[:len(pal)] = pal
        return n, bytes(p.ravel())

    flags, gtable = 0, b""
    if global_palette is not None:
        n, gtable = table(global_palette)
        flags = 0x80 | 0x70 | (n.bit_length() - 2)
    out = b"GIF89a" + struct.pack("<HHBBB", sw, sh, flags, background, 0) + gtable
    for f in frames:
        idx = f["indices"]
        h, w = idx.shape
        if f.get("transparent") is not None or len(frames) > 1:
            t = f.get("transparent")
            out += b"\x21\xf9\x04" + bytes([(1 if t is not None else 0) | (f.get("disposal", 1) << 2)]) \
                + struct.pack("<H", 10) + bytes([t or 0]) + b"\0"
        lflags, ltable, bits = 0, b"", None
        if f.get("palette") is not None:
            n, ltable = table(f["palette"])
            lflags = 0x80 | (n.bit_length() - 2)
            bits = n.bit_length() - 1
        if f.get("interlace"):
            lflags |= 0x40
            order = list(range(0, h, 8)) + list(range(4, h, 8)) + list(range(2, h, 4)) + list(range(1, h, 2))
            idx = idx[order]
        if bits is None:
            bits = (len(gtable) // 3).bit_length() - 1 if gtable else int(idx.max()).bit_length()
        out += b"\x2c" + struct.pack("<HHHHB", f.get("x", 0), f.get("y", 0), w, h, lflags) + ltable
        out += _gif_lzw(idx.ravel(), max(2, bits))
    with open(path, "wb") as fh:
        fh.write(out + b"\x3b")


# ------------------------------------------------------------------------------------------------------------ cases

H, W = 19, 23      # PNG, TIFF, BMP, GIF: odd sizes, so no row or block boundary lines up by chance
JH, JW = 29, 37    # JPEG: not a multiple of any MCU size


NO_PILLOW = "Pillow cannot open this layout"
STRETCH = ("16-bit and float grey beyond 0..255 are stretched from the image's min..max to 0..255 (Pillow clips every "
           "value above 255 to white)")


class Corpus:
    def __init__(self, out):
        self.out = out
        self.cases = []

    def path(self, name):
        p = os.path.join(self.out, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        return p

    def add(self, name, variant, expect="equal", **facts):
        self.cases.append(dict(file=name, format=name.split("/")[0].upper(), variant=variant, expect=expect, **facts))

    def ours(self, name, variant, rgb, note, **facts):
        """A deliberate difference from Pillow: NERO gives these pixels (h × w × 3) instead, for the reason in note
        (max: the largest difference allowed per sample, when the expected pixels are rounded differently)."""
        np.ascontiguousarray(rgb, np.uint8).tofile(self.path(name) + ".ours.rgb")
        self.add(name, variant, "ours", note=note, width=rgb.shape[1], height=rgb.shape[0], **facts)

    def stretch(self, name, variant, values):
        """A grey image NERO stretches from its min..max (values: h × w numbers, as stored)."""
        self.ours(name, variant, np.repeat(stretched(values)[:, :, None], 3, 2), STRETCH)

    def truncated(self, name, variant, cut, reason="truncated"):
        """A copy of an earlier file of the corpus with its last {cut} bytes missing."""
        source = self.path(name.replace("-truncated", ""))
        with open(source, "rb") as f:
            data = f.read()
        with open(self.path(name), "wb") as f:
            f.write(data[:-cut])
        self.add(name, variant, "refused", reason=reason)

    def pillow_write(self, name, image, **params):
        image.save(self.path(name), **params)


def stretched(values):
    """NERO's rule for deep grey (io.image.GreyLevels): whole numbers 0..255 as they are, else min..max to 0..255,
    rounded half up as Java's Math.round."""
    v = values.astype(np.float64)
    if v.min() >= 0 and v.max() <= 255 and np.all(v == np.rint(v)):
        return v.astype(np.uint8)
    lo, hi = v.min(), v.max()
    return np.floor((v - lo) * 255.0 / (hi - lo) + 0.5).astype(np.uint8)


def quantized(rgb, colours):
    p = Image.fromarray(rgb).quantize(colours, dither=Image.Dither.NONE)
    pal = np.array(p.getpalette()[:3 * colours], np.uint8).reshape(-1, 3)
    return np.array(p), pal


def png_cases(c):
    rgb = content(H, W)
    g = grey(rgb)
    a = alpha_vignette(H, W)
    g16 = 1000 + g.astype(np.uint16) * 40                      # a 16-bit grey that does not span 0..65535
    rgb16 = rgb.astype(np.uint16) * 257 + (np.arange(H * W * 3).reshape(H, W, 3) % 200).astype(np.uint16)
    a16 = a.astype(np.uint16) * 257
    # grey, every bit depth; PNG scales 1/2/4-bit samples up (Pillow: L), 16-bit is Pillow's "I" (clipped at 255)
    png(c.path("png/grey1.png"), (g > 128)[:, :, None].astype(np.uint8), 0, 1)
    c.add("png/grey1.png", "grey, 1 bit")
    png(c.path("png/grey2.png"), (g >> 6)[:, :, None], 0, 2)
    c.add("png/grey2.png", "grey, 2 bits")
    png(c.path("png/grey4.png"), (g >> 4)[:, :, None], 0, 4)
    c.add("png/grey4.png", "grey, 4 bits")
    png(c.path("png/grey8.png"), g[:, :, None], 0, 8)
    c.add("png/grey8.png", "grey, 8 bits")
    png(c.path("png/grey16.png"), g16[:, :, None], 0, 16)
    c.stretch("png/grey16.png", "grey, 16 bits", g16)
    png(c.path("png/grey16-8bit-values.png"), g.astype(np.uint16)[:, :, None], 0, 16)
    c.add("png/grey16-8bit-values.png", "grey, 16 bits holding 8-bit values (0..255): as they are, as Pillow")
    png(c.path("png/grey8-trns.png"), g[:, :, None], 0, 8, trns=struct.pack(">H", int(g[0, 0])))
    c.add("png/grey8-trns.png", "grey, 8 bits, tRNS grey key")
    png(c.path("png/grey16-trns.png"), g16[:, :, None], 0, 16, trns=struct.pack(">H", int(g16[0, 0])))
    c.stretch("png/grey16-trns.png", "grey, 16 bits, tRNS grey key", g16)
    png(c.path("png/grey8-gama.png"), g[:, :, None], 0, 8, extra=[gama(1.0)])
    c.add("png/grey8-gama.png", "grey, 8 bits, gAMA 1.0")
    png(c.path("png/grey8-iccp.png"), g[:, :, None], 0, 8, extra=[iccp("GRAY")])
    c.add("png/grey8-iccp.png", "grey, 8 bits, iCCP (grey gamma 1.0 profile)")
    png(c.path("png/grey4-interlaced.png"), (g >> 4)[:, :, None], 0, 4, interlace=True)
    c.add("png/grey4-interlaced.png", "grey, 4 bits, Adam7 interlaced")
    # RGB
    png(c.path("png/rgb8.png"), rgb, 2, 8)
    c.add("png/rgb8.png", "RGB, 8 bits")
    png(c.path("png/rgb16.png"), rgb16, 2, 16)
    c.add("png/rgb16.png", "RGB, 16 bits (high byte)")
    png(c.path("png/rgb8-trns.png"), rgb, 2, 8, trns=struct.pack(">3H", 250, 10, 20))
    c.add("png/rgb8-trns.png", "RGB, 8 bits, tRNS colour key (a colour the image holds)")
    png(c.path("png/rgb16-trns.png"), rgb16, 2, 16, trns=struct.pack(">3H", *rgb16[0, 0]))
    c.add("png/rgb16-trns.png", "RGB, 16 bits, tRNS colour key")
    png(c.path("png/rgb8-gama.png"), rgb, 2, 8, extra=[gama(1.0)])
    c.add("png/rgb8-gama.png", "RGB, 8 bits, gAMA 1.0")
    png(c.path("png/rgb8-iccp.png"), rgb, 2, 8, extra=[iccp("RGB ")])
    c.add("png/rgb8-iccp.png", "RGB, 8 bits, iCCP (wide-gamut gamma 1.0 profile)")
    png(c.path("png/rgb8-srgb-sbit.png"), rgb, 2, 8, extra=[(b"sRGB", b"\0"), (b"sBIT", b"\5\6\5")])
    c.add("png/rgb8-srgb-sbit.png", "RGB, 8 bits, sRGB and sBIT 5/6/5")
    png(c.path("png/rgb8-interlaced.png"), rgb, 2, 8, interlace=True)
    c.add("png/rgb8-interlaced.png", "RGB, 8 bits, Adam7 interlaced")
    png(c.path("png/rgb16-interlaced.png"), rgb16, 2, 16, interlace=True)
    c.add("png/rgb16-interlaced.png", "RGB, 16 bits, Adam7 interlaced")
    # palette, every bit depth
    for depth in (1, 2, 4, 8):
        idx, pal = quantized(rgb, 1 << depth)
        png(c.path(f"png/palette{depth}.png"), idx[:, :, None], 3, depth, palette=pal)
        c.add(f"png/palette{depth}.png", f"palette, {depth} bit{'s' if depth > 1 else ''}")
    idx, pal = quantized(rgb, 16)
    png(c.path("png/palette4-trns.png"), idx[:, :, None], 3, 4, palette=pal, trns=bytes([0, 128, 255, 7]))
    c.add("png/palette4-trns.png", "palette, 4 bits, tRNS alpha for the first entries")
    idx, pal = quantized(rgb, 200)
    png(c.path("png/palette8-trns.png"), idx[:, :, None], 3, 8, palette=pal, trns=bytes(range(0, 200, 3)))
    c.add("png/palette8-trns.png", "palette, 8 bits, 200 entries, tRNS alpha")
    png(c.path("png/palette8-interlaced.png"), idx[:, :, None], 3, 8, palette=pal, interlace=True)
    c.add("png/palette8-interlaced.png", "palette, 8 bits, Adam7 interlaced")
    # grey + alpha
    png(c.path("png/grey-alpha8.png"), np.stack([g, a], -1), 4, 8)
    c.add("png/grey-alpha8.png", "grey + alpha, 8 bits (alpha 0 around a disc)")
    png(c.path("png/grey-alpha16.png"), np.stack([g16, a16], -1), 4, 16)
    c.add("png/grey-alpha16.png", "grey + alpha, 16 bits (Pillow: LA, high byte)")
    png(c.path("png/grey-alpha8-gama.png"), np.stack([g, a], -1), 4, 8, extra=[gama(1 / 2.2)])
    c.add("png/grey-alpha8-gama.png", "grey + alpha, 8 bits, gAMA 1/2.2")
    png(c.path("png/grey-alpha8-iccp.png"), np.stack([g, a], -1), 4, 8, extra=[iccp("GRAY")])
    c.add("png/grey-alpha8-iccp.png", "grey + alpha, 8 bits, iCCP (grey profile)")
    png(c.path("png/grey-alpha8-interlaced.png"), np.stack([g, a], -1), 4, 8, interlace=True)
    c.add("png/grey-alpha8-interlaced.png", "grey + alpha, 8 bits, Adam7 interlaced")
    # RGBA
    png(c.path("png/rgba8.png"), np.dstack([rgb, a]), 6, 8)
    c.add("png/rgba8.png", "RGBA, 8 bits (transparent vignette, colour kept under it)")
    png(c.path("png/rgba16.png"), np.dstack([rgb16, a16]), 6, 16)
    c.add("png/rgba16.png", "RGBA, 16 bits")
    png(c.path("png/rgba8-gama.png"), np.dstack([rgb, a]), 6, 8, extra=[gama(1 / 2.2)])
    c.add("png/rgba8-gama.png", "RGBA, 8 bits, gAMA 1/2.2")
    png(c.path("png/rgba8-iccp.png"), np.dstack([rgb, a]), 6, 8, extra=[iccp("RGB ")])
    c.add("png/rgba8-iccp.png", "RGBA, 8 bits, iCCP (wide-gamut profile)")
    png(c.path("png/rgba8-interlaced.png"), np.dstack([rgb, a]), 6, 8, interlace=True)
    c.add("png/rgba8-interlaced.png", "RGBA, 8 bits, Adam7 interlaced")
    png(c.path("png/rgba16-interlaced.png"), np.dstack([rgb16, a16]), 6, 16, interlace=True)
    c.add("png/rgba16-interlaced.png", "RGBA, 16 bits, Adam7 interlaced")
    # written by Pillow itself
    im = Image.fromarray(rgb)
    c.pillow_write("png/pillow-rgba.png", Image.fromarray(np.dstack([rgb, a])))
    c.add("png/pillow-rgba.png", "RGBA written by Pillow")
    c.pillow_write("png/pillow-la.png", Image.fromarray(np.stack([g, a], -1), "LA"))
    c.add("png/pillow-la.png", "grey + alpha written by Pillow")
    c.pillow_write("png/pillow-p-transparency.png", im.quantize(64), transparency=3)
    c.add("png/pillow-p-transparency.png", "palette with a transparent index, written by Pillow")
    c.pillow_write("png/pillow-1.png", im.convert("1"))
    c.add("png/pillow-1.png", "bilevel written by Pillow")
    c.pillow_write("png/pillow-i16.png", Image.fromarray(g16.astype(np.uint16), "I;16"))
    c.stretch("png/pillow-i16.png", "16-bit grey written by Pillow", g16)
    c.truncated("png/rgb8-truncated.png", "RGB, 8 bits, cut inside the image data", 40)


def jpeg_cases(c):
    rgb = content(JH, JW, 2)
    im = Image.fromarray(rgb)
    c.pillow_write("jpeg/grey.jpg", im.convert("L"), quality=90)
    c.add("jpeg/grey.jpg", "grey")
    for name, sub in (("444", 0), ("422", 1), ("420", 2)):
        c.pillow_write(f"jpeg/{name}.jpg", im, quality=90, subsampling=sub)
        c.add(f"jpeg/{name}.jpg", f"YCbCr {name[0]}:{name[1]}:{name[2]}, baseline")
    c.pillow_write("jpeg/420-progressive.jpg", im, quality=90, subsampling=2, progressive=True)
    c.add("jpeg/420-progressive.jpg", "YCbCr 4:2:0, progressive")
    c.pillow_write("jpeg/444-progressive.jpg", im, quality=90, subsampling=0, progressive=True)
    c.add("jpeg/444-progressive.jpg", "YCbCr 4:4:4, progressive")
    c.pillow_write("jpeg/420-optimized.jpg", im, quality=75, subsampling=2, optimize=True)
    c.add("jpeg/420-optimized.jpg", "YCbCr 4:2:0, optimised Huffman tables")
    c.pillow_write("jpeg/420-tiny.jpg", Image.fromarray(content(7, 9, 3)), quality=90, subsampling=2)
    c.add("jpeg/420-tiny.jpg", "YCbCr 4:2:0, 9×7 (one MCU, edges only)")
    c.pillow_write("jpeg/420-icc.jpg", im, quality=90, subsampling=2, icc_profile=icc_profile("RGB "))
    c.add("jpeg/420-icc.jpg", "YCbCr 4:2:0 with an ICC profile (wide-gamut gamma 1.0)")
    c.pillow_write("jpeg/grey-icc.jpg", im.convert("L"), quality=90, icc_profile=icc_profile("GRAY"))
    c.add("jpeg/grey-icc.jpg", "grey with an ICC profile (grey gamma 1.0)")
    for orientation in (3, 6, 8):
        exif = Image.Exif()
        exif[0x0112] = orientation
        c.pillow_write(f"jpeg/exif-orientation{orientation}.jpg", im, quality=90, exif=exif.tobytes())
        c.add(f"jpeg/exif-orientation{orientation}.jpg", f"EXIF Orientation {orientation} (not applied, as Pillow)")
    c.pillow_write("jpeg/cmyk.jpg", im.convert("CMYK"), quality=90)
    c.add("jpeg/cmyk.jpg", "CMYK (Adobe, inverted), written by Pillow")
    c.truncated("jpeg/420-truncated.jpg", "YCbCr 4:2:0, cut inside the scan", 300)


# committed files Pillow cannot write: name → (variant, expectation, facts); tools/pixel_corpus_fixtures/README.md
FIXTURE_CASES = {
    "jpeg/411.jpg": ("YCbCr 4:1:1 (cjpeg -sample 4x1)", "equal", {}),
    "jpeg/440.jpg": ("YCbCr 4:4:0 (cjpeg -sample 1x2)", "equal", {}),
    "jpeg/restart.jpg": ("YCbCr 4:2:0, a restart marker every MCU row (cjpeg -restart 1)", "equal", {}),
    "jpeg/rgb.jpg": ("RGB components, no YCbCr transform (cjpeg -rgb)", "equal", {}),
    "jpeg/ycck.jpg": ("YCCK (Adobe transform 2, ImageMagick -colorspace CMYK)", "equal", {}),
    "jpeg/arithmetic.jpg": ("arithmetic coding (cjpeg -arithmetic)", "refused", {"reason": "arithmetic"}),
    "jpeg/arithmetic-progressive.jpg": ("arithmetic coding, progressive (cjpeg -arithmetic -progressive)", "refused",
                                        {"reason": "arithmetic"}),
}


def fixture_cases(c):
    for name, (variant, expect, facts) in FIXTURE_CASES.items():
        shutil.copyfile(os.path.join(FIXTURES, os.path.basename(name)), c.path(name))
        c.add(name, variant, expect, **facts)


def tiff_cases(c):
    rgb = content(H, W, 4)
    g = grey(rgb)
    a = alpha_vignette(H, W)
    g16 = 1000 + g.astype(np.uint16) * 40
    rgb16 = rgb.astype(np.uint16) * 257 + (np.arange(H * W * 3).reshape(H, W, 3) % 200).astype(np.uint16)
    t = lambda name, planes, photometric, depth, variant, expect="equal", facts=None, **kw: (  # noqa: E731
        tiff(c.path(name), planes, photometric, depth, **kw), c.add(name, variant, expect, **(facts or {})))
    # grey
    t("tiff/grey1.tif", (g > 128)[:, :, None].astype(np.uint8), 1, 1, "grey (min-is-black), 1 bit")
    t("tiff/grey1-miniswhite.tif", (g > 128)[:, :, None].astype(np.uint8), 0, 1, "grey min-is-white, 1 bit")
    t("tiff/grey4.tif", (g >> 4)[:, :, None], 1, 4, "grey, 4 bits")
    t("tiff/grey8.tif", g[:, :, None], 1, 8, "grey, 8 bits")
    t("tiff/grey8-miniswhite.tif", g[:, :, None], 0, 8, "grey min-is-white, 8 bits")
    tiff(c.path("tiff/grey16.tif"), g16[:, :, None], 1, 16)
    c.stretch("tiff/grey16.tif", "grey, 16 bits", g16)
    tiff(c.path("tiff/grey16-be.tif"), g16[:, :, None], 1, 16, big_endian=True)
    c.stretch("tiff/grey16-be.tif", "grey, 16 bits, big-endian", g16)
    f32 = (g.astype(np.float32) - 100) / 7.5
    tiff(c.path("tiff/grey32-float.tif"), f32[:, :, None], 1, 32, sample_format=3)
    c.stretch("tiff/grey32-float.tif", "grey, 32-bit float", f32)
    tiff(c.path("tiff/grey16-8bit-values.tif"), g.astype(np.uint16)[:, :, None], 1, 16)
    c.add("tiff/grey16-8bit-values.tif", "grey, 16 bits holding 8-bit values (0..255): as they are, as Pillow")
    tiff(c.path("tiff/grey32-8bit-values.tif"), g.astype(np.float32)[:, :, None], 1, 32, sample_format=3)
    c.add("tiff/grey32-8bit-values.tif", "grey, 32-bit float holding 8-bit values (0..255): as they are, as Pillow")
    t("tiff/grey-alpha8.tif", np.stack([g, a], -1), 1, 8, "grey + unassociated alpha, 8 bits",
      extra_samples=[2])
    ga = (g.astype(np.uint32) * a // 255).astype(np.uint8)
    tiff(c.path("tiff/grey-alpha8-associated.tif"), np.stack([ga, a], -1), 1, 8, extra_samples=[1])
    unpremultiplied = np.where(a == 0, 0, np.minimum(255, ga.astype(np.uint32) * 255 // np.maximum(a, 1)))
    c.ours("tiff/grey-alpha8-associated.tif", "grey + associated alpha, 8 bits",
           np.repeat(unpremultiplied.astype(np.uint8)[:, :, None], 3, 2), NO_PILLOW + "; premultiplied grey is divided "
           "out as Pillow does for premultiplied RGBA (c·255/a, truncated)")
    tiff(c.path("tiff/grey-alpha16.tif"), np.stack([g16, a.astype(np.uint16) * 257], -1), 1, 16, extra_samples=[2])
    c.ours("tiff/grey-alpha16.tif", "grey + unassociated alpha, 16 bits",
           np.repeat((g16 >> 8).astype(np.uint8)[:, :, None], 3, 2), NO_PILLOW + "; read as Pillow reads 16-bit grey + "
           "alpha PNG: the high byte")
    t("tiff/grey2.tif", (g >> 6)[:, :, None], 1, 2, "grey, 2 bits")
    t("tiff/grey4-miniswhite.tif", (g >> 4)[:, :, None], 0, 4, "grey min-is-white, 4 bits")
    tiff(c.path("tiff/grey16-miniswhite.tif"), g16[:, :, None], 0, 16)
    inverted = 65535 - g16.astype(np.int64)
    c.ours("tiff/grey16-miniswhite.tif", "grey min-is-white, 16 bits",
           np.repeat(stretched(inverted)[:, :, None], 3, 2), "16-bit min-is-white grey is inverted, as the TIFF "
           "standard, ImageIO and ImageJ show it, then stretched as all deep grey is; Pillow neither inverts nor "
           "stretches it")
    # several pages: Pillow reads the first; an ImageJ hyperstack of 3 channels is R, G, B to ImageJ and to NERO
    t("tiff/pages-grey8.tif", g[:, :, None], 1, 8, "three grey pages (the first is used)",
      more_pages=[(255 - g[:, :, None], 1, 8, {}), (g[:, :, None] // 2, 1, 8, {})])
    t("tiff/pages-thumbnail.tif", rgb, 2, 8, "RGB page and a smaller second page (a thumbnail)",
      more_pages=[(rgb[::2, ::2].copy(), 2, 8, {})])
    t("tiff/pages-undecodable-second.tif", rgb, 2, 8, "RGB page, then a page neither decoder reads (16-bit predictor)",
      more_pages=[(rgb16, 2, 16, {"compression": 8, "predictor": 2})])
    tiff(c.path("tiff/imagej-composite.tif"), rgb[:, :, :1], 1, 8,
         more_pages=[(rgb[:, :, 1:2].copy(), 1, 8, {}), (rgb[:, :, 2:3].copy(), 1, 8, {})],
         description="ImageJ=1.54f\nimages=3\nchannels=3\nmode=composite\nloop=false\n")
    c.ours("tiff/imagej-composite.tif", "ImageJ hyperstack, 3 channels of 8-bit grey", rgb,
           "a 3-channel ImageJ hyperstack is read as R, G, B, as ImageJ and Fiji show it and as NERO scores the same "
           "image open in Fiji; Pillow reads its first page (the red channel) as grey")
    ycc = np.array(Image.fromarray(rgb).convert("YCbCr"))
    tiff(c.path("tiff/ycbcr8.tif"), ycc, 6, 8, subsampling=(1, 1))
    c.ours("tiff/ycbcr8.tif", "YCbCr, 8 bits, uncompressed, no subsampling", rgb, NO_PILLOW + " (its reader "
           "expects subsampled data); ImageIO converts YCbCr to RGB by the TIFF defaults (BT.601)", max=3)
    # RGB, every compression we read, byte orders, strips, tiles, planar
    t("tiff/rgb8.tif", rgb, 2, 8, "RGB, 8 bits, uncompressed")
    t("tiff/rgb8-be.tif", rgb, 2, 8, "RGB, 8 bits, big-endian (MM)", big_endian=True)
    t("tiff/rgb8-strips.tif", rgb, 2, 8, "RGB, 8 bits, 4 rows per strip", rows_per_strip=4)
    t("tiff/rgb8-tiled.tif", rgb, 2, 8, "RGB, 8 bits, 16×16 tiles", tile=(16, 16))
    t("tiff/rgb8-packbits.tif", rgb, 2, 8, "RGB, 8 bits, PackBits", compression=32773)
    t("tiff/rgb8-lzw.tif", rgb, 2, 8, "RGB, 8 bits, LZW", compression=5)
    t("tiff/rgb8-deflate.tif", rgb, 2, 8, "RGB, 8 bits, Deflate", compression=8)
    t("tiff/rgb8-deflate-predictor.tif", rgb, 2, 8, "RGB, 8 bits, Deflate, horizontal predictor",
      compression=32946, predictor=2)
    t("tiff/rgb8-planar.tif", rgb, 2, 8, "RGB, 8 bits, planar (one plane per channel)", planar=2)
    t("tiff/rgb8-planar-deflate.tif", rgb, 2, 8, "RGB, 8 bits, planar, Deflate", planar=2, compression=8,
      rows_per_strip=5)
    t("tiff/rgb16.tif", rgb16, 2, 16, "RGB, 16 bits (high byte)")
    t("tiff/rgb16-be.tif", rgb16, 2, 16, "RGB, 16 bits, big-endian", big_endian=True)
    tiff(c.path("tiff/rgb16-planar.tif"), rgb16, 2, 16, planar=2)
    c.ours("tiff/rgb16-planar.tif", "RGB, 16 bits, planar, uncompressed", rgb16 >> 8,
           "Pillow's own reader of uncompressed planar files unpacks 16-bit planes as 8-bit ones (a Pillow bug: the "
           "same file compressed, read through libtiff, gives the high bytes); NERO gives the high byte of each sample")
    t("tiff/rgb16-planar-deflate.tif", rgb16, 2, 16, "RGB, 16 bits, planar, Deflate", planar=2, compression=8)
    t("tiff/rgb16-deflate-predictor.tif", rgb16, 2, 16, "RGB, 16 bits, Deflate, horizontal predictor", "refused",
      {"reason": "predictor"}, compression=8, predictor=2)
    tiff(c.path("tiff/grey16-lzw-predictor.tif"), g16[:, :, None], 1, 16, compression=5, predictor=2)
    c.stretch("tiff/grey16-lzw-predictor.tif", "grey, 16 bits, LZW, horizontal predictor", g16)
    tiff(c.path("tiff/grey16-deflate-predictor.tif"), g16[:, :, None], 1, 16, compression=8, predictor=2,
         orientation=6)
    c.stretch("tiff/grey16-deflate-predictor.tif", "grey, 16 bits, Deflate, horizontal predictor, Orientation 6",
              np.rot90(g16, -1))
    # extra samples
    t("tiff/rgba8-unassociated.tif", np.dstack([rgb, a]), 2, 8, "RGBA, unassociated alpha (ExtraSamples 2)",
      extra_samples=[2])
    premultiplied = (rgb.astype(np.uint32) * a[:, :, None] // 255).astype(np.uint8)
    t("tiff/rgba8-associated.tif", np.dstack([premultiplied, a]), 2, 8,
      "RGBA, associated (premultiplied) alpha (ExtraSamples 1)", extra_samples=[1])
    t("tiff/rgba8-unspecified.tif", np.dstack([rgb, a]), 2, 8, "RGB + an unspecified extra sample (ExtraSamples 0)",
      extra_samples=[0])
    t("tiff/rgba8-planar.tif", np.dstack([rgb, a]), 2, 8, "RGBA, unassociated, planar", extra_samples=[2],
      planar=2)
    t("tiff/rgba16.tif", np.dstack([rgb16, a.astype(np.uint16) * 257]), 2, 16, "RGBA, 16 bits, unassociated",
      extra_samples=[2])
    # palette, CMYK
    idx, pal = quantized(rgb, 16)
    t("tiff/palette4.tif", idx[:, :, None], 3, 4, "palette, 4 bits", palette=np.vstack([pal, pal])[:16])
    idx, pal = quantized(rgb, 256)
    t("tiff/palette8.tif", idx[:, :, None], 3, 8, "palette, 8 bits", palette=pal)
    cmyk = np.array(Image.fromarray(rgb).convert("CMYK"))
    t("tiff/cmyk8.tif", cmyk, 5, 8, "CMYK, 8 bits")
    t("tiff/cmyk8-planar.tif", cmyk, 5, 8, "CMYK, 8 bits, planar", planar=2)
    # orientation: Pillow turns a TIFF page by its Orientation tag when it loads it (not a JPEG's EXIF orientation)
    for o in range(2, 9):
        t(f"tiff/orientation{o}.tif", rgb, 2, 8, f"RGB, Orientation {o} (turned upright, as Pillow does)",
          orientation=o)
    tiff(c.path("tiff/bigtiff.tif"), rgb, 2, 8, bigtiff=True)
    c.add("tiff/bigtiff.tif", "BigTIFF (64-bit offsets), RGB, 8 bits", "refused", reason="bigtiff")
    # damaged
    tiff(c.path("tiff/truncated.tif"), rgb, 2, 8, rows_per_strip=4, cut=200)
    c.add("tiff/truncated.tif", "RGB, the file cut 200 bytes short (directory intact)", "refused", reason="truncated")
    tiff(c.path("tiff/truncated-deflate.tif"), rgb, 2, 8, compression=8, cut=40)
    c.add("tiff/truncated-deflate.tif", "RGB, Deflate, the strip cut short", "refused", reason="truncated")
    # written by Pillow (libtiff)
    im = Image.fromarray(rgb)
    c.pillow_write("tiff/pillow-jpeg.tif", im, compression="jpeg", quality=90)
    c.add("tiff/pillow-jpeg.tif", "RGB, JPEG compression (libtiff, written by Pillow)")
    c.pillow_write("tiff/pillow-lzw.tif", im, compression="tiff_lzw")
    c.add("tiff/pillow-lzw.tif", "RGB, LZW (libtiff, written by Pillow)")
    c.pillow_write("tiff/pillow-palette.tif", im.quantize(32))
    c.add("tiff/pillow-palette.tif", "palette written by Pillow (ColorMap entries v·256)")
    c.pillow_write("tiff/pillow-group4.tif", im.convert("1"), compression="group4")
    c.add("tiff/pillow-group4.tif", "bilevel, CCITT Group 4 (libtiff, written by Pillow)")
    c.pillow_write("tiff/pillow-la.tif", Image.fromarray(np.stack([g, a], -1), "LA"))
    c.add("tiff/pillow-la.tif", "grey + alpha written by Pillow")
    c.pillow_write("tiff/pillow-rgba.tif", Image.fromarray(np.dstack([rgb, a])), compression="tiff_adobe_deflate")
    c.add("tiff/pillow-rgba.tif", "RGBA, Deflate, written by Pillow")


def bmp_cases(c):
    rgb = content(H, W, 5)
    b = lambda name, data, bits, variant, expect="equal", **kw: (  # noqa: E731
        bmp(c.path(name), data, bits, **kw), c.add(name, variant, expect))
    idx2, pal2 = quantized(rgb, 2)
    b("bmp/palette1.bmp", idx2, 1, "1 bit, 2-colour palette", palette=pal2)
    idx16, pal16 = quantized(rgb, 16)
    b("bmp/palette4.bmp", idx16, 4, "4 bits, palette", palette=pal16)
    b("bmp/palette4-rle.bmp", idx16, 4, "4 bits, RLE4", palette=pal16, compression=2, rle_data=rle4(idx16))
    idx, pal = quantized(rgb, 256)
    b("bmp/palette8.bmp", idx, 8, "8 bits, palette", palette=pal)
    b("bmp/palette8-rle.bmp", idx, 8, "8 bits, RLE8", palette=pal, compression=1, rle_data=rle8(idx))
    b("bmp/palette8-topdown.bmp", idx, 8, "8 bits, palette, top-down rows", palette=pal, top_down=True)
    r5, g5, b5 = (rgb[:, :, 0] >> 3).astype(np.uint16), (rgb[:, :, 1] >> 3).astype(np.uint16), \
        (rgb[:, :, 2] >> 3).astype(np.uint16)
    b("bmp/rgb555.bmp", r5 << 10 | g5 << 5 | b5, 16, "16 bits, 5-5-5")
    g6 = (rgb[:, :, 1] >> 2).astype(np.uint16)
    b("bmp/rgb565.bmp", r5 << 11 | g6 << 5 | b5, 16, "16 bits, 5-6-5 bit fields", compression=3,
      masks=(0xF800, 0x07E0, 0x001F))
    b("bmp/rgb24.bmp", rgb, 24, "24 bits")
    b("bmp/rgb24-topdown.bmp", rgb, 24, "24 bits, top-down rows", top_down=True)
    x32 = (rgb[:, :, 0].astype(np.uint32) << 16 | rgb[:, :, 1].astype(np.uint32) << 8 | rgb[:, :, 2]
           | (alpha_vignette(H, W).astype(np.uint32) << 24))
    b("bmp/rgb32.bmp", x32, 32, "32 bits, BI_RGB (fourth byte not alpha)")
    b("bmp/rgba32-v5.bmp", x32, 32, "32 bits, bit fields with alpha, V5 header", compression=3,
      masks=(0xFF0000, 0xFF00, 0xFF, 0xFF000000), header=124)
    b("bmp/rgb24-os2.bmp", rgb, 24, "24 bits, OS/2 core header", header=12)
    c.truncated("bmp/rgb24-truncated.bmp", "24 bits, cut inside the pixel rows", 100)
    c.truncated("bmp/palette8-rle-truncated.bmp", "8 bits, RLE8, cut inside the runs", 60)


def gif_cases(c):
    rgb = content(H, W, 6)
    im = Image.fromarray(rgb)
    q = im.quantize(64)
    c.pillow_write("gif/pillow.gif", q, interlace=False)
    c.add("gif/pillow.gif", "palette, written by Pillow")
    c.pillow_write("gif/pillow-interlaced.gif", q, interlace=True)
    c.add("gif/pillow-interlaced.gif", "palette, interlaced, written by Pillow")
    c.pillow_write("gif/pillow-transparency.gif", q, transparency=5)
    c.add("gif/pillow-transparency.gif", "palette with a transparent index")
    c.pillow_write("gif/pillow-grey.gif", im.convert("L"))
    c.add("gif/pillow-grey.gif", "grey")
    frames = [q, Image.fromarray(content(H, W, 7)).quantize(32)]
    c.pillow_write("gif/pillow-animated.gif", frames[0], save_all=True, append_images=frames[1:])
    c.add("gif/pillow-animated.gif", "animated, two frames with their own palettes (first frame)")
    idx, pal = quantized(rgb, 64)
    gif(c.path("gif/local-palette.gif"), (W, H), [dict(indices=idx, palette=pal)])
    c.add("gif/local-palette.gif", "local colour table only (no global table)")
    gif(c.path("gif/frame-offset.gif"), (W, H), [dict(indices=idx[2:15, 3:18], x=3, y=2)], global_palette=pal,
        background=7)
    c.add("gif/frame-offset.gif", "first frame smaller than the screen, at an offset")
    gif(c.path("gif/frame-offset-transparent.gif"), (W, H),
        [dict(indices=idx[2:15, 3:18], x=3, y=2, transparent=int(idx[5, 5]))], global_palette=pal, background=7)
    c.add("gif/frame-offset-transparent.gif", "first frame at an offset, with a transparent index")
    gif(c.path("gif/interlaced-local.gif"), (W, H), [dict(indices=idx, palette=pal, interlace=True)],
        global_palette=pal[::-1])
    c.add("gif/interlaced-local.gif", "interlaced frame with a local table over a different global one")
    gif(c.path("gif/no-colour-table.gif"), (W, H), [dict(indices=idx)])
    c.add("gif/no-colour-table.gif", "no colour table at all (indices as grey levels)")
    c.truncated("gif/local-palette-truncated.gif", "cut inside the image data", 120)


def reference(path):
    """What Pillow's convert("RGB") gives: the mode it opened, the size, the pixels or its error."""
    with quiet_stderr():
        return _reference(path)


class quiet_stderr:
    """libtiff prints its read errors on file descriptor 2; Pillow's exception says the same."""

    def __enter__(self):
        sys.stderr.flush()
        self.saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)

    def __exit__(self, *exc):
        os.dup2(self.saved, 2)
        os.close(self.saved)


def _reference(path):
    try:
        with Image.open(path) as im:
            mode = im.mode
            rgb = im.convert("RGB")
            size = rgb.size
            pixels = rgb.tobytes()
    except Exception as e:  # noqa: BLE001 - every refusal is recorded as Pillow words it
        return {"pillow_error": f"{type(e).__name__}: {e}".replace(os.path.dirname(os.path.dirname(path)) + os.sep, "")}
    with open(path + ".pillow.rgb", "wb") as f:
        f.write(pixels)
    return {"pillow_mode": mode, "width": size[0], "height": size[1]}


def generate(out):
    c = Corpus(out)
    for make in (png_cases, jpeg_cases, fixture_cases, tiff_cases, bmp_cases, gif_cases):
        make(c)
    for case in c.cases:
        for key, value in reference(os.path.join(out, case["file"])).items():
            case.setdefault(key, value)
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"pillow": Image.__version__, "cases": c.cases}, f, indent=1)
    return c.cases


def table(cases):
    """The corpus as the Markdown table of docs/inputs.md: every file, what Pillow gives, what NERO does."""
    notes = []
    rows = ["| file | variant | Pillow's `convert(\"RGB\")` | NERO |", "|---|---|---|---|"]
    for c in cases:
        pillow = (f"refuses ({c['pillow_error'].split(':')[0]})" if "pillow_error" in c
                  else f"from mode {c['pillow_mode']}")
        if c["expect"] == "equal":
            ours = "the same pixels"
        elif c["expect"] == "tolerance":
            ours = f"within {c['max']} per sample"
        elif c["expect"] == "refused":
            ours = f"refused ({c['reason']})"
        else:
            if c["note"] not in notes:
                notes.append(c["note"])
            ours = f"differs, note {notes.index(c['note']) + 1}" + (f" (within {c['max']})" if "max" in c else "")
        rows.append(f"| `{c['file']}` | {c['variant']} | {pillow} | {ours} |")
    rows.append("")
    rows += [f"{i + 1}. {note[0].upper() + note[1:]}." for i, note in enumerate(notes)]
    return "\n".join(rows) + "\n"


def main(argv):
    if len(argv) == 2 and argv[0] == "--table":
        print(table(generate(argv[1])), end="")
        return 0
    if len(argv) != 1:
        print("usage: pixel_corpus.py OUT_DIR | --table OUT_DIR", file=sys.stderr)
        return 2
    cases = generate(argv[0])
    counts = {}
    for c in cases:
        counts[c["format"]] = counts.get(c["format"], 0) + 1
    print(f"{len(cases)} files in {argv[0]}: " + ", ".join(f"{n} {f}" for f, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
