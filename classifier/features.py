"""The feature layer of the impersonation classifier: rows in, one named feature matrix out.

Input rows are dicts ``{"url", "html", "whois": optional WHOIS record, "facts": optional precomputed
page_facts}`` (``headers`` is passed on to page_facts when present). :func:`build_features` returns a
scikit-learn transformer made of two steps:

1. ``records`` — :func:`to_records`, stateless: parses each page once with
   :func:`classifier.extract.page_facts` (or reuses the row's ``facts``) and keeps the raw strings next
   to the facts, so nothing downstream parses HTML again.
2. ``union`` — a :class:`~sklearn.pipeline.FeatureUnion` of named blocks, each a module-level function
   wrapped in a :class:`~sklearn.preprocessing.FunctionTransformer` (safe to persist with skops):
   ``text`` (char n-gram TF-IDF of title + visible text), ``structure``, ``gov_markers``, ``url``,
   ``whois`` and ``claim``. Output names read ``structure__query_form``, ``claim__claim_off_official_host``,
   ``text__证书查`` …, so a model's top weights can be turned into reasons later.

Persisting: every function here is module-level, so skops stores it by name; the types a loader must
trust are listed by ``skops.io.get_untrusted_types``. Save with ``compression=zipfile.ZIP_DEFLATED``:
skops writes the TF-IDF vocabulary as one archive member per term (about 1.2 kB stored, 0.2 kB
deflated), which bounds ``max_text_features`` by the model-size budget.

Bump :data:`FEATURES_VERSION` whenever a feature's meaning or order changes: the model metadata records
it and a saved model must refuse to load against another version.

Reads no settings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Iterable
from urllib.parse import urlsplit

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer

from classifier.extract import page_facts
from classifier.features_host import HOST_FEATURE_NAMES, claim_features, url_features, whois_features
from classifier.features_page import PAGE_FEATURE_NAMES, gov_marker_features, record_text, structure_features
from zhenwei.profiles import Profile, load_profiles, normalise_host

FEATURES_VERSION = "features-1"
FEATURE_NAMES: dict[str, tuple[str, ...]] = {**PAGE_FEATURE_NAMES, **HOST_FEATURE_NAMES}
BLOCKS = ("text", "structure", "gov_markers", "url", "whois", "claim")


def _url_parts(url: str) -> dict[str, Any]:
    try:
        parts = urlsplit(url)
        host, port = normalise_host(parts.hostname or ""), parts.port
    except ValueError:  # "http://[::1" or a port out of range: keep the page, lose the URL features
        return {"host": "", "scheme": "", "port": None, "path": "", "query": ""}
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return {"host": host, "scheme": parts.scheme.lower(), "port": port if port not in (None, default) else None,
            "path": parts.path, "query": parts.query}


def _record(i: int, row: Any, profiles: list[Profile]) -> dict[str, Any]:
    if not isinstance(row, Mapping):
        raise ValueError(f"feature input row {i}: expected a dict with 'url' and 'html', got {type(row).__name__}")
    url = row.get("url")
    if not isinstance(url, str):
        raise ValueError(f"feature input row {i}: 'url' must be a string, got {type(url).__name__}")
    html = row.get("html")
    if html is not None and not isinstance(html, (str, bytes)):
        raise ValueError(f"feature input row {i} ({url}): 'html' must be str, bytes or None, "
                         f"got {type(html).__name__}")
    whois = row.get("whois")
    if whois is not None and not isinstance(whois, Mapping):
        raise ValueError(f"feature input row {i} ({url}): 'whois' must be a dict or None, got {type(whois).__name__}")
    facts = row.get("facts")
    if facts is not None and not isinstance(facts, Mapping):
        raise ValueError(f"feature input row {i} ({url}): 'facts' must be a dict or None, got {type(facts).__name__}")
    if facts is None:
        facts = page_facts(html, url, row.get("headers"), profiles=profiles)  # never raises on hostile HTML
    return {"url": url, "html": html, "whois": whois, "facts": facts, **_url_parts(url)}


def to_records(X: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows -> records ``{"url", "html", "whois", "facts", "host", "scheme", "port", "path", "query"}``.

    ``facts`` is the row's own when given (the scan pipeline has them already), else computed once here.
    Records pass through unchanged in content, so calling this twice costs no second parse. A row that is
    not a dict, or has no string ``url``, raises ``ValueError`` naming the row.
    """
    if isinstance(X, (Mapping, str, bytes)):
        raise ValueError(f"feature input must be a list of row dicts, got a single {type(X).__name__}")
    profiles = load_profiles()
    return [_record(i, row, profiles) for i, row in enumerate(X)]


def block_names(transformer: FunctionTransformer, input_features: Any = None) -> np.ndarray:
    """``feature_names_out`` of every numeric block: the names listed for its function."""
    return np.asarray(FEATURE_NAMES[transformer.func.__name__], dtype=object)


def record_names(transformer: FunctionTransformer, input_features: Any = None) -> np.ndarray:
    """``feature_names_out`` of the steps whose output is one object per row (records, text)."""
    return np.asarray([transformer.func.__name__], dtype=object)


def _numeric(func) -> FunctionTransformer:
    return FunctionTransformer(func, feature_names_out=block_names)


def build_features(max_text_features: int = 20_000, min_df: int | float = 2) -> Pipeline:
    """The feature transformer: ``Pipeline([("records", to_records), ("union", FeatureUnion(...))])``.

    ``max_text_features`` and ``min_df`` bound the char n-gram vocabulary, and so the model file; use
    ``min_df=1`` only to fit on a handful of pages (tests). Output is a sparse matrix (CSR, float64).
    """
    text = Pipeline([
        ("of", FunctionTransformer(record_text, feature_names_out=record_names)),
        # char_wb: n-grams inside word boundaries; Chinese runs are "words", so no segmentation is
        # needed, and ASCII tokens (gov, ICP) stay whole. sublinear_tf damps long repeated footers.
        ("tfidf", TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), max_features=max_text_features,
                                  min_df=min_df, sublinear_tf=True, dtype=np.float64)),
    ])
    union = FeatureUnion([
        ("text", text),
        ("structure", _numeric(structure_features)),
        ("gov_markers", _numeric(gov_marker_features)),
        ("url", _numeric(url_features)),
        ("whois", _numeric(whois_features)),
        ("claim", _numeric(claim_features)),
    ])
    return Pipeline([("records", FunctionTransformer(to_records, feature_names_out=record_names)), ("union", union)])


def numeric_feature_names() -> list[str]:
    """Names of every non-text feature, as ``get_feature_names_out`` spells them (block__name)."""
    funcs = {"structure": "structure_features", "gov_markers": "gov_marker_features", "url": "url_features",
             "whois": "whois_features", "claim": "claim_features"}
    return [f"{block}__{name}" for block, func in funcs.items() for name in FEATURE_NAMES[func]]
