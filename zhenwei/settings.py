"""All settings, in one place: Scrapy's and zhenwei's own (``ZHENWEI_*``), each with its default.

This is the Scrapy settings module named in ``scrapy.cfg``, so ``scrapy crawl scan -a url=...`` from
the repo root uses it as is. The CLI starts from the same module and overrides a few values from its
options (``zhenwei.config.build_settings``). Environment variables with the same name as a
``ZHENWEI_*`` setting override the default here, so scheduled jobs and ``scrapy crawl`` agree.
"""

from __future__ import annotations

import os

BOT_NAME = "zhenwei"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# --- zhenwei: where things are stored -------------------------------------------------------------
# SQLite database (sqlite-utils, WAL mode). Relative paths are relative to the working directory.
ZHENWEI_DB = os.environ.get("ZHENWEI_DB", "var/zhenwei.db")
# Directory for WARC files and other evidence files; WARCs go to <dir>/warc/.
ZHENWEI_EVIDENCE_DIR = os.environ.get("ZHENWEI_EVIDENCE_DIR", "var/evidence")

# --- zhenwei: network ------------------------------------------------------------------------------
# Name server for crawling *and* evidence lookups, "HOST:PORT". Empty: the system resolver.
ZHENWEI_NAMESERVER = os.environ.get("ZHENWEI_NAMESERVER", "")
# WHOIS server "HOST:PORT" for every WHOIS query. Empty: python-whois picks the registry's server (port 43).
ZHENWEI_WHOIS_SERVER = os.environ.get("ZHENWEI_WHOIS_SERVER", "")
# CIDRs that the SSRF guard lets through although they are loopback/private/reserved ("127.0.0.0/8").
ZHENWEI_ALLOW_NET = os.environ.get("ZHENWEI_ALLOW_NET", "")
# Destination-port rewrite "80:8080,443:8443" (how the sandbox serves port-80 sites on 8080).
ZHENWEI_PORT_MAP = os.environ.get("ZHENWEI_PORT_MAP", "")

# --- zhenwei: scan behaviour -----------------------------------------------------------------------
# Maximum hops (HTTP redirects + meta refresh + JS redirects + shortener hops) followed per chain.
ZHENWEI_MAX_HOPS = 10
# Fetch every target with each of these user agents. The WeChat one comes first: forged
# certificates' QR codes are scanned in WeChat, and cloaking kits show the fake only there.
ZHENWEI_USER_AGENTS = {
    "wechat": (
        "Mozilla/5.0 (Linux; Android 13; V2148A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 "
        "MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 "
        "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
    ),
    "desktop": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/124.0.0.0 Safari/537.36"
    ),
}
# Submit the landing page's query form / AJAX API with the certificate number found in the URL.
ZHENWEI_SUBMIT_QUERIES = True
# Largest body parsed for extraction (bytes); bigger pages are still stored whole in the WARC.
ZHENWEI_MAX_PARSE_BYTES = 2 * 1024 * 1024

# --- zhenwei: pipelines (each switched on/off alone, so each can be tested alone) -----------------
ZHENWEI_WARC_ENABLED = True  # write every response to WARC with its SHA-256
ZHENWEI_DNS_ENABLED = True  # record A/AAAA/NS/MX/TXT of each scanned domain
ZHENWEI_WHOIS_ENABLED = True  # record WHOIS of each scanned registrable domain
ZHENWEI_EXTRACT_ENABLED = True  # claims, gov markers, certificate record
# Child processes for extraction (0: in the crawl process). 1 puts it on the second core.
ZHENWEI_EXTRACT_WORKERS = 0
ZHENWEI_CLASSIFY_ENABLED = True  # verdict, score, authority, reasons
# What gives page verdicts: "rules" (transparent rules) or "model" (the shipped calibrated model).
ZHENWEI_CLASSIFIER = os.environ.get("ZHENWEI_CLASSIFIER", "rules")
ZHENWEI_STORE_ENABLED = True  # write scans, pages and evidence rows to the database
ZHENWEI_DNS_TIMEOUT = 3.0  # seconds, evidence DNS lookups
ZHENWEI_WHOIS_TIMEOUT = 5.0  # seconds, evidence WHOIS lookups
# Gzip-compress WARC records (standard .warc.gz, one member per record).
ZHENWEI_WARC_GZIP = True

# Where a spider's results are also written as JSON lines (the CLI reads them back); empty: nowhere.
ZHENWEI_RESULTS_FILE = ""

ITEM_PIPELINES = {
    "pipelines.evidence.WarcEvidencePipeline": 100,
    "pipelines.dns.DnsEvidencePipeline": 200,
    "pipelines.whois.WhoisEvidencePipeline": 210,
    "pipelines.extraction.ExtractionPipeline": 300,
    "pipelines.classification.ClassificationPipeline": 400,
    "pipelines.storage.StoragePipeline": 900,
}

# --- Scrapy ----------------------------------------------------------------------------------------
# The resolver is process-level: only here or CrawlerProcess(settings) can set it.
TWISTED_DNS_RESOLVER = "zhenwei.resolver.PolicyResolver"
DNS_TIMEOUT = 5
# An investigation fetches the evidence a forged certificate points at; robots.txt of a fake site
# does not get a say, and fetching it would add an unrelated request to the evidence.
ROBOTSTXT_OBEY = False
# Spiders follow redirects themselves so that every hop is stored as evidence and re-checked.
REDIRECT_ENABLED = False
METAREFRESH_ENABLED = False
# 4xx/5xx are evidence too (a 404 proves a takedown), so they reach the spider.
HTTPERROR_ALLOW_ALL = True
# A down site must be reported as down, not retried into a slow scan.
RETRY_ENABLED = False
COOKIES_ENABLED = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Default 100 costs ~1.6x throughput on 2 cores (engineering notes); 8 measured best here.
CONCURRENT_ITEMS = 8
DOWNLOAD_TIMEOUT = 15
# Bounds against hostile pages: body size (also applied to the *decompressed* size by Scrapy's
# HttpCompressionMiddleware, which stops gzip bombs) and a warning threshold.
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("ZHENWEI_LOG_LEVEL", "WARNING")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
# Same URL with two user agents must both be fetched: dedup is done by the spider, not the filter.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"
FEED_EXPORT_ENCODING = "utf-8"
