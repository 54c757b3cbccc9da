"""Plain-text rendering of scan results for the terminal: Chinese first, English beside it.

Reads no settings.
"""

from __future__ import annotations

from typing import Any

VERDICTS = {
    "impersonation": ("仿冒", "impersonation"),
    "legitimate": ("未发现仿冒", "legitimate"),
    "unreachable": ("无法访问", "unreachable"),
    None: ("未完成", "not completed"),
}
CERT_LABELS = [
    ("holder_name", "姓名", "holder"), ("gender", "性别", "gender"),
    ("cert_number", "证号", "certificate no."), ("id_number", "身份证号", "ID number"),
    ("job_category", "作业类别", "job category"), ("operation_item", "准操项目", "operation item"),
    ("first_issued", "初领日期", "first issued"), ("valid_from", "有效期起", "valid from"),
    ("valid_until", "有效期至", "valid until"), ("review_date", "复审日期", "review date"),
    ("issuer", "签发机关", "issuer"), ("status", "状态", "status"),
]


def _reason_line(reason: dict[str, Any], lang: str) -> str:
    zh, en = reason.get("zh") or "", reason.get("en") or ""
    if lang == "zh":
        return zh or en
    if lang == "en":
        return en or zh
    return f"{zh}\n      {en}" if zh and en else (zh or en)


def format_result(result: dict[str, Any], lang: str = "both") -> str:
    """A multi-line report of one scan result."""
    zh_v, en_v = VERDICTS.get(result.get("verdict"), VERDICTS[None])
    score = result.get("score")
    lines = [f"输入 Input: {result.get('input')}"]
    verdict = {"zh": zh_v, "en": en_v}.get(lang, f"{zh_v} / {en_v}")
    lines.append(f"结论 Verdict: {verdict}" + (f"  (score {score:.2f})" if score is not None else ""))
    auth = result.get("authority")
    if auth:
        lines.append(f"冒充机构 Authority imitated: {auth.get('name') or auth.get('id')}")
    if result.get("error"):
        lines.append(f"错误 Error: {result['error'].get('message')}")
    chain = result.get("redirect_chain") or []
    if chain:
        lines.append("跳转链 Redirect chain:")
        for i, hop in enumerate(chain):
            lines.append(f"  {i}. [{hop.get('status')}] {hop.get('url')} ({hop.get('kind')})")
    lines.append(f"最终地址 Final URL: {result.get('final_url')}")
    reasons = result.get("reasons") or []
    if reasons:
        lines.append("理由 Reasons:")
        lines += [f"  - {_reason_line(r, lang)}" for r in reasons]
    cloak = result.get("cloaking")
    if cloak and cloak.get("detected"):
        lines.append("伪装 Cloaking: 微信/手机与电脑看到的内容不同 (WeChat/mobile view differs from desktop)")
    cert = result.get("certificate")
    if cert:
        lines.append("页面显示的证书 Certificate shown:")
        for key, zh, en in CERT_LABELS:
            if cert.get(key):
                lines.append(f"  {zh} {en}: {cert[key]}")
    ev = result.get("evidence") or {}
    if ev.get("warc_files") or ev.get("database"):
        lines.append("证据 Evidence:")
        for w in ev.get("warc_files") or []:
            lines.append(f"  WARC: {w}")
        for p in ev.get("pages") or []:
            lines.append(f"  sha256 {p.get('sha256')}  {p.get('ua')}  {p.get('url')}")
        if ev.get("database"):
            lines.append(f"  数据库 Database: {ev['database']} (scan {result.get('scan_id')})")
    return "\n".join(lines)


def format_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """A fixed-width text table; ``columns`` are (key, header). CJK characters count double."""
    def width(s: str) -> int:
        return sum(2 if ord(c) > 0x2E80 else 1 for c in s)

    cells = [[str(r.get(k, "") if r.get(k) is not None else "") for k, _ in columns] for r in rows]
    heads = [h for _, h in columns]
    widths = [max([width(h)] + [width(c[i]) for c in cells]) for i, h in enumerate(heads)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - width(v)) for v, w in zip(values, widths)).rstrip()

    return "\n".join([line(heads), line(["-" * w for w in widths])] + [line(c) for c in cells])
