"""Extraction pipeline: what each captured page claims and shows.

For every textual page of a scan: decode the body (GBK/GB18030 aware), then record the facts the
classifier and the reports need: the authority claimed, gov markers and their consistency, ICP/公安
numbers, forms, and the certificate record shown (from HTML, or from a JSON API answer).

Reads ``ZHENWEI_EXTRACT_ENABLED`` and ``ZHENWEI_MAX_PARSE_BYTES``.
"""

from __future__ import annotations

import asyncio
import hashlib
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
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


def facts_for(url: str, status: int, body: bytes, content_type: str, headers: list[tuple[str, str]],
              text: str | None, max_bytes: int, doc=None) -> tuple[str | None, str | None, dict | None]:
    """(text, encoding, facts) of one response. Pure and picklable, so a worker process can run it."""
    ctype = content_type.lower()
    encoding = None
    if 300 <= status < 400:
        return text, encoding, None
    if not body:
        return text, encoding, page_facts("", url, dict(headers))
    if text is None:
        if looks_binary(body[:65536]):
            return None, None, {"binary": True, "text_empty": True}
        text, encoding = decode_html(body[:max_bytes], content_type)
    if "json" in ctype or "javascript" in ctype or text.lstrip()[:1] in ("{", "["):
        data = parse_json_or_jsonp(text)
        if data is not None:
            cert = extract_certificate_from_json(data) or None
            return text, encoding, {"json": True, "certificate": cert, "text_empty": False,
                                    "service": {"result_status": None, "has_result_card": bool(cert)}}
    return text, encoding, page_facts(doc if doc is not None else text, url, dict(headers))


def _facts_batch(jobs: list[tuple], max_bytes: int) -> list[tuple]:
    return [facts_for(*job, max_bytes) for job in jobs]


def extract_page(page: PageCapture, max_bytes: int) -> None:
    """Fill ``page.text``, ``page.encoding`` and ``page.facts`` (never raises on hostile input)."""
    text, encoding, page.facts = facts_for(page.url, page.status, page.body, page.content_type,
                                           page.response_headers, page.text, max_bytes, page.doc)
    page.text, page.encoding = text, encoding or page.encoding
    page.doc = None  # not needed past extraction; keep items small


class ExtractionPipeline:
    """Extracts in this process, or in ``workers`` child processes (the other core) when > 0."""

    def __init__(self, max_bytes: int = 2 * 1024 * 1024, workers: int = 0):
        self.max_bytes, self.workers, self._pool = max_bytes, workers, None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_EXTRACT_ENABLED"):
            raise NotConfigured("ZHENWEI_EXTRACT_ENABLED is off")
        return cls(s.getint("ZHENWEI_MAX_PARSE_BYTES", 2 * 1024 * 1024),
                   s.getint("ZHENWEI_EXTRACT_WORKERS", 0))

    def open_spider(self):
        if self.workers > 0:
            # spawn, not fork: forking a process that runs a reactor and threads is unsafe.
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))

    def close_spider(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    async def process_item(self, item):
        if not isinstance(item, ScanItem):
            return item
        # The WeChat and desktop views of a site are usually byte-identical: extract once.
        groups: dict[tuple, list[PageCapture]] = {}
        for page in item.pages:
            groups.setdefault((page.url, page.status, hashlib.sha256(page.body).digest()), []).append(page)
        firsts = [pages[0] for pages in groups.values()]
        if self._pool is None:
            for page in firsts:
                extract_page(page, self.max_bytes)
        else:
            jobs = [(p.url, p.status, p.body[: self.max_bytes], p.content_type, p.response_headers,
                     p.text) for p in firsts]
            results = await asyncio.wrap_future(self._pool.submit(_facts_batch, jobs, self.max_bytes))
            for page, (text, encoding, facts) in zip(firsts, results):
                page.text, page.encoding, page.facts, page.doc = text, encoding or page.encoding, facts, None
        for pages in groups.values():
            for page in pages[1:]:
                page.facts, page.doc = pages[0].facts, None
        return item
