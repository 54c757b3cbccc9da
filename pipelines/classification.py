"""Classification pipeline: a verdict per page, then one verdict per scan.

Each textual page is scored by the classifier library (``classifier.rules`` until the ML model
lands). The scan's verdict is that of its most incriminating page: the fake may sit behind a
redirect, only in the WeChat view, or only on the query-result page. It also records:

* ``unreachable`` with the evidence (NXDOMAIN, refused, timeout, HTTP 4xx/5xx) when no page was served;
* cloaking, when the WeChat and desktop views differ;
* the certificate record shown (query results first), and the final URL and redirect chain.

Reads ``ZHENWEI_CLASSIFY_ENABLED``.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.exceptions import NotConfigured

from classifier.reasons import render
from classifier.rules import rule_verdict
from spiders.capture import REFUSED, UNREACHABLE
from zhenwei.items import PageCapture, ScanItem

_TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S | re.I)


def _shingles(text: str | None) -> set[str]:
    plain = re.sub(r"\s+", "", _TAGS.sub(" ", text or ""))[:20000]
    return {plain[i:i + 3] for i in range(max(len(plain) - 2, 0))}


def similarity(a: str | None, b: str | None) -> float:
    """Jaccard similarity of character 3-grams of the visible text (1.0 = same content)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def _chain_final(item: ScanItem, ua: str) -> PageCapture | None:
    pages = [p for p in item.pages if p.ua_profile == ua]
    return pages[-1] if pages else None


def detect_cloaking(item: ScanItem) -> dict[str, Any] | None:
    """Compare the final page each user agent got. None when fewer than two views exist."""
    finals = {ua: _chain_final(item, ua) for ua in item.chains}
    finals = {ua: p for ua, p in finals.items() if p is not None}
    if len(finals) < 2:
        return None
    (ua_a, a), (ua_b, b) = list(finals.items())[:2]
    sim = similarity(a.text, b.text)
    va, vb = ((p.verdict or {}).get("verdict") for p in (a, b))
    detected = (va != vb) or (a.sha256 != b.sha256 and sim < 0.5)
    return {
        "detected": bool(detected), "similarity": round(sim, 3),
        "views": {ua: {"url": p.url, "status": p.status, "sha256": p.sha256,
                       "verdict": (p.verdict or {}).get("verdict")} for ua, p in finals.items()},
    }


def aggregate(item: ScanItem) -> None:
    """Set the scan-level verdict fields of ``item`` from its pages (pure; used by the pipeline)."""
    first_ua = next(iter(item.chains), None)
    chain = [h for h in item.chains.get(first_ua, []) if "url" in h]
    item.meta["redirect_chain"] = chain
    served = [p for p in item.pages if 200 <= p.status < 300]
    final = _chain_final(item, first_ua) if first_ua else None
    item.final_url = final.url if final else (chain[-1]["url"] if chain else item.target_url)
    item.model_version = "rules-1"
    if item.error and item.error["kind"] in REFUSED:
        # zhenwei stopped on purpose (policy, hostile page): the scan is refused, with no verdict.
        item.verdict, item.score, item.authority = None, None, None
        item.reasons = [render("hop_refused", detail=item.error["message"],
                               url=item.error.get("url", ""))]
        return
    if not served:
        item.verdict, item.score, item.authority = "unreachable", None, None
        if item.error:
            item.reasons = [render("unreachable", kind=item.error["kind"],
                                   detail=item.error["message"], url=item.error.get("url", ""))]
        else:
            status = final.status if final else None
            item.reasons = [render("http_error", status=status, url=item.final_url)]
        return
    scored = [p for p in served if p.verdict]
    best = max(scored, key=lambda p: p.verdict.get("score") or 0.0) if scored else served[-1]
    verdict = best.verdict or {}
    item.verdict = verdict.get("verdict", "legitimate")
    item.score = verdict.get("score")
    item.authority = verdict.get("authority")
    item.model_version = verdict.get("model_version") or verdict.get("rule_version") or "rules-1"
    item.reasons = list(verdict.get("reasons") or [])
    item.cloaking = detect_cloaking(item)
    if item.cloaking and item.cloaking["detected"]:
        item.reasons.append(render("cloaking", similarity=item.cloaking["similarity"]))
    if item.error and item.error["kind"] not in UNREACHABLE:
        item.reasons.append(render("hop_refused", detail=item.error["message"],
                                   url=item.error.get("url", "")))
    # The record shown after submitting the query is the one the forger wants believed.
    ordered = sorted(served, key=lambda p: (p.hop_kind not in ("form", "ajax"), p is not best))
    for page in ordered:
        cert = (page.facts or {}).get("certificate")
        if cert:
            item.certificate = dict(cert, source_url=page.url)
            break


class ClassificationPipeline:
    """Scores pages with the rules, or with the shipped model (``ZHENWEI_CLASSIFIER = "model"``)."""

    def __init__(self, use_model: bool = False):
        self.model = self.meta = None
        if use_model:
            from classifier.model import load_model
            from classifier.scoring import MODEL_PATH

            self.model, self.meta = load_model(MODEL_PATH)  # refuses a mismatched model, loudly

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("ZHENWEI_CLASSIFY_ENABLED"):
            raise NotConfigured("ZHENWEI_CLASSIFY_ENABLED is off")
        kind = s.get("ZHENWEI_CLASSIFIER", "rules")
        if kind not in ("rules", "model"):
            raise ValueError(f"ZHENWEI_CLASSIFIER={kind!r}: expected 'rules' or 'model'")
        return cls(use_model=kind == "model")

    def _score(self, pages: list[PageCapture]) -> None:
        html_pages = [p for p in pages if not p.facts.get("json")]
        if self.model is not None and html_pages:
            from classifier.scoring import score_rows

            rows = [{"url": p.url, "html": "", "facts": p.facts} for p in html_pages]
            for page, res in zip(html_pages, score_rows(rows, self.model, self.meta)):
                page.verdict = res
        for page in pages:
            if page.verdict is None:
                page.verdict = rule_verdict(page.facts, page.url)

    def process_item(self, item):
        if not isinstance(item, ScanItem) or (item.error or {}).get("kind") == "bad_url":
            return item
        self._score([p for p in item.pages if p.facts and 200 <= p.status < 300])
        aggregate(item)
        return item
