"""Extraction pipeline: what each captured page claims and shows.

For every textual page of a scan: decode the body (GBK/GB18030 aware), then record the facts the
classifier and the reports need: the authority claimed, gov markers and their consistency, ICP/公安
numbers, forms, and the certificate record shown (from HTML, or from a JSON API answer).

Reads ``ZHENWEI_EXTRACT_ENABLED`` and ``ZHENWEI_MAX_PARSE_BYTES``.
"""

from __future__ import annotations

import hashlib
import json
import re

from scrapy.exceptions import NotConfigured

from classifier.certificate import extract_certificate_from_json
from classifier.extract import page_facts
from zhenwei.items import PageCapture, ScanItem
from zhenwei.textdecode import decode_html, looks_binary


_JSONP = re.compile(r"^\s*[\w$.]+\s*\((.*)\)\s*;?\s*$", re.S)


def parse_json_or_jsonp(text: str):
    """The value of a JSON body, or of a JSONP ``callback({...})`` body; None if neither."""
    for candidate in (text, (m.group(1) if (m := _JSONP.match(text[:2_000_000])) else None)):
        if candidate is None:
            continue
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def extract_page(page: PageCapture, max_bytes: int) -> None:
    """Fill ``page.text``, ``page.encoding`` and ``page.facts`` (never raises on hostile input)."""
    ctype = page.content_type.lower()
    if page.status >= 300 and page.status < 400:
        return
    if not page.body:
        page.facts = page_facts("", page.url, dict(page.response_headers))
        return
    if page.text is None:
        if looks_binary(page.body[:65536]):
            page.facts = {"binary": True, "text_empty": True}
            return
        page.text, page.encoding = decode_html(page.body[:max_bytes], page.content_type)
    if "json" in ctype or "javascript" in ctype or page.text.lstrip()[:1] in ("{", "["):
        data = parse_json_or_jsonp(page.text)
        if data is not None:
            cert = extract_certificate_from_json(data) or None
            page.facts = {"json": True, "certificate": cert, "text_empty": False,
                          "service": {"result_status": None, "has_result_card": bool(cert)}}
            return
    page.facts = page_facts(page.doc if page.doc is not None else page.text, page.url,
                            dict(page.response_headers))
    page.doc = None  # not needed past extraction; keep items small


class ExtractionPipeline:
    def __init__(self, max_bytes: int = 2 * 1024 * 1024):
        self.max_bytes = max_bytes

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_EXTRACT_ENABLED"):
            raise NotConfigured("ZHENWEI_EXTRACT_ENABLED is off")
        return cls(s.getint("ZHENWEI_MAX_PARSE_BYTES", 2 * 1024 * 1024))

    def process_item(self, item):
        if isinstance(item, ScanItem):
            # The WeChat and desktop views of a site are usually byte-identical: extract once.
            seen: dict[tuple, dict] = {}
            for page in item.pages:
                key = (page.url, page.status, hashlib.sha256(page.body).digest())
                if key in seen:
                    page.facts, page.doc = seen[key], None
                    continue
                extract_page(page, self.max_bytes)
                seen[key] = page.facts
        return item
