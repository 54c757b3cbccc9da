"""Feature functions about where a page lives: URL and domain, WHOIS, and claim against host.

Each public function takes a list of records (:func:`classifier.features.to_records`) and returns a
float array with one row per record and the columns named in :data:`HOST_FEATURE_NAMES`; every value
lies in [0, 1]. Host-only work (edit distances, suffix lookup) is cached per host, because a crawl
fetches many pages from one host. Nothing here reads the clock: a domain's age comes from the WHOIS
record (``age_days``, or ``creation_date`` against ``queried_at``), so a row always gives the same
features.

Reads no settings.
"""

from __future__ import annotations

import functools
import ipaddress
import math
import re
from datetime import datetime
from typing import Any, Sequence

import numpy as np
import tldextract

from classifier.features_page import _matrix, _share
from zhenwei.profiles import TIERS, Profile, is_gov_host, load_profiles

# Pinyin and English tokens that lookalike hosts of the protected authorities use (see
# /work/shared/domain-facts.md "What fakes look like"), plus "peixun"/"kaoshi" which hard negatives use.
PINYIN_TOKENS = ("yjgl", "yjglj", "yjj", "yjt", "aqsc", "ajj", "tzzy", "zscx", "zhengshu", "chaxun",
                 "kaoshi", "peixun", "cx", "gov", "govcn", "mem", "mohurd", "zlaq", "jzsc", "zjt", "zjw", "jst")
# Open TLDs that cost little and are common in abuse reports; bucketed, so a new cheap TLD only needs
# adding here, and one kit's TLD is not learned as such.
CHEAP_TLDS = frozenset("top xyz cc vip icu club shop site online wang ren ltd cyou buzz work fun live "
                       "store tk ml ga cf gq pw bid win loan link life space website tech ink kim".split())
GENERIC_TLDS = frozenset("com net org info biz".split())
TLD_BUCKETS = ("gov", "cn", "cn_second_level", "generic", "cheap", "private_suffix", "other", "ip")
AGE_BUCKETS = ((30, "age_under_30d"), (90, "age_under_90d"), (365, "age_under_1y"), (3 * 365, "age_under_3y"))
_DYNAMIC_EXT = re.compile(r"\.(?:php|asp|aspx|jsp|do|cgi)$", re.I)
_PATH_QUERY = re.compile(r"cx|chaxun|query|search|cert|zhengshu|zs|result|verify|check", re.I)
_PARTS = re.compile(r"[.\-_\d]+")
_NEUTRAL_TOKENS = {"kaoshi", "peixun"}  # training and exam sites use them too: not the authority's
_SKIP_LABELS = {"www", "gov", "org", "com", "net", "cn", "cx", "xn--zfr164b"}


@functools.lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # Offline: the bundled public-suffix snapshot, no network and no disk (engineering notes).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def _skeleton(host: str) -> str:
    host = host[4:] if host.startswith("www.") else host
    return re.sub(r"[^a-z0-9]", "", host)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance, bit-parallel (Myers 1999 / Hyyrö 2001): one pass of integer operations
    per character of ``b``, about 10× faster than the textbook table in pure Python."""
    if not a or not b:
        return len(a) + len(b)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    full, top = (1 << len(a)) - 1, 1 << (len(a) - 1)
    pv, mv, score = full, 0, len(a)
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & full
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = (mh | ~(xv | ph)) & full
        mv = ph & xv
    return score


def _best_similarity(words: list[str], targets: tuple[str, ...]) -> float:
    """Highest 1 - distance/longer length over all pairs; pairs whose lengths alone rule out beating
    the best so far are skipped."""
    best = 0.0
    for w in words:
        for t in targets:
            longer = max(len(w), len(t))
            if not longer or 1.0 - abs(len(w) - len(t)) / longer <= best:
                continue
            best = max(best, 1.0 - _distance(w, t) / longer)
    return best


@functools.lru_cache(maxsize=8)
def _official_shapes(profiles: tuple[Profile, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Skeletons of the profiles' exact official hosts and their distinctive labels (mem, mohurd...)."""
    hosts = {h for p in profiles for h in (*p.official_hosts, *p.legacy_hosts)}
    skeletons = tuple(sorted({_skeleton(h) for h in hosts}))
    labels = tuple(sorted({lab for h in hosts for lab in h.split(".")
                           if len(lab) >= 3 and lab not in _SKIP_LABELS}))
    return skeletons, labels


def _token_hit(token: str, compact: str, parts: list[str]) -> bool:
    # Long tokens are matched anywhere (bjyjglj holds yjgl); short ones only at a part's edge, so that
    # "mem" is not found inside "member".
    if len(token) >= 4:
        return token in compact
    return any(p == token or p.startswith(token) or p.endswith(token) for p in parts)


def _tld_bucket(host: str) -> str:
    try:
        ipaddress.ip_address(host)
        return "ip"
    except ValueError:
        pass
    if is_gov_host(host):
        return "gov"
    ext = _extractor()(host)
    if ext.is_private:
        return "private_suffix"  # gov.cn.com, cn.com: looks like .cn to a reader, is not
    suffix = ext.suffix
    if suffix == "cn":
        return "cn"
    if suffix.endswith(".cn"):
        return "cn_second_level"
    last = suffix.rsplit(".", 1)[-1]
    if last in GENERIC_TLDS:
        return "generic"
    if last in CHEAP_TLDS:
        return "cheap"
    return "other"


@functools.lru_cache(maxsize=65536)
def _host_row(host: str, profiles: tuple[Profile, ...]) -> tuple[tuple[str, float], ...]:
    gov = is_gov_host(host)
    official = any(p.is_official_host(host) for p in profiles)
    skeletons, labels = _official_shapes(profiles)
    compact = re.sub(r"[^a-z0-9]", "", host)
    parts = [p for p in _PARTS.split(host) if p]
    row: dict[str, float] = {
        "host_missing": float(not host),
        "gov_cn": float(gov),
        "official_host_any_profile": float(official),
        "legacy_official_host": float(any(p.is_legacy_host(host) for p in profiles)),
        # A lookalike is a non-official host that resembles an official one; on official hosts these are 0.
        "lookalike_host_similarity": 0.0 if official or not host else _best_similarity(
            [_skeleton(host)], skeletons),
        "lookalike_label_similarity": 0.0 if official or not host else _best_similarity(
            [p for p in parts if len(p) >= 3], labels),
        "official_label_in_host": float(not official and any(_token_hit(lab, compact, parts) for lab in labels)),
        "mimics_gov": float(not gov and "gov" in host),
        "gov_cn_spliced": float(not gov and ("govcn" in compact or "gov-cn" in host or ".gov.cn." in host + ".")),
        "punycode": float("xn--" in host and not gov),
        "hyphens": _share(host.count("-"), 4),
        "digits": _share(sum(c.isdigit() for c in host), 8),
        "host_length": _share(len(host), 64),
        "subdomain_depth": _share(max(host.count(".") - 1, 0), 4),
    }
    bucket = _tld_bucket(host) if host else "other"
    row.update({f"tld_{b}": float(b == bucket) for b in TLD_BUCKETS})
    hits = {t: _token_hit(t, compact, parts) for t in PINYIN_TOKENS}
    row.update({f"host_token_{t}": float(hit) for t, hit in hits.items()})
    # The same tokens on a non-government host: the interaction a linear model cannot build itself.
    row["authority_tokens_off_gov"] = 0.0 if gov else _share(
        sum(hit for t, hit in hits.items() if t not in _NEUTRAL_TOKENS), 4)
    return tuple(row.items())


def _url_row(rec: dict[str, Any], profiles: tuple[Profile, ...]) -> dict[str, float]:
    row = dict(_host_row(rec["host"], profiles))
    path = rec.get("path") or ""
    row.update({
        "https": float(rec.get("scheme") == "https"),
        "nondefault_port": float(bool(rec.get("port"))),
        "path_dynamic_script": float(bool(_DYNAMIC_EXT.search(path))),
        "path_query_word": float(bool(_PATH_QUERY.search(path + "?" + (rec.get("query") or "")))),
    })
    return row


def url_features(records: Sequence[dict[str, Any]]) -> np.ndarray:
    """The URL and domain: under gov.cn, official for some profile, lookalike distance to the profiles'
    official hosts, TLD bucket, hyphens, digits, pinyin tokens, dynamic-script path.

    Why it generalises: the hosts compared against come from the profiles, not from training pages, and
    the distance is to the *official* names (cx-mem-gov.cn is one edit-free skeleton away from
    cx.mem.gov.cn whatever kit sits on it). TLDs are bucketed, so an unseen cheap TLD looks like the
    others; the host name itself is never a feature.
    """
    return _matrix(records, functools.partial(_url_row, profiles=tuple(load_profiles())), URL_NAMES)


def _age_days(whois: dict[str, Any]) -> float | None:
    age = whois.get("age_days")
    if isinstance(age, (int, float)) and not isinstance(age, bool) and math.isfinite(age):
        return float(age)
    created, queried = whois.get("creation_date"), whois.get("queried_at")
    if not created or not queried:
        return None
    try:
        moment = datetime.fromisoformat(str(queried).replace("Z", "+00:00"))
        start = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
        if (moment.tzinfo is None) != (start.tzinfo is None):
            moment, start = moment.replace(tzinfo=None), start.replace(tzinfo=None)
        return float((moment - start).days)
    except (TypeError, ValueError):
        return None


def _whois_row(rec: dict[str, Any]) -> dict[str, float]:
    whois = rec.get("whois") or {}
    age = _age_days(whois)
    row = {"whois_unknown": float(age is None)}
    for limit, name in AGE_BUCKETS:
        row[name] = float(age is not None and age < limit)
    row["age_over_3y"] = float(age is not None and age >= AGE_BUCKETS[-1][0])
    row["age_log"] = 0.0 if age is None else _share(math.log1p(max(age, 0.0)), math.log1p(10_000))
    row["registrar_known"] = float(bool(whois.get("registrar")))
    row["whois_not_registered"] = float(whois.get("registered") is False)
    return row


def whois_features(records: Sequence[dict[str, Any]]) -> np.ndarray:
    """Domain age in buckets (and log scale) and whether a registrar is known; ``whois_unknown`` is set
    when the row brings no WHOIS record or the record has no usable creation date.

    Why it generalises: kits move to freshly registered domains when one is cut off; age is a property
    of the registration, not of the page. The registrar's name is deliberately not a feature: it would
    learn which registrars the training kits happened to use.
    """
    return _matrix(records, _whois_row, WHOIS_NAMES)


def _claim_row(rec: dict[str, Any], profiles: tuple[Profile, ...]) -> dict[str, float]:
    facts, host = rec["facts"], rec["host"]
    by_id = {p.id: p for p in profiles}
    claim = facts.get("claim") or {}
    claims = [c for c in [claim, *(claim.get("others") or [])] if c.get("authority") in by_id]
    where = set(claim.get("where") or []) if claims else set()
    official = [c for c in claims if by_id[c["authority"]].is_official_host(host)]
    gov = is_gov_host(host)
    off_official = bool(claims) and not official
    prof = by_id.get(claim.get("authority") or "")
    tokens = set(prof.host_tokens) if prof else set()
    compact = re.sub(r"[^a-z0-9]", "", host)
    parts = [p for p in _PARTS.split(host) if p]
    markers = facts.get("markers") or {}
    site_ids = {str(v).lower() for k, v in (markers.get("site_id") or {}).items()
                if k in ("meta", "footer", "script") and v}
    copied = [p for p in profiles
              if site_ids & {c.lower() for c in p.site_id_codes} and not p.is_official_host(host)]
    cert = facts.get("certificate") or {}
    issuer = str(cert.get("issuer") or "")
    cert_profile = any(p.match_name(issuer) for p in profiles) if issuer else False
    cert_profile = cert_profile or any(p.match_cert_number(str(cert.get(k) or "")) for p in profiles
                                       for k in ("cert_number", "id_number") if cert.get(k))
    any_official = any(p.is_official_host(host) for p in profiles)
    row = {
        "claims_authority": float(bool(claims)),
        "claim_strength": min(float(claim.get("strength") or 0.0), 1.0) if claims else 0.0,
        "claim_only_top": float(bool(claims) and where <= {"top"}),
        "claim_on_official_host": float(bool(official)),
        "claim_off_official_host": float(off_official),
        "claim_off_gov": float(bool(claims) and not gov),
        "claim_gov_other_authority": float(off_official and gov),
        "claim_strength_off_official": min(float(claim.get("strength") or 0.0), 1.0) if off_official else 0.0,
        "claim_host_has_authority_token": float(off_official
                                                and any(_token_hit(t, compact, parts) for t in tokens)),
        "other_authorities_claimed": float(len(claims) > 1),
        "mentions_only": float(not claims and bool(claim.get("mentions"))),
        "self_identity_other": float(bool(claim.get("self_identity"))),
        "site_id_copied_off_host": float(bool(copied)),
        "profiled_certificate_off_host": float(bool(cert_profile) and not any_official),
        "gov_markers_off_gov": float(bool(markers.get("gov_markers")) and not gov),
        "topic_keywords_off_gov": float(bool(facts.get("keywords")) and not gov),
    }
    row.update({f"claim_in_{w}": float(w in where) for w in CLAIM_WHERE})
    row.update({f"claim_tier_{t}": float(bool(claims) and claim.get("tier") == t) for t in TIERS})
    return row


CLAIM_WHERE = ("title", "site_meta", "header", "heading", "footer", "site_id", "service", "top")


def claim_features(records: Sequence[dict[str, Any]]) -> np.ndarray:
    """The claimed authority (``facts["claim"]``, from text and markers) against the host: does the page
    present itself as a profiled authority, where, how strongly, and is the host one of that authority's
    official hosts? Also a profiled site ID or certificate shown off the official hosts.

    Why it generalises: this is the Phishpedia-style brand/domain consistency signal. Any kit, however
    new its markup, has to say whom it impersonates, and it cannot host that on the authority's domain;
    the feature is a relation between page and host, so it carries over to unseen kits and domains.
    """
    return _matrix(records, functools.partial(_claim_row, profiles=tuple(load_profiles())), CLAIM_NAMES)


_EMPTY = {"url": "", "host": "", "scheme": "", "port": None, "path": "", "query": "", "whois": None, "facts": {}}
URL_NAMES = tuple(_url_row(_EMPTY, ()).keys())
WHOIS_NAMES = tuple(_whois_row(_EMPTY).keys())
CLAIM_NAMES = ("claims_authority", "claim_strength", "claim_only_top", "claim_on_official_host",
               "claim_off_official_host", "claim_off_gov", "claim_gov_other_authority",
               "claim_strength_off_official", "claim_host_has_authority_token", "other_authorities_claimed",
               "mentions_only", "self_identity_other", "site_id_copied_off_host", "profiled_certificate_off_host",
               "gov_markers_off_gov", "topic_keywords_off_gov",
               *(f"claim_in_{w}" for w in CLAIM_WHERE),
               *(f"claim_tier_{t}" for t in TIERS))
HOST_FEATURE_NAMES = {"url_features": URL_NAMES, "whois_features": WHOIS_NAMES, "claim_features": CLAIM_NAMES}
