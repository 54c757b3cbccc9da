"""How a page moves a visitor on: query forms, AJAX query endpoints and client-side redirects.

The scan spider uses these to follow a forged certificate's QR code the way a phone would:

* :func:`find_query_forms` lists ``<form>`` elements with each field's role guessed from its label,
  placeholder, name or id (``cert_number``, ``id_number``, ``name``, ``captcha``, ``hidden``, ``select``,
  ``other``);
* :func:`find_ajax_endpoints` reads inline scripts for ``$.ajax`` / ``$.get`` / ``$.post`` / ``fetch`` /
  ``axios`` / ``XMLHttpRequest`` calls and the parameter names they send;
* :func:`find_redirects` finds meta refresh and simple JavaScript ``location`` redirects.

Scripts are read, never run: a small scanner that understands strings, comments and brackets is
enough for the jQuery-era code of the kits, and it cannot be made to execute anything.

Reads no settings.
"""

from __future__ import annotations

import bisect
import re
from typing import Any
from urllib.parse import parse_qsl, urlencode

from classifier.document import Document, collapse, parse_document

ROLE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("captcha", re.compile(
        r"验证码|校验码|captcha|kaptcha|yzm|vcode|checkcode|verifycode|verify_code|validcode|validatecode|valicode|"
        r"imgcode|randcode|rand_code|authcode|piccode|^code$|^verify$", re.I)),
    ("id_number", re.compile(
        r"身份证|证件号码|公民身份|idcard|id_card|idno|id_no|idnum|id_number|identity|sfz|zjhm|cardno|card_no", re.I)),
    ("cert_number", re.compile(
        r"证号|证书编号|证书号|证件编号|操作证|档案编号|证书|cert|zsbh|zsh|zhengshu|bianhao|^zh$|^bh$|^no$|^number$|^num$", re.I)),
    ("name", re.compile(r"姓名|^name$|^xm$|realname|real_name|truename|username|user_name|xingming|holder", re.I)),
)
_SKIP_TYPES = {"submit", "button", "image", "reset", "file", "checkbox", "radio"}
_QUERY_WORDS = re.compile(r"查询|验证|核验|查验|检索|search|query|check|verify", re.I)
_ASSET = re.compile(r"\.(?:js|css|png|jpe?g|gif|svg|ico|woff2?|ttf)(?:\?|$)", re.I)


def guess_role(*texts: str | None) -> str:
    """The role a field plays, from its human-facing texts first and then its name / id."""
    for text in texts:
        if not text:
            continue
        for role, rx in ROLE_RULES:
            if rx.search(text.strip()):
                return role
    return "other"


# -- forms ----------------------------------------------------------------------------------------
def _label_text(doc: Document, el) -> str:
    """What the page tells the user to type into ``el``: its <label>, else the text just before it."""
    el_id = el.get("id")
    if el_id:
        for lab in doc.iter("label"):
            if lab.get("for") == el_id:
                return collapse(lab.text_content())[:40]
    for anc in el.iterancestors():
        if anc.tag == "label":
            return collapse(anc.text_content())[:40]
        if anc.tag == "form":
            break
    texts: list[str] = []
    prev = el.getprevious()
    while prev is not None:
        if prev.tail:
            texts.append(prev.tail)
        if isinstance(prev.tag, str) and prev.tag in ("input", "select", "textarea", "button"):
            break  # the text before that field is that field's label
        if isinstance(prev.tag, str) and prev.tag not in ("br", "script", "style", "img"):
            texts.append(prev.text_content())
        prev = prev.getprevious()
    else:
        parent = el.getparent()
        if parent is not None and parent.text:
            texts.append(parent.text)
    text = collapse(" ".join(reversed(texts)))
    if not re.search(r"[\w\u4e00-\u9fff]", text):
        parent = el.getparent()
        cell = parent.getprevious() if parent is not None and parent.tag in ("td", "dd", "th") else None
        text = collapse(cell.text_content()) if cell is not None else ""
    return text[-40:]


def _fields(doc: Document, form) -> list[dict[str, Any]]:
    out = []
    for el in form.iter("input", "select", "textarea"):
        ftype = (el.get("type") or ("text" if el.tag == "input" else el.tag)).lower()
        name = el.get("name") or ""
        if ftype in _SKIP_TYPES or not (name or el.get("id")):
            continue
        label = _label_text(doc, el)
        placeholder = collapse(el.get("placeholder") or el.get("aria-label") or el.get("title") or "")
        if ftype == "hidden":
            role = "hidden"
        elif el.tag == "select" or ftype == "password":
            role = "select" if el.tag == "select" else "other"  # "证书类型" is a choice, not the number
        else:
            role = guess_role(placeholder, label, name, el.get("id"))
        out.append({"name": name, "id": el.get("id") or "", "type": ftype, "role": role,
                    "label": placeholder or label, "value": (el.get("value") or "")[:100]})
    return out


def _submit_text(form) -> str:
    texts = []
    for el in form.iter("button", "input"):
        if el.tag == "button" or (el.get("type") or "").lower() in ("submit", "button", "image"):
            texts.append(collapse(el.text_content() if el.tag == "button" else (el.get("value") or el.get("alt") or "")))
    for el in form.iter("a"):
        if "submit" in (el.get("onclick") or "") or "查询" in el.text_content():
            texts.append(collapse(el.text_content()))
    return " ".join(t for t in texts if t)[:80]


def find_query_forms(html: str | Document, url: str = "") -> list[dict[str, Any]]:
    """Every ``<form>`` with its absolute action, method, fields (with roles) and whether it is a query.

    ``index`` is the form's position among all forms of the page (what Scrapy's
    ``FormRequest.from_response(formnumber=...)`` expects). Query forms come first.
    """
    doc = html if isinstance(html, Document) else parse_document(html, url)
    forms = []
    for index, form in enumerate(doc.iter("form")):
        fields = _fields(doc, form)
        roles = {f["role"] for f in fields}
        submit = _submit_text(form)
        is_query = bool(roles & {"cert_number", "id_number"}) or (
            "name" in roles and bool(_QUERY_WORDS.search(submit)))
        forms.append({
            "index": index,
            "action": doc.absolute(form.get("action")) or doc.base_url,
            "method": (form.get("method") or "GET").upper(),
            "enctype": form.get("enctype") or "application/x-www-form-urlencoded",
            "id": form.get("id") or "", "name": form.get("name") or "",
            "fields": fields, "submit": submit, "is_query": is_query,
            "has_captcha": "captcha" in roles,
        })
    forms.sort(key=lambda f: not f["is_query"])
    return forms


# -- a small JavaScript scanner -------------------------------------------------------------------
# One token of script text: a string or comment (group 1), a structural character (group 2), or a run
# of anything else. Unterminated '...' / "..." strings end at the line end, as in JavaScript.
_LEX = re.compile(
    r"""("(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\.)*`?|//[^\n]*|/\*.*?(?:\*/|\Z))"""
    r"""|([()\[\]{},;:+\n])|[^"'`/()\[\]{},;:+\n]+|/""",
    re.S,
)


def _lex(s: str, start: int = 0):
    """Yield (index, char) of the structural characters ``()[]{},;:+`` and newlines outside strings
    and comments."""
    for m in _LEX.finditer(s, start):
        if m.group(2):
            yield m.start(), m.group(2)


def _match_close(s: str, i: int, limit: int = 10000) -> int:
    """Index of the bracket closing the one at ``i``, or -1 (unbalanced, or longer than ``limit``)."""
    depth = 0
    s = s[:i + limit]  # a call or object literal longer than this is not one a kit would write
    for j, c in _lex(s, i):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return j
    return -1


def _close_or_end(s: str, i: int) -> int:
    close = _match_close(s, i)
    return len(s) if close < 0 else close


def _split_top(s: str, sep: str = ",") -> list[str]:
    parts, depth, last = [], 0, 0
    for j, c in _lex(s):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == sep and depth == 0:
            parts.append(s[last:j])
            last = j + 1
    parts.append(s[last:])
    return [p.strip() for p in parts if p.strip()]


def _call_args(s: str, open_paren: int) -> list[str]:
    close = _match_close(s, open_paren)
    return _split_top(s[open_paren + 1:close]) if close > 0 else []


def _entries(expr: str) -> dict[str, str]:
    """Top-level ``key: value`` pairs of an object literal (shorthand keys map to themselves)."""
    expr = expr.strip()
    if not expr.startswith("{"):
        return {}
    out = {}
    for part in _split_top(expr[1:_close_or_end(expr, 0)]):
        if part.startswith("..."):
            continue
        colon = next((j for j, c in _lex(part) if c == ":"), None)
        if colon is None:
            if re.fullmatch(r"[A-Za-z_$][\w$]*", part):
                out[part] = part
            continue
        key = part[:colon].strip().strip("\"'`")
        if re.fullmatch(r"[\w$.\-\[\]]+", key):
            out[key] = part[colon + 1:].strip()
    return out


_LITERAL = re.compile(r"""^(["'`])(.*)\1$""", re.S)


def _eval_str(expr: str, consts: dict[str, str]) -> tuple[str, list[str]]:
    """Concatenate the literal / known-constant pieces of ``a + "b" + c``; also return query names."""
    pieces = []
    for piece in _split_top(expr, "+"):
        piece = piece.strip().strip("()")
        m = _LITERAL.match(piece)
        if m:
            pieces.append(re.sub(r"\$\{[^}]*\}", "", m.group(2)))  # template slots are dynamic values
        elif piece in consts:
            pieces.append(consts[piece])
    joined = "".join(pieces)
    # Query-string names, and names of a form-encoded body string ("zsbh=" + a + "&xm=" + b).
    names = re.findall(r"(?:^|[?&])([A-Za-z_][\w.\[\]]*)=", joined)
    return joined, list(dict.fromkeys(names))


def _constants(code: str) -> dict[str, str]:
    consts: dict[str, str] = {}
    for m in re.finditer(r"""(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*(["'`])([^"'`\n]*)\2""", code):
        consts.setdefault(m.group(1), m.group(3))
    for count, m in enumerate(re.finditer(r"(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*\{", code)):
        if count >= MAX_CALLS:
            break
        close = _match_close(code, m.end() - 1)
        if close < 0:
            continue
        obj = code[m.end() - 1:close + 1]
        for key, value in _entries(obj).items():
            lit = _LITERAL.match(value)
            if lit:
                consts.setdefault(f"{m.group(1)}.{key}", lit.group(2))
    return consts


def _selector_role(value: str) -> str:
    m = re.search(r"""(?:\$|jQuery|getElementById|querySelector)\s*\(\s*["'][#.]?([\w\-\[\]=]+)""", value)
    return guess_role(m.group(1)) if m else "other"


def _form_params(doc: Document, selector: str) -> list[dict[str, str]]:
    m = re.search(r"""["']#([\w\-]+)""", selector)
    for form in doc.iter("form"):
        if m is None or form.get("id") == m.group(1) or form.get("name") == m.group(1):
            return [{"name": f["name"], "role": f["role"]} for f in _fields(doc, form) if f["name"]]
    return []


def _data_params(doc: Document, expr: str, code: str, consts: dict[str, str]) -> tuple[list[dict[str, str]], bool]:
    """(parameters, sent as JSON) of a data / body expression."""
    expr = (expr or "").strip()
    as_json = False
    m = re.match(r"JSON\s*\.\s*stringify\s*\(", expr)
    if m:
        as_json = True
        expr = expr[m.end() - 1:][1:_close_or_end(expr[m.end() - 1:], 0)].strip()
    if re.search(r"\.serialize(?:Array)?\s*\(|new\s+FormData\s*\(", expr):
        return _form_params(doc, expr), as_json
    if re.fullmatch(r"[A-Za-z_$][\w$]*", expr):
        # A variable: its object literal, plus keys assigned later (p.certNo = ...; p["name"] = ...).
        name = re.escape(expr)
        d = re.search(rf"\b{name}\s*=\s*\{{", code)
        close = _match_close(code, d.end() - 1) if d else -1
        literal = code[d.end() - 1:close + 1] if close > 0 else "{}"
        params, _ = _data_params(doc, literal, code, consts)
        assigned = re.findall(
            rf"\b{name}\s*(?:\.\s*([A-Za-z_$][\w$]*)|\[\s*[\"']([^\"']+)[\"']\s*\])\s*=(?!=)", code)
        params += [{"name": a or b, "role": guess_role(a or b)} for a, b in dict.fromkeys(assigned)]
        return params, as_json
    if expr.startswith("{"):
        params = []
        for key, value in _entries(expr).items():
            role = guess_role(key)
            if role == "other":
                role = _selector_role(value)
            params.append({"name": key, "role": role})
        return params, as_json
    _, names = _eval_str(expr, consts)
    return [{"name": n, "role": guess_role(n)} for n in names], as_json


def _endpoint(doc: Document, via: str, url_expr: str, method: str, data_expr: str | None, code: str,
              consts: dict[str, str], json_hint: bool = False, extra: list[dict[str, str]] | None = None) -> dict | None:
    raw, url_names = _eval_str(url_expr or "", consts)
    if not raw or _ASSET.search(raw):
        return None
    params = [{"name": n, "role": guess_role(n)} for n in url_names] + list(extra or [])
    as_json = json_hint
    if data_expr:
        data, j = _data_params(doc, data_expr, code, consts)
        params += data
        as_json = as_json or j
    seen, unique = set(), []
    for p in params:
        if p["name"] and p["name"] not in seen:
            seen.add(p["name"])
            unique.append(p)
    base = raw
    if method == "GET" and "?" in raw:
        # Keep the query's fixed values; the blank ones are filled in by the script (and by the caller).
        path, query = raw.split("?", 1)
        fixed = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if v]
        base = path + ("?" + urlencode(fixed) if fixed else "")
    return {"url": doc.absolute(base) or base, "method": method, "params": unique, "json": as_json,
            "via": via, "is_query": any(p["role"] in ("cert_number", "id_number") for p in unique)}


MAX_CALLS = 100  # request calls read per script; kits make a handful
_CALLS = re.compile(
    r"(?P<jq>(?:\$|jQuery)\s*\.\s*(?P<jqm>ajax|get|post|getJSON))\s*\("
    r"|(?P<fetch>\bfetch)\s*\("
    r"|(?P<ax>\baxios)\s*(?:\.\s*(?P<axm>get|post|request))?\s*\("
    r"|\.\s*open\s*\(\s*(?P<q>[\"'])(?P<xm>GET|POST|get|post)(?P=q)\s*,"
)


def _scan_calls(doc: Document, code: str, consts: dict[str, str]) -> list[dict[str, Any]]:
    found = []
    for count, m in enumerate(_CALLS.finditer(code)):
        if count >= MAX_CALLS:
            break
        paren = m.end() - 1 if not m.group("xm") else code.rfind("(", m.start(), m.end())
        args = _call_args(code, paren)
        ep = None
        if m.group("jq"):
            kind = m.group("jqm")
            if kind == "ajax":
                opts = _entries(args[-1]) if args else {}
                url = args[0] if args and not args[0].startswith("{") else opts.get("url", "")
                method = _eval_str(opts.get("type") or opts.get("method") or "'GET'", consts)[0].upper() or "GET"
                ctype = _eval_str(opts.get("contentType", "''"), consts)[0]
                ep = _endpoint(doc, "jquery", url, method, opts.get("data"), code, consts, "json" in ctype.lower())
            elif args:
                data = args[1] if len(args) > 1 and not args[1].startswith("function") and "=>" not in args[1] else None
                ep = _endpoint(doc, "jquery", args[0], "POST" if kind == "post" else "GET", data, code, consts)
        elif m.group("fetch") and args:
            opts = _entries(args[1]) if len(args) > 1 else {}
            method = _eval_str(opts.get("method", "'GET'"), consts)[0].upper() or "GET"
            headers = opts.get("headers", "")
            ep = _endpoint(doc, "fetch", args[0], method, opts.get("body"), code, consts, "json" in headers.lower())
        elif m.group("ax") and args:
            kind = m.group("axm") or "request"
            if kind == "request" or args[0].startswith("{"):
                opts = _entries(args[0])
                method = _eval_str(opts.get("method", "'GET'"), consts)[0].upper() or "GET"
                data = opts.get("data") or opts.get("params")
                ep = _endpoint(doc, "axios", opts.get("url", ""), method, data, code, consts, bool(opts.get("data")))
            elif kind == "get":
                cfg = _entries(args[1]) if len(args) > 1 else {}
                ep = _endpoint(doc, "axios", args[0], "GET", cfg.get("params"), code, consts)
            else:
                ep = _endpoint(doc, "axios", args[0], "POST", args[1] if len(args) > 1 else None, code, consts,
                               json_hint=len(args) > 1 and args[1].lstrip().startswith("{"))
        elif m.group("xm") and len(args) >= 2:
            send = re.search(r"\.\s*send\s*\(", code[m.end():])
            body = None
            if send:
                pos = m.end() + send.end() - 1
                sargs = _call_args(code, pos)
                body = sargs[0] if sargs else None
            ctype = re.search(r"setRequestHeader\s*\(\s*[\"']Content-Type[\"']\s*,\s*[\"']([^\"']+)", code[m.end():], re.I)
            ep = _endpoint(doc, "xhr", args[1], m.group("xm").upper(), body, code, consts,
                           bool(ctype and "json" in ctype.group(1).lower()))
        if ep:
            found.append(ep)
    return found


def find_ajax_endpoints(html: str | Document, url: str = "") -> list[dict[str, Any]]:
    """Requests the page's inline scripts make: ``{"url", "method", "params": [{"name", "role"}],
    "json", "via", "is_query"}``, query endpoints first, without repeats."""
    doc = html if isinstance(html, Document) else parse_document(html, url)
    code_all = "\n;\n".join(code for src, code in doc.scripts if not src and code)[:500000]
    if not code_all.strip():
        return []
    consts = _constants(code_all)
    out, seen = [], set()
    for src, code in doc.scripts:
        if src or not code:
            continue
        for ep in _scan_calls(doc, code[:200000], consts):
            key = (ep["method"], ep["url"])
            if key not in seen:
                seen.add(key)
                out.append(ep)
    out.sort(key=lambda e: not e["is_query"])
    return out


# -- redirects ------------------------------------------------------------------------------------
_REFRESH = re.compile(r"""^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?(.*?)\s*$""", re.I | re.S)
_JS_ASSIGN = re.compile(
    r"(?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation(?:\s*\.\s*href)?\s*=(?!=)\s*")
_JS_CALL = re.compile(r"(?:\b(?:window|self|top|parent|document)\s*\.\s*)?\blocation\s*\.\s*(?:replace|assign)\s*\(")
_JS_TIMEOUT_STR = re.compile(r"""setTimeout\s*\(\s*(["'])(.*?)\1""", re.S)
_EVENT = re.compile(
    r"click|submit|change|key(?:up|down|press)|blur|focus|touch\w*|tap|mouse\w*|success|complete|done|error|"
    r"then|callback|\bon[a-z]+\b", re.I)
_AUTORUN = re.compile(r"onload|DOMContentLoaded|ready|\bload\b|setTimeout|setInterval", re.I)
_CONDITION = re.compile(r"\b(?:if|else|switch|case)\b|\?")


MAX_JS_HITS = 50  # a page with more location assignments than this is not a redirect page


class _Structure:
    """Strings, comments and ``{...}`` blocks of one script, from a single scan."""

    def __init__(self, code: str):
        self.code = code
        self.skipped: list[tuple[int, int]] = []  # strings and comments
        self.blocks: list[tuple[int, int]] = []  # (open, close) of every brace pair
        stack: list[int] = []
        for m in _LEX.finditer(code):
            if m.group(1):
                self.skipped.append(m.span())
            elif m.group(2) == "{":
                stack.append(m.start())
            elif m.group(2) == "}" and stack:
                self.blocks.append((stack.pop(), m.start()))
        self.blocks += [(o, len(code)) for o in stack]
        self.blocks.sort()
        self._starts = [s for s, _ in self.skipped]

    def in_string(self, pos: int) -> bool:
        k = bisect.bisect_right(self._starts, pos) - 1
        return k >= 0 and self.skipped[k][0] < pos < self.skipped[k][1]

    def enclosing(self, pos: int) -> list[int]:
        """Positions of the ``{`` of every block around ``pos``, outermost first."""
        return [o for o, c in self.blocks if o < pos < c]


def _context(st: _Structure, pos: int) -> tuple[bool, str | None]:
    """(runs on page load, condition text or None) for a statement at ``pos``."""
    code, condition = st.code, None
    for brace in reversed(st.enclosing(pos)):
        header = code[max(0, brace - 160):brace]
        header = header[max(header.rfind(";"), header.rfind("}"), -1) + 1:].strip() or header.strip()
        named = re.search(r"function\s+([A-Za-z_$][\w$]*)\s*\([^)]*\)\s*$", header)
        if named and len(re.findall(rf"\b{re.escape(named.group(1))}\s*\(", code)) < 2:
            return False, condition  # a function nobody calls on load
        if _EVENT.search(header) and not _AUTORUN.search(header):
            return False, condition  # a click / AJAX-answer handler
        if condition is None and _CONDITION.search(header):
            condition = collapse(header)[-120:]
    return True, condition


def _statement_end(code: str, start: int, limit: int = 2000) -> int:
    depth = 0
    for j, c in _lex(code[:start + limit], start):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                return j
            depth -= 1
        elif c in ";\n" and depth == 0:
            return j
    return min(len(code), start + limit)


def _js_redirects(doc: Document, code: str, consts: dict[str, str], depth: int = 0) -> list[dict[str, Any]]:
    st = _Structure(code)
    hits: list[tuple[int, str]] = []
    for m in _JS_ASSIGN.finditer(code):
        if not st.in_string(m.start()):
            hits.append((m.start(), code[m.end():_statement_end(code, m.end())]))
        if len(hits) >= MAX_JS_HITS:
            break
    for m in _JS_CALL.finditer(code):
        if not st.in_string(m.start()):
            args = _call_args(code, m.end() - 1)
            if args:
                hits.append((m.start(), args[0]))
        if len(hits) >= 2 * MAX_JS_HITS:
            break
    out = []
    for pos, expr in sorted(hits):
        target, _ = _eval_str(expr, consts)
        if not target or target.startswith(("javascript:", "#")) or _ASSET.search(target):
            continue
        auto, condition = _context(st, pos)
        if auto:
            out.append({"url": doc.absolute(target), "kind": "js", "conditional": condition is not None,
                        "condition": condition})
    if depth == 0:
        for m in list(_JS_TIMEOUT_STR.finditer(code))[:MAX_JS_HITS]:
            inner = m.group(2).replace("\\'", "'").replace('\\"', '"')
            auto, condition = _context(st, m.start())
            if auto:
                for r in _js_redirects(doc, inner, consts, depth + 1):
                    out.append({**r, "conditional": condition is not None or r["conditional"],
                                "condition": condition or r["condition"]})
    return [r for r in out if r["url"]]


def find_redirects(html: str | Document, url: str = "", include_frames: bool = False) -> list[dict[str, Any]]:
    """Client-side redirects: ``{"url", "kind": "meta"|"js"[|"frame"], "delay"?, "conditional"?}``.

    Meta refresh first (browsers honour it even with scripts off), then JavaScript redirects that run
    on load (unconditional before conditional; handlers of clicks or AJAX answers are skipped). With
    ``include_frames``, the documents of a ``<frameset>`` (domain "URL forwarding") come last.
    """
    doc = html if isinstance(html, Document) else parse_document(html, url)
    out: list[dict[str, Any]] = []
    for el in doc.iter("meta"):
        if (el.get("http-equiv") or "").strip().lower() != "refresh":
            continue
        m = _REFRESH.match(el.get("content") or "")
        target = (m.group(2) if m else "").strip().strip("\"'").strip()
        if target:
            out.append({"url": doc.absolute(target), "kind": "meta",
                        "delay": float(m.group(1)) if m and m.group(1) else 0.0})
    scripts = [code for src, code in doc.scripts if not src and code]
    for el in doc.iter("body", "frameset"):
        if el.get("onload"):
            scripts.append(el.get("onload"))
    consts = _constants("\n".join(scripts)[:500000]) if scripts else {}
    js: list[dict[str, Any]] = []
    for code in scripts:
        js += _js_redirects(doc, code[:200000], consts)
    js.sort(key=lambda r: r["conditional"])
    out += js
    if include_frames:
        for el in doc.iter("frame"):
            src = doc.absolute(el.get("src"))
            if src:
                out.append({"url": src, "kind": "frame"})
    seen, unique = set(), []
    for r in out:
        if r["url"] and (r["kind"], r["url"]) not in seen:
            seen.add((r["kind"], r["url"]))
            unique.append(r)
    return unique
