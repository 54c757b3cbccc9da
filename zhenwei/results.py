"""The scan result as users see it: one JSON-ready dict per scan, personal data masked.

``scan_result`` is what ``zhenwei scan --json`` prints. Its keys ``input``, ``final_url``,
``redirect_chain``, ``verdict``, ``score``, ``authority``, ``reasons``, ``certificate`` and
``evidence`` are relied on by other commands and must not be renamed.

Reads no settings.
"""

from __future__ import annotations

from typing import Any

from classifier.certificate import mask_id, mask_name
from zhenwei.items import ScanItem

PERSONAL_FIELDS = {"holder_name": mask_name, "id_number": mask_id, "cert_number": mask_id}


def mask_certificate(cert: dict[str, Any] | None, reveal: bool = False) -> dict[str, Any] | None:
    """Mask holder name, ID number and certificate number unless ``reveal``."""
    if not cert or reveal:
        return cert
    return {k: (PERSONAL_FIELDS[k](v) if k in PERSONAL_FIELDS and isinstance(v, str) else v)
            for k, v in cert.items()}


def scan_result(item: ScanItem, db_path: str | None = None, reveal: bool = False) -> dict[str, Any]:
    warcs = sorted({p.warc_file for p in item.pages if p.warc_file})
    return {
        "scan_id": item.scan_id,
        "input": item.input,
        "input_kind": item.input_kind,
        "target_url": item.target_url,
        "final_url": item.final_url,
        "redirect_chain": item.meta.get("redirect_chain") or [],
        "verdict": item.verdict,
        "score": None if item.score is None else round(float(item.score), 4),
        "authority": item.authority,
        "reasons": item.reasons,
        "certificate": mask_certificate(item.certificate, reveal),
        "cloaking": item.cloaking,
        "error": item.error,
        "site": {"domain": item.meta.get("site"), "status": item.meta.get("site_status"),
                 "down_reason": item.meta.get("down_reason")},
        "model_version": item.model_version,
        "stored": item.stored,
        "evidence": {
            "database": db_path if item.stored else None,
            "warc_files": warcs,
            "pages": [{"url": p.url, "ua": p.ua_profile, "hop": p.hop, "kind": p.hop_kind,
                       "status": p.status, "sha256": p.sha256, "warc_file": p.warc_file,
                       "warc_offset": p.warc_offset, "warc_record_id": p.warc_record_id,
                       "ip": p.ip, "captured_at": p.captured_at, "tls": p.tls}
                      for p in item.pages],
            "dns": [{k: r.get(k) for k in ("name", "status", "records", "queried_at")}
                    for r in item.dns],
            "whois": [{k: r.get(k) for k in ("domain", "registered", "registrar", "creation_date",
                                             "server", "error")} for r in item.whois],
        },
    }
