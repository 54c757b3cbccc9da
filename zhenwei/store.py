"""The store: the only place that writes SQL. SQLite via sqlite-utils, WAL mode, migrations.

Every scan is written in one transaction (``save_scan``), so a crawl killed mid-way leaves either
the whole scan or nothing. The schema only ever moves forward through :data:`migrations`: a database
that holds evidence is never rebuilt.

Reads the setting ``ZHENWEI_DB`` (through its callers, which pass the path).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils
from sqlite_utils.migrations import Migrations

from zhenwei.items import ScanItem

migrations = Migrations("zhenwei")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    db["sites"].create(
        {
            "domain": str, "url": str, "first_seen": str, "last_seen": str, "last_checked": str,
            "status": str, "down_reason": str, "verdict": str, "score": float, "authority": str,
            "last_scan_id": str, "source": str, "note": str,
        },
        pk="domain",
    )
    db["scans"].create(
        {
            "id": str, "input": str, "input_kind": str, "target_url": str, "final_url": str,
            "site_domain": str, "started_at": str, "finished_at": str, "verdict": str, "score": float,
            "authority": str, "reasons": str, "redirect_chain": str, "chains": str, "certificate": str,
            "cloaking": str, "error_kind": str, "error": str, "model_version": str,
        },
        pk="id",
    )
    db["pages"].create(
        {
            "id": int, "scan_id": str, "seq": int, "ua_profile": str, "hop": int, "hop_kind": str,
            "method": str, "url": str, "status": int, "content_type": str, "length": int,
            "sha256": str, "warc_file": str, "warc_offset": int, "warc_length": int,
            "warc_record_id": str, "ip": str, "port": int, "tls": str, "request_headers": str,
            "response_headers": str, "captured_at": str, "encoding": str, "facts": str,
            "verdict": str, "score": float, "reasons": str,
        },
        pk="id",
        foreign_keys=[("scan_id", "scans", "id")],
    )
    db["dns_records"].create(
        {"id": int, "scan_id": str, "name": str, "status": str, "records": str,
         "nameserver": str, "queried_at": str},
        pk="id", foreign_keys=[("scan_id", "scans", "id")],
    )
    db["whois_records"].create(
        {"id": int, "scan_id": str, "domain": str, "server": str, "registered": int,
         "registrar": str, "creation_date": str, "parsed": str, "raw": str, "queried_at": str},
        pk="id", foreign_keys=[("scan_id", "scans", "id")],
    )
    db["certificates"].create(
        {"id": int, "scan_id": str, "cert_number": str, "holder_name": str, "id_number": str,
         "record": str},
        pk="id", foreign_keys=[("scan_id", "scans", "id")],
    )
    for table, cols in (("pages", ["scan_id"]), ("dns_records", ["scan_id"]),
                        ("whois_records", ["scan_id"]), ("certificates", ["scan_id"]),
                        ("scans", ["site_domain"]), ("certificates", ["cert_number"])):
        db[table].create_index(cols, if_not_exists=True)


@migrations()
def m002_site_origin(db: sqlite_utils.Database) -> None:
    # How a site entered the store ("known-list" import, "scan", "image", ...), kept apart from
    # "source", which is where the lead came from (e.g. 西城区检察院线索).
    db["sites"].add_column("origin", str)
    db["sites"].create_index(["origin"], if_not_exists=True)


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _j(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path``, in WAL mode, migrated to the latest schema."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 30000")  # a crawl and the CLI may write at once
    db.enable_wal()
    # WAL + NORMAL is crash-safe for the process (a killed crawl loses nothing committed); only a
    # power cut can drop the last transactions, and the WARC bytes are fsynced before each one.
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db)
    return db


class Store:
    """Library API over the database. Build it with a path or an open ``Database``."""

    def __init__(self, db: sqlite_utils.Database | str | Path):
        self.db = db if isinstance(db, sqlite_utils.Database) else open_db(db)

    # -- writes ---------------------------------------------------------------------------------
    def save_scan(self, item: ScanItem, site_status: tuple[str, str | None] | None = None) -> None:
        """Write a scan, its pages, DNS, WHOIS and certificate rows, and update its site: all or nothing."""
        db = self.db
        with db.atomic():
            db["scans"].insert({
                "id": item.scan_id, "input": item.input, "input_kind": item.input_kind,
                "target_url": item.target_url, "final_url": item.final_url,
                "site_domain": item.meta.get("site"), "started_at": item.started_at,
                "finished_at": item.finished_at, "verdict": item.verdict, "score": item.score,
                "authority": _j(item.authority), "reasons": _j(item.reasons),
                "redirect_chain": _j(item.meta.get("redirect_chain")), "chains": _j(item.chains),
                "certificate": _j(item.certificate), "cloaking": _j(item.cloaking),
                "error_kind": (item.error or {}).get("kind"), "error": _j(item.error),
                "model_version": item.model_version,
            })
            # insert_all: one statement per table, not one (plus introspection) per row.
            db["pages"].insert_all(({
                    "scan_id": item.scan_id, "seq": seq, "ua_profile": p.ua_profile, "hop": p.hop,
                    "hop_kind": p.hop_kind, "method": p.method, "url": p.url, "status": p.status,
                    "content_type": p.content_type, "length": len(p.body), "sha256": p.sha256,
                    "warc_file": p.warc_file, "warc_offset": p.warc_offset,
                    "warc_length": p.warc_length, "warc_record_id": p.warc_record_id, "ip": p.ip,
                    "port": p.port, "tls": _j(p.tls), "request_headers": _j(p.request_headers),
                    "response_headers": _j(p.response_headers), "captured_at": p.captured_at,
                    "encoding": p.encoding, "facts": _j(p.facts),
                    "verdict": (p.verdict or {}).get("verdict"),
                    "score": (p.verdict or {}).get("score"),
                    "reasons": _j((p.verdict or {}).get("reasons")),
                } for seq, p in enumerate(item.pages)))
            db["dns_records"].insert_all(({
                    "scan_id": item.scan_id, "name": rec.get("name"), "status": rec.get("status"),
                    "records": _j(rec.get("records")), "nameserver": rec.get("nameserver"),
                    "queried_at": rec.get("queried_at"),
                } for rec in item.dns))
            db["whois_records"].insert_all(({
                    "scan_id": item.scan_id, "domain": rec.get("domain"), "server": rec.get("server"),
                    "registered": int(bool(rec.get("registered"))), "registrar": rec.get("registrar"),
                    "creation_date": rec.get("creation_date"),
                    "parsed": _j({k: v for k, v in rec.items() if k != "raw"}),
                    "raw": rec.get("raw"), "queried_at": rec.get("queried_at"),
                } for rec in item.whois))
            if item.certificate:
                c = item.certificate
                db["certificates"].insert({
                    "scan_id": item.scan_id, "cert_number": c.get("cert_number"),
                    "holder_name": c.get("holder_name"), "id_number": c.get("id_number"),
                    "record": _j(c),
                })
            if item.meta.get("site") and site_status:
                self._touch_site(item, *site_status)

    def _touch_site(self, item: ScanItem, status: str, down_reason: str | None) -> None:
        domain = item.meta["site"]
        now = item.finished_at or utcnow()
        row = {
            "domain": domain, "last_checked": now, "status": status, "down_reason": down_reason,
            "verdict": item.verdict, "score": item.score,
            "authority": (item.authority or {}).get("id"), "last_scan_id": item.scan_id,
        }
        existing = self.site(domain)
        if existing is None:
            row.update(first_seen=now, source=item.meta.get("source") or item.input_kind,
                       origin=item.meta.get("origin") or item.input_kind, url=item.target_url)
        if status == "live":
            row["last_seen"] = now
        self.db["sites"].upsert(row, pk="domain", alter=False)

    def import_sites(self, rows: Iterable[dict[str, str]], source: str,
                     origin: str = "known-list") -> dict[str, int]:
        """Merge validated rows ``{domain, url, first_seen, source?, note?}`` into ``sites``.

        Never duplicates a known domain: the earliest first_seen wins, other fields fill gaps only.
        """
        added = merged = 0
        with self.db.atomic():
            for r in rows:
                existing = self.site(r["domain"])
                if existing is None:
                    self.db["sites"].insert({
                        "domain": r["domain"], "url": r.get("url") or None,
                        "first_seen": r.get("first_seen") or utcnow(), "status": "unknown",
                        "source": r.get("source") or source, "note": r.get("note") or None,
                        "origin": origin,
                    })
                    added += 1
                    continue
                update = {}
                if r.get("first_seen") and (not existing["first_seen"]
                                            or r["first_seen"] < existing["first_seen"]):
                    update["first_seen"] = r["first_seen"]
                if existing.get("origin") != origin and not existing.get("origin"):
                    update["origin"] = origin
                for key in ("url", "note", "source"):
                    if r.get(key) and not existing.get(key):
                        update[key] = r[key]
                if update:
                    self.db["sites"].update(r["domain"], update)
                merged += 1
        return {"added": added, "merged": merged}

    # -- reads ----------------------------------------------------------------------------------
    def site(self, domain: str) -> dict | None:
        rows = list(self.db["sites"].rows_where("domain = ?", [domain]))
        return rows[0] if rows else None

    def sites(self, origin: str | None = None) -> list[dict]:
        if origin:
            return list(self.db["sites"].rows_where("origin = ?", [origin], order_by="domain"))
        return list(self.db["sites"].rows_where(order_by="domain"))

    def scan(self, scan_id: str) -> dict | None:
        rows = list(self.db["scans"].rows_where("id = ?", [scan_id]))
        return rows[0] if rows else None

    def pages(self, scan_id: str) -> list[dict]:
        return list(self.db["pages"].rows_where("scan_id = ?", [scan_id], order_by="seq"))
