"""WHOIS evidence pipeline: registration facts of every registrable domain a scan touched.

Uses python-whois (through ``zhenwei.whois_client``) pointed at ``ZHENWEI_WHOIS_SERVER`` when set.
Runs in a thread; cached for the crawl. A failed lookup is recorded as such, never fatal.

Reads ``ZHENWEI_WHOIS_ENABLED``, ``ZHENWEI_WHOIS_SERVER`` and ``ZHENWEI_WHOIS_TIMEOUT``.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from pipelines.dns import scan_hosts
from spiders.capture import utc_now
from zhenwei.items import ScanItem
from zhenwei.whois_client import WhoisError, lookup, registrable_domain


def _safe_lookup(domain: str, server: str | None, timeout: float) -> dict:
    try:
        return lookup(domain, server=server, timeout=timeout)
    except WhoisError as exc:
        return {"domain": domain, "server": server, "registered": None, "error": str(exc),
                "queried_at": utc_now()}


class WhoisEvidencePipeline:
    def __init__(self, server: str | None, timeout: float = 5.0):
        self.server, self.timeout, self._cache = server or None, timeout, {}

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_WHOIS_ENABLED"):
            raise NotConfigured("ZHENWEI_WHOIS_ENABLED is off")
        return cls(s.get("ZHENWEI_WHOIS_SERVER"), s.getfloat("ZHENWEI_WHOIS_TIMEOUT", 5.0))

    async def process_item(self, item):
        if not isinstance(item, ScanItem) or (item.error or {}).get("kind") == "bad_url":
            return item
        seen = set()
        for host in scan_hosts(item):
            domain = registrable_domain(host)
            if not domain or domain in seen:
                continue
            seen.add(domain)
            if domain not in self._cache:
                self._cache[domain] = await maybe_deferred_to_future(threads.deferToThread(
                    _safe_lookup, domain, self.server, self.timeout))
            item.whois.append(self._cache[domain])
        return item
