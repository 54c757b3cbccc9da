"""Feature functions about what a page shows: its text, its structure and its gov markers.

Each public function takes a list of records (:func:`classifier.features.to_records`) and returns a
float array with one row per record and the columns named in :data:`PAGE_FEATURE_NAMES`. They read
only ``record["facts"]`` (:func:`classifier.extract.page_facts`), never the raw HTML again, and every
value lies in [0, 1] so a linear model needs no scaler.

Reads no settings.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Sequence

import numpy as np

from zhenwei.profiles import load_profiles

_DIGITS = re.compile(r"\d")
_SPACE = re.compile(r"\s+")
_MAX_HOSTS = 50  # page_facts keeps at most 50 script/link hosts


def record_text(records: Sequence[dict[str, Any]]) -> list[str]:
    """Title plus the visible-text excerpt (first 1,500 characters) of each record, for n-grams.

    Why it generalises: character n-grams of Chinese wording ("特种作业操作证", "证书真实有效", "主办单位")
    describe what a page says, not how a kit marks it up. Digits are folded to 0 so certificate
    numbers, dates and phone numbers of one kit do not become vocabulary of their own.
    """
    out = []
    for rec in records:
        facts = rec["facts"]
        text = f"{facts.get('title') or ''} {facts.get('text_excerpt') or ''}"
        out.append(_SPACE.sub(" ", _DIGITS.sub("0", text)).strip())
    return out


def _share(n: float, cap: float) -> float:
    return min(max(float(n), 0.0), cap) / cap


def _structure_row(facts: dict[str, Any]) -> dict[str, float]:
    service = facts.get("service") or {}
    forms = facts.get("forms") or []
    query_roles = {f.get("role") for form in forms if form.get("is_query") for f in form.get("fields") or []}
    text_length = int(facts.get("text_length") or 0)
    parse = facts.get("parse") or {}
    return {
        "query_form": float(bool(service.get("query_form"))),
        "query_asks_cert_or_id": float(bool(query_roles & {"cert_number", "id_number"})),
        "query_asks_name": float("name" in query_roles or "holder_name" in query_roles),
        "captcha": float(any(form.get("has_captcha") for form in forms)),
        "ajax_query": float(bool(service.get("ajax_query"))),
        "result_card": float(bool(service.get("has_result_card") or facts.get("has_result_card"))),
        "result_says_valid": float(service.get("result_status") == "valid"),
        "result_fields": _share(service.get("certificate_fields") or len(facts.get("certificate") or {}), 10),
        "certificate_shown": float(bool(facts.get("certificate"))),
        "cert_number_in_text": float(bool(facts.get("cert_numbers"))),
        "emblem_image": float(bool(facts.get("emblem"))),
        "external_script_hosts": _share(len(facts.get("script_hosts") or []), 10),
        "external_link_hosts": _share(len(facts.get("link_hosts") or []), _MAX_HOSTS),
        "redirects": float(bool(facts.get("redirects"))),
        "topic_keywords": _share(max((facts.get("keywords") or {}).values(), default=0), 5),
        "text_empty": float(bool(facts.get("text_empty", text_length == 0))),
        "text_short": float(text_length < 200),
        "text_length_log": _share(np.log1p(text_length), np.log1p(200_000)),
        "parse_failed": float(parse.get("parsed") is False),
        "binary_body": float(bool(facts.get("binary"))),
    }


def structure_features(records: Sequence[dict[str, Any]]) -> np.ndarray:
    """What the page asks for and shows: a certificate/ID query form, a result card and its fields, an
    emblem image, captcha, AJAX look-up, how many other hosts it loads scripts from and links to.

    Why it generalises: these are roles found by the extractors (a field *labelled* 证件号码, a card
    *saying* 有效), so a new kit with other markup, class names and script URLs still lights them up;
    only counts of external hosts are kept, never the hosts themselves.
    """
    return _matrix([rec["facts"] for rec in records], _structure_row, STRUCTURE_NAMES)


def _markers_row(facts: dict[str, Any], official_ids: frozenset[str] = frozenset()) -> dict[str, float]:
    markers = facts.get("markers") or {}
    site_id = markers.get("site_id") or {}
    values = {k: v for k, v in site_id.items() if k in ("meta", "footer", "script") and v}
    formats = set((site_id.get("format") or {}).values())
    conac = markers.get("conac") or {}
    icp = markers.get("icp") or {}
    police = markers.get("police") or {}
    codes = {f.get("code") for f in markers.get("findings") or []}
    present = markers.get("gov_markers") or []
    return {
        "site_id_meta": float(bool(site_id.get("meta"))),
        "site_id_footer": float(bool(site_id.get("footer"))),
        "site_id_script": float(bool(site_id.get("script"))),
        "site_id_format_valid": float(bool(values) and formats <= {"central", "local"}),
        "site_id_format_invalid": float("invalid" in formats or "siteid_invalid" in codes),
        "site_id_central": float("central" in formats),
        "site_id_mismatch": float("siteid_mismatch" in codes),
        "site_id_is_profiled": float(bool({str(v).lower() for v in values.values()} & official_ids)),
        "conac_badge": float(bool(conac.get("present"))),
        "conac_script": float(bool(conac.get("script"))),
        "conac_link_genuine": float(bool(conac.get("link_genuine"))),
        "conac_wrong_target": float(bool(codes & {"badge_wrong_target", "badge_bad_id"})),
        "party_gov_text": float("party_gov_text" in present),
        "icp_present": float(bool(icp)),
        "icp_wrong_target": float("icp_wrong_target" in codes),
        "police_present": float(bool(police)),
        "police_region_mismatch": float("beian_region_mismatch" in codes),
        "police_wrong_target": float(bool(codes & {"beian_wrong_target", "beian_record_mismatch"})),
        "police_link_official": float(bool(police.get("link_official"))),
        "sponsor_present": float(bool(markers.get("sponsor") or markers.get("organizer"))),
        "gov_marker_count": _share(len(present), 5),
        "marker_findings": _share(len(codes), 4),
    }


def gov_marker_features(records: Sequence[dict[str, Any]]) -> np.ndarray:
    """Presence, format validity and consistency of 网站标识码 (meta/footer/script), the 党政机关 badge
    and its target, ICP and 公安 filings (from ``facts["markers"]``).

    Why it generalises: every government site must carry these markers and every fake must either
    copy, forge or drop them; the features say which of those happened (a meta tag disagreeing with the
    footer, a badge linking to the kit's own page, a 公网安备 region that is not its province), not
    which values a particular kit used. ``site_id_is_profiled`` is the one value check: a profiled
    authority's own code (bm34000001) copied onto a page.
    """
    official_ids = frozenset(code.lower() for p in load_profiles() for code in p.site_id_codes)
    return _matrix([rec["facts"] for rec in records], functools.partial(_markers_row, official_ids=official_ids),
                   MARKER_NAMES)


def _matrix(items: Sequence[dict[str, Any]], row, names: tuple[str, ...]) -> np.ndarray:
    """One row per item: ``row(item)`` gives a dict of values, laid out in the order of ``names``."""
    out = np.zeros((len(items), len(names)), dtype=np.float64)
    for i, item in enumerate(items):
        values = row(item)
        out[i] = [values[n] for n in names]  # a KeyError here is a name/row mismatch: a bug
    return out


STRUCTURE_NAMES = tuple(_structure_row({}).keys())
MARKER_NAMES = tuple(_markers_row({}).keys())
PAGE_FEATURE_NAMES = {"structure_features": STRUCTURE_NAMES, "gov_marker_features": MARKER_NAMES}
