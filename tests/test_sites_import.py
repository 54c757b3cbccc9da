"""Known-site list import: validation with row numbers, nothing written on bad rows."""

from click.testing import CliRunner

from zhenwei.cli import main
from zhenwei.sites_import import read_site_list
from zhenwei.store import Store

GOOD = "domain,url,first_seen,source,note\ncx-mem-gov.cn,https://cx-mem-gov.cn/verify?no=T1,2023-03-01,线索,\n"
BAD = GOOD + "bad_domain!,,,,\nyjgl-bj.top,,not-a-date,,\n,https://Mem-Gov.com.cn/x,,,\n"


def test_rows_validated_with_row_numbers(tmp_path):
    f = tmp_path / "known.csv"
    f.write_text(BAD, encoding="utf-8")
    rows, errors = read_site_list(f)
    assert [r["domain"] for r in rows] == ["cx-mem-gov.cn", "mem-gov.com.cn"]
    assert [e.row for e in errors] == [3, 4]
    assert "not-a-date" in str(errors[1])


def test_cli_writes_nothing_on_bad_rows_unless_skip(tmp_path):
    f, db = tmp_path / "known.csv", str(tmp_path / "z.db")
    f.write_text(BAD, encoding="utf-8-sig")
    runner = CliRunner()
    res = runner.invoke(main, ["sites", "import", str(f), "--db", db])
    assert res.exit_code == 2 and "row 3" in res.output
    assert Store(db).db["sites"].count == 0
    res = runner.invoke(main, ["sites", "import", str(f), "--db", db, "--skip-bad"], catch_exceptions=False)
    assert res.exit_code == 0
    assert Store(db).db["sites"].count == 2


def test_chinese_headers_and_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["域名", "首次发现", "备注"])
    wb.active.append(["bjyjglj.top", "2023-01-05", "测试"])
    path = tmp_path / "k.xlsx"
    wb.save(path)
    rows, errors = read_site_list(path)
    assert not errors and rows[0]["domain"] == "bjyjglj.top" and rows[0]["note"] == "测试"
