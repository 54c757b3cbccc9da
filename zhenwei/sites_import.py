"""Read and validate known-site lists (CSV or XLSX) before anything is written.

Columns (header row required; names in English or Chinese):

=============  ==========  ====================================================
column         中文        meaning
=============  ==========  ====================================================
domain         域名        the fake site's host name (required unless url given)
url            网址        a URL seen on a forged certificate (optional)
first_seen     首次发现     ISO date or date-time when it was first seen (optional)
source         来源        where the lead came from (optional)
note           备注        free text (optional)
=============  ==========  ====================================================

Every row is checked first; problems are reported with their row number (the header is row 1).

Reads no settings.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from zhenwei.netpolicy import BadTarget, validate_url

COLUMNS = ["domain", "url", "first_seen", "source", "note"]
ALIASES = {"域名": "domain", "网址": "url", "首次发现": "first_seen", "来源": "source", "备注": "note"}


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def normalise_domain(value: str) -> str:
    """Lower-case IDNA host, no trailing dot; a URL gives its host. Raises ValueError."""
    value = (value or "").strip()
    if "://" in value or "/" in value:
        value = urlsplit(value if "://" in value else "http://" + value).hostname or ""
    value = value.rstrip(".").lower()
    if not value:
        raise ValueError("empty domain")
    try:
        host = urlsplit(validate_url(value)).hostname or ""
    except BadTarget as exc:
        raise ValueError(exc.reason) from None
    if "." not in host:
        raise ValueError(f"{value!r} is not a domain name")
    return host


def _first_seen(value: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            return parse(value).isoformat()
        except ValueError:
            continue
    raise ValueError(f"first_seen {value!r} is not an ISO date")


def _read_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = [["" if c is None else str(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    else:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    if not rows:
        raise ValueError(f"{path}: empty file")
    header = [ALIASES.get(h.strip(), h.strip().lower()) for h in rows[0]]
    if "domain" not in header and "url" not in header:
        raise ValueError(f"{path}: header must name a 'domain' or 'url' column, got {rows[0]}")
    return [dict(zip(header, r)) for r in rows[1:]]


def read_site_list(path: str | Path) -> tuple[list[dict[str, str]], list[RowError]]:
    """Parse and validate a list. Returns (good rows, errors); writes nothing."""
    path = Path(path)
    if not path.exists():
        raise ValueError(f"{path}: file not found")
    good, errors = [], []
    for i, raw in enumerate(_read_rows(path), start=2):
        if not any((v or "").strip() for v in raw.values()):
            continue  # blank line
        try:
            domain = normalise_domain(raw.get("domain") or raw.get("url") or "")
            url = (raw.get("url") or "").strip()
            if url:
                url = validate_url(url)
            row = {"domain": domain, "url": url or f"http://{domain}/",
                   "first_seen": _first_seen(raw.get("first_seen", "")),
                   "source": (raw.get("source") or "").strip(), "note": (raw.get("note") or "").strip()}
        except (ValueError, BadTarget) as exc:
            errors.append(RowError(i, str(exc)))
            continue
        good.append(row)  # repeated domains are merged by the store, keeping the earliest first_seen
    return good, errors
