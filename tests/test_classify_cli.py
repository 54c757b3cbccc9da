"""`zhenwei classify` with the shipped model, and retraining reproducing it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from classifier.model import load_model
from classifier.scoring import MODEL_PATH, score_rows, train
from zhenwei.cli import main

PAGES = Path(__file__).parent / "fixtures" / "pages"


def test_classify_jsonl_in_order_with_bad_lines(tmp_path):
    fake = (PAGES / "fake_copied_footer.html").read_text(encoding="utf-8")
    school = (PAGES / "training_school.html").read_text(encoding="utf-8")
    src = tmp_path / "pages.jsonl"
    src.write_text("\n".join([
        json.dumps({"id": "a", "url": "http://cx-mem-gov.cn/index.html", "html": fake}),
        "{not json",
        json.dumps({"id": "b", "url": "http://www.antai-peixun.com/", "html": school}),
        json.dumps({"id": "c", "url": "http://blank.example.cn/", "html": "<html><body><img src=a.png></body></html>"}),
        json.dumps({"url": 5}),
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    res = CliRunner().invoke(main, ["classify", "--input", str(src), "--output", str(out)],
                             catch_exceptions=False)
    assert res.exit_code == 1
    assert "line 2" in res.stderr and "line 5" in res.stderr
    rows = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["verdict"] == "impersonation" and rows[0]["authority"]["id"] == "mem"
    assert rows[1]["verdict"] == "legitimate"
    assert any(r["code"] == "text_empty" for r in rows[2]["reasons"])
    for r in rows:
        assert 0.0 <= r["score"] <= 1.0 and set(r) >= {"url", "score", "verdict", "authority", "reasons"}


def test_retraining_reproduces_the_shipped_model(tmp_path):
    shipped, meta = load_model(MODEL_PATH)
    new_meta = train(tmp_path / "m.skops", seed=meta["corpus_seed"])
    assert new_meta["training_data_sha256"] == meta["training_data_sha256"]
    assert new_meta["evaluation"] == meta["evaluation"]
    retrained, _ = load_model(tmp_path / "m.skops")
    rows = [{"url": "http://cx-mem-gov.cn/", "html": (PAGES / f"{n}.html").read_text(encoding="utf-8", errors="replace")}
            for n in ("fake_copied_footer", "tutorial", "official_mem_home")]
    a = [r["score"] for r in score_rows(rows, shipped, meta)]
    b = [r["score"] for r in score_rows(rows, retrained, new_meta)]
    assert a == b
