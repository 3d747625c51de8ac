#!/usr/bin/python3
"""Generate the synthetic, endoscopy-like demo set in sample-data/ (deterministic, fixed seed).

Every image is drawn by this script from random numbers; nothing is copied from a real dataset.
In-distribution (ID) classes imitate three normal anatomical landmarks with visibly different structure:
  cecum    - colon mucosa with a visible vessel net and a tri-radiate (crow's-foot) fold around a slit orifice
  pylorus  - smooth gastric mucosa converging radially on a round, ring-shaped sphincter opening
  z-line   - pale squamous mucosa above a wavy border to deep-red gastric mucosa, palisade vessels, dark lumen
Out-of-distribution (OOD) kinds show things a classifier trained on the ID classes has never seen:
  polyp       - a raised, lobulated, shaded blob on colon mucosa
  dyed        - blue (indigo-carmine-like) staining of the mucosa
  bleeding    - dark-red pooled blood with glossy streaks
  instrument  - a grey metal tool shaft and wire loop entering from the border

Layout written under --out (default: sample-data/ next to tools/):
  id/train/<class>/*.jpg, id/val/<class>/*.jpg, id/test/<class>/*.jpg, ood/<kind>/*.jpg,
  dicom/pylorus-still.dcm (VL Endoscopic Image Storage, RGB, uncompressed), video/cecum-to-polyp.mp4 (H.264).

The video needs the `ffmpeg` program (Debian: apt-get install -y --no-install-recommends ffmpeg) with libx264;
use --no-video to skip it.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ID_CLASSES = ("cecum", "pylorus", "z-line")
OOD_KINDS = ("polyp", "dyed", "bleeding", "instrument")
DEFAULT_COUNTS = {"train": 60, "val": 15, "test": 20, "ood": 15}
SEED = 20250611
JPEG_QUALITY = 88


# ---------------------------------------------------------------------------------------------- drawing helpers

def stable_seed(*parts):
    """A seed that depends only on the given names, so every image is reproducible on its own."""
    digest = hashlib.sha256(("|".join(str(p) for p in (SEED,) + parts)).encode()).digest()
    return int.from_bytes(digest[:8], "little")


def smooth_noise(rng, size, cells):
    """Low-frequency noise in [0,1]: random grid upsampled bicubically."""
    grid = rng.random((cells, cells)).astype(np.float32)
    img = Image.fromarray((grid * 255).astype(np.uint8)).resize((size, size), Image.BICUBIC)
    return np.asarray(img, dtype=np.float32) / 255.0


def blurred(mask_img, radius):
    return np.asarray(mask_img.filter(ImageFilter.GaussianBlur(radius)), dtype=np.float32) / 255.0


def new_mask(size):
    return Image.new("L", (size, size), 0)


def blend(img, mask, color, strength=1.0):
    """Mix img towards color where mask is high."""
    m = (np.clip(mask, 0, 1) * strength)[..., None]
    return img * (1 - m) + np.asarray(color, dtype=np.float32) * m


def shade(img, mask, factor):
    """Multiply brightness by (1 + factor * mask); negative factor darkens."""
    return img * (1 + factor * np.clip(mask, -1, 1))[..., None]


def random_walk_line(rng, size, start, steps, step_len, turn):
    angle = rng.uniform(0, 2 * np.pi)
    x, y = start
    pts = [(x, y)]
    for _ in range(steps):
        angle += rng.normal(0, turn)
        x += step_len * np.cos(angle)
        y += step_len * np.sin(angle)
        pts.append((x, y))
    return pts


def vessels(rng, size, count, width=1, vertical=False, region=None):
    """Thin branching dark lines (submucosal vessels) as a soft mask."""
    mask = new_mask(size)
    draw = ImageDraw.Draw(mask)
    for _ in range(count):
        if region is None:
            start = (rng.uniform(0, size), rng.uniform(0, size))
        else:
            start = (rng.uniform(0, size), rng.uniform(*region))
        if vertical:
            x, y = start
            pts = [(x, y)]
            for _ in range(14):
                x += rng.normal(0, 1.2)
                y += 2.5
                pts.append((x, y))
        else:
            pts = random_walk_line(rng, size, start, int(rng.integers(8, 20)), size / 30, 0.5)
        draw.line(pts, fill=int(rng.integers(140, 255)), width=width)
        if not vertical and rng.random() < 0.6:
            branch_from = pts[len(pts) // 2]
            draw.line(random_walk_line(rng, size, branch_from, 8, size / 40, 0.6), fill=150, width=width)
    return blurred(mask, 0.6)


def base_mucosa(rng, size, color, texture=0.18):
    """Pinkish-red mucosa with low-frequency illumination and fine granular texture."""
    jitter = rng.normal(0, 0.03, 3)
    img = np.ones((size, size, 3), np.float32) * (np.asarray(color, np.float32) + jitter)
    light = 0.75 + 0.5 * smooth_noise(rng, size, 4)
    grain = 1 + texture * (smooth_noise(rng, size, size // 6) - 0.5)
    return img * (light * grain)[..., None]


def lumen(rng, size, center, radius):
    """Dark, softly edged lumen (the far end of the tube)."""
    mask = new_mask(size)
    cx, cy = center
    r = radius
    ImageDraw.Draw(mask).ellipse((cx - r, cy - r * rng.uniform(0.7, 1.0), cx + r, cy + r), fill=255)
    return blurred(mask, radius * 0.6)


def highlights(rng, size, img, count):
    """Specular reflections: small white spots, typical of wet mucosa under endoscope light."""
    mask = new_mask(size)
    draw = ImageDraw.Draw(mask)
    for _ in range(count):
        x, y = rng.uniform(0.15, 0.85, 2) * size
        r = rng.uniform(0.6, 2.2)
        draw.ellipse((x - r, y - r * 0.6, x + r, y + r * 0.6), fill=255)
    return blend(img, blurred(mask, 0.7), (1.0, 0.98, 0.95), 0.9)


def endoscope_vignette(rng, size, img):
    """Radial fall-off and the black circular border of an endoscope view."""
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    c = (size - 1) / 2 + rng.normal(0, 1.0, 2)
    d = np.hypot(xx - c[0], yy - c[1]) / (size / 2)
    falloff = np.clip(1.15 - 0.55 * d ** 2, 0, 1)
    circle = np.clip((1.02 - d) * 12, 0, 1)
    return img * (falloff * circle)[..., None]


def fold_ridges(rng, size, count, curvature=0.35):
    """Curved mucosal folds: a bright crest with a shadow line beside it, as a signed mask."""
    crest, shadow = new_mask(size), new_mask(size)
    dc, ds = ImageDraw.Draw(crest), ImageDraw.Draw(shadow)
    for _ in range(count):
        cx, cy = rng.uniform(-0.3, 1.3, 2) * size
        r = rng.uniform(0.4, 0.9) * size
        a0 = rng.uniform(0, 360)
        span = rng.uniform(40, 100) * (1 + curvature)
        w = int(rng.integers(2, 4))
        dc.arc((cx - r, cy - r, cx + r, cy + r), a0, a0 + span, fill=220, width=w)
        ds.arc((cx - r - w, cy - r - w, cx + r + w, cy + r + w), a0, a0 + span, fill=200, width=w)
    return blurred(crest, 1.2) - blurred(shadow, 1.5)


# ---------------------------------------------------------------------------------------------- ID classes

def draw_cecum(rng, size):
    img = base_mucosa(rng, size, (0.86, 0.52, 0.42))
    img = shade(img, fold_ridges(rng, size, 2), 0.25)
    # tri-radiate fold: three bright ridges meeting near the appendiceal orifice
    cx, cy = rng.uniform(0.35, 0.65, 2) * size
    crest, shadow = new_mask(size), new_mask(size)
    base_angle = rng.uniform(0, 2 * np.pi)
    for k in range(3):
        a = base_angle + k * 2 * np.pi / 3 + rng.normal(0, 0.2)
        pts = [(cx, cy)]
        x, y = cx, cy
        for _ in range(10):
            a += rng.normal(0, 0.08)
            x += size / 22 * np.cos(a)
            y += size / 22 * np.sin(a)
            pts.append((x, y))
        ImageDraw.Draw(crest).line(pts, fill=255, width=4)
        ImageDraw.Draw(shadow).line([(px + 2, py + 3) for px, py in pts], fill=255, width=4)
    img = shade(img, blurred(crest, 1.5) - blurred(shadow, 1.8), 0.35)
    # slit-like orifice at the meeting point
    slit = new_mask(size)
    ImageDraw.Draw(slit).ellipse((cx - 7, cy - 2, cx + 7, cy + 2), fill=255)
    img = shade(img, blurred(slit, 1.0), -0.75)
    img = blend(img, vessels(rng, size, int(rng.integers(7, 11))), (0.45, 0.10, 0.12), 0.75)
    return img


def draw_pylorus(rng, size):
    img = base_mucosa(rng, size, (0.90, 0.50, 0.47), texture=0.10)
    cx, cy = (0.5 + rng.normal(0, 0.07, 2)) * size
    r = rng.uniform(0.09, 0.15) * size
    # radial folds converging on the opening
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    ang = np.arctan2(yy - cy, xx - cx)
    dist = np.hypot(xx - cx, yy - cy)
    n_folds = int(rng.integers(6, 10))
    radial = np.sin(ang * n_folds + rng.uniform(0, 6.3)) * np.exp(-dist / (0.45 * size))
    img = shade(img, radial, 0.15)
    # sphincter ring: bright thick rim around a dark round opening
    ring = new_mask(size)
    ImageDraw.Draw(ring).ellipse((cx - 2 * r, cy - 2 * r, cx + 2 * r, cy + 2 * r), outline=255, width=int(r * 0.7))
    img = shade(img, blurred(ring, 2.5), 0.35)
    hole = new_mask(size)
    ImageDraw.Draw(hole).ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    img = shade(img, blurred(hole, r * 0.35), -0.88)
    img = blend(img, vessels(rng, size, int(rng.integers(0, 3))), (0.55, 0.18, 0.18), 0.4)
    return img


def draw_z_line(rng, size):
    img = base_mucosa(rng, size, (0.80, 0.28, 0.25), texture=0.14)
    # wavy squamo-columnar border with tongues; pale squamous mucosa above it
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    level = rng.uniform(0.4, 0.6) * size
    tilt = rng.normal(0, 0.25)
    wave = sum(rng.uniform(2, 7) * np.sin(xx * rng.uniform(0.05, 0.25) + rng.uniform(0, 6.3)) for _ in range(3))
    border = level + tilt * (xx - size / 2) + wave
    pale = np.clip((border - yy) / 3.0, 0, 1)
    img = blend(img, pale, (0.93, 0.74, 0.70), 0.85)
    palisade = vessels(rng, size, int(rng.integers(8, 14)), vertical=True, region=(0, level * 0.8))
    img = blend(img, palisade * pale, (0.55, 0.20, 0.22), 0.7)
    cx = rng.uniform(0.35, 0.65) * size
    img = shade(img, lumen(rng, size, (cx, level + rng.uniform(0.12, 0.25) * size), 0.12 * size), -0.85)
    return img


# ---------------------------------------------------------------------------------------------- OOD kinds

def generic_colon(rng, size):
    img = base_mucosa(rng, size, (0.86, 0.50, 0.42))
    img = shade(img, fold_ridges(rng, size, int(rng.integers(1, 4))), 0.25)
    if rng.random() < 0.5:
        img = shade(img, lumen(rng, size, rng.uniform(0.2, 0.8, 2) * size, 0.1 * size), -0.8)
    return blend(img, vessels(rng, size, int(rng.integers(2, 6))), (0.45, 0.10, 0.12), 0.5)


def draw_polyp(rng, size):
    img = generic_colon(rng, size)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    for _ in range(int(rng.integers(1, 3))):
        cx, cy = rng.uniform(0.3, 0.7, 2) * size
        rx, ry = rng.uniform(0.12, 0.24, 2) * size
        d = np.hypot((xx - cx) / rx, (yy - cy) / ry)
        body = np.clip(1 - d, 0, 1)
        lobes = 1 + 0.25 * (smooth_noise(rng, size, 12) - 0.5)
        height = np.sqrt(body) * lobes
        img = blend(img, np.clip(body * 4, 0, 1), (0.82, 0.36, 0.32), 0.7)
        # light from the top-left: brighter on the upper left flank, shadow on the lower right rim
        gy, gx = np.gradient(height)
        img = shade(img, np.clip(-(gx + gy) * 6, -1, 1), 0.6)
        img = shade(img, np.clip((d - 1) * -3 + 0.3, 0, 1) * (d > 0.9), -0.4)
    return img


def draw_dyed(rng, size):
    img = generic_colon(rng, size)
    stain = np.clip((smooth_noise(rng, size, 5) - rng.uniform(0.25, 0.45)) * 3, 0, 1)
    img = blend(img, stain, (0.20, 0.30, 0.62), 0.85)
    if rng.random() < 0.6:  # lifted bleb: pale blue dome
        cx, cy = rng.uniform(0.3, 0.7, 2) * size
        r = rng.uniform(0.15, 0.25) * size
        dome = new_mask(size)
        ImageDraw.Draw(dome).ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
        img = blend(img, blurred(dome, r * 0.3), (0.55, 0.65, 0.85), 0.7)
    return img


def draw_bleeding(rng, size):
    img = generic_colon(rng, size)
    pool = np.clip((smooth_noise(rng, size, 4) - rng.uniform(0.3, 0.5)) * 4, 0, 1)
    img = blend(img, pool, (0.30, 0.02, 0.03), 0.92)
    streaks = vessels(rng, size, int(rng.integers(4, 8)), width=3)
    img = blend(img, streaks, (0.45, 0.03, 0.05), 0.8)
    return highlights(rng, size, img, int(rng.integers(3, 8)))


def draw_instrument(rng, size):
    img = draw_generic_landmark(rng, size)
    # shaft from a border point towards the centre, metallic gradient across its width
    angle = rng.uniform(0, 2 * np.pi)
    start = np.array([np.cos(angle), np.sin(angle)]) * size * 0.75 + size / 2
    tip = size / 2 + rng.normal(0, 0.1, 2) * size
    width = rng.uniform(0.09, 0.16) * size
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    axis = tip - start
    length = np.linalg.norm(axis)
    u = axis / length
    rel_x, rel_y = xx - start[0], yy - start[1]
    along = rel_x * u[0] + rel_y * u[1]
    across = -rel_x * u[1] + rel_y * u[0]
    inside = (along > 0) & (along < length) & (np.abs(across) < width / 2)
    metal = 0.45 + 0.35 * np.cos(across / (width / 2) * 1.4) + 0.08 * np.sin(along * 0.9)
    grey = np.stack([metal * 0.95, metal * 0.97, metal], axis=-1)
    soft = blurred(Image.fromarray((inside * 255).astype(np.uint8)), 0.8)[..., None]
    img = img * (1 - soft) + grey * soft
    # wire loop (snare) at the tip
    loop = new_mask(size)
    r = rng.uniform(0.1, 0.18) * size
    ImageDraw.Draw(loop).ellipse((tip[0] - r, tip[1] - r, tip[0] + r, tip[1] + r), outline=255, width=2)
    return blend(img, blurred(loop, 0.5), (0.85, 0.85, 0.88), 0.9)


def draw_generic_landmark(rng, size):
    """Instruments are seen in any location, so their background is any ID landmark or plain colon."""
    choice = int(rng.integers(0, 4))
    return (draw_cecum, draw_pylorus, draw_z_line, generic_colon)[choice](rng, size)


DRAWERS = {"cecum": draw_cecum, "pylorus": draw_pylorus, "z-line": draw_z_line,
           "polyp": draw_polyp, "dyed": draw_dyed, "bleeding": draw_bleeding, "instrument": draw_instrument}


def render(kind, seed, size):
    """One finished uint8 RGB image of the given class or OOD kind."""
    rng = np.random.default_rng(seed)
    img = DRAWERS[kind](rng, size)
    img = highlights(rng, size, img, int(rng.integers(2, 7)))
    img = endoscope_vignette(rng, size, img)
    img = img * rng.uniform(0.85, 1.1)  # exposure
    return (np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)


# ---------------------------------------------------------------------------------------------- outputs

def write_images(out, counts, size):
    written = 0
    for split in ("train", "val", "test"):
        for cls in ID_CLASSES:
            folder = os.path.join(out, "id", split, cls)
            os.makedirs(folder, exist_ok=True)
            for i in range(counts[split]):
                pixels = render(cls, stable_seed("id", split, cls, i), size)
                Image.fromarray(pixels).save(os.path.join(folder, f"{cls}-{split}-{i:03d}.jpg"), quality=JPEG_QUALITY)
                written += 1
    for kind in OOD_KINDS:
        folder = os.path.join(out, "ood", kind)
        os.makedirs(folder, exist_ok=True)
        for i in range(counts["ood"]):
            pixels = render(kind, stable_seed("ood", kind, i), size)
            Image.fromarray(pixels).save(os.path.join(folder, f"{kind}-{i:03d}.jpg"), quality=JPEG_QUALITY)
            written += 1
    return written


def write_dicom(out, size):
    """One synthetic VL Endoscopic Image (uncompressed RGB) with dummy, anonymous identification."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import ExplicitVRLittleEndian, generate_uid

    sop_class = "1.2.840.10008.5.1.4.1.1.77.1.1"  # VL Endoscopic Image Storage
    pixels = render("pylorus", stable_seed("dicom", "pylorus"), size)

    def uid(name):  # deterministic UIDs so regeneration gives identical bytes
        return generate_uid(entropy_srcs=[str(SEED), name])

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = uid("sop")
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = uid("implementation")

    ds = Dataset()
    ds.file_meta = meta
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = uid("study")
    ds.SeriesInstanceUID = uid("series")
    ds.Modality = "ES"
    ds.PatientName = "Anonymous^Synthetic"
    ds.PatientID = "NERO-SAMPLE-0001"
    ds.PatientBirthDate = ""
    ds.PatientSex = ""
    ds.StudyDate = ds.ContentDate = "20250101"
    ds.StudyTime = ds.ContentTime = "120000"
    ds.AccessionNumber = ""
    ds.ReferringPhysicianName = ""
    ds.StudyID = "1"
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.Manufacturer = "NERO for Fiji sample generator"
    ds.ImageType = ["DERIVED", "SECONDARY"]
    ds.ImageComments = "Synthetic pylorus-like image drawn by tools/make_sample_data.py; not a patient image."
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = "RGB"
    ds.PlanarConfiguration = 0
    ds.Rows, ds.Columns = pixels.shape[:2]
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.PixelData = pixels.tobytes()

    folder = os.path.join(out, "dicom")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "pylorus-still.dcm")
    ds.save_as(path, write_like_original=False)
    return path


def video_frames(width, height, count):
    """A slow pan over a wide cecum-like scene, with a polyp sliding into view in the second half."""
    scene_w = width * 2
    rng = np.random.default_rng(stable_seed("video", "scene"))
    left = draw_cecum(rng, height * 2)[:, :, :]
    right = draw_polyp(np.random.default_rng(stable_seed("video", "polyp")), height * 2)
    scene = np.concatenate([left, right], axis=1)  # (2h, 4h, 3)
    scene_img = Image.fromarray((np.clip(scene, 0, 1) * 255).astype(np.uint8)).resize((scene_w * 2, height * 2))
    frames = []
    vignette_rng = np.random.default_rng(stable_seed("video", "vignette"))
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    d = np.hypot((xx - width / 2) / (width / 2), (yy - height / 2) / (height / 2))
    mask = (np.clip(1.15 - 0.55 * d ** 2, 0, 1) * np.clip((1.02 - d) * 12, 0, 1))[..., None]
    del vignette_rng
    for t in range(count):
        x0 = int(round(t / max(count - 1, 1) * (scene_w * 2 - width * 2)))
        crop = scene_img.crop((x0, height // 2, x0 + width * 2, height // 2 + height * 2)).resize((width, height))
        frame = np.asarray(crop, np.float32) / 255.0 * mask
        frames.append((np.clip(frame, 0, 1) * 255 + 0.5).astype(np.uint8))
    return frames


def write_video(out, width=160, height=128, fps=10, seconds=2):
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise SystemExit("make_sample_data: ffmpeg not found (apt-get install -y --no-install-recommends ffmpeg),"
                         " or pass --no-video")
    folder = os.path.join(out, "video")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "cecum-to-polyp.mp4")
    frames = video_frames(width, height, fps * seconds)
    cmd = [ffmpeg, "-y", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{width}x{height}",
           "-r", str(fps), "-i", "-", "-c:v", "libx264", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
           "-preset", "medium", "-crf", "23", "-threads", "1", "-x264-params", "sliced-threads=0",
           "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", "-movflags", "+faststart", path]
    subprocess.run(cmd, input=b"".join(f.tobytes() for f in frames), check=True)
    return path


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(here, "..", "sample-data"), help="output folder")
    parser.add_argument("--size", type=int, default=128, help="image side in pixels (default 128)")
    for key, value in DEFAULT_COUNTS.items():
        parser.add_argument(f"--{key}", type=int, default=value, help=f"images per {'kind' if key == 'ood' else 'class'}"
                            f" in {key} (default {value})")
    parser.add_argument("--no-video", action="store_true", help="skip the MP4 (no ffmpeg needed)")
    parser.add_argument("--no-dicom", action="store_true", help="skip the DICOM still (no pydicom needed)")
    parser.add_argument("--clean", action="store_true", help="delete id/, ood/, dicom/, video/ under --out first")
    args = parser.parse_args(argv)

    out = os.path.abspath(args.out)
    if args.clean:
        for sub in ("id", "ood", "dicom", "video"):
            shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
    counts = {key: getattr(args, key) for key in DEFAULT_COUNTS}
    n = write_images(out, counts, args.size)
    print(f"images: {n} under {out}")
    if not args.no_dicom:
        print("dicom:", write_dicom(out, args.size))
    if not args.no_video:
        print("video:", write_video(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
