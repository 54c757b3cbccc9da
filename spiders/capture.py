"""Turn Scrapy responses and download failures into evidence facts.

``capture_response`` copies what a response proves (status, headers, body, server IP, TLS peer
certificate, capture time) into a :class:`zhenwei.items.PageCapture`. ``classify_failure`` names why a
fetch produced no response, in the terms a takedown needs (NXDOMAIN, refused, timeout...).

Reads no settings.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError,
                               DownloadConnectionRefusedError, DownloadFailedError,
                               DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from scrapy.http import Response
from twisted.internet import error as net_error
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from zhenwei import resolver
from zhenwei.items import PageCapture

#: failure kinds that mean "the site is not there" (evidence of a takedown)
UNREACHABLE = {"nxdomain", "servfail", "dns_timeout", "dns_error", "refused", "timeout",
               "connect_error", "tls_error"}
#: failure kinds that mean "we refused to go on" (hostile page or policy)
REFUSED = {"blocked", "too_large", "bomb", "binary", "redirect_loop", "too_many_hops", "bad_url"}


def utc_now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _pairs(headers) -> list[tuple[str, str]]:
    out = []
    for key, values in headers.items():
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        for v in values if isinstance(values, list) else [values]:
            out.append((k, v.decode("latin-1") if isinstance(v, bytes) else str(v)))
    return out


def tls_summary(certificate: Any) -> dict[str, Any] | None:
    """Summarise a Twisted/pyOpenSSL peer certificate (subject, issuer, validity, SHA-256)."""
    if certificate is None:
        return None
    try:
        x509 = certificate.original.to_cryptography()
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.x509.oid import ExtensionOID

        try:
            san = x509.extensions.get_extension_for_oid(ExtensionOID.SUBJECT_ALTERNATIVE_NAME)
            names = [str(n.value) for n in san.value]
        except Exception:  # no SAN extension
            names = []
        return {
            "subject": x509.subject.rfc4514_string(),
            "issuer": x509.issuer.rfc4514_string(),
            "serial": format(x509.serial_number, "x"),
            "not_before": x509.not_valid_before_utc.isoformat(),
            "not_after": x509.not_valid_after_utc.isoformat(),
            "san": names,
            "sha256": x509.fingerprint(hashes.SHA256()).hex(),
            "pem_sha256": hashlib.sha256(x509.public_bytes(serialization.Encoding.PEM)).hexdigest(),
        }
    except Exception as exc:  # evidence summary must never break a crawl
        return {"error": f"could not read certificate: {exc}"}


def capture_response(response: Response, ua_profile: str, hop: int, hop_kind: str) -> PageCapture:
    req = response.request
    ip = str(response.ip_address) if response.ip_address is not None else None
    return PageCapture(
        url=response.url,
        method=req.method if req else "GET",
        status=response.status,
        ua_profile=ua_profile,
        hop=hop,
        hop_kind=hop_kind,
        captured_at=utc_now(),
        request_headers=_pairs(req.headers) if req else [],
        request_body=req.body if req else b"",
        response_headers=_pairs(response.headers),
        body=response.body,
        ip=ip,
        port=urlsplit(response.url).port,
        tls=tls_summary(response.certificate),
    )


def classify_failure(failure: Failure, url: str) -> dict[str, str]:
    """(kind, message) for a failed fetch. The message is one line and names the URL."""
    host = urlsplit(url).hostname or url
    note = resolver.resolution_notes.get(host)
    # Scrapy >= 2.14 wraps Twisted's errors in its own download exceptions; accept both.
    if failure.check(net_error.DNSLookupError, CannotResolveHostError):
        kind, msg = note or ("nxdomain", "the domain does not resolve (NXDOMAIN)")
        kind = {"timeout": "dns_timeout", "error": "dns_error"}.get(kind, kind)
    elif failure.check(net_error.ConnectionRefusedError, DownloadConnectionRefusedError):
        kind, msg = "refused", "connection refused"
    elif failure.check(net_error.TCPTimedOutError, net_error.TimeoutError, TimeoutError,
                       DownloadTimeoutError):
        kind, msg = "timeout", "timed out"
    elif failure.check(net_error.ConnectError):
        kind, msg = "connect_error", f"could not connect: {failure.getErrorMessage()}"
    elif failure.check(IgnoreRequest, CancelledError, DownloadCancelledError):
        text = failure.getErrorMessage()
        low = text.lower()
        # Scrapy names the limit when the declared length is too big, but a streamed body that
        # grows past DOWNLOAD_MAXSIZE is cancelled with no message; timeouts have their own
        # exception, so a bare cancellation here is the size limit.
        if not text or "max size" in low or "maxsize" in low or "larger than" in low:
            kind = "bomb" if "decompress" in low else "too_large"
            msg = "response exceeds the size limit" + (" after decompression (compression bomb)"
                                                     if kind == "bomb" else "")
        else:
            kind, msg = "error", text or "request cancelled"
    elif failure.check(ResponseNeverReceived, ResponseFailed, DownloadFailedError,
                       ResponseDataLossError):
        value = failure.value
        reasons = getattr(value, "reasons", None) or getattr(value.__cause__, "reasons", None) or []
        detail = "; ".join(r.getErrorMessage() for r in reasons) or failure.getErrorMessage()
        if any(r.check(net_error.TimeoutError, CancelledError) for r in reasons):
            kind, msg = "timeout", f"no valid HTTP response: {detail}"
        elif url.startswith("https:") and ("ConnectionLost" in detail or "Connection lost" in detail
                                           or "SSL" in detail):
            # The TLS handshake was refused (e.g. no certificate for this name): no HTTPS site here.
            kind, msg = "tls_error", "TLS handshake failed: no HTTPS site is served for this name"
        else:
            kind, msg = "error", f"no valid HTTP response: {detail}"
    else:
        kind, msg = "error", failure.getErrorMessage() or failure.type.__name__
    return {"kind": kind, "message": msg, "url": url}
