"""Evidence pipeline: every captured HTTP exchange goes into a WARC file with its SHA-256.

One ``.warc.gz`` per crawl process under ``<ZHENWEI_EVIDENCE_DIR>/warc/``. For each page it writes a
``response`` record (with ``WARC-IP-Address`` and the capture time) and the matching ``request``
record, fills ``PageCapture.sha256`` (of the body as received, after transfer decoding) and the
record's file, offset and length, then flushes and fsyncs *before* the item moves on: the store
only ever points at bytes that are already on disk.

Reads ``ZHENWEI_WARC_ENABLED``, ``ZHENWEI_EVIDENCE_DIR`` and ``ZHENWEI_WARC_GZIP``.
"""

from __future__ import annotations

import base64
import hashlib
import http
import os
import secrets
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import zhenwei
from zhenwei.items import PageCapture, ScanItem

# Scrapy hands us decoded bodies; these headers would describe bytes that are no longer there.
_DROP = {"content-encoding", "transfer-encoding", "content-length"}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reason(status: int) -> str:
    # Scrapy keeps no status line; take the standard phrase rather than hard-coding "OK".
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class WarcWriter:
    """Appends request/response pairs to one WARC file. Plain values in; usable without Scrapy."""

    def __init__(self, path: Path, gzip: bool = True):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = self.path.open("ab")
        self._writer = WARCWriter(self._fh, gzip=gzip, warc_version="1.1")
        if self._fh.tell() == 0:
            info = self._writer.create_warcinfo_record(self.path.name, {
                "software": f"zhenwei/{zhenwei.__version__} (warcio)",
                "format": "WARC File Format 1.1",
                "description": "zhenwei evidence capture (真伪 电子数据提取)",
            })
            self._writer.write_record(info)

    def write_page(self, page: PageCapture) -> None:
        digest = hashlib.sha256(page.body)
        page.sha256 = digest.hexdigest()
        headers = [(k, v) for k, v in page.response_headers if k.lower() not in _DROP]
        headers.append(("Content-Length", str(len(page.body))))
        status_line = f"{page.status} {_reason(page.status)}"
        warc_date = page.captured_at.replace("+00:00", "Z")
        rec_headers = {
            "WARC-Date": warc_date,
            "WARC-Payload-Digest": "sha256:" + base64.b32encode(digest.digest()).decode("ascii"),
        }
        if page.ip:
            rec_headers["WARC-IP-Address"] = page.ip
        response = self._writer.create_warc_record(
            page.url, "response", payload=BytesIO(page.body),
            http_headers=StatusAndHeaders(status_line, headers, protocol="HTTP/1.1"),
            warc_headers_dict=rec_headers)
        parts = urlsplit(page.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request = self._writer.create_warc_record(
            page.url, "request", payload=BytesIO(page.request_body or b""),
            http_headers=StatusAndHeaders(f"{page.method} {target} HTTP/1.1",
                                          list(page.request_headers) + [("Host", parts.netloc)],
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": warc_date,
                               "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")})
        page.warc_offset = self._fh.tell()
        self._writer.write_record(response)
        page.warc_length = self._fh.tell() - page.warc_offset
        self._writer.write_record(request)
        page.warc_file = str(self.path)
        page.warc_record_id = response.rec_headers.get_header("WARC-Record-ID")

    def sync(self) -> None:
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        if not self._fh.closed:
            self.sync()
            self._fh.close()


def new_warc_path(directory: Path) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return Path(directory) / f"zhenwei-{stamp}-{os.getpid()}-{secrets.token_hex(3)}.warc.gz"


class WarcEvidencePipeline:
    def __init__(self, directory: str | Path, gzip: bool = True):
        self.directory, self.gzip, self.writer = Path(directory), gzip, None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_WARC_ENABLED"):
            raise NotConfigured("ZHENWEI_WARC_ENABLED is off")
        return cls(Path(s.get("ZHENWEI_EVIDENCE_DIR")) / "warc", s.getbool("ZHENWEI_WARC_GZIP", True))

    def process_item(self, item):
        if not isinstance(item, ScanItem) or not item.pages:
            return item
        if self.writer is None:  # lazily, so a crawl that stores nothing leaves no empty file
            self.writer = WarcWriter(new_warc_path(self.directory), gzip=self.gzip)
        for page in item.pages:
            self.writer.write_page(page)
        self.writer.sync()
        return item

    def close_spider(self):
        if self.writer is not None:
            self.writer.close()
