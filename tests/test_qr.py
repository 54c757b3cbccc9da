"""QR intake: decoding degraded certificate photos, refusing bad files, and the photo generator."""

from __future__ import annotations

import json
import random

import pytest
import segno
from PIL import Image

from zhenwei import qr
from zhenwei.sandbox import photos

TARGETS = [
    {"url": "https://cx-mem-gov.cn/verify?no=T110101199001011237", "kind": "fake"},
    {"url": "http://www.yjglj-gov.cn/zscx/result.html?certNo=T440305198512034527&type=1", "kind": "fake"},
]


@pytest.fixture(scope="module")
def photo_set(tmp_path_factory):
    """One photo per degradation (2-px modules, two codes and decoys included)."""
    outdir = tmp_path_factory.mktemp("photos")
    targets = [TARGETS[i % 2] for i in range(len(photos.DEGRADATIONS))]
    rows = photos.generate_photo_set(targets, outdir, seed=3, workers=2)
    return outdir, rows


@pytest.fixture(scope="module")
def negatives(tmp_path_factory):
    return photos.write_negative_samples(tmp_path_factory.mktemp("negative"))


def test_set_covers_every_degradation(photo_set):
    outdir, rows = photo_set
    assert [r["degradation"] for r in rows] == list(photos.DEGRADATIONS)
    assert json.loads((outdir / "manifest.json").read_text(encoding="utf-8")) == rows
    for row in rows:
        assert {"file", "url", "kind", "degradation", "expected"} <= set(row)
        assert row["expected"][0] == row["url"]
        assert len(row["expected"]) == (2 if "two_codes" in row["degradation"] else 1)
        with Image.open(outdir / row["file"]) as image:
            assert image.format == "JPEG"
            assert 1200 <= image.width <= 2400
    small = [r for r in rows if "small_modules" in r["degradation"]]
    assert small and all(r["params"]["module_px"] == 2.0 for r in small)


@pytest.mark.parametrize("degradation", photos.DEGRADATIONS)
def test_every_degraded_photo_decodes_to_its_urls(photo_set, degradation):
    outdir, rows = photo_set
    row = next(r for r in rows if r["degradation"] == degradation)
    texts = qr.decode_file(outdir / row["file"])
    # Exactly the codes on the cards: both of a two-code photo, never a decoy.
    assert sorted(texts) == sorted(row["expected"])
    assert len(texts) == len(set(texts))


def test_decode_bytes_and_image_agree_with_file(photo_set):
    outdir, rows = photo_set
    path = outdir / rows[0]["file"]
    assert qr.decode_bytes(path.read_bytes(), "upload.jpg") == qr.decode_file(path)
    with Image.open(path) as image:
        assert qr.decode_image(image) == rows[0]["expected"]


def test_transparent_png_code_is_read(tmp_path):
    # Black modules on a fully transparent background whose hidden colour is also black: dropping
    # the alpha channel naively turns the whole picture black.
    url = TARGETS[0]["url"]
    rows = list(segno.make(url, error="m").matrix_iter(scale=6, border=4))
    image = Image.new("RGBA", (len(rows[0]), len(rows)), (0, 0, 0, 0))
    image.putdata([(0, 0, 0, 255) if dark else (0, 0, 0, 0) for row in rows for dark in row])
    path = tmp_path / "transparent.png"
    image.save(path)
    assert qr.decode_file(path) == [url]


def test_blank_image_gives_empty_list():
    assert qr.decode_image(Image.new("RGB", (640, 480), "white")) == []
    assert qr.decode_image(Image.new("L", (1, 1))) == []


def _refusal(path, **limits) -> qr.QrDecodeError:
    with pytest.raises(qr.QrDecodeError) as info:
        qr.decode_file(path, **limits)
    error = info.value
    assert isinstance(error, ValueError)
    assert str(path) in str(error) and str(path) in error.message_zh and error.path == str(path)
    assert "\n" not in str(error)
    return error


@pytest.mark.parametrize(
    ("sample", "code"),
    [("no_code", "no_code"), ("not_image", "not_image"), ("bomb", "too_large"), ("truncated", "corrupt")],
)
def test_bad_inputs_are_refused_naming_the_file(negatives, sample, code):
    assert _refusal(negatives[sample]).code == code


def test_missing_file_and_directory(tmp_path):
    assert _refusal(tmp_path / "nope.jpg").code == "missing"
    assert _refusal(tmp_path).code == "unreadable"


def test_own_pixel_limit_is_checked_before_decoding(tmp_path):
    # 48 megapixels declared: under PIL's own bomb limit, over ours.
    path = tmp_path / "big.png"
    path.write_bytes(photos.decompression_bomb_png(8000, 6000))
    error = _refusal(path)
    assert error.code == "too_large" and "8000x6000" in str(error)


def test_byte_limit(photo_set):
    outdir, rows = photo_set
    assert _refusal(outdir / rows[0]["file"], max_bytes=1000).code == "too_large"
    with pytest.raises(qr.QrDecodeError) as info:
        qr.decode_bytes(b"\xff" * 2000, "blob.jpg", max_bytes=1000)
    assert info.value.code == "too_large" and "blob.jpg" in str(info.value)


def test_generation_is_deterministic(tmp_path):
    a = photos.generate_photo_set(TARGETS, tmp_path / "a", seed=5, degradations=("rotate+jpeg30", "two_codes"))
    b = photos.generate_photo_set(TARGETS, tmp_path / "b", seed=5, degradations=("rotate+jpeg30", "two_codes"),
                                  workers=2)
    c = photos.generate_photo_set(TARGETS, tmp_path / "c", seed=6, degradations=("rotate+jpeg30", "two_codes"))
    assert a == b
    for row in a:
        assert (tmp_path / "a" / row["file"]).read_bytes() == (tmp_path / "b" / row["file"]).read_bytes()
    assert (tmp_path / "a" / a[0]["file"]).read_bytes() != (tmp_path / "c" / c[0]["file"]).read_bytes()


def test_unknown_degradation_is_refused(tmp_path):
    with pytest.raises(ValueError, match="fisheye"):
        photos.generate_photo_set(TARGETS, tmp_path, seed=1, degradations=("fisheye",))


def test_synthetic_holders_have_valid_ids():
    rng = random.Random(1)
    for _ in range(50):
        number = photos.synthetic_id(rng)
        assert len(number) == 18 and photos.id_check_digit(number[:17]) == number[17]
    holder = photos.synthetic_holder(rng, TARGETS[1]["url"])
    assert holder.cert_no == "T440305198512034527"
    assert holder.issuer[0] == "广东省应急管理厅"


def test_render_card_is_a_photo():
    image = photos.render_card(TARGETS[0]["url"], random.Random(2))
    assert image.mode == "RGB" and image.width >= 1200
    assert qr.decode_image(image) == [TARGETS[0]["url"]]


def test_exif_rotated_phone_photo(tmp_path):
    # Phones store portrait shots sideways plus an EXIF Orientation tag (6 = rotate 90° clockwise).
    image = photos.render_card(TARGETS[0]["url"], random.Random(3)).rotate(90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "portrait.jpg"
    image.save(path, quality=90, exif=exif.tobytes())
    assert qr.decode_file(path) == [TARGETS[0]["url"]]


def test_cards_with_chinese_labels(monkeypatch):
    # No CJK font may be installed here; any TrueType font exercises the Chinese layout.
    latin = photos.find_fonts().latin
    if latin is None:
        pytest.skip("no TrueType font installed at all")
    monkeypatch.setattr(photos, "find_fonts", lambda: photos.Fonts(cjk=latin, latin=latin))
    try:
        for degradation in ("two_codes", "decoy+blur"):
            image, expected, _ = photos.make_photo(TARGETS[1]["url"], degradation, random.Random(8))
            assert sorted(qr.decode_image(image)) == sorted(expected)
    finally:
        photos._font.cache_clear()
