"""Parse a page once and expose the regions the extractors look at.

A page is parsed with lxml's forgiving HTML parser exactly once (:func:`parse_document`); the markers,
claims, certificate and page-flow extractors all read the same :class:`Document`. Regions are found
by structure, not by any one kit's template: ``<title>`` and site-name meta tags, the header / logo /
banner area, headings, the footer (or, without one, the last lines of text), links, scripts, images
and forms. Hostile input (empty, binary-ish, broken, huge) never raises: it yields an empty or
truncated document with a note saying what happened.

Reads no settings (callers pass ``max_chars``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from zhenwei.profiles import normalise_host
from zhenwei.textdecode import decode_html

MAX_CHARS = 2 * 1024 * 1024
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "link", "textarea"}
_VISIBLE_TEXT = etree.XPath(
    "//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template"
    " or ancestor::head or ancestor::title or ancestor::textarea)]"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
_HEADER_TOKEN = re.compile(
    r"(?:^|[\s_-])(?:header|head|top|topbar|logo|banner|masthead|sitename|site-name|brand|navbar-brand|"
    r"hd|tit-?bar|webname|web-name|site-title)(?:$|[\s_-])"
)
_FOOTER_TOKEN = re.compile(r"(?:^|[\s_-])(?:footer|foot|bottom|copyright|copy|ft|btm|footbar)(?:$|[\s_-])")
_TITLE_TOKEN = re.compile(r"(?:^|[\s_-])(?:title|tit|caption|name)(?:$|[\s_-])")


def collapse(text: str | None) -> str:
    """Whitespace runs to one space, stripped (full-width spaces included)."""
    return _WS.sub(" ", (text or "").replace("\u3000", " ")).strip()


def _classes(el) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


@dataclass
class Document:
    """One parsed page. ``root`` is None when there was nothing to parse."""

    url: str
    root: etree._Element | None
    input_chars: int = 0
    truncated: bool = False
    notes: list[str] = field(default_factory=list)

    @cached_property
    def host(self) -> str:
        try:
            return normalise_host(urlsplit(self.url).hostname or "")
        except ValueError:
            return ""

    def absolute(self, href: str | None) -> str:
        """``href`` resolved against the page URL ("" when unusable)."""
        href = (href or "").strip()
        if not href or href.startswith(("javascript:", "mailto:", "tel:", "data:", "#")):
            return ""
        try:
            return urljoin(self.base_url, href)
        except ValueError:
            return ""

    @staticmethod
    def host_of(url: str) -> str:
        """Normalised host of ``url`` ("" when it has none or is malformed)."""
        try:
            return normalise_host(urlsplit(url).hostname or "")
        except ValueError:
            return ""

    @cached_property
    def base_url(self) -> str:
        """The page URL, or the ``<base href>`` it declares (relative links resolve against it)."""
        for el in self.iter("base"):
            href = (el.get("href") or "").strip()
            if href:
                try:
                    return urljoin(self.url, href)
                except ValueError:
                    break
        return self.url

    def iter(self, *tags: str) -> Iterator[etree._Element]:
        if self.root is None:
            return iter(())
        return (el for el in self.root.iter(*tags) if isinstance(el.tag, str))

    # -- text -------------------------------------------------------------------------------------
    @cached_property
    def text_nodes(self) -> list[tuple[etree._Element, str]]:
        """(parent element, stripped text) of every visible text node, in document order."""
        out: list[tuple[etree._Element, str]] = []
        if self.root is None:
            return out
        for node in _VISIBLE_TEXT(self.root):
            parent = node.getparent()
            owner = parent if (parent is None or node.is_text) else parent.getparent()
            if owner is None or owner.tag in _INVISIBLE:
                continue
            text = collapse(str(node))
            if text:
                out.append((owner, text))
        return out

    @cached_property
    def visible_text(self) -> str:
        return collapse(" ".join(t for _, t in self.text_nodes))

    @cached_property
    def title(self) -> str:
        for el in self.iter("title"):
            return collapse(el.text_content())[:300]
        return ""

    @cached_property
    def meta(self) -> dict[str, str]:
        """Lower-cased meta ``name`` / ``property`` / ``http-equiv`` -> content (first one wins)."""
        out: dict[str, str] = {}
        for el in self.iter("meta"):
            key = (el.get("name") or el.get("property") or el.get("http-equiv") or "").strip().lower()
            if key and key not in out:
                out[key] = collapse(el.get("content"))[:500]
        return out

    # -- regions ----------------------------------------------------------------------------------
    def _outermost(self, token: re.Pattern[str], tags: tuple[str, ...], max_chars: int) -> list[etree._Element]:
        """Outermost elements that are ``tags`` or whose class/id has ``token``. An element with more
        text than ``max_chars`` is a page wrapper (``<div id="top-wrap">``), not the region: skipped,
        so that a matching element inside it can be picked."""
        picked: list[etree._Element] = []
        for el in self.iter():
            if el.tag in _INVISIBLE or el.tag in ("html", "body"):
                continue
            if el.tag in tags or token.search(_classes(el)):
                if not any(p in picked for p in el.iterancestors()) and len(el.text_content()) <= max_chars:
                    picked.append(el)
        return picked

    @cached_property
    def header_elements(self) -> list[etree._Element]:
        footers = set(self.footer_elements)
        return [el for el in self._outermost(_HEADER_TOKEN, ("header",), 400)
                if not any(a in footers for a in el.iterancestors()) and el not in footers][:20]

    @cached_property
    def header_segments(self) -> list[str]:
        """Short texts of the header / logo / banner area and its image alt texts."""
        out: list[str] = []
        for region in self.header_elements:
            for el in region.iter():
                if not isinstance(el.tag, str) or el.tag in _INVISIBLE:
                    continue
                if el.tag == "img":
                    out += [collapse(el.get(a)) for a in ("alt", "title") if collapse(el.get(a))]
                    continue
                text = collapse(el.text_content())
                if text and len(text) <= 60:
                    out.append(text)
        return _dedupe(out)[:60]

    @cached_property
    def top_segments(self) -> list[str]:
        """The first short visible texts of the page (kits without header markup put the name here)."""
        out = []
        for owner, text in self.text_nodes[:40]:
            if self._offsite_link(owner):
                continue  # "查询（应急管理部）" linking to the ministry is a pointer, not the page's name
            full = collapse(owner.text_content())
            if len(full) <= 40:
                out.append(full)
            if len(out) >= 4:
                break
        return _dedupe(out)

    def _offsite_link(self, el: etree._Element) -> bool:
        for node in (el, *el.iterancestors()):
            if node.tag == "a":
                host = self.host_of(self.absolute(node.get("href")))
                return bool(host) and host != self.host
        return False

    @cached_property
    def headings(self) -> list[str]:
        out = []
        for el in self.iter("h1", "h2", "h3"):
            text = collapse(el.text_content())
            if text and len(text) <= 80:
                out.append(text)
        for el in self.iter():
            if el.tag not in _INVISIBLE and _TITLE_TOKEN.search(_classes(el)):
                text = collapse(el.text_content())
                if text and len(text) <= 60:
                    out.append(text)
        return _dedupe(out)[:20]

    @cached_property
    def footer_elements(self) -> list[etree._Element]:
        return self._outermost(_FOOTER_TOKEN, ("footer",), 3000)[:10]

    @cached_property
    def footer_text(self) -> str:
        """Text of the footer elements; without any, the last 600 characters of visible text."""
        parts = [collapse(el.text_content())[:3000] for el in self.footer_elements]
        text = " ".join(p for p in parts if p)
        return text or self.visible_text[-600:]

    @cached_property
    def links(self) -> list[tuple[str, str, etree._Element]]:
        """(absolute href, link text, element) of every ``<a href>``."""
        out = []
        for el in self.iter("a"):
            href = self.absolute(el.get("href"))
            if href:
                out.append((href, collapse(el.text_content())[:200], el))
        return out

    @cached_property
    def link_hosts(self) -> set[str]:
        """Hosts that ``<a href>`` links point to."""
        return {h for h in (self.host_of(href) for href, _, _ in self.links) if h}

    @cached_property
    def scripts(self) -> list[tuple[str, str]]:
        """(absolute src or "", inline code) of every ``<script>``."""
        out = []
        for el in self.iter("script"):
            src = self.absolute(el.get("src"))
            out.append((src, "" if src else (el.text or "")))
        return out

    @cached_property
    def images(self) -> list[tuple[str, str]]:
        """(absolute src or raw src, alt + title) of every ``<img>``."""
        out = []
        for el in self.iter("img"):
            raw = (el.get("src") or el.get("data-src") or "").strip()
            src = self.absolute(raw) or raw[:200]
            out.append((src, collapse(f"{el.get('alt') or ''} {el.get('title') or ''}")))
        return out


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def parse_document(html: str | bytes | None, url: str, max_chars: int = MAX_CHARS) -> Document:
    """Parse ``html`` (text, or bytes decoded with :func:`zhenwei.textdecode.decode_html`); never raises."""
    notes: list[str] = []
    if isinstance(html, (bytes, bytearray)):
        html, enc = decode_html(bytes(html))
        notes.append(f"decoded bytes as {enc}")
    html = html or ""
    size = len(html)
    truncated = size > max_chars
    if truncated:
        html = html[:max_chars]
        notes.append(f"parsed the first {max_chars} of {size} characters")
    cleaned = _CONTROL.sub("", _XML_DECL.sub("", html, count=1))
    if len(cleaned) != len(html) and _CONTROL.search(html):
        notes.append("removed control characters")
    if not cleaned.strip():
        notes.append("empty document")
        return Document(url, None, size, truncated, notes)
    parser = lxml.html.HTMLParser(recover=True, remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(cleaned, parser=parser)
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        notes.append(f"unparseable markup: {exc}")
        root = None
    return Document(url, root, size, truncated, notes)
