"""Storage pipeline: write each scan to the store in one transaction, and update its site.

Scans refused for safety (bad URL, network policy, hostile page) are not stored: nothing about them
is evidence of a site, and the issue is reported to the user instead. Their WARC bytes, if any, stay
in the WARC file (harmless, and ``warcio check`` still passes).

When ``ZHENWEI_RESULTS_FILE`` is set, every scan's user-facing result is also appended there as one
JSON line (how ``zhenwei scan`` gets results back from its crawl process).

Reads ``ZHENWEI_STORE_ENABLED``, ``ZHENWEI_DB`` and ``ZHENWEI_RESULTS_FILE``.
"""

from __future__ import annotations

import json
from typing import Any

from scrapy.exceptions import NotConfigured

from classifier.pagestate import page_state
from spiders.capture import REFUSED, UNREACHABLE
from zhenwei.items import ScanItem
from zhenwei.results import scan_result
from zhenwei.store import Store


def site_status(item: ScanItem, known: dict[str, Any] | None) -> tuple[str, str | None]:
    """(status, down_reason) of the scanned site: live, down or benign, with the evidence kind."""
    state = next((st for p in item.pages if (st := page_state(p.facts or {}))), None)
    if item.verdict == "unreachable":
        if item.error and item.error["kind"] in UNREACHABLE:
            return "down", item.error["kind"]
        if state:  # a suspension notice served with 403/451/503 says more than the status code
            return "down", state
        final = [p for p in item.pages if p.url == item.final_url]
        return "down", f"http_{final[-1].status}" if final else "unreachable"
    if item.verdict == "impersonation":
        return "live", None
    if state:
        return "down", state
    was_fake = known is not None and (known.get("origin") == "known-list"
                                      or known.get("status") in ("live", "down"))
    return ("down", "no_longer_impersonates") if was_fake else ("benign", None)


class StoragePipeline:
    def __init__(self, db_path: str, results_file: str | None = None):
        self.db_path, self.results_file = db_path, results_file or None
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_STORE_ENABLED"):
            raise NotConfigured("ZHENWEI_STORE_ENABLED is off")
        return cls(s.get("ZHENWEI_DB"), s.get("ZHENWEI_RESULTS_FILE"))

    def open_spider(self):
        self.store = Store(self.db_path)

    def process_item(self, item):
        if not isinstance(item, ScanItem):
            return item
        if not (item.error and item.error["kind"] in REFUSED):
            known = self.store.site(item.meta["site"]) if item.meta.get("site") else None
            status, reason = site_status(item, known)
            item.meta.update(site_status=status, down_reason=reason)
            self.store.save_scan(item, (status, reason))
            item.stored = True
        if self.results_file:
            with open(self.results_file, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(scan_result(item, self.db_path, reveal=True),
                                    ensure_ascii=False) + "\n")
        return item

    def close_spider(self):
        if self.store is not None:
            self.store.db.close()
