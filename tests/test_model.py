"""Model persistence and group k-fold evaluation, on the hand-written fixture pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifier.evaluate import format_report, metrics, out_of_fold_scores
from classifier.model import ModelMismatch, build_model, data_hash, load_model, save_model

PAGES = Path(__file__).parent / "fixtures" / "pages"
ROWS = [
    ("fake_copied_footer", "http://cx-mem-gov.cn/index.html", 1, "fake_portal"),
    ("fake_forged_markers_gbk", "http://www.bjyjglj-cx.com/cx.asp?zh=T110105198811230026", 1, "fake_result"),
    ("fake_nomarker_kit", "http://hb-yjt.top/query.html", 1, "fake_query"),
    ("fake_mohurd_card", "http://zlaq-mohurd.cn/cert?no=1", 1, "fake_mohurd"),
    ("fake_mobile_result", "http://tzzy-cx.com/m/r?no=T110101199003071234", 1, "fake_result"),
    ("official_mem_home", "https://www.mem.gov.cn/", 0, "official"),
    ("official_cx_spa", "https://cx.mem.gov.cn/special?index=0", 0, "official"),
    ("official_provincial", "https://yjt.hebei.gov.cn/", 0, "official"),
    ("training_school", "http://www.antai-peixun.com/", 0, "training"),
    ("news_article", "http://news.example-daily.cn/2023/0613/fake-sites.html", 0, "news"),
    ("tutorial", "http://www.anquan-zhishi.net/article/123.html", 0, "tutorial"),
    ("company_lookup", "http://www.qiye-chaxun.example.com/firm/abc.html", 0, "company"),
]


def _rows():
    return [{"url": url, "html": (PAGES / f"{name}.html").read_bytes().decode("utf-8", "replace"),
             "label": label, "category": cat, "group": name} for name, url, label, cat in ROWS]


def test_save_load_round_trip_and_refusals(tmp_path):
    rows = _rows()
    model = build_model(min_df=1, cv=2).fit(rows, [r["label"] for r in rows])
    path, meta_path = save_model(model, tmp_path / "m.skops", {"training_data_sha256": data_hash(rows)})
    loaded, meta = load_model(path)
    assert loaded.predict_proba(rows[:2]).shape == (2, 2)
    assert (loaded.predict_proba(rows) == model.predict_proba(rows)).all()
    meta["versions"]["features"] = "features-0"
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ModelMismatch, match="features"):
        load_model(path)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(ModelMismatch, match="SHA-256"):
        load_model(path)


def test_group_kfold_report(tmp_path):
    rows = _rows()
    scores = out_of_fold_scores(rows, lambda: build_model(min_df=1, cv=2), n_splits=3)
    m = metrics(rows, scores)
    assert set(m["per_category"]) == {r["category"] for r in rows}
    assert m["confusion"]["tp"] + m["confusion"]["fn"] == 5
    assert "| recall |" in format_report(m)
