"""DNS evidence pipeline: A/AAAA/NS/MX/TXT of every host a scan touched, with the query time.

Lookups go to the same name server as the crawl, in a thread so the reactor keeps crawling.
Results are cached for the crawl (a campaign often puts many scans on one host).

Reads ``ZHENWEI_DNS_ENABLED``, ``ZHENWEI_NAMESERVER`` and ``ZHENWEI_DNS_TIMEOUT``.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import threads

from zhenwei.dnslookup import lookup_records
from zhenwei.items import ScanItem


def scan_hosts(item: ScanItem) -> list[str]:
    """Hosts of the target and of every captured page, in first-seen order, IP literals left out."""
    hosts: list[str] = []
    for url in [item.target_url] + [p.url for p in item.pages]:
        host = (urlsplit(url).hostname or "").lower().rstrip(".")
        try:
            ipaddress.ip_address(host)
            continue
        except ValueError:
            pass
        if host and host not in hosts:
            hosts.append(host)
    return hosts


class DnsEvidencePipeline:
    def __init__(self, nameserver: str | None, timeout: float = 3.0):
        self.nameserver, self.timeout, self._cache = nameserver or None, timeout, {}

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_DNS_ENABLED"):
            raise NotConfigured("ZHENWEI_DNS_ENABLED is off")
        return cls(s.get("ZHENWEI_NAMESERVER"), s.getfloat("ZHENWEI_DNS_TIMEOUT", 3.0))

    async def process_item(self, item):
        if not isinstance(item, ScanItem) or (item.error or {}).get("kind") == "bad_url":
            return item
        for host in scan_hosts(item):
            if host not in self._cache:
                self._cache[host] = await maybe_deferred_to_future(threads.deferToThread(
                    lookup_records, host, nameserver=self.nameserver, timeout=self.timeout))
            item.dns.append(self._cache[host])
        return item
