"""Read the QR codes off photos of certificates, however poor the photo.

Investigators photograph seized cards with phones: tilted, out of focus, under a desk lamp, from far
away, two cards in one frame, next to other QR-like prints. zxing-cpp alone reads most such photos;
this module wraps it in a cheap-first cascade of retries that stops as soon as a pass reads a code:

1. the plain greyscale image (zxing-cpp, QR formats only, which is about ten times faster);
2. a sharpened copy (unsharp mask built from a half-size blur, for out-of-focus shots);
3. crops around every symbol zxing *detected but could not decode* (``return_errors=True`` gives
   their corners), upscaled for small modules, sharpened, contrast-stretched, both binarizers;
4. crops around textured, QR-like regions found from a coarse gradient map (for codes so small or
   soft that zxing does not even detect them);
5. whole-image last resorts: 2x upscale, global-histogram binarizer, half size.

Once a pass has read a code, the other detected-but-unread symbols still get the crop retries, so a
photo of two cards yields both codes even when one is harder to read. Decoys (finder-like squares,
scrambled QR prints) are detected and retried, never "read": error correction rejects them; they cost
a few milliseconds of crop retries each.

Measured with ``bench/qr_decode.py`` (300 synthetic photos, 2-core machine, one thread): plain
zxing-cpp reads about 91% and this cascade 99.7-100%, median about 4 ms per decoded image.

Files are checked before any pixel is decoded: byte size, then the header's pixel count (PIL's own
``Image.MAX_IMAGE_PIXELS`` is left untouched; our limit is a per-call argument). Errors are
:class:`QrDecodeError` with a stable ``code`` and English + Chinese messages naming the input.

Reads no settings.
"""

from __future__ import annotations

import io
import os
import struct
import warnings
from pathlib import Path

import numpy as np
import zxingcpp
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

__all__ = ["QrDecodeError", "ERROR_MESSAGES", "decode_file", "decode_bytes", "decode_image", "decode_image_traced"]

_QR = zxingcpp.BarcodeFormat.QRCode
_LOCAL = zxingcpp.Binarizer.LocalAverage
_GLOBAL = zxingcpp.Binarizer.GlobalHistogram

#: Error code -> (Chinese, English) message templates; ``{name}`` is the input, ``{detail}`` the cause.
ERROR_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("找不到文件：{name}", "file not found: {name}"),
    "unreadable": ("无法读取文件 {name}：{detail}", "cannot read {name}: {detail}"),
    "not_image": ("{name} 不是可识别的图片", "{name} is not a recognised image"),
    "too_large": ("{name} 过大（{detail}），已拒绝处理", "{name} is too large ({detail}); refused"),
    "corrupt": ("{name} 图片已损坏或不完整（{detail}）",
                "{name} is a corrupt or truncated image ({detail})"),
    "no_code": ("{name} 中未找到可识别的二维码", "no readable QR code found in {name}"),
}


class QrDecodeError(ValueError):
    """An input that yields no QR text; ``code`` is a key of :data:`ERROR_MESSAGES`."""

    def __init__(self, path: str | os.PathLike, code: str, message: str, message_zh: str = "") -> None:
        super().__init__(message)
        self.path = str(path)
        self.code = code
        self.message = message
        self.message_zh = message_zh or message

    def __str__(self) -> str:
        return self.message


def _error(name: str, code: str, detail: str = "") -> QrDecodeError:
    zh, en = ERROR_MESSAGES[code]
    detail = " ".join(str(detail).split())[:200]  # one line, whatever the library said
    return QrDecodeError(name, code, en.format(name=name, detail=detail), zh.format(name=name, detail=detail))


# --------------------------------------------------------------------------- public API


def decode_file(path: str | os.PathLike, *, max_pixels: int = 40_000_000, max_bytes: int = 30_000_000) -> list[str]:
    """Texts of every QR code in the image file ``path`` (deduplicated, in the order found).

    Raises :class:`QrDecodeError` (code ``missing``, ``unreadable``, ``not_image``, ``too_large``,
    ``corrupt`` or ``no_code``).
    """
    name = str(path)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise _error(name, "too_large", f"{size} bytes > {max_bytes}")
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise _error(name, "missing") from None
    except IsADirectoryError:
        raise _error(name, "unreadable", "is a directory") from None
    except OSError as exc:
        raise _error(name, "unreadable", exc.strerror or exc) from None
    return decode_bytes(data, name, max_pixels=max_pixels, max_bytes=max_bytes)


def decode_bytes(data: bytes, name: str, *, max_pixels: int = 40_000_000, max_bytes: int = 30_000_000) -> list[str]:
    """Like :func:`decode_file` for image bytes already in memory; ``name`` is used in errors."""
    if len(data) > max_bytes:
        raise _error(name, "too_large", f"{len(data)} bytes > {max_bytes}")
    image = _load(data, name, max_pixels)
    texts = decode_image(image)
    if not texts:
        raise _error(name, "no_code")
    return texts


def decode_image(img: Image.Image) -> list[str]:
    """Texts of every QR code in a PIL image; ``[]`` when there is none (no exception)."""
    return decode_image_traced(img)[0]


def decode_image_traced(img: Image.Image) -> tuple[list[str], str]:
    """:func:`decode_image` plus the name of the cascade pass that read the first code ("" if none)."""
    if img.getexif().get(0x0112, 1) != 1:  # EXIF Orientation: phones store portrait shots rotated
        img = ImageOps.exif_transpose(img)
    search = _Search(_to_gray(img))
    search.run()
    return search.texts, search.step


# --------------------------------------------------------------------------- loading


def _load(data: bytes, name: str, max_pixels: int) -> Image.Image:
    with warnings.catch_warnings():
        # PIL warns between its limit and twice it; our own, lower limit is checked just below.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError:
            raise _error(name, "too_large", "declared size beyond the decompression-bomb limit") from None
        except UnidentifiedImageError:
            raise _error(name, "not_image") from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise _error(name, "corrupt", exc) from None
    width, height = image.size
    if width * height > max_pixels:
        raise _error(name, "too_large", f"{width}x{height} pixels > {max_pixels}")
    if image.format == "JPEG" and image.mode in ("RGB", "YCbCr", "L"):
        # Let libjpeg emit greyscale directly: about half the decode time of a colour photo.
        image.draft("L", image.size)
    try:
        image.load()
    except (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError, ZeroDivisionError) as exc:
        raise _error(name, "corrupt", exc) from None
    return image


def _to_gray(img: Image.Image) -> Image.Image:
    """8-bit greyscale; transparent pixels become white (QR PNGs are often black on transparent)."""
    if img.mode == "L" and "transparency" not in img.info:
        return img
    if img.mode in ("I", "I;16", "I;16B", "I;16L", "F"):
        pixels = np.asarray(img, dtype=np.float32)
        low, high = float(pixels.min()), float(pixels.max())
        scaled = (pixels - low) * (255.0 / (high - low)) if high > low else pixels * 0
        return Image.fromarray(scaled.astype(np.uint8), "L")
    if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return img.convert("L")


# --------------------------------------------------------------------------- image helpers


def _sharpen(img: Image.Image, radius: float, amount: float) -> Image.Image:
    """Unsharp mask ``img + amount * (img - blur(img))``; PIL's blend extrapolates for alpha > 1."""
    if img.width * img.height > 600_000:
        # A blur at half size and scaled back is ~4x cheaper than PIL's UnsharpMask on a photo.
        half = img.reduce(2).filter(ImageFilter.GaussianBlur(max(0.5, radius / 2)))
        blurred = half.resize(img.size, Image.Resampling.BILINEAR)
    else:
        blurred = img.filter(ImageFilter.GaussianBlur(radius))
    return Image.blend(blurred, img, 1.0 + amount)


def _scale(img: Image.Image, factor: float) -> Image.Image:
    if abs(factor - 1.0) < 0.01:
        return img
    size = (max(1, round(img.width * factor)), max(1, round(img.height * factor)))
    return img.resize(size, Image.Resampling.LANCZOS if factor > 1 else Image.Resampling.BOX)


Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in full-image pixels


def _overlaps(a: Box, b: Box) -> bool:
    """True if the centre of ``a`` lies inside ``b``."""
    cx, cy = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    return b[0] <= cx <= b[2] and b[1] <= cy <= b[3]


def _same_symbol(a: Box, b: Box) -> bool:
    """Boxes that mostly cover each other: the same symbol reported twice."""
    iw = min(a[2], b[2]) - max(a[0], b[0])
    ih = min(a[3], b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return False
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return iw * ih > 0.5 * smaller


def _plausible(box: Box, image: Image.Image) -> bool:
    """A detected-but-unread symbol worth a retry: not degenerate, square-ish, not the whole frame."""
    w, h = box[2] - box[0], box[3] - box[1]
    if w < 8 or h < 8 or max(w, h) > 3 * min(w, h):
        return False
    return w * h < 0.6 * image.width * image.height


def _merge(boxes: list[Box]) -> list[Box]:
    """Drop repeats of the same symbol, keeping the largest report of each; largest first."""
    merged: list[Box] = []
    for box in sorted(boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]), reverse=True):
        if not any(_same_symbol(box, other) for other in merged):
            merged.append(box)
    return merged


# --------------------------------------------------------------------------- the cascade


class _Search:
    """One image's decoding state: texts read, where they were, and symbols seen but not read."""

    # Detected-but-unread symbols worth retrying; more than this are decoy prints or noise.
    MAX_CANDIDATES = 6

    def __init__(self, gray: Image.Image) -> None:
        self.gray = gray
        self.texts: list[str] = []
        self.found: list[Box] = []
        self.candidates: list[Box] = []
        self.tried: list[Box] = []
        self.step = ""
        self._sharpened: Image.Image | None = None

    def read(self, img: Image.Image, step: str, *, factor: float = 1.0, offset: tuple[int, int] = (0, 0),
             binarizer: zxingcpp.Binarizer = _LOCAL, collect: bool = True) -> bool:
        """Run zxing on ``img`` (``factor`` x the region at ``offset``); True if it read a new text."""
        results = zxingcpp.read_barcodes(img, formats=_QR, binarizer=binarizer, return_errors=True)
        new = False
        for result in results:
            p = result.position
            xs = [pt.x for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
            ys = [pt.y for pt in (p.top_left, p.top_right, p.bottom_right, p.bottom_left)]
            box = (offset[0] + min(xs) / factor, offset[1] + min(ys) / factor,
                   offset[0] + max(xs) / factor, offset[1] + max(ys) / factor)
            if result.valid and result.text:
                self.found.append(box)
                if result.text not in self.texts:
                    self.texts.append(result.text)
                    new = True
            elif collect and _plausible(box, self.gray):
                self.candidates.append(box)
        if new and not self.step:
            self.step = step
        return new

    def run(self) -> None:
        """The cascade; once a pass reads something, only the crop retries for further codes remain."""
        if self.read(self.gray, "plain") or self.read(self.sharpened(), "sharpen"):
            self.retry_candidates()
            return
        if self.retry_candidates():
            return
        if self.retry_regions():
            self.retry_candidates()
            return
        self.last_resorts()

    def sharpened(self) -> Image.Image:
        if self._sharpened is None:
            self._sharpened = _sharpen(self.gray, 2.0, 1.5)
        return self._sharpened

    # -- crops -------------------------------------------------------------------------------

    def open_candidates(self) -> list[Box]:
        boxes = [b for b in _merge(self.candidates)
                 if not any(_same_symbol(b, f) for f in self.found)
                 and not any(_same_symbol(b, t) for t in self.tried)]
        return boxes[: self.MAX_CANDIDATES]

    def retry_candidates(self) -> bool:
        """Crop retries around detected-but-unread symbols; True if any read a new text."""
        got = False
        for box in self.open_candidates():
            self.tried.append(box)
            got |= self.retry_crop(box, "candidate")
        return got

    def retry_crop(self, box: Box, step: str, side_modules: float = 33.0) -> bool:
        """Try a ladder of enhanced versions of the region ``box`` until one reads."""
        w, h = box[2] - box[0], box[3] - box[1]
        side = max(w, h, 8.0)
        margin = 0.25 * side + 8  # the detected corners can be off; keep the quiet zone
        x0, y0 = max(0, int(box[0] - margin)), max(0, int(box[1] - margin))
        x1 = min(self.gray.width, int(box[2] + margin) + 1)
        y1 = min(self.gray.height, int(box[3] + margin) + 1)
        if x1 - x0 < 8 or y1 - y0 < 8:
            return False
        crop = self.gray.crop((x0, y0, x1, y1))
        module = side / side_modules  # rough: QR versions 2-6 have 25-41 modules
        # Bring modules to about 6 px: zxing's detector struggles below ~3 px once rotated.
        factor = min(4.0, max(1.0, 6.0 / module))
        if (crop.width * factor) * (crop.height * factor) > 4_000_000:
            factor = max(1.0, (4_000_000 / (crop.width * crop.height)) ** 0.5)
        big = _scale(crop, factor)
        m = module * factor  # module size in the enlarged crop
        # Cheapest first; each rung is a few milliseconds on a crop. Names show up in traces.
        ladder = [
            ("crop", lambda: big, _LOCAL),
            ("sharpen", lambda: _sharpen(big, max(1.0, 0.5 * m), 1.5), _LOCAL),
            ("sharpen", None, _GLOBAL),
            # Band-pass: smooth away sensor noise first, then sharpen at the module scale; this is
            # what rescues blurred low-contrast shots, where plain sharpening amplifies the noise.
            ("bandpass", lambda: _sharpen(big.filter(ImageFilter.GaussianBlur(max(0.7, 0.2 * m))),
                                          max(1.5, 0.6 * m), 2.5), _LOCAL),
            ("strong", lambda: _sharpen(big, max(1.5, 0.8 * m), 3.0), _LOCAL),
            ("stretch", lambda: _sharpen(ImageOps.autocontrast(big, cutoff=1), max(1.0, 0.5 * m), 1.5), _LOCAL),
            ("equalize", lambda: ImageOps.equalize(big), _GLOBAL),
            ("x2", lambda: _sharpen(_scale(big, 2.0), max(1.0, m), 1.0), _LOCAL),
            ("crop", None, _GLOBAL),
        ]
        made: dict[str, Image.Image] = {}  # a rung with make=None reuses the image of that name
        for name, make, binarizer in ladder:
            if make is not None:
                made[name] = make()
            label = f"{step}:{name}" + ("/global" if binarizer is _GLOBAL else "")
            if self.read(made[name], label, factor=factor, offset=(x0, y0), binarizer=binarizer, collect=False):
                return True
        return False

    # -- regions nobody detected ---------------------------------------------------------------

    def retry_regions(self) -> bool:
        got = False
        for box in _textured_regions(self.gray):
            if any(_overlaps(box, f) for f in self.found):
                continue
            if self.retry_crop(box, "region"):
                got = True
                break
        return got

    def last_resorts(self) -> None:
        gray = self.gray
        pixels = gray.width * gray.height
        if pixels <= 3_000_000 and self.read(_sharpen(_scale(gray, 2.0), 2.0, 1.0), "x2", factor=2.0):
            return
        if self.read(self.sharpened(), "sharpen/global", binarizer=_GLOBAL):
            return
        if self.read(_sharpen(_scale(gray, 0.5), 1.5, 2.0), "half", factor=0.5):
            return


def _textured_regions(gray: Image.Image, limit: int = 4) -> list[Box]:
    """Square-ish blobs of strong two-way texture (QR-like), best first, from a coarse gradient map."""
    factor = max(1, round(max(gray.size) / 800))
    small = gray.reduce(factor) if factor > 1 else gray
    a = np.asarray(small, dtype=np.float32)
    cell = 6
    rows, cols = a.shape[0] // cell, a.shape[1] // cell
    if rows < 3 or cols < 3:
        return []
    gx = np.abs(np.diff(a, axis=1))[: rows * cell, : cols * cell - 1]
    gy = np.abs(np.diff(a, axis=0))[: rows * cell - 1, : cols * cell]
    gx = np.pad(gx, ((0, 0), (0, 1)))
    gy = np.pad(gy, ((0, 1), (0, 0)))
    # Both directions must be busy: text lines and table grain are mostly one-way.
    sx = gx.reshape(rows, cell, cols, cell).mean(axis=(1, 3))
    sy = gy.reshape(rows, cell, cols, cell).mean(axis=(1, 3))
    score = np.minimum(sx, sy)
    # Relative to the typical cell, so sensor noise on a low-contrast photo does not light up all.
    floor = float(np.median(score))
    threshold = floor + max(1.5, 0.4 * (float(score.max()) - floor))
    mask = score >= threshold
    seen = np.zeros_like(mask)
    blobs: list[tuple[float, Box]] = []
    for r0, c0 in zip(*(idx.tolist() for idx in np.nonzero(mask))):
        if seen[r0, c0]:
            continue
        stack, cells = [(r0, c0)], []
        seen[r0, c0] = True
        while stack:
            r, c = stack.pop()
            cells.append((r, c))
            for rr, cc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= rr < rows and 0 <= cc < cols and mask[rr, cc] and not seen[rr, cc]:
                    seen[rr, cc] = True
                    stack.append((rr, cc))
        rs, cs = [p[0] for p in cells], [p[1] for p in cells]
        height, width = max(rs) - min(rs) + 1, max(cs) - min(cs) + 1
        if len(cells) < 4 or max(height, width) > 3 * min(height, width):
            continue
        total = float(sum(score[r, c] for r, c in cells))
        scale = cell * factor
        blobs.append((total, (min(cs) * scale, min(rs) * scale, (max(cs) + 1) * scale, (max(rs) + 1) * scale)))
    blobs.sort(key=lambda item: item[0], reverse=True)
    return [box for _, box in blobs[:limit]]
