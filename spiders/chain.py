"""Base spider that follows a URL's whole chain and yields one ScanItem per input.

For every input URL and every configured user agent (WeChat mobile first, then desktop) it:

1. fetches the URL and follows HTTP redirects, meta refresh, simple JS ``location`` redirects and
   shortener hops itself, one request per hop, so every hop is evidence and every hop goes through
   the network policy again;
2. when the landing page is a query form or an AJAX API and the URL carries a certificate number,
   submits that number once and captures the result;
3. stops on loops, too many hops, binary "pages" and failures, naming why.

Subclasses only decide where targets come from (``iter_targets``). Reads ``ZHENWEI_MAX_HOPS``,
``ZHENWEI_USER_AGENTS``, ``ZHENWEI_SUBMIT_QUERIES`` and ``ZHENWEI_MAX_PARSE_BYTES``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import scrapy
from scrapy.http import FormRequest, Request, Response

from classifier.pageflow import find_ajax_endpoints, find_query_forms, find_redirects
from classifier.certificate import find_cert_numbers
from classifier.document import Document, parse_document
from spiders.capture import REFUSED, UNREACHABLE, capture_response, classify_failure, utc_now
from zhenwei.items import ScanItem
from zhenwei.netpolicy import BadTarget, validate_url
from zhenwei.textdecode import decode_html, looks_binary


@dataclass
class _Chain:
    ua: str
    hops: list[dict[str, Any]] = field(default_factory=list)
    visited: set = field(default_factory=set)
    submitted: bool = False
    done: bool = False
    error: dict[str, str] | None = None


@dataclass
class _Scan:
    item: ScanItem
    chains: dict[str, _Chain]
    cert_numbers: list[str]


def _is_textual(content_type: str, body: bytes) -> bool:
    ct = content_type.lower()
    if not ct:
        return bool(body[:512].lstrip()[:1] in (b"<", b"{", b"["))
    return any(t in ct for t in ("html", "text/", "xml", "json", "javascript"))


class ChainSpider(scrapy.Spider):
    """Follows chains; subclasses implement :meth:`iter_targets`."""


    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        s = crawler.settings
        spider.max_hops = s.getint("ZHENWEI_MAX_HOPS", 10)
        spider.user_agents = dict(s.getdict("ZHENWEI_USER_AGENTS"))
        spider.submit_queries = s.getbool("ZHENWEI_SUBMIT_QUERIES", True)
        spider.max_parse = s.getint("ZHENWEI_MAX_PARSE_BYTES", 2 * 1024 * 1024)
        spider._scans = {}
        return spider

    def iter_targets(self) -> Iterable[dict[str, Any]]:  # pragma: no cover - abstract
        """Yield ``{"url", "input"?, "input_kind"?, "scan_id"?, "site"?, "source"?}`` dicts."""
        raise NotImplementedError

    async def start(self):
        for target in self.iter_targets():
            for out in self.start_target(target):
                yield out

    # -- starting ---------------------------------------------------------------------------------
    def start_target(self, target: dict[str, Any]) -> Iterator[Any]:
        raw = target["url"]
        item = ScanItem(
            scan_id=target.get("scan_id") or uuid.uuid4().hex,
            input=target.get("input") or raw,
            input_kind=target.get("input_kind") or "url",
            target_url=raw,
            started_at=utc_now(),
            meta={k: target[k] for k in ("site", "source", "origin", "note") if target.get(k)},
        )
        try:
            url = validate_url(raw)
        except BadTarget as exc:
            item.error = {"kind": "bad_url", "message": str(exc), "url": raw}
            item.finished_at = utc_now()
            yield item
            return
        item.target_url = url
        item.meta.setdefault("site", (urlsplit(url).hostname or "").lower())
        numbers = find_cert_numbers(url)
        scan = _Scan(item, {ua: _Chain(ua) for ua in self.user_agents}, numbers)
        self._scans[item.scan_id] = scan
        for ua in self.user_agents:
            yield from self._follow(scan, scan.chains[ua], url, "start")

    def _hop_kwargs(self, scan: _Scan, chain: _Chain, kind: str, headers: dict | None = None) -> dict:
        """Request arguments shared by every hop: UA, language, callbacks, per-chain cookie jar."""
        merged = {"User-Agent": self.user_agents[chain.ua],
                  "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5", **(headers or {})}
        return {"headers": merged, "callback": self.parse_hop, "errback": self.hop_failed,
                "dont_filter": True,
                "meta": {"scan_id": scan.item.scan_id, "ua": chain.ua, "kind": kind,
                         "cookiejar": f"{scan.item.scan_id}:{chain.ua}"}}

    def _request(self, scan: _Scan, chain: _Chain, url: str, kind: str, headers: dict | None = None,
                 **kwargs) -> Request:
        return Request(url, **self._hop_kwargs(scan, chain, kind, headers), **kwargs)

    def _follow(self, scan: _Scan, chain: _Chain, url: str, kind: str, **kwargs) -> Iterator[Any]:
        try:
            url = validate_url(url)
        except BadTarget as exc:
            yield from self._end(scan, chain, {"kind": "bad_url", "message": str(exc), "url": url})
            return
        key = (kwargs.get("method", "GET"), url, kwargs.get("body"))
        if kind in ("http", "meta", "js") and key in chain.visited:
            yield from self._end(scan, chain, {"kind": "redirect_loop", "url": url,
                                               "message": "redirect loop"})
            return
        if len(chain.hops) >= self.max_hops:
            yield from self._end(scan, chain, {"kind": "too_many_hops", "url": url,
                                               "message": f"more than {self.max_hops} redirects"})
            return
        chain.visited.add(key)
        yield self._request(scan, chain, url, kind, **kwargs)

    # -- responses --------------------------------------------------------------------------------
    def parse_hop(self, response: Response) -> Iterator[Any]:
        meta = response.meta
        scan = self._scans[meta["scan_id"]]
        chain = scan.chains[meta["ua"]]
        page = capture_response(response, chain.ua, len(chain.hops), meta["kind"])
        scan.item.pages.append(page)
        chain.hops.append({"url": response.url, "status": response.status, "kind": meta["kind"]})
        location = response.headers.get("Location")
        if 300 <= response.status < 400 and location:
            target = urljoin(response.url, location.decode("latin-1").strip())
            yield from self._follow(scan, chain, target, "http")
            return
        ctype = page.content_type
        if not _is_textual(ctype, response.body) or response.status >= 400:
            if response.body and looks_binary(response.body[:65536]) and "html" in ctype.lower():
                yield from self._end(scan, chain, {"kind": "binary", "url": response.url,
                                                   "message": "body is not text (invalid bytes)"})
                return
            yield from self._end(scan, chain, None)
            return
        if looks_binary(response.body[:65536]):
            yield from self._end(scan, chain, {"kind": "binary", "url": response.url,
                                               "message": "body is not text (invalid bytes)"})
            return
        text, encoding = decode_html(response.body[: self.max_parse], ctype)
        page.text, page.encoding = text, encoding
        if "json" not in ctype.lower():
            # Parse once: the finders here and the extraction pipeline share this document.
            page.doc = parse_document(text, response.url, self.max_parse)
            for hop in find_redirects(page.doc, response.url):
                if hop["url"] != response.url:
                    yield from self._follow(scan, chain, hop["url"], hop["kind"])
                    return
        if self.submit_queries and not chain.submitted and meta["kind"] not in ("form", "ajax"):
            numbers = scan.cert_numbers or find_cert_numbers(" ".join(h["url"] for h in chain.hops))
            if numbers:
                request = self._query_request(scan, chain, response, page.doc or text, numbers[0])
                if request is not None:
                    chain.submitted = True
                    chain.visited.add((request.method, request.url, request.body))
                    yield request
                    return
        yield from self._end(scan, chain, None)

    def _query_request(self, scan: _Scan, chain: _Chain, response: Response, text: "str | Document",
                       number: str) -> Request | None:
        """A request that submits ``number`` through the page's query form or AJAX API, if any."""
        id_number = number[1:] if number[:1] in "Tt" and len(number) == 19 else number

        def value_for(role: str) -> str | None:
            return {"cert_number": number, "id_number": id_number}.get(role)

        for form in find_query_forms(text, response.url):
            data = {f["name"]: value_for(f.get("role", "")) for f in form.get("fields", [])
                    if f.get("name") and value_for(f.get("role", ""))}
            if not data:
                continue
            return FormRequest.from_response(response, formnumber=form.get("index", 0),
                                             formdata=data, **self._hop_kwargs(scan, chain, "form"))
        for api in find_ajax_endpoints(text, response.url):
            params = {p["name"]: value_for(p.get("role", "")) for p in api.get("params", [])
                      if p.get("name") and value_for(p.get("role", ""))}
            if not params:
                continue
            method = (api.get("method") or "GET").upper()
            headers = {"X-Requested-With": "XMLHttpRequest", "Referer": response.url}
            if method == "GET":
                parts = urlsplit(api["url"])
                query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
                return self._request(scan, chain, parts._replace(query=urlencode(query)).geturl(),
                                     "ajax", headers=headers)
            if api.get("json"):
                headers["Content-Type"] = "application/json"
                body = json.dumps(params, ensure_ascii=False)
            else:
                headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8"
                body = urlencode(params)
            return self._request(scan, chain, api["url"], "ajax", method="POST", body=body,
                                 headers=headers)
        return None

    def hop_failed(self, failure) -> Iterator[Any]:
        request = failure.request
        scan = self._scans.get(request.meta.get("scan_id"))
        if scan is None:
            return
        chain = scan.chains[request.meta["ua"]]
        error = classify_failure(failure, request.url)
        chain.hops.append({"url": request.url, "status": None, "kind": request.meta["kind"],
                           "error": error["kind"]})
        yield from self._end(scan, chain, error)

    # -- finishing --------------------------------------------------------------------------------
    def _end(self, scan: _Scan, chain: _Chain, error: dict | None) -> Iterator[Any]:
        chain.done, chain.error = True, error
        if not all(c.done for c in scan.chains.values()):
            return
        item = scan.item
        item.finished_at = utc_now()
        item.chains = {ua: c.hops + ([{"error": c.error}] if c.error else [])
                       for ua, c in scan.chains.items()}
        first = next(iter(scan.chains.values()))
        errors = [c.error for c in scan.chains.values() if c.error]
        # The refusals (policy, hostile page) matter more than plain unreachability: they say why
        # zhenwei stopped, even if the other user agent got somewhere.
        refused = [e for e in errors if e["kind"] in REFUSED]
        if refused:
            item.error = refused[0]
        elif first.error and (not item.pages or first.error["kind"] in UNREACHABLE):
            item.error = first.error
        elif errors and not item.pages:
            item.error = errors[0]
        del self._scans[item.scan_id]
        yield item
