"""Item definitions shared by spiders and pipelines.

A spider yields one :class:`ScanItem` per input (a QR URL, a known site, a lookalike candidate)
once every fetch for it is finished. The item carries all its :class:`PageCapture` objects, so the
pipelines can store a scan in one transaction: a killed crawl never leaves half a scan behind.
Pipelines fill the fields marked "filled by".

Reads no settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PageCapture:
    """One HTTP exchange, exactly as fetched."""

    url: str
    method: str
    status: int
    ua_profile: str  # key of ZHENWEI_USER_AGENTS
    hop: int  # position in its chain, 0 = the input URL
    hop_kind: str  # start | http | meta | js | form | ajax
    captured_at: str  # UTC ISO-8601, when the response arrived
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    response_headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    ip: str | None = None
    port: int | None = None
    tls: dict[str, Any] | None = None  # peer certificate summary for HTTPS
    # filled by pipelines.evidence
    sha256: str | None = None
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    warc_record_id: str | None = None
    # filled by pipelines.extraction
    text: str | None = None  # decoded body (not stored; the WARC holds the bytes)
    encoding: str | None = None
    doc: Any = None  # the parsed page (classifier.document.Document), shared by spider and pipelines
    facts: dict[str, Any] | None = None
    # filled by pipelines.classification
    verdict: dict[str, Any] | None = None

    @property
    def content_type(self) -> str:
        for k, v in self.response_headers:
            if k.lower() == "content-type":
                return v
        return ""


@dataclass
class ScanItem:
    """Everything zhenwei learned about one input."""

    scan_id: str
    input: str  # what the user gave: a URL, or "image.jpg#1" for the first QR code of a photo
    input_kind: str  # url | image | known-site | lookalike
    target_url: str  # the normalised URL that was fetched first
    started_at: str
    finished_at: str | None = None
    pages: list[PageCapture] = field(default_factory=list)
    # ua_profile -> ordered hops [{"url", "status", "kind"}], plus an "error" entry when a chain broke
    chains: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # {"kind": nxdomain|servfail|dns_timeout|refused|timeout|blocked|too_large|bomb|binary|
    #  redirect_loop|too_many_hops|http_error|error, "message": str, "url": str}
    error: dict[str, Any] | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # free-form: source, site note...
    # filled by pipelines.dns / pipelines.whois
    dns: list[dict[str, Any]] = field(default_factory=list)
    whois: list[dict[str, Any]] = field(default_factory=list)
    # filled by pipelines.classification
    verdict: str | None = None  # impersonation | legitimate | unreachable
    score: float | None = None
    authority: dict[str, Any] | None = None
    reasons: list[dict[str, Any]] = field(default_factory=list)
    certificate: dict[str, Any] | None = None
    cloaking: dict[str, Any] | None = None
    final_url: str | None = None
    model_version: str | None = None
    # filled by pipelines.storage
    stored: bool = False
