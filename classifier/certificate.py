"""The certificate record a page displays, normalised; masking of personal data; certificate numbers.

Fake verification pages show the forged certificate as label/value pairs (tables, ``<dl>``, spans,
"姓名：张三" text) or fetch it as JSON from an API (the official system's keys: certNum,
jobCategoryName, operItemName, issueOrgName, validBeginDate, validEndDate, shouldReviewDate,
reviewDate, certStatus; kits also use pinyin initials such as xm, sfzh, zylb, zcxm, fzjg). Both are
normalised to one record::

    holder_name gender cert_number id_number job_category operation_item first_issued
    valid_from valid_until review_date issuer status

(missing fields are omitted; dates become YYYY-MM-DD where they can be read).

Reads no settings.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import unquote_plus

from lxml import etree

from classifier.document import Document, collapse, parse_document
from zhenwei.profiles import Profile, all_cert_numbers

FIELDS = ("holder_name", "gender", "cert_number", "id_number", "job_category", "operation_item",
          "first_issued", "valid_from", "valid_until", "review_date", "issuer", "status")
DATE_FIELDS = {"first_issued", "valid_from", "valid_until", "review_date"}

# Labels as printed on cards and result pages. Longest first wins where one contains another.
LABELS: dict[str, tuple[str, ...]] = {
    "holder_name": ("持证人姓名", "持证人", "姓名", "人员姓名", "名字", "持证者"),
    "gender": ("性别",),
    "cert_number": ("特种作业操作证号", "操作证编号", "操作证号", "证书编号", "证书号码", "证书号", "证件编号", "证号",
                    "资格证书编号", "证书编码", "档案编号", "编号"),
    "id_number": ("公民身份号码", "身份证号码", "身份证号", "身份证件号码", "身份证", "证件号码", "证件号"),
    "job_category": ("作业类别", "作业种类", "作业类型", "工种", "操作类别", "类别"),
    "operation_item": ("准操项目", "操作项目", "作业项目", "准操作项目", "资格类型"),
    "first_issued": ("初领日期", "初次领证日期", "初次发证日期", "领证日期", "发证日期", "发证时间"),
    "valid_from": ("有效期起始日期", "有效期开始日期", "有效开始日期", "有效期起", "有效起始日期", "起始日期"),
    "valid_until": ("有效期截止日期", "有效期结束日期", "有效截止日期", "有效期至", "有效期止", "截止日期", "到期日期",
                    "有效日期至"),
    "valid_period": ("有效期限", "有效期", "有效日期"),
    "review_date": ("应复审日期", "复审日期", "复审时间", "下次复审日期"),
    "issuer": ("签发机关", "发证机关", "颁发机关", "签发单位", "发证单位", "发证机构", "颁证机关"),
    "status": ("证书状态", "证件状态", "当前状态", "状态"),
}
_LABEL_OF = {label: fld for fld, labels in LABELS.items() for label in labels}
_LABEL_ALT = "|".join(
    r"\s*".join(map(re.escape, lab)) for lab in sorted(_LABEL_OF, key=len, reverse=True))
_LABEL_ONLY = re.compile(rf"^\s*({_LABEL_ALT})\s*[:：]?\s*$")
_LABEL_INLINE = re.compile(rf"(?<![\u4e00-\u9fff])({_LABEL_ALT})\s*[:：]\s*")

# JSON keys (lower-case, without "_" and "-") -> field. Official keys first, then common kit spellings.
JSON_KEYS: dict[str, str] = {}
for _field, _keys in {
    "cert_number": "certnum certno certnumber certificateno certificatenumber certcode zsbh zsh zshm czzh "
                   "zhengshuhao zsbm",
    "holder_name": "name xm realname username holdername personname xingming ryxm cyrxm",
    "gender": "sex xb gender xingbie",
    "id_number": "idcard idcardno idno idnumber idcardnum sfzh sfz sfzhm zjhm cardno identitycard sfzjhm",
    "job_category": "jobcategoryname jobcategory zylb zylbmc worktype worktypename categoryname gz",
    "operation_item": "operitemname operitem zcxm zczxm operationitem zcxmmc itemname",
    "first_issued": "firstissuedate firstissued firstdate clrq cclzrq",
    "valid_from": "validbegindate validbegin validfrom yxqs yxqq startdate yxksrq",
    "valid_until": "validenddate validend validto yxqz enddate yxjzrq expiredate",
    "review_date": "reviewdate fsrq shouldreviewdate yfsrq",
    "issuer": "issueorgname issueorg fzjg qfjg issuer fzdw fzjgmc",
    "status": "certstatus zszt zt status state certstate",
}.items():
    for _k in _keys.split():
        JSON_KEYS.setdefault(_k, _field)
# When both are present the record keeps the first: the review actually done before the one due.
_JSON_PREFERENCE = {"reviewdate": 0, "fsrq": 0, "shouldreviewdate": 1, "yfsrq": 1}

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_ID = re.compile(r"^(?:\d{17}[\dXx]|\d{15}|\d{6}\*{4,12}\d{3}[\dXx*]|\d{3,6}\*+\d{2,4}[\dXx]?)$")
_BARE_ID = re.compile(r"(?<![0-9A-Za-z])(\d{6})((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(\d{3}[\dXx])(?![0-9A-Za-z])")
_NAME_OK = re.compile(r"^[\u4e00-\u9fff·•*＊]{2,12}$|^[A-Za-z][A-Za-z .'-]{1,40}$")
_INLINE_JSON = re.compile(r"\{[^{}<>]{10,3000}\}")
_BEIJING = timezone(timedelta(hours=8))
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯",
    "轩辕", "令狐", "端木", "南宫", "西门", "独孤", "澹台", "公冶", "宗政", "濮阳", "太史", "申屠", "呼延",
)


# -- values ---------------------------------------------------------------------------------------
def normalise_date(value: Any) -> str | None:
    """YYYY-MM-DD from "2020-01-05", "2020年1月5日", "2020/01/05", "20200105" or epoch milliseconds."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value
        if 0 < seconds < 4102444800:
            return datetime.fromtimestamp(seconds, _BEIJING).strftime("%Y-%m-%d")
        return None
    text = collapse(str(value))
    m = _DATE.search(text) or _DATE8.match(text)
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    try:
        return datetime(y, mo, d).strftime("%Y-%m-%d")
    except ValueError:
        return None


def _clean_value(field: str, value: Any) -> str | None:
    """The value normalised for ``field``, or None when it cannot be that field's value."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    if field in DATE_FIELDS:
        return normalise_date(value) or None
    text = collapse(str(value)).strip("：:;；,，")
    if not text or len(text) > 60 or _LABEL_ONLY.match(text):
        return None
    if field == "holder_name":
        return text if _NAME_OK.match(text) else None
    if field == "gender":
        return {"男": "男", "女": "女", "男性": "男", "女性": "女", "m": "男", "f": "女", "male": "男",
                "female": "女", "1": "男", "2": "女"}.get(text.lower())
    if field == "id_number":
        text = text.replace(" ", "")
        return text.upper() if _ID.match(text) else None
    if field == "cert_number":
        text = text.replace(" ", "")
        ok = re.fullmatch(r"[0-9A-Za-z\u4e00-\u9fff*\-]{5,32}", text) and len(re.findall(r"\d", text)) >= 5
        return text.upper() if ok else None
    if field == "status" and isinstance(value, (int, float)):
        return str(value)
    return text if len(text) >= 1 else None


def _record(out: dict[str, str], field: str, value: Any) -> None:
    if field == "valid_period":
        dates = [normalise_date(m.group(0)) for m in _DATE.finditer(str(value or ""))]
        dates = [d for d in dates if d]
        if dates:
            out.setdefault("valid_from" if len(dates) > 1 else "valid_until", dates[0])
            if len(dates) > 1:
                out.setdefault("valid_until", dates[1])
        return
    cleaned = _clean_value(field, value)
    if cleaned is not None and field not in out:
        out[field] = cleaned


def _ordered(rec: dict[str, str]) -> dict[str, str]:
    return {f: rec[f] for f in FIELDS if f in rec}


# -- HTML -----------------------------------------------------------------------------------------
def _label_field(text: str) -> str | None:
    m = _LABEL_ONLY.match(text)
    return _LABEL_OF[re.sub(r"\s+", "", m.group(1))] if m else None


def _from_tables(doc: Document, out: dict[str, str]) -> None:
    """Columnar tables: a row of labels over a row of values."""
    for table in doc.iter("table"):
        rows = [[collapse(c.text_content()) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
                for tr in table.iter("tr")]
        for head, values in zip(rows, rows[1:]):
            fields = [_label_field(c) for c in head]
            if len(head) >= 2 and all(fields) and len(values) == len(head) and not any(map(_label_field, values)):
                for fld, val in zip(fields, values):
                    _record(out, fld, val)


def _from_tokens(tokens: list[str], out: dict[str, str]) -> None:
    """Label then value in reading order: "姓名" "张三" (cells, dt/dd, spans) or "姓名：张三 性别：男"."""
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        fld = _label_field(tok)
        if fld:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt and not _label_field(nxt) and not _LABEL_INLINE.match(nxt):
                _record(out, fld, nxt)
                i += 2
                continue
            i += 1
            continue
        matches = list(_LABEL_INLINE.finditer(tok))
        for j, m in enumerate(matches):
            end = matches[j + 1].start() if j + 1 < len(matches) else len(tok)
            value = tok[m.end():end].strip()
            label = _LABEL_OF[re.sub(r"\s+", "", m.group(1))]
            if not value and j + 1 == len(matches) and i + 1 < len(tokens) and not _label_field(tokens[i + 1]):
                value = tokens[i + 1]  # "姓名：" in one node, the value in the next
            if label not in ("holder_name",) or value:
                _record(out, label, value.split(" ")[0] if label in ("holder_name", "gender") else value)
        i += 1


def _from_inline_json(doc: Document, out: dict[str, str]) -> None:
    for src, code in doc.scripts:
        if src or not code:
            continue
        for m in _INLINE_JSON.finditer(code[:200000]):
            try:
                obj = json.loads(m.group(0))
            except ValueError:
                continue
            rec = extract_certificate_from_json(obj)
            if len(rec) >= 3:
                for k, v in rec.items():
                    out.setdefault(k, v)
                return


def extract_certificate_from_html(html_or_doc: str | Document | etree._Element, url: str = "") -> dict[str, str]:
    """The certificate record shown on a page ({} when none): HTML label/value pairs, else inline JSON.

    Takes HTML text, a parsed :class:`classifier.document.Document` or an lxml tree.
    """
    if isinstance(html_or_doc, Document):
        doc = html_or_doc
    elif isinstance(html_or_doc, etree._Element):
        doc = Document(url, html_or_doc)
    else:
        doc = parse_document(html_or_doc, url)
    out: dict[str, str] = {}
    _from_tables(doc, out)
    _from_tokens([t for _, t in doc.text_nodes], out)
    if len(out) < 3:
        _from_inline_json(doc, out)
    # One field alone (a "状态" label on a query form, an "编号" column) is not a record.
    if len(out) < 2 or not (set(out) & {"cert_number", "id_number", "holder_name"}):
        return {}
    return _ordered(out)


# -- JSON -----------------------------------------------------------------------------------------
def _walk(obj: Any, depth: int = 0, budget: list[int] | None = None):
    budget = budget if budget is not None else [5000]
    if depth > 8 or budget[0] <= 0:
        return
    budget[0] -= 1
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            yield from _walk(v, depth + 1, budget)
    elif isinstance(obj, list):
        for v in obj[:200]:
            yield from _walk(v, depth + 1, budget)


def _json_record(d: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    keyed = []
    for key, value in d.items():
        norm = re.sub(r"[_\-\s]", "", str(key)).lower()
        if norm in JSON_KEYS:
            keyed.append((_JSON_PREFERENCE.get(norm, 0), JSON_KEYS[norm], value))
    for _, fld, value in sorted(keyed, key=lambda t: t[0]):
        _record(out, fld, value)
    return out


def extract_certificate_from_json(obj: Any) -> dict[str, str]:
    """The certificate record in an API answer ({} when none): the object with the most known keys."""
    if isinstance(obj, (str, bytes)):
        try:
            obj = json.loads(obj)
        except ValueError:
            return {}
    best: dict[str, str] = {}
    for d in _walk(obj):
        rec = _json_record(d)
        if len(rec) > len(best) and (set(rec) & {"cert_number", "id_number", "holder_name"}):
            best = rec
    return _ordered(best) if len(best) >= 2 else {}


# -- masking and numbers --------------------------------------------------------------------------
def mask_id(value: str) -> str:
    """Hide the birth date and serial of an ID number, also inside a "T"+ID certificate number.

    ``110101199001011234`` -> ``110101********1234``; ``T110101199001011234`` -> ``T110101********1234``.
    Strings without an ID number are returned unchanged.
    """
    if not isinstance(value, str):
        return value
    m = re.search(r"(?<!\d)(\d{6})(\d{8})(\d{3}[\dXx])(?![\dA-Za-z])", value) or \
        re.search(r"(?<!\d)(\d{6})(\d{5})(\d{4})(?!\d)", value)
    if not m:
        return value
    first, middle, last = m.groups()
    return value[:m.start()] + first + "*" * len(middle) + last + value[m.end():]


def mask_name(value: str) -> str:
    """Keep the surname: ``张三`` -> ``张**``, ``欧阳娜娜`` -> ``欧阳**``, ``John Smith`` -> ``J**``."""
    if not isinstance(value, str):
        return value
    name = value.strip()
    if not name:
        return value
    surname = next((s for s in _COMPOUND_SURNAMES if name.startswith(s) and len(name) > len(s)), name[0])
    return surname + "**"


def find_cert_numbers(text: str, profiles: list[Profile] | None = None) -> list[str]:
    """Certificate numbers in ``text`` (a URL, a page's text), in profiled formats, upper-cased.

    URL escapes are undone first. When no profiled number is present, bare 18-digit ID numbers with a
    plausible birth date are returned instead: the official system accepts either, and QR codes of
    forged certificates often carry only the holder's ID number.
    """
    if not text:
        return []
    decoded = unquote_plus(text) if "%" in text or "+" in text else text
    found = all_cert_numbers(decoded, profiles)
    if found:
        return found
    return list(dict.fromkeys(m.group(0).upper() for m in _BARE_ID.finditer(decoded)))
