"""All facts about one page, from one parse: the input of the rule verdict and of the ML features.

:func:`page_facts` parses the HTML once (:mod:`classifier.document`) and combines the extractors:
gov markers (:mod:`classifier.markers`), the authority claimed and mentioned (:mod:`classifier.claims`),
the certificate shown (:mod:`classifier.certificate`), forms, AJAX endpoints and redirects
(:mod:`classifier.pageflow`), plus title, visible-text size, external script/link hosts and the
national-emblem image. The result is a JSON-serialisable dict; the same HTML and URL always give the
same facts. Hostile input (empty, garbage, broken, huge) never raises: what happened is noted under
``parse.notes``.

Reads no settings (callers pass ``max_chars``; the pipeline uses ``ZHENWEI_MAX_PARSE_BYTES``).
"""

from __future__ import annotations

import re
from typing import Any, Callable

from classifier.certificate import extract_certificate_from_html, find_cert_numbers
from classifier.claims import detect_service, extract_claim
from classifier.document import MAX_CHARS, Document, parse_document
from classifier.markers import extract_markers
from classifier.pageflow import find_ajax_endpoints, find_query_forms, find_redirects
from zhenwei.profiles import Profile, is_gov_host, load_profiles

FACTS_VERSION = 1
_EMBLEM = re.compile(r"国徽|guohui|gh_?logo|emblem", re.I)
_STYLE_EMBLEM = re.compile(r"url\(\s*['\"]?[^)'\"]*(?:国徽|guohui|emblem)", re.I)
_HTTP_REFRESH = re.compile(r"^\s*\d*(?:\.\d+)?\s*[;,]?\s*url\s*=\s*['\"]?([^'\"]+)", re.I)


def _safe(notes: list[str], what: str, fn: Callable[[], Any], default: Any) -> Any:
    # Hostile markup must never stop a scan; a failed extractor is recorded and the rest still run.
    try:
        return fn()
    except Exception as exc:  # noqa: BLE001 - see comment above
        notes.append(f"{what} failed: {type(exc).__name__}: {exc}"[:300])
        return default


def _hosts(urls: list[str], own: str) -> list[str]:
    out = []
    for url in urls:
        host = Document.host_of(url)
        if host and host != own and host not in out:
            out.append(host)
    return out[:50]


def _keyword_hits(text: str, profiles: list[Profile]) -> dict[str, int]:
    """How many of each profile's topic keywords occur in the text (a relevance feature)."""
    hits = {p.id: sum(1 for k in p.keywords if k in text) for p in profiles}
    return {k: v for k, v in hits.items() if v}


def _emblem(doc: Document, html: str) -> bool:
    if any(_EMBLEM.search(f"{src} {alt}") for src, alt in doc.images):
        return True
    return bool(_STYLE_EMBLEM.search(html[:MAX_CHARS]))


def _form_summary(form: dict[str, Any]) -> dict[str, Any]:
    return {"index": form["index"], "action": form["action"], "method": form["method"],
            "is_query": form["is_query"], "has_captcha": form["has_captcha"],
            "fields": [{"name": f["name"], "type": f["type"], "role": f["role"], "label": f["label"]}
                       for f in form["fields"][:30]]}


def page_facts(html: str | bytes | Document | None, url: str, headers: dict[str, str] | None = None,
               profiles: list[Profile] | None = None, max_chars: int = MAX_CHARS) -> dict[str, Any]:
    """Facts of one page. ``headers`` are the response headers (any case); ``html`` may be bytes.

    Keys: ``facts_version``, ``url``, ``host``, ``gov_host``, ``parse`` {chars, truncated, parsed,
    notes}, ``title``, ``text_length``, ``text_empty``, ``text_excerpt`` (first 1,500 characters),
    ``content_type``, ``markers`` (:func:`classifier.markers.extract_markers`), ``claim``
    (:func:`classifier.claims.extract_claim`), ``service`` (:func:`classifier.claims.detect_service`),
    ``has_result_card``, ``certificate`` (normalised record or None), ``keywords`` (profile id -> number
    of its topic keywords in the text), ``cert_numbers``, ``forms``,
    ``ajax``, ``redirects`` (incl. an HTTP ``Refresh`` header, kind "header"), ``script_hosts`` and
    ``link_hosts`` (other hosts the page loads scripts from / links to), ``emblem``.
    """
    notes: list[str] = []
    profiles = profiles if profiles is not None else load_profiles()
    headers = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if isinstance(html, Document):  # already parsed by the caller (the spider parses each page once)
        doc, html = html, ""
    else:
        doc = _safe(notes, "parse", lambda: parse_document(html, url, max_chars), None) or Document(url, None)
    notes = doc.notes + notes
    raw = html if isinstance(html, str) else ""
    text = _safe(notes, "text", lambda: doc.visible_text, "")
    markers = _safe(notes, "markers", lambda: extract_markers(doc), {})
    claim = _safe(notes, "claims", lambda: extract_claim(doc, profiles, markers),
                  {"authority": None, "where": [], "strength": 0.0, "mentions": [], "others": []})
    forms = _safe(notes, "forms", lambda: find_query_forms(doc), [])
    ajax = _safe(notes, "ajax", lambda: find_ajax_endpoints(doc), [])
    redirects = _safe(notes, "redirects", lambda: find_redirects(doc), [])
    refresh = _HTTP_REFRESH.match(headers.get("refresh", ""))
    if refresh:
        redirects.insert(0, {"url": doc.absolute(refresh.group(1).strip()), "kind": "header"})
    cert = _safe(notes, "certificate", lambda: extract_certificate_from_html(doc), {})
    service = _safe(notes, "service", lambda: detect_service(doc, forms, ajax, cert),
                    {"query_form": False, "ajax_query": False, "result_status": None,
                     "has_result_card": False})
    return {
        "facts_version": FACTS_VERSION,
        "url": url,
        "host": doc.host,
        "gov_host": is_gov_host(doc.host),
        "parse": {"chars": doc.input_chars, "truncated": doc.truncated, "parsed": doc.root is not None,
                  "notes": notes},
        "title": _safe(notes, "title", lambda: doc.title, ""),
        "text_length": len(text),
        "text_empty": not text.strip(),
        "text_excerpt": text[:1500],
        "content_type": headers.get("content-type"),
        "markers": markers,
        "claim": claim,
        "service": service,
        "has_result_card": bool(service.get("has_result_card")),
        "certificate": cert or None,
        "keywords": _safe(notes, "keywords", lambda: _keyword_hits(text[:200000], profiles), {}),
        "cert_numbers": _safe(notes, "cert numbers", lambda: find_cert_numbers(text[:200000], profiles)[:20], []),
        "forms": [_form_summary(f) for f in forms[:10]],
        "ajax": ajax[:10],
        "redirects": redirects[:10],
        "script_hosts": _safe(notes, "scripts", lambda: _hosts([s for s, _ in doc.scripts if s], doc.host), []),
        "link_hosts": _safe(notes, "links", lambda: _hosts(
            [h for h, _, _ in doc.links] + [doc.absolute(el.get("href")) for el in doc.iter("link")], doc.host), []),
        "emblem": _safe(notes, "emblem", lambda: _emblem(doc, raw), False),
    }
