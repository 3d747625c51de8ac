"""Writes a corpus of colour DICOM objects with pydicom and the RGB each frame must decode to.

Usage: python3 pydicom_corpus.py OUT_DIR

Every photometric interpretation x planar configuration x transfer syntax the Java reader supports, plus pydicom's
own colour sample files. For each object NAME.dcm it writes NAME.dcm.rgb (every frame, row-major, 3 bytes a pixel)
and a line in manifest.tsv: file name, tolerance (largest allowed channel difference), what the expectation is.

Expectations (PS3.3 C.7.6.3.1.2):
  RGB, YBR_FULL, YBR_FULL_422   pydicom's pixel_array, through convert_color_space(..., 'RGB') for YBR; for JPEG
                                pydicom reads the JPEG's YCbCr (Pillow's draft mode) and converts it the same way
  YBR_PARTIAL_422               the Y Y Cb Cr pairs unpacked with pydicom's expand_ybr422, then the inverse of the
                                standard's studio-range equations (pydicom has no conversion for it)
  PALETTE COLOR                 pydicom's apply_color_lut; 16-bit entries to 8 bits by the high byte
Tolerance: 1 where floating point rounding can differ at exact halves (pydicom computes in float32; over all 2^24
Y, Cb, Cr triples 42 of 50,331,648 channel values differ by 1), 0 elsewhere.
"""
import os
import sys

import numpy as np
import pydicom
from pydicom.data import get_palette_files
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate, generate_pixel_data_frame
from pydicom.pixel_data_handlers.util import apply_color_lut, convert_color_space, expand_ybr422
from pydicom.uid import (DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian, ExplicitVRLittleEndian,
                         ImplicitVRLittleEndian, JPEGBaseline8Bit, RLELossless, generate_uid)
from PIL import Image
import io

OUT = sys.argv[1]
SAMPLES = os.path.join(os.path.dirname(pydicom.__file__), 'data', 'test_files')
NATIVE = [('ele', ExplicitVRLittleEndian), ('ile', ImplicitVRLittleEndian), ('ebe', ExplicitVRBigEndian),
          ('dfl', DeflatedExplicitVRLittleEndian)]
ROWS, COLS = 7, 10
rng = np.random.default_rng(21)
manifest = []


def dataset(pi, spp, frames=1, bits=8):
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.SOPClassUID = '1.2.840.10008.5.1.4.1.1.7'
    ds.SOPInstanceUID = generate_uid()
    ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
    ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    ds.Modality = 'OT'
    ds.Rows, ds.Columns = ROWS, COLS
    ds.SamplesPerPixel = spp
    ds.BitsAllocated = bits
    ds.BitsStored = bits
    ds.HighBit = bits - 1
    ds.PixelRepresentation = 0
    ds.PhotometricInterpretation = pi
    if frames > 1:
        ds.NumberOfFrames = frames
    return ds


def save(ds, name, ts):
    ds.file_meta.TransferSyntaxUID = ts
    ds.is_little_endian = ts != ExplicitVRBigEndian
    ds.is_implicit_VR = ts == ImplicitVRLittleEndian
    ds.save_as(os.path.join(OUT, name), write_like_original=False)


def expect(name, tolerance, how, pillow=False):
    """Reads NAME back with pydicom and writes the RGB the Java reader must give (pillow: the JPEG frames decoded by
    Pillow, for a file whose JPEG coding and label disagree)."""
    ds = pydicom.dcmread(os.path.join(OUT, name) if os.path.dirname(name) == '' else name)
    pi = ds.PhotometricInterpretation
    nframes = int(getattr(ds, 'NumberOfFrames', 1) or 1)
    if pillow:
        arr = np.stack([np.asarray(Image.open(io.BytesIO(f)).convert('RGB'))
                        for f in generate_pixel_data_frame(ds.PixelData, nframes)])
        pi = 'RGB'
    elif pi == 'YBR_PARTIAL_422':  # pydicom's handler unpacks only YBR_FULL_422; the layout is the same
        arr = np.frombuffer(expand_ybr422(ds.PixelData[:nframes * ds.Rows * ds.Columns * 2], 8), np.uint8)
        arr = arr.reshape(nframes, ds.Rows, ds.Columns, 3)
    else:
        arr = ds.pixel_array
    if pi in ('YBR_FULL', 'YBR_FULL_422'):
        arr = convert_color_space(arr, pi, 'RGB')
    elif pi == 'YBR_PARTIAL_422':
        arr = partial_to_rgb(arr)
    elif pi == 'PALETTE COLOR':
        arr = apply_color_lut(arr, ds)
        if arr.dtype == np.uint16:
            arr = (arr >> 8).astype(np.uint8) if ds.RedPaletteColorLookupTableDescriptor[2] == 16 or arr.max() > 255 \
                else arr.astype(np.uint8)
        arr = arr[..., :3]
    arr = arr.reshape(nframes, ds.Rows, ds.Columns, 3).astype(np.uint8)
    base = os.path.basename(name)
    with open(os.path.join(OUT, base + '.rgb'), 'wb') as f:
        f.write(arr.tobytes())
    manifest.append((base if os.path.dirname(name) == '' else name, tolerance, how))


def partial_to_rgb(arr):
    forward = np.array([[.2568, .5041, .0979], [-.1482, -.2910, .4392], [.4392, -.3678, -.0714]])
    rgb = (arr.astype(np.float64) - [16, 128, 128]) @ np.linalg.inv(forward).T
    return np.clip(np.floor(rgb + 0.5), 0, 255).astype(np.uint8)


def ybr_samples(frames):
    # random triples, including values outside the RGB gamut, so clipping is exercised
    return rng.integers(0, 256, (frames, ROWS, COLS, 3), dtype=np.uint8)


# RGB and YBR_FULL: every native transfer syntax, both planar configurations, and RLE; one object with 2 frames each
for pi in ('RGB', 'YBR_FULL'):
    for planar in (0, 1):
        for tsname, ts in NATIVE:
            frames = 2 if tsname == 'ele' else 1
            ds = dataset(pi, 3, frames)
            ds.PlanarConfiguration = planar
            a = ybr_samples(frames)
            ds.PixelData = (a.transpose(0, 3, 1, 2) if planar else a).tobytes()
            name = f'{pi}_planar{planar}_{tsname}_{frames}f.dcm'
            save(ds, name, ts)
            expect(name, 0 if pi == 'RGB' else 1, 'pydicom')
    ds = dataset(pi, 3, 2)
    ds.PlanarConfiguration = 0
    ds.compress(RLELossless, ybr_samples(2))
    save(ds, f'{pi}_rle_2f.dcm', RLELossless)
    expect(f'{pi}_rle_2f.dcm', 0 if pi == 'RGB' else 1, 'pydicom')

# RLE holding YBR_FULL_422 (whole planes, as pydicom reads it)
ds = dataset('YBR_FULL', 3)
ds.PlanarConfiguration = 0
ds.compress(RLELossless, ybr_samples(1)[0])
ds.PhotometricInterpretation = 'YBR_FULL_422'
save(ds, 'YBR_FULL_422_rle.dcm', RLELossless)
expect('YBR_FULL_422_rle.dcm', 1, 'pydicom')

# native 4:2:2: Y Y Cb Cr for each pair of pixels
for pi in ('YBR_FULL_422', 'YBR_PARTIAL_422'):
    for tsname, ts in NATIVE:
        frames = 2 if tsname == 'ele' else 1
        ds = dataset(pi, 3, frames)
        ds.PlanarConfiguration = 0
        ds.PixelData = rng.integers(0, 256, frames * ROWS * COLS * 2, dtype=np.uint8).tobytes()
        name = f'{pi}_{tsname}_{frames}f.dcm'
        save(ds, name, ts)
        expect(name, 1, 'pydicom' if pi == 'YBR_FULL_422' else 'pydicom-unpacked, studio-range inverse')

# JPEG Baseline written by Pillow (libjpeg): 4:4:4, 4:2:2, 4:2:0; YBR labels, and RGB over a JFIF YCbCr JPEG
smooth = np.stack(np.meshgrid(np.linspace(0, 255, 32), np.linspace(0, 255, 24)), -1)
picture = np.dstack([smooth[..., 0], smooth[..., 1], 255 - smooth[..., 0]]).astype(np.uint8)
for label, subsampling, pi in (('444', 0, 'YBR_FULL'), ('422', 1, 'YBR_FULL_422'), ('420', 2, 'YBR_FULL_422'),
                               ('420rgb', 2, 'RGB')):
    jpegs = []
    for f in range(2):
        out = io.BytesIO()
        Image.fromarray(np.roll(picture, 5 * f, axis=1)).save(out, 'JPEG', quality=90, subsampling=subsampling)
        jpegs.append(out.getvalue())
    ds = dataset(pi, 3, 2)
    ds.Rows, ds.Columns = picture.shape[:2]
    ds.PlanarConfiguration = 0
    ds.PixelData = encapsulate(jpegs)
    ds['PixelData'].VR = 'OB'
    ds['PixelData'].is_undefined_length = True
    name = f'jpeg_{label}.dcm'
    save(ds, name, JPEGBaseline8Bit)
    if pi == 'RGB':  # the JPEG's JFIF marker says YCbCr, which the decoder converts; pydicom hands out raw YCbCr
        expect(name, 1, 'Pillow: a JFIF YCbCr JPEG labelled RGB', pillow=True)
    else:
        expect(name, 1, 'pydicom (Pillow YCbCr + convert_color_space)')

# PALETTE COLOR: 8-bit and 16-bit entries, an offset first value, the well-known palettes (some segmented)
# (not in Explicit VR Big Endian: pydicom 2.3 writes and reads palette table words in the machine's byte order)
for bits, first in ((8, 0), (8, 40), (16, 0)):
    for tsname, ts in [t for t in NATIVE if t[0] != 'ebe'] + [('rle', RLELossless)]:
        ds = dataset('PALETTE COLOR', 1, bits=bits)
        n = 200 if first else (256 if bits == 8 else 4096)
        for c, k in (('Red', 1), ('Green', 5), ('Blue', 11)):
            setattr(ds, c + 'PaletteColorLookupTableDescriptor', [n, first, bits])
            entries = (np.arange(n) * k * (1 if bits == 8 else 16)) % (2 ** bits)
            tag = pydicom.datadict.tag_for_keyword(c + 'PaletteColorLookupTableData')
            ds[tag] = pydicom.DataElement(tag, 'OW', entries.astype('<u2' if bits == 16 else 'u1').tobytes())
        values = rng.integers(0, 256 if bits == 8 else 4600, (ROWS, COLS)).astype(np.uint8 if bits == 8 else np.uint16)
        name = f'palette{bits}_first{first}_{tsname}.dcm'
        if ts == RLELossless:
            ds.compress(RLELossless, values)
        else:
            ds.PixelData = values.astype('<u2' if bits == 16 else 'u1').tobytes()
        save(ds, name, ts)
        expect(name, 0, 'pydicom apply_color_lut')
for palette in ('hotiron.dcm', 'pet.dcm', 'fall.dcm', 'winter.dcm', 'spring.dcm'):
    source = pydicom.dcmread(get_palette_files(palette)[0])
    ds = dataset('PALETTE COLOR', 1)
    for elem in source:
        if elem.tag.group == 0x0028 and 0x1101 <= elem.tag.element <= 0x1223:
            ds.add(elem)
    ds.PixelData = rng.integers(0, 256, (ROWS, COLS), dtype=np.uint8).tobytes()
    name = 'palette_' + palette
    save(ds, name, ExplicitVRLittleEndian)
    expect(name, 0, 'pydicom apply_color_lut (well-known palette)')

# pydicom's own colour samples (file names relative to its test_files folder)
for sample, tolerance, how in (
        ('SC_rgb_rle.dcm', 0, 'pydicom'), ('SC_rgb_jpeg_dcmd.dcm', 0, 'pydicom'),
        ('SC_rgb_rle_2frame.dcm', 0, 'pydicom'), ('SC_ybr_full_422_uncompressed.dcm', 1, 'pydicom'),
        ('SC_rgb_jpeg_dcmtk.dcm', 1, 'pydicom'), ('SC_rgb_dcmtk_+eb+cy+np.dcm', 1, 'pydicom'),
        ('SC_rgb_dcmtk_+eb+cy+n1.dcm', 1, 'pydicom'), ('SC_rgb_dcmtk_+eb+cy+n2.dcm', 1, 'pydicom'),
        ('SC_rgb_dcmtk_+eb+cy+s2.dcm', 1, 'pydicom'), ('SC_rgb_dcmtk_+eb+cy+s4.dcm', 1, 'pydicom'),
        ('SC_rgb_dcmtk_+eb+cr.dcm', 1, 'pydicom'), ('SC_rgb_jpeg_app14_dcmd.dcm', 1, 'pydicom'),
        ('SC_jpeg_no_color_transform.dcm', 1, 'pydicom'), ('SC_jpeg_no_color_transform_2.dcm', 1, 'pydicom'),
        ('SC_rgb_small_odd_jpeg.dcm', 1, 'pydicom'), ('SC_rgb_small_odd.dcm', 0, 'pydicom (3 x 3 in OW)'),
        ('ExplVR_BigEnd.dcm', 0, 'pydicom'),
        ('SC_rgb_jpeg_lossy_gdcm.dcm', 1, 'Pillow: a YCbCr JPEG labelled RGB; pydicom hands out its raw YCbCr')):
    expect(os.path.join(SAMPLES, sample), tolerance, how, pillow='Pillow' in how)

with open(os.path.join(OUT, 'manifest.tsv'), 'w') as f:
    for name, tolerance, how in manifest:
        f.write(f'{name}\t{tolerance}\t{how}\n')
