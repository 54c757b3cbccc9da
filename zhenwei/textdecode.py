"""Decode HTML bodies to text the way a browser in China would, and spot bodies that are not text.

Fake verification sites are often GBK-encoded and often declare the wrong charset (``utf-8`` in the
meta tag, GBK bytes on the wire; or an ISO-8859-1 default from the web server). The order of evidence:

1. a byte-order mark;
2. the body is valid UTF-8 (or nearly: one stray byte in a hundred characters) and has non-ASCII
   bytes: UTF-8, whatever is declared (GBK text is almost never valid UTF-8, so this cannot mislead,
   while a wrong declaration often does);
3. the charset in the HTTP ``Content-Type`` header, then ``<meta charset>`` / ``http-equiv`` in the first
   2 KB, if the body decodes strictly with it. GBK and GB2312 are always decoded as GB18030, their
   superset; single-byte Western declarations are only believed when the body does not read as Chinese;
4. GB18030;
5. whichever of UTF-8 / GB18030 / the declared charset needs the fewest replacement characters
   (Windows-1252 when nothing is declared and neither reads as Chinese).

Reads no settings.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_GB_ALIASES = {
    "gbk", "x-gbk", "gb2312", "gb_2312", "gb_2312-80", "csgb2312", "cp936", "ms936", "windows-936",
    "euc-cn", "x-euc-cn", "chinese", "iso-ir-58", "csiso58gb231280", "gb18030", "hz-gb-2312",
}
# Declarations that servers send by default and that decode any byte sequence without error.
_WEAK = {"iso8859-1", "cp1252", "ascii", "latin-1"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Chinese text: ideographs plus CJK and full-width punctuation (，。：“”（）).
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2018-\u201d\u2026]")
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF",
    b"RIFF", b"BZh", b"7z\xbc\xaf", b"Rar!", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"\xca\xfe\xba\xbe",
)


def normalise_charset(name: str | None) -> str | None:
    """Python codec name for a declared charset (GBK family -> gb18030), or None if unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB_ALIASES:
        return "gb18030"
    if name in ("utf8", "unicode-1-1-utf-8", "x-unicode20utf8"):
        return "utf-8"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    if codec in ("gbk", "gb2312"):
        return "gb18030"
    if codec == "big5":
        return "big5hkscs"  # superset, as browsers do
    return codec


def declared_charsets(body: bytes, content_type_header: str | None = None) -> list[str]:
    """Codec names declared by the HTTP header and by the first 2 KB of the document, in that order."""
    out: list[str] = []
    if content_type_header:
        m = _HEADER_CHARSET.search(content_type_header)
        if m and (cs := normalise_charset(m.group(1))):
            out.append(cs)
    m = _META_CHARSET.search(body[:2048])
    if m and (cs := normalise_charset(m.group(1).decode("ascii", "replace"))) and cs not in out:
        out.append(cs)
    return out


def _strict(body: bytes, encoding: str) -> str | None:
    """Decode strictly, tolerating only an incomplete character at the very end (a truncated body)."""
    try:
        dec = codecs.getincrementaldecoder(encoding)(errors="strict")
        text = dec.decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return None
    return text


def _cjk_share(text: str) -> float:
    non_ascii = sum(1 for c in text if ord(c) > 127)
    return len(_CJK.findall(text)) / non_ascii if non_ascii else 0.0


def decode_html(body: bytes, content_type_header: str | None = None) -> tuple[str, str]:
    """``(text, encoding_used)`` for an HTML (or other text) body; never raises on bad bytes."""
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_html needs the body as bytes, got {type(body).__name__}")
    body = bytes(body)
    if not body:
        return "", "utf-8"
    for bom, enc in _BOMS:
        if body.startswith(bom):
            return body.decode(enc, errors="replace"), enc.replace("-sig", "")
    declared = declared_charsets(body, content_type_header)
    if max(body) < 0x80:
        ascii_ok = [d for d in declared if d not in ("utf-16", "utf-32", "utf-16-le", "utf-16-be")]
        return body.decode("ascii"), (ascii_ok[0] if ascii_ok else "utf-8")
    text = _strict(body, "utf-8")
    if text is not None:
        return text, "utf-8"
    # Mostly valid UTF-8 with a stray bad byte (sloppy kits): still UTF-8. GBK read as UTF-8 yields a
    # replacement character for nearly every Chinese character, so this cannot pick up GBK pages.
    loose = body.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = sum(1 for c in loose if ord(c) > 127) - bad
    if good >= 20 and bad <= good // 100:
        return loose, "utf-8"
    weak: list[str] = []
    for enc in declared:
        if enc == "utf-8":
            continue  # already failed
        if enc in _WEAK:
            weak.append(enc)
            continue
        text = _strict(body, enc)
        if text is not None:
            return text, enc
    gb = _strict(body, "gb18030")
    if gb is not None and (not weak or _cjk_share(gb) >= 0.5):
        return gb, "gb18030"
    if weak:
        return body.decode(weak[0], errors="replace"), weak[0]
    # Nothing decodes cleanly: take the reading with the fewest replacement characters.
    candidates = ["utf-8", "gb18030"] + [d for d in declared if d not in ("utf-8", "gb18030")]
    best = min(candidates, key=lambda enc: body.decode(enc, errors="replace").count("\ufffd"))
    text = body.decode(best, errors="replace")
    if not declared and _cjk_share(text) < 0.8 and _strict(body, "cp1252") is not None:
        # Undeclared and not Chinese either way: read it as the web's default Western charset.
        return body.decode("cp1252", errors="replace"), "cp1252"
    return text, best


def looks_binary(body: bytes) -> bool:
    """True when ``body`` is not text: a known binary signature, NUL bytes, many control bytes, or
    bytes that neither UTF-8 nor GB18030 can read."""
    if not isinstance(body, (bytes, bytearray, memoryview)):
        raise TypeError(f"looks_binary needs the body as bytes, got {type(body).__name__}")
    body = bytes(body)
    if not body:
        return False
    sample = body[:65536]
    if any(sample.startswith(bom) for bom, _ in _BOMS[1:]):
        return False  # UTF-16/32 with a BOM is text, NULs and all
    if sample.startswith(_BINARY_MAGIC):
        return True
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13, 27))
    if controls / len(sample) > 0.05:
        return True
    if max(sample) < 0x80 or _strict(sample, "utf-8") is not None or _strict(sample, "gb18030") is not None:
        return False
    bad = min(sample.decode(enc, errors="replace").count("\ufffd") for enc in ("utf-8", "gb18030"))
    return bad / len(sample) > 0.02
