"""Synthetic phone photos of special-operation certificates (特种作业操作证) with their QR codes.

The QR-intake code (:mod:`zhenwei.qr`) must read the codes off poor photos that investigators take of
seized cards: tilted, out of focus, badly lit, heavily compressed, shot from far away, two cards in one
frame, or next to other QR-like prints. This module makes such photos deterministically from a seed so
that tests and ``bench/qr_decode.py`` measure decoding on the same pictures every time.

Every photo is a card drawn from scratch (title band, emblem disc, photo placeholder, holder fields, a
QR code made with :mod:`segno`) pasted on a table-like background and put through one named
degradation (see :data:`DEGRADATIONS`). Holders are synthetic: names are drawn from common surname and
given-name characters, ID numbers are generated with a valid GB 11643 check digit. Chinese text needs a
CJK font; when none is installed the labels are drawn in pinyin/English instead.

Reads no settings.
"""

from __future__ import annotations

import glob
import io
import json
import math
import random
import re
import shutil
import struct
import subprocess
import zlib
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import segno
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

#: Named degradations, each a ``+``-joined combination of the basic kinds.
BASIC_DEGRADATIONS: tuple[str, ...] = (
    "rotate",
    "perspective",
    "blur",
    "jpeg30",
    "low_contrast",
    "small_modules",
    "two_codes",
    "decoy",
)
DEGRADATIONS: tuple[str, ...] = BASIC_DEGRADATIONS + (
    "rotate+jpeg30",
    "blur+low_contrast",
    "perspective+jpeg30",
    "rotate+small_modules",
    "two_codes+rotate",
    "decoy+blur",
)

# QR modules are drawn this many pixels wide on the card raster; the card is then resized so that a
# module ends up exactly ``module_px`` wide in the photo.
_CARD_MODULE = 8
_QR_BORDER = 2  # printed cards keep a narrow quiet zone; the card around it is plain too

_SURNAMES = (
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
    ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"), ("林", "Lin"), ("何", "He"), ("郭", "Guo"),
)
_GIVEN = (
    ("伟", "Wei"), ("芳", "Fang"), ("军", "Jun"), ("磊", "Lei"), ("勇", "Yong"), ("静", "Jing"),
    ("强", "Qiang"), ("洋", "Yang"), ("建", "Jian"), ("国", "Guo"), ("明", "Ming"), ("华", "Hua"),
    ("志", "Zhi"), ("平", "Ping"), ("海", "Hai"), ("东", "Dong"), ("新", "Xin"), ("春", "Chun"),
)
# Region codes (first six ID digits) with the issuing authority for that province.
_REGIONS = (
    ("110101", "北京市应急管理局", "Beijing Emergency Management Bureau"),
    ("110105", "北京市应急管理局", "Beijing Emergency Management Bureau"),
    ("310104", "上海市应急管理局", "Shanghai Emergency Management Bureau"),
    ("440305", "广东省应急管理厅", "Guangdong Emergency Management Dept."),
    ("320102", "江苏省应急管理厅", "Jiangsu Emergency Management Dept."),
    ("510104", "四川省应急管理厅", "Sichuan Emergency Management Dept."),
    ("130102", "河北省应急管理厅", "Hebei Emergency Management Dept."),
    ("370102", "山东省应急管理厅", "Shandong Emergency Management Dept."),
    ("420102", "湖北省应急管理厅", "Hubei Emergency Management Dept."),
    ("610113", "陕西省应急管理厅", "Shaanxi Emergency Management Dept."),
)
_ISSUERS = {code[:2]: (zh, en) for code, zh, en in _REGIONS}
_JOBS = (
    ("电工作业", "低压电工作业", "Electrical work", "Low-voltage electrician"),
    ("电工作业", "高压电工作业", "Electrical work", "High-voltage electrician"),
    ("焊接与热切割作业", "熔化焊接与热切割作业", "Welding & thermal cutting", "Fusion welding"),
    ("高处作业", "登高架设作业", "Work at height", "Scaffold erection"),
    ("高处作业", "高处安装、维护、拆除作业", "Work at height", "Installation at height"),
    ("制冷与空调作业", "制冷与空调设备运行操作作业", "Refrigeration & A/C", "Equipment operation"),
)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CERT_NO_RE = re.compile(r"T(\d{17}[\dX])")


# --------------------------------------------------------------------------- synthetic holders


def id_check_digit(first17: str) -> str:
    """GB 11643 check digit for the first 17 digits of a resident ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return "10X98765432"[total % 11]


def synthetic_id(rng: random.Random) -> str:
    """A valid-looking, synthetic 18-digit resident ID number (region, birth date, serial, check)."""
    region = rng.choice(_REGIONS)[0]
    year = rng.randint(1965, 2000)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    first17 = f"{region}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    return first17 + id_check_digit(first17)


@dataclass(frozen=True)
class Holder:
    """The synthetic person and certificate printed on one card."""

    name_zh: str
    name_en: str
    id_number: str
    job: tuple[str, str, str, str]
    first_issued: str
    valid_until: str

    @property
    def cert_no(self) -> str:
        return "T" + self.id_number

    @property
    def male(self) -> bool:
        return int(self.id_number[16]) % 2 == 1

    @property
    def issuer(self) -> tuple[str, str]:
        return _ISSUERS.get(self.id_number[:2], ("应急管理部", "Ministry of Emergency Management"))


def synthetic_holder(rng: random.Random, url: str = "") -> Holder:
    """A synthetic holder; the ID comes from a ``T``+18-digit number in ``url`` when there is one."""
    match = _CERT_NO_RE.search(url)
    id_number = match.group(1) if match else synthetic_id(rng)
    surname = rng.choice(_SURNAMES)
    given = [rng.choice(_GIVEN) for _ in range(rng.choice((1, 2)))]
    name_zh = surname[0] + "".join(g[0] for g in given)
    name_en = surname[1] + " " + "".join(g[1] for g in given).capitalize()
    year = rng.randint(2019, 2024)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return Holder(
        name_zh=name_zh,
        name_en=name_en,
        id_number=id_number,
        job=rng.choice(_JOBS),
        first_issued=f"{year:04d}-{month:02d}-{day:02d}",
        valid_until=f"{year + 6:04d}-{month:02d}-{day:02d}",
    )


# --------------------------------------------------------------------------- fonts

_CJK_FONT_GLOBS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK*.tt[cf]",
    "/usr/share/fonts/**/NotoSansCJK*.[ot]t[cf]",
    "/usr/share/fonts/**/NotoSansSC*.[ot]t[cf]",
    "/usr/share/fonts/truetype/wqy/wqy-*.tt[cf]",
    "/usr/share/fonts/**/wqy-*.tt[cf]",
    "/usr/share/fonts/**/*[Hh]ei*.tt[cf]",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
_LATIN_FONT_GLOBS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/**/DejaVuSans.ttf",
    "/usr/share/fonts/**/LiberationSans-Regular.ttf",
)


@dataclass(frozen=True)
class Fonts:
    """Font files found on this machine; ``None`` where there is none (PIL's default font is used)."""

    cjk: str | None
    latin: str | None


def _first_match(patterns: tuple[str, ...]) -> str | None:
    for pattern in patterns:
        hits = sorted(glob.glob(pattern, recursive=True))
        if hits:
            return hits[0]
    return None


@lru_cache(maxsize=1)
def find_fonts() -> Fonts:
    """Locate a CJK font (Noto CJK, WenQuanYi...) via common paths, then ``fc-list :lang=zh``."""
    cjk = _first_match(_CJK_FONT_GLOBS)
    if cjk is None and shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True, text=True,
                                 timeout=10, check=False).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        files = sorted(line.split(":")[0].strip() for line in out.splitlines() if line.strip())
        cjk = files[0] if files else None
    return Fonts(cjk=cjk, latin=_first_match(_LATIN_FONT_GLOBS))


# --------------------------------------------------------------------------- drawing the card


@lru_cache(maxsize=64)
def _font(size: int, cjk: bool) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    fonts = find_fonts()
    path = fonts.cjk if cjk else fonts.latin
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def qr_matrix(text: str) -> np.ndarray:
    """The QR symbol for ``text`` as a bool array (True = dark), with a ``_QR_BORDER`` quiet zone."""
    qr = segno.make(text, error="m", micro=False)
    rows = list(qr.matrix_iter(scale=1, border=_QR_BORDER, verbose=False))
    return np.array(rows, dtype=bool)


def _modules_to_image(matrix: np.ndarray, module: int) -> Image.Image:
    pixels = np.where(matrix, 20, 250).astype(np.uint8)
    pixels = np.kron(pixels, np.ones((module, module), dtype=np.uint8))
    return Image.fromarray(pixels, "L").convert("RGB")


def _draw_card(holder: Holder, qr_text: str | None, rng: random.Random, back: bool = False,
               marks: bool = False) -> Image.Image:
    """One card face at the card raster scale (QR modules ``_CARD_MODULE`` px wide).

    ``marks`` adds a decoy right above the code: finder-pattern-like squares among dots, the
    kind of "anti-counterfeit" print that lures a detector into wrong finder triples.
    """
    matrix = qr_matrix(qr_text) if qr_text else qr_matrix("https://example.invalid/placeholder")
    qr_side = matrix.shape[0] * _CARD_MODULE
    card_w = round(qr_side / 0.27)
    card_h = round(card_w * 0.63)
    cjk = find_fonts().cjk is not None
    tint = rng.randint(-8, 8)
    card = Image.new("RGB", (card_w, card_h), (246 + min(tint, 0), 242, 232 - abs(tint)))
    draw = ImageDraw.Draw(card)
    unit = card_h / 100.0
    band = (178, 34, 34) if not back else (36, 70, 140)
    draw.rectangle((0, 0, card_w, round(13 * unit)), fill=band)
    title_font = _font(round(6.5 * unit), cjk)
    label_font = _font(round(4.6 * unit), cjk)
    small_font = _font(round(3.6 * unit), cjk)
    if cjk:
        title = "中华人民共和国特种作业操作证" if not back else "特种作业操作证  注意事项"
    else:
        title = "Tezhong Zuoye Caozuozheng (Special Operation Certificate)"
        if back:
            title = "Special Operation Certificate - Notes"
    _fit_text(draw, (round(13 * unit), round(3 * unit)), title, title_font, card_w - round(2 * unit),
              fill=(255, 245, 220))
    # The emblem disc: red with a gold ring, as on the real card.
    cx, cy, r = round(6.5 * unit), round(6.5 * unit), round(5 * unit)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(212, 175, 55))
    draw.ellipse((cx - r + 4, cy - r + 4, cx + r - 4, cy + r - 4), fill=(200, 30, 30))

    qr_x = card_w - qr_side - round(4 * unit)
    qr_y = card_h - qr_side - round(9 * unit)
    if back:
        _draw_back_text(draw, holder, label_font, small_font, unit, cjk, qr_x)
    else:
        _draw_front_text(draw, holder, label_font, unit, cjk, qr_x)
    if marks:
        _draw_marks(card, rng, qr_x, round(15 * unit), card_w - round(4 * unit), qr_y - 2 * _CARD_MODULE)
    if qr_text:
        card.paste(_modules_to_image(matrix, _CARD_MODULE), (qr_x, qr_y))
        caption = "扫码查询真伪" if cjk else "Scan to verify"
        draw.text((qr_x, qr_y + qr_side + round(1.5 * unit)), caption, fill=(60, 60, 60), font=small_font)
    return card


def _draw_front_text(draw, holder: Holder, font, unit: float, cjk: bool, right_edge: int) -> None:
    # Photo placeholder: a grey portrait box with a head-and-shoulders silhouette.
    px0, py0 = round(4 * unit), round(20 * unit)
    px1, py1 = px0 + round(26 * unit), py0 + round(36 * unit)
    draw.rectangle((px0, py0, px1, py1), fill=(200, 210, 225), outline=(120, 120, 120), width=2)
    hx, hy, hr = (px0 + px1) // 2, py0 + round(13 * unit), round(6 * unit)
    draw.ellipse((hx - hr, hy - hr, hx + hr, hy + hr), fill=(90, 95, 110))
    draw.pieslice((px0 + round(3 * unit), py1 - round(14 * unit), px1 - round(3 * unit), py1 + round(12 * unit)),
                  180, 360, fill=(90, 95, 110))
    issuer_zh, issuer_en = holder.issuer
    job_zh, item_zh, job_en, item_en = holder.job
    if cjk:
        rows = [
            f"姓    名：{holder.name_zh}      性别：{'男' if holder.male else '女'}",
            f"证    号：{holder.cert_no}",
            f"作业类别：{job_zh}",
            f"准操项目：{item_zh}",
            f"初领日期：{holder.first_issued}",
            f"有 效 期：{holder.first_issued} 至 {holder.valid_until}",
            f"签发机关：{issuer_zh}",
        ]
    else:
        rows = [
            f"Xingming/Name: {holder.name_en}   Xingbie/Sex: {'M' if holder.male else 'F'}",
            f"Zhenghao/No.: {holder.cert_no}",
            f"Zuoye leibie: {job_en}",
            f"Zhuncao xiangmu: {item_en}",
            f"Chuling riqi: {holder.first_issued}",
            f"Youxiaoqi: {holder.first_issued} - {holder.valid_until}",
            f"Qianfa jiguan: {issuer_en}",
        ]
    x, y = px1 + round(4 * unit), round(18 * unit)
    for i, row in enumerate(rows):
        # Rows must end short of the QR column, or text would eat into the code's quiet zone.
        _fit_text(draw, (x, y + round(i * 9.5 * unit)), row, font, right_edge - round(3 * unit))
    # The red seal over the issuer line.
    sx, sy, sr = px1 + round(40 * unit), y + round(55 * unit), round(9 * unit)
    draw.ellipse((sx - sr, sy - sr, sx + sr, sy + sr), outline=(210, 40, 40), width=max(2, round(unit)))


def _draw_back_text(draw, holder: Holder, font, small, unit: float, cjk: bool, right_edge: int) -> None:
    if cjk:
        rows = [
            "1. 本证在全国范围内有效。",
            "2. 本证每三年复审一次。",
            "3. 持证人应随身携带本证。",
            "4. 本证不得涂改、转借。",
            f"复审记录：{holder.first_issued[:4]}年 已复审",
            "关注公众号查询电子证照",
        ]
    else:
        rows = [
            "1. Valid nationwide.",
            "2. Review (fushen) every three years.",
            "3. Carry this card while working.",
            "4. Do not alter or lend.",
            f"Review record: {holder.first_issued[:4]} reviewed",
            "Follow the WeChat account for the e-certificate",
        ]
    for i, row in enumerate(rows):
        _fit_text(draw, (round(5 * unit), round(20 * unit + i * 10 * unit)), row,
                  font if i < 4 else small, right_edge - round(3 * unit))


def _fit_text(draw, xy: tuple[int, int], text: str, font, right: int, fill=(30, 30, 30)) -> None:
    """Draw ``text`` at ``xy``, in a smaller size if it would run past ``right``."""
    width = draw.textlength(text, font=font)
    room = right - xy[0]
    if width > room and hasattr(font, "font_variant"):
        font = font.font_variant(size=max(8, int(font.size * room / width)))
    draw.text(xy, text, fill=fill, font=font)


# --------------------------------------------------------------------------- decoys


def _decoy_image(rng: random.Random, module: int) -> Image.Image:
    """A white sticker with a QR-like print that is not a readable QR code."""
    variant = rng.choice(("garbled_qr", "datamatrix_like", "finder_marks"))
    n = rng.choice((25, 29, 33))
    grid = np.zeros((n, n), dtype=bool)
    if variant == "garbled_qr":
        # Keep finder and timing patterns, scramble data and format bits: it looks like a QR code
        # and passes detection, but no error correction can recover it.
        grid = np.array([[rng.random() < 0.5 for _ in range(n)] for _ in range(n)])
        for ox, oy in ((0, 0), (n - 7, 0), (0, n - 7)):
            _put_finder(grid, ox, oy)
        grid[6, 8:n - 8] = [(i % 2 == 0) for i in range(8, n - 8)]
        grid[8:n - 8, 6] = [(i % 2 == 0) for i in range(8, n - 8)]
    elif variant == "datamatrix_like":
        grid = np.array([[rng.random() < 0.45 for _ in range(n)] for _ in range(n)])
        grid[:, 0] = True
        grid[n - 1, :] = True
        grid[0, :] = [(i % 2 == 0) for i in range(n)]
        grid[:, n - 1] = [(i % 2 == 1) for i in range(n)]
    else:
        # Finder-like squares scattered among dots, the way some anti-counterfeit prints look.
        grid = np.array([[rng.random() < 0.12 for _ in range(n)] for _ in range(n)])
        for _ in range(rng.randint(2, 4)):
            _put_finder(grid, rng.randint(0, n - 7), rng.randint(0, n - 7))
    padded = np.pad(grid, 3, constant_values=False)
    return _modules_to_image(padded, module)


def _draw_marks(card: Image.Image, rng: random.Random, x0: int, y0: int, x1: int, y1: int) -> None:
    """Finder-like squares and dots in the box (x0, y0, x1, y1), on the module grid."""
    cols, rows = (x1 - x0) // _CARD_MODULE, (y1 - y0) // _CARD_MODULE
    if cols < 9 or rows < 8:
        return
    grid = np.array([[rng.random() < 0.1 for _ in range(cols)] for _ in range(rows)])
    _put_finder(grid, 0, 0)
    _put_finder(grid, cols - 7, rng.randint(0, rows - 7))
    card.paste(_modules_to_image(grid, _CARD_MODULE), (x0, y0))


def _put_finder(grid: np.ndarray, ox: int, oy: int) -> None:
    grid[oy:oy + 7, ox:ox + 7] = True
    grid[oy + 1:oy + 6, ox + 1:ox + 6] = False
    grid[oy + 2:oy + 5, ox + 2:ox + 5] = True


# --------------------------------------------------------------------------- the photograph


@dataclass
class PhotoPlan:
    """How one photo is degraded (recorded as "params" in the manifest)."""

    module_px: float
    angle: float  # degrees
    keystone: float  # 0 = frontal; fraction by which one card edge is shortened
    focus_blur: float  # Gaussian sigma in photo pixels
    quality: int
    contrast: float  # 1 = unchanged
    noise: float  # sigma in grey levels
    n_codes: int
    decoy: bool


def _plan(degradation: str, rng: random.Random) -> PhotoPlan:
    parts = set(degradation.split("+")) if degradation else set()
    unknown = parts - set(BASIC_DEGRADATIONS) - {"none"}
    if unknown:
        raise ValueError(f"unknown degradation {degradation!r} (known: {', '.join(DEGRADATIONS)})")
    plan = PhotoPlan(
        module_px=rng.uniform(3.5, 8.0),
        angle=rng.uniform(-6, 6),
        keystone=rng.uniform(0.0, 0.04),
        focus_blur=rng.uniform(0.3, 0.8),
        quality=rng.randint(82, 93),
        contrast=1.0,
        noise=rng.uniform(1.5, 4.0),
        n_codes=1,
        decoy=False,
    )
    if "rotate" in parts:
        plan.angle = rng.choice((-1, 1)) * rng.uniform(10, 40)
    if "perspective" in parts:
        plan.keystone = rng.uniform(0.12, 0.28)
        plan.angle = rng.uniform(-15, 15)
    if "blur" in parts:
        # Out of focus: up to sigma 3 at the usual module size, at most 0.55 of a module (much
        # beyond that the code is gone: neither a phone nor any decoder here reads it).
        plan.module_px = rng.uniform(4.5, 8.0)
    if "jpeg30" in parts:
        plan.quality = 30
        plan.module_px = min(plan.module_px, rng.uniform(3.0, 6.0))
    if "low_contrast" in parts:
        plan.contrast = rng.uniform(0.12, 0.28)
    if "small_modules" in parts:
        # Shot from far away: 2-px modules, softened by the lens and the phone's own compression.
        plan.module_px = 2.0
        plan.focus_blur = rng.uniform(0.6, 1.0)
        plan.quality = min(plan.quality, rng.randint(70, 90))
    if "two_codes" in parts:
        plan.n_codes = 2
        plan.module_px = min(plan.module_px, rng.uniform(3.5, 5.5))
    if "decoy" in parts:
        plan.decoy = True
        plan.module_px = min(plan.module_px, 6.5)
    if "blur" in parts:
        plan.focus_blur = rng.uniform(1.5, min(3.0, plan.module_px * 0.55))
    return plan


def _smooth_field(width: int, height: int, small: np.ndarray) -> np.ndarray:
    """Upscale a small float array to ``height`` x ``width`` smoothly."""
    image = Image.fromarray(small.astype(np.float32), "F")
    return np.asarray(image.resize((width, height), Image.Resampling.BICUBIC))


def _background(width: int, height: int, nrng: np.random.Generator) -> Image.Image:
    """A table-top texture: wood grain or plain laminate with blotches."""
    palette = np.array([[150, 105, 70], [185, 150, 110], [120, 120, 125], [200, 195, 185], [90, 60, 40]],
                       dtype=np.float32)
    base = palette[nrng.integers(len(palette))]
    # Built at quarter size (the texture is smooth), then upscaled by PIL, which is much cheaper.
    w2, h2 = max(2, width // 4), max(2, height // 4)
    # Grain: values that change fast across the grain and slowly along it.
    grain = _smooth_field(w2, h2, nrng.normal(0, 1, (max(2, h2 // 2), max(2, w2 // 30))))
    blotch = _smooth_field(w2, h2, nrng.normal(0, 1, (6, 8)))
    shade = 1.0 + 0.06 * grain + 0.05 * blotch
    rgb = np.clip(base[None, None, :] * shade[:, :, None], 0, 255).astype(np.uint8)
    return Image.fromarray(rgb, "RGB").resize((width, height), Image.Resampling.BILINEAR)


def _perspective_coeffs(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    """Coefficients for PIL's PERSPECTIVE transform mapping output points ``dst`` to input ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -x * u, -y * u])
        rows.append([0, 0, 0, x, y, 1, -x * v, -y * v])
        rhs.extend((u, v))
    return np.linalg.solve(np.array(rows, dtype=np.float64), np.array(rhs, dtype=np.float64)).tolist()


def _quad(w: float, h: float, center: tuple[float, float], plan: PhotoPlan, rng: random.Random):
    """Where the card's corners land in the photo: keystone (tilted shot), then in-plane rotation."""
    corners = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]
    edge = rng.randrange(4)  # which edge is farther from the camera
    k = plan.keystone
    a, b = edge, (edge + 1) % 4
    for i in (a, b):
        j = b if i == a else a
        corners[i][0] += (corners[j][0] - corners[i][0]) * k / 2
        corners[i][1] += (corners[j][1] - corners[i][1]) * k / 2
    theta = math.radians(plan.angle)
    cos, sin = math.cos(theta), math.sin(theta)
    return [(center[0] + x * cos - y * sin, center[1] + x * sin + y * cos) for x, y in corners]


def _place(photo: Image.Image, obj: Image.Image, quad, shadow: bool) -> tuple[int, int, int, int]:
    """Warp ``obj`` onto the quadrilateral ``quad`` of ``photo``; returns the bounding box touched."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    x0, y0 = math.floor(min(xs)), math.floor(min(ys))
    x1, y1 = math.ceil(max(xs)), math.ceil(max(ys))
    local = [(x - x0, y - y0) for x, y in quad]
    w, h = obj.size
    coeffs = _perspective_coeffs(local, [(0, 0), (w, 0), (w, h), (0, h)])
    size = (x1 - x0, y1 - y0)
    warped = obj.transform(size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", obj.size, 255).transform(size, Image.Transform.PERSPECTIVE, coeffs,
                                                   Image.Resampling.BILINEAR)
    if shadow:
        # A soft drop shadow; blurred at quarter size because a blur that wide costs a lot.
        pad = 24
        soft = Image.new("L", (size[0] + 2 * pad, size[1] + 2 * pad), 0)
        soft.paste(mask, (pad, pad))
        small = soft.resize((max(1, soft.width // 4), max(1, soft.height // 4)), Image.Resampling.BILINEAR)
        small = small.filter(ImageFilter.GaussianBlur(2.5)).point(lambda v: v * 45 // 100)
        soft = small.resize(soft.size, Image.Resampling.BILINEAR)
        photo.paste((15, 12, 10), (x0 - pad + 8, y0 - pad + 10), soft)
    photo.paste(warped, (x0, y0), mask)
    return x0 - 40, y0 - 40, x1 + 50, y1 + 50


def _second_url(url: str, rng: random.Random) -> str:
    """The text of a second code in the same frame: a back-side WeChat link or another holder's card."""
    if rng.random() < 0.5:
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return "https://mp.weixin.qq.com/s/" + "".join(rng.choice(alphabet) for _ in range(22))
    other = synthetic_id(rng)
    if _CERT_NO_RE.search(url):
        return _CERT_NO_RE.sub("T" + other, url, count=1)
    return url + ("&" if "?" in url else "?") + "no=T" + other


def make_photo(url: str, degradation: str, rng: random.Random) -> tuple[Image.Image, list[str], PhotoPlan]:
    """A photo of a card carrying ``url`` put through ``degradation``.

    Returns the RGB image, the texts of every QR code in it and the plan it was made with (its
    ``quality`` is the JPEG quality to save it with).
    """
    plan = _plan(degradation, rng)
    holder = synthetic_holder(rng, url)
    objects: list[Image.Image] = [_draw_card(holder, url, rng, marks=plan.decoy)]
    expected = [url]
    if plan.n_codes == 2:
        second = _second_url(url, rng)
        back = second.startswith("https://mp.weixin")
        other = holder if back else synthetic_holder(rng, second)
        objects.append(_draw_card(other, second, rng, back=back))
        expected.append(second)
    if plan.decoy:
        objects.append(_decoy_image(rng, _CARD_MODULE))
    return _photograph(objects, plan, rng), expected, plan


def render_card(url: str, rng: random.Random) -> Image.Image:
    """A phone photo of one certificate card whose QR code encodes ``url``, with no added degradation."""
    image, _, _ = make_photo(url, "none", rng)
    return image


def _photograph(objects: list[Image.Image], plan: PhotoPlan, rng: random.Random) -> Image.Image:
    scale = plan.module_px / _CARD_MODULE
    scaled = [o.resize((max(1, round(o.width * scale)), max(1, round(o.height * scale))),
                       Image.Resampling.LANCZOS) for o in objects]
    diags = [math.hypot(o.width, o.height) for o in scaled]
    frame = rng.uniform(0.55, 0.8)  # how much of the frame width the objects fill
    # Phone photos scaled to 1200-2400 px; wider only if the objects could not fit otherwise.
    width = int(max(min(2400, max(1200, sum(diags) / frame)), sum(diags) * 1.02))
    height = int(max(width * 0.75, max(diags) * 1.08))
    nrng = np.random.default_rng(rng.getrandbits(64))
    photo = _background(width, height, nrng)

    # One column per object, as wide as the object needs plus a share of the spare room; each
    # object sits at a random spot inside its column.
    spare = (width - sum(diags)) / len(diags)
    left = 0.0
    for i, (obj, diag) in enumerate(zip(scaled, diags)):
        slack_x, slack_y = spare / 2, max(0.0, (height - diag) / 2)
        center = (left + (diag + spare) / 2 + rng.uniform(-slack_x, slack_x),
                  height / 2 + rng.uniform(-slack_y, slack_y))
        left += diag + spare
        obj_plan = plan if i == 0 else PhotoPlan(**{**plan.__dict__, "angle": plan.angle + rng.uniform(-8, 8)})
        box = _place(photo, obj, _quad(obj.width, obj.height, center, obj_plan, rng), shadow=True)
        # Focus blur only where the objects are: the plain table around them is smooth anyway,
        # and blurring the whole frame dominated generation time.
        box = (max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3]))
        photo.paste(photo.crop(box).filter(ImageFilter.GaussianBlur(plan.focus_blur)), box[:2])

    # Uneven light: a tilted gradient plus vignetting, as under a desk lamp. Applied with PIL's
    # multiply (C speed); the light map is smooth, so it is computed small and upscaled.
    gx, gy = rng.uniform(-0.2, 0.2), rng.uniform(-0.2, 0.2)
    ys, xs = np.mgrid[0:32, 0:32].astype(np.float32) / 31 - 0.5
    light = 0.95 + gx * xs + gy * ys - 0.36 * (xs ** 2 + ys ** 2)
    light = np.clip(light / light.max(), 0, 1) * 255
    light_img = Image.fromarray(light.astype(np.uint8), "L").resize((width, height), Image.Resampling.BILINEAR)
    photo = ImageChops.multiply(photo, light_img.convert("RGB"))
    if plan.contrast < 1.0:
        mid = rng.uniform(110, 165)
        lut = [min(255, max(0, round(mid + (v - mid) * plan.contrast))) for v in range(256)]
        photo = photo.point(lut * 3)
    # Sensor noise: a random tile repeated over the frame (period far larger than any QR module).
    tile = np.clip(128 + nrng.normal(0, plan.noise, (256, 256)), 0, 255).astype(np.uint8)
    reps = (height // 256 + 1, width // 256 + 1)
    noise = Image.fromarray(np.tile(tile, reps)[:height, :width], "L").convert("RGB")
    return ImageChops.add(photo, noise, 1.0, -128)


# --------------------------------------------------------------------------- writing sets


def _jpeg_bytes(image: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, optimize=False, progressive=False)
    return buf.getvalue()


def _write_one(outdir: Path, seed: int, index: int, url: str, kind: str, degradation: str) -> dict:
    # A per-photo generator seeded from text: photo i does not depend on the photos before it,
    # so the set is the same whether it is made in one process or several.
    rng = random.Random(f"zhenwei-photo:{seed}:{index}:{url}:{degradation}")
    image, expected, plan = make_photo(url, degradation, rng)
    name = f"{index:04d}_{degradation.replace('+', '-')}.jpg"
    (outdir / name).write_bytes(_jpeg_bytes(image, plan.quality))
    params = {key: round(value, 3) if isinstance(value, float) else value for key, value in plan.__dict__.items()}
    return {"file": name, "url": url, "kind": kind, "degradation": degradation, "expected": expected,
            "params": params}


def _write_rows(specs: list[tuple[str, str, str]], outdir: Path, seed: int, workers: int) -> list[dict]:
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    jobs = [(outdir, seed, index, url, kind, degradation) for index, (url, kind, degradation) in enumerate(specs)]
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            rows = list(pool.map(_write_one, *zip(*jobs), chunksize=4))
    else:
        rows = [_write_one(*job) for job in jobs]
    (outdir / "manifest.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                                          encoding="utf-8")
    return rows


def generate_photo_set(targets: list[dict], outdir: Path, seed: int, per_target: int = 1,
                       degradations: tuple[str, ...] = DEGRADATIONS, workers: int = 1) -> list[dict]:
    """Write ``per_target`` degraded JPEG photos per target into ``outdir`` plus ``manifest.json``.

    ``targets`` are ``{"url": ..., "kind": ...}`` dicts. Degradations are dealt in turn over all
    photos, so every kind appears about equally often. The same seed gives the same bytes, with
    any number of ``workers`` (processes). Returns the manifest rows ``{"file", "url", "kind",
    "degradation", "expected", "params"}`` (``params``: the :class:`PhotoPlan` used).
    """
    for degradation in degradations:
        _plan(degradation, random.Random(0))  # raises ValueError naming an unknown degradation
    specs = []
    for target in targets:
        if not target.get("url"):
            raise ValueError(f"photo target without a url: {target!r}")
        for _ in range(per_target):
            specs.append((target["url"], target.get("kind", ""), degradations[len(specs) % len(degradations)]))
    return _write_rows(specs, outdir, seed, workers)


_BENCH_HOSTS = (
    "https://cx-mem-gov.cn/verify?no={no}",
    "http://www.yjglj-gov.cn/zscx/result.html?certNo={no}&type=1",
    "https://tzzy-chaxun.com/cert/{no}",
    "http://yjt-gd.gov-cn.top/index.php?m=query&a=show&zh={no}&xm=%E5%BC%A0%E4%BC%9F",
    "https://cx.mem.gov.cn/special?index=0",
    "https://zscx-yjgl.com/q?id={no}",
)


def benchmark_targets(n: int, seed: int) -> list[dict]:
    """``n`` synthetic QR targets: lookalike verification URLs with synthetic certificate numbers."""
    rng = random.Random(f"zhenwei-bench-targets:{seed}")
    out = []
    for _ in range(n):
        template = rng.choice(_BENCH_HOSTS)
        kind = "official" if ".gov.cn/" in template else "fake"
        out.append({"url": template.format(no="T" + synthetic_id(rng)), "kind": kind})
    return out


def generate_benchmark_set(n: int, outdir: Path, seed: int, workers: int = 1) -> list[dict]:
    """``n`` photos covering every degradation in :data:`DEGRADATIONS` evenly (see generate_photo_set)."""
    return generate_photo_set(benchmark_targets(n, seed), outdir, seed, workers=workers)


# --------------------------------------------------------------------------- negative samples


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def decompression_bomb_png(width: int = 60_000, height: int = 60_000) -> bytes:
    """A tiny, well-formed PNG header declaring ``width`` x ``height`` greyscale pixels."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    # A few rows of zeros: the file stays small while the header promises gigapixels.
    idat = zlib.compress(b"\x00" * (width + 1) * 4, 9)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def write_negative_samples(outdir: Path, seed: int = 0) -> dict[str, Path]:
    """Files that must be refused: keys ``no_code``, ``not_image``, ``bomb``, ``truncated``."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"zhenwei-negative:{seed}")
    # A card photo without any code on it (the decoy sticker stays: QR-like but unreadable).
    holder = synthetic_holder(rng)
    plan = _plan("decoy", rng)
    no_code = _photograph([_draw_card(holder, None, rng), _decoy_image(rng, _CARD_MODULE)], plan, rng)
    paths = {
        "no_code": outdir / "no_code.jpg",
        "not_image": outdir / "not_image.jpg",
        "bomb": outdir / "bomb.png",
        "truncated": outdir / "truncated.jpg",
    }
    paths["no_code"].write_bytes(_jpeg_bytes(no_code, 88))
    paths["not_image"].write_text("这不是图片 / this is not an image\n", encoding="utf-8")
    paths["bomb"].write_bytes(decompression_bomb_png())
    good, _, good_plan = make_photo("https://cx-mem-gov.cn/verify?no=T" + synthetic_id(rng), "none", rng)
    data = _jpeg_bytes(good, good_plan.quality)
    paths["truncated"].write_bytes(data[: len(data) * 2 // 5])
    return paths


def main(argv: list[str] | None = None) -> int:
    """Regenerate the shipped certificate photos from the sandbox world's photo targets."""
    import argparse

    from zhenwei.sandbox.world import build_world

    ap = argparse.ArgumentParser(prog="python -m zhenwei.sandbox.photos", description=main.__doc__)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2023)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.jpg"):
        old.unlink()
    rows = generate_photo_set(build_world(args.seed).photo_targets, args.out, args.seed)
    print(f"wrote {len(rows)} photos to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
