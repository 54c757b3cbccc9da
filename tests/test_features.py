"""The classifier's feature layer: names, shapes, determinism, what each group reacts to, hostile input."""

from __future__ import annotations

import numpy as np
import pytest
import skops.io as sio
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from classifier import features_host, features_page
from classifier.extract import page_facts
from classifier.features import (BLOCKS, FEATURE_NAMES, build_features, numeric_feature_names, to_records)
from tests.test_rules import CASES, PAGES
from zhenwei.textdecode import decode_html


def fixture_row(name: str, url: str | None = None, **extra) -> dict:
    html, _ = decode_html((PAGES / f"{name}.html").read_bytes())
    return {"url": url or CASES[name][0], "html": html, **extra}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [fixture_row(name) for name in sorted(CASES)]


@pytest.fixture(scope="module")
def labels() -> np.ndarray:
    return np.array([CASES[name][1] == "impersonation" for name in sorted(CASES)], dtype=int)


def numeric(rows: list[dict]) -> dict[str, np.ndarray]:
    """Every non-text feature of ``rows`` by its full name (block__name)."""
    recs = to_records(rows)
    blocks = [features_page.structure_features, features_page.gov_marker_features, features_host.url_features,
              features_host.whois_features, features_host.claim_features]
    matrix = np.hstack([f(recs) for f in blocks])
    return dict(zip(numeric_feature_names(), matrix.T))


def feature(row: dict, name: str) -> float:
    return float(numeric([row])[name][0])


# -- shape, names, determinism ---------------------------------------------------------------------

def test_names_shape_and_bounds(rows):
    feats = build_features(min_df=1)
    X = feats.fit_transform(rows)
    names = list(feats.get_feature_names_out())
    assert X.shape == (len(rows), len(names))
    assert len(set(names)) == len(names)
    assert {n.split("__", 1)[0] for n in names} == set(BLOCKS)
    assert names[-len(numeric_feature_names()):] == numeric_feature_names()
    assert any(n == "text__证书" for n in names)  # Chinese char n-grams, readable as they are
    assert X.min() >= 0.0 and X.max() <= 1.0  # no scaler needed for a linear model
    for func, block_names in FEATURE_NAMES.items():
        assert len(set(block_names)) == len(block_names), func


def test_same_input_same_output(rows):
    a = build_features(min_df=1).fit_transform(rows)
    assert (a != build_features(min_df=1).fit_transform(rows)).nnz == 0
    # Row order changes nothing but floating-point summation order.
    b = build_features(min_df=1).fit_transform(list(reversed(rows)))[::-1]
    assert np.allclose(a.toarray(), b.toarray(), rtol=0, atol=1e-12)


def test_text_vocabulary_is_bounded(rows):
    feats = build_features(max_text_features=50, min_df=1).fit(rows)
    assert len(feats.named_steps["union"].transformer_list[0][1].named_steps["tfidf"].vocabulary_) == 50


def test_digits_are_folded_in_text():
    recs = to_records([{"url": "http://a.example/", "html": "<title>T110105198811230026</title><p>2023年</p>"}])
    text = features_page.record_text(recs)[0]
    assert "1" not in text and "T000000000000000000" in text and "0000年" in text


def test_facts_are_reused_not_recomputed():
    facts = page_facts("<title>应急管理部</title>", "http://x.example/")
    facts["title"] = "sentinel title"
    rec = to_records([{"url": "http://x.example/", "html": "<title>other</title>", "facts": facts}])[0]
    assert rec["facts"] is facts
    assert to_records([rec])[0]["facts"] is facts  # records pass through without a second parse


# -- each group reacts to what it measures ---------------------------------------------------------

def test_gov_host_flips_url_and_claim_features():
    fake = fixture_row("fake_copied_footer")
    official = fixture_row("fake_copied_footer", "https://cx.mem.gov.cn/index.html")
    assert feature(fake, "url__gov_cn") == 0 and feature(official, "url__gov_cn") == 1
    assert feature(official, "url__tld_gov") == 1 and feature(fake, "url__tld_cn") == 1
    assert feature(fake, "claim__claim_off_official_host") == 1
    assert feature(official, "claim__claim_off_official_host") == 0
    assert feature(official, "claim__claim_on_official_host") == 1
    assert feature(fake, "claim__site_id_copied_off_host") == 1
    assert feature(official, "claim__site_id_copied_off_host") == 0


def test_lookalike_distance_and_tokens():
    def host(url: str) -> dict[str, float]:
        values = numeric([{"url": url, "html": ""}])
        return {k.split("__", 1)[1]: float(v[0]) for k, v in values.items() if k.startswith("url__")}

    dotted = host("http://cx-mem-gov.cn/")
    assert dotted["lookalike_host_similarity"] == 1.0  # the official name with dots turned into hyphens
    assert dotted["gov_cn_spliced"] == 1 and dotted["mimics_gov"] == 1 and dotted["hyphens"] > 0
    unrelated = host("http://example.com/")["lookalike_host_similarity"]
    assert host("http://zlaq-mohurd.top/")["lookalike_host_similarity"] > unrelated
    assert host("http://www.mem.gov.cn/")["lookalike_host_similarity"] == 0  # official: not a lookalike
    pinyin = host("http://bjyjglj-zscx.xyz/cx.php")
    assert pinyin["host_token_yjgl"] == pinyin["host_token_zscx"] == pinyin["tld_cheap"] == 1
    assert pinyin["path_dynamic_script"] == 1 and pinyin["authority_tokens_off_gov"] > 0
    assert host("http://remember.example.com/")["host_token_mem"] == 0  # short tokens only at part edges
    assert host("http://mem-gov.cn.com/")["tld_private_suffix"] == 1
    assert host("http://203.0.113.7:8080/")["tld_ip"] == 1 == host("http://203.0.113.7:8080/")["nondefault_port"]
    assert host("http://yjt.hebei.gov.cn/")["authority_tokens_off_gov"] == 0


def test_site_id_mismatch_flips_consistency():
    def page(meta: str, footer: str) -> dict:
        return {"url": "http://yjgl-cx.example.com/", "html": (
            f'<html><head><meta name="SiteIDCode" content="{meta}"><title>查询</title></head>'
            f'<body><p>证书查询</p><div class="footer">网站标识码：{footer}</div></body></html>')}

    same, differ = page("1100000001", "1100000001"), page("1100000001", "1100000088")
    assert feature(same, "gov_markers__site_id_mismatch") == 0
    assert feature(differ, "gov_markers__site_id_mismatch") == 1
    assert feature(same, "gov_markers__site_id_format_valid") == 1
    assert feature(page("12ab", "12ab"), "gov_markers__site_id_format_invalid") == 1
    assert feature(same, "claim__gov_markers_off_gov") == 1


def test_marker_findings_from_forged_page():
    forged = fixture_row("fake_forged_markers_gbk")
    assert feature(forged, "gov_markers__police_region_mismatch") == 1
    assert feature(forged, "gov_markers__police_wrong_target") == 1
    official = fixture_row("official_mem_home")
    assert feature(official, "gov_markers__conac_link_genuine") == 1
    assert feature(official, "gov_markers__police_region_mismatch") == 0
    assert feature(fixture_row("fake_copied_footer"), "gov_markers__conac_wrong_target") == 1


def test_structure_features():
    form = fixture_row("fake_copied_footer")
    assert feature(form, "structure__query_asks_cert_or_id") == 1 and feature(form, "structure__captcha") == 1
    card = fixture_row("fake_forged_markers_gbk")
    assert feature(card, "structure__result_says_valid") == 1 and feature(card, "structure__result_fields") == 1
    assert feature(card, "structure__emblem_image") == 1
    assert feature(fixture_row("fake_nomarker_kit"), "structure__ajax_query") == 1
    assert feature(fixture_row("parked"), "structure__query_form") == 0
    assert feature(fixture_row("fake_image_only"), "structure__text_empty") == 1


def test_response_headers_reach_the_facts():
    row = {"url": "http://yjgl-cx.top/", "html": "<p>证书查询</p>"}
    assert feature(row, "structure__redirects") == 0
    assert feature({**row, "headers": {"Refresh": "0; url=http://cx-mem-gov.cn/"}}, "structure__redirects") == 1


def test_whois_unknown_and_age_buckets():
    base = {"url": "http://yjgl-cx.top/", "html": "<p>x</p>"}
    assert feature(base, "whois__whois_unknown") == 1 and feature(base, "whois__age_under_30d") == 0
    young = {**base, "whois": {"age_days": 12, "registrar": "Example Registrar"}}
    assert feature(young, "whois__whois_unknown") == 0 and feature(young, "whois__age_under_30d") == 1
    assert feature(young, "whois__registrar_known") == 1
    dated = {**base, "whois": {"creation_date": "2020-01-01T00:00:00+08:00", "queried_at": "2026-11-30T00:00:00Z"}}
    assert feature(dated, "whois__age_over_3y") == 1 and 0 < feature(dated, "whois__age_log") < 1
    assert feature({**base, "whois": {"creation_date": "2020-01-01"}}, "whois__whois_unknown") == 1  # no reference time


def test_claim_features_tell_claims_from_mentions():
    assert feature(fixture_row("news_article"), "claim__mentions_only") == 1
    assert feature(fixture_row("news_article"), "claim__claims_authority") == 0
    card = fixture_row("fake_mohurd_card")
    assert feature(card, "claim__profiled_certificate_off_host") == 1
    assert feature(card, "claim__claim_host_has_authority_token") == 1


# -- hostile input ---------------------------------------------------------------------------------

# The huge page is over the parser's 2 MiB cut-off but mostly script, so the test stays fast (the
# extractor's cost grows with the amount of visible text, not with the markup).
@pytest.mark.parametrize("html", ["", None, b"\x00\xff\xfe\x89PNG\r\n\x1a\n" * 300, "<div>" * 20_000,
                                  "<p>应急管理部</p><script>var a='" + "x" * 3_000_000 + "';</script>",
                                  b"\xb2\xe9\xd1\xaf" * 1000],
                         ids=["empty", "none", "binary", "deep-nesting", "huge", "gbk-bytes"])
def test_hostile_html_gives_a_row(rows, html):
    feats = build_features(min_df=1).fit(rows)
    X = feats.transform([{"url": "http://yjgl-cx.top/q", "html": html}])
    assert X.shape == (1, len(feats.get_feature_names_out()))
    assert np.isfinite(X.toarray()).all()


@pytest.mark.parametrize("bad, words", [
    ([{"html": "<p>x</p>"}], "row 0"), (["http://a/"], "row 0"), ({"url": "http://a/"}, "single dict"),
    ([{"url": "http://a/"}, {"url": "http://b/", "html": 5}], "row 1"),
    ([{"url": "http://a/", "whois": "2020"}], "whois"),
])
def test_bad_rows_name_the_row(bad, words):
    with pytest.raises(ValueError, match=words):
        to_records(bad)


def test_unparseable_url_keeps_the_page():
    X = numeric([{"url": "http://[::1/", "html": "<title>应急管理部</title>"}])
    assert X["url__host_missing"][0] == 1


# -- composition -----------------------------------------------------------------------------------

def test_smoke_fit_with_logistic_regression(rows, labels):
    model = Pipeline([("features", build_features(min_df=1)), ("clf", LogisticRegression(max_iter=1000))])
    model.fit(rows, labels)
    proba = model.predict_proba(rows)
    assert proba.shape == (len(rows), 2) and np.allclose(proba.sum(axis=1), 1)
    assert model.named_steps["clf"].coef_.shape[1] == len(model.named_steps["features"].get_feature_names_out())


def test_feature_functions_persist_with_skops(rows, labels):
    # Module-level functions only: skops stores them by name, and the list of types to trust is short.
    feats = build_features(min_df=1).fit(rows)
    blob = sio.dumps(feats)
    untrusted = sio.get_untrusted_types(data=blob)
    assert all(t.startswith(("classifier.features", "numpy.", "builtins.")) for t in untrusted), untrusted
    assert not any("lambda" in t for t in untrusted)
    loaded = sio.loads(blob, trusted=untrusted)
    assert (loaded.transform(rows) != feats.transform(rows)).nnz == 0
