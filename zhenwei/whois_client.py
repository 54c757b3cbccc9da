"""WHOIS client for evidence capture: registrable domain, raw query over TCP, robust parsing.

* ``registrable_domain(host)``: the unit a registrant owns (``cx.mem.gov.cn`` -> ``mem.gov.cn``),
  from tldextract's bundled Public Suffix List snapshot; never touches the network.
* ``fetch_whois(domain, server)``: the raw answer of a WHOIS server. ``server`` is ``"HOST:PORT"``
  (python-whois 0.9.6 always dials port 43, so we do the socket work ourselves); with no server we use
  python-whois's own choice of registry server and follow one registrar referral, like it does.
* ``parse_whois(domain, text)``: python-whois's ``WhoisEntry.load`` normalised into a JSON-friendly
  dict. CNNIC (.cn/.中国) times are Beijing time, so they carry ``+08:00``. Unregistered names give
  ``registered: False``; answers we cannot read give ``registered: None``. Never raises on content.
* ``lookup(domain, server)``: fetch + parse + raw text, its SHA-256, server and query time.

Reads no settings itself: callers pass ``ZHENWEI_WHOIS_SERVER`` / ``ZHENWEI_WHOIS_TIMEOUT`` in.
"""

from __future__ import annotations

import functools
import hashlib
import ipaddress
import logging
import re
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import tldextract
from whois.exceptions import WhoisDomainNotFoundError
from whois.parser import WhoisEntry, cast_date
from whois.whois import NICClient

logger = logging.getLogger(__name__)

WHOIS_PORT = 43
MAX_RESPONSE_BYTES = 1024 * 1024  # real answers are a few KB; a bigger one is junk or hostile
# python-whois's EMAIL_REGEX is quadratic in the length of a run of e-mail characters (32k 'a's take
# 20 s). The parser therefore sees at most _MAX_PARSE_CHARS (real answers are 1-20 KB) with every
# run of non-blank characters cut to _MAX_TOKEN (real values are far shorter): 1 MB of hostile text
# then parses in under half a second. ``raw`` always keeps the full answer.
_MAX_PARSE_CHARS = 100_000
_MAX_TOKEN = 160

BEIJING = timezone(timedelta(hours=8), "CST")
_CNNIC_SUFFIXES = (".cn", ".中国", ".xn--fiqs8s", ".中國", ".xn--fiqz9s")

_NOT_FOUND = re.compile(
    r"no matching record|no match for|\bnot found\b|no data found|no entries found"
    r"|^\s*status:\s*(?:free|available)\s*$|the queried object does not exist",
    re.IGNORECASE | re.MULTILINE,
)
_RESERVED = re.compile(r"domain you requested is (?:prohibited|in the reserved list)", re.IGNORECASE)
_NO_SERVER = re.compile(r"no whois server is known|this tld has no whois server", re.IGNORECASE)

# Used only where python-whois left a field empty: CNNIC's older "Registration Date" lines, the
# "Registrant Organization" CNNIC also uses, and the base fields when a TLD parser itself failed.
_FALLBACK_DATES = {
    "creation_date": r"^[ \t]*(?:Registration (?:Time|Date)|Creation Date):[ \t]*(\S.*?)[ \t]*$",
    "expiration_date": r"^[ \t]*(?:Expiration (?:Time|Date)|Expir\w+ Date):[ \t]*(\S.*?)[ \t]*$",
    "updated_date": r"^[ \t]*Updated Date:[ \t]*(\S.*?)[ \t]*$",
}
# [ \t] rather than \s: a value must be on its own line, never the next line's text.
_FALLBACK_REGISTRANT = r"^[ \t]*Registrant(?: Organi[sz]ation| Name)?:[ \t]*(\S.*?)[ \t]*$"
_FALLBACK_REGISTRANT_EMAIL = r"^[ \t]*Registrant (?:Contact )?E-?mail:[ \t]*(\S+@\S+)[ \t]*$"
_FALLBACK_REGISTRAR = r"^[ \t]*(?:Sponsoring )?Registrar(?: Name)?:[ \t]*(\S.*?)[ \t]*$"
_NO_DATE_REGEX = {k: v for k, v in WhoisEntry._regex.items() if not k.endswith("_date")}

_REGISTRANT_KEYS = ("org", "registrant_org", "registrant_organization", "registrant_company_name",
                    "name", "registrant_name", "registrant")
_ANY_RUN = re.compile(r"^\[[^\]]*(?:\\w\\W|\\W\\w|\\s\\S|\\S\\s)[^\]]*\][+*]")
_HOSTNAME = re.compile(r"^[a-z0-9_](?:[a-z0-9_.-]*[a-z0-9])?$")

_extractor: tldextract.TLDExtract | None = None
_iana_cache: dict[str, str | None] = {}


class WhoisError(Exception):
    """A WHOIS query that produced no answer. ``str()`` names the domain, the server and why."""

    def __init__(self, domain: str, server: str | None, reason: str, reason_zh: str | None = None):
        self.domain, self.server, self.reason = domain, server, reason
        zh = f"WHOIS 查询失败（{reason_zh}）" if reason_zh else "WHOIS 查询失败"
        super().__init__(f"{domain} @ {server or '-'}: {zh} / WHOIS query failed: {reason}")


@dataclass(frozen=True)
class WhoisText:
    """The raw answer: ``text`` decoded, ``raw`` the exact bytes (registry answer, then referral)."""

    domain: str  # as queried on the wire (IDNA)
    server: str  # "host:port" of the last server that answered
    text: str
    raw: bytes
    servers: tuple[str, ...]  # every server that answered, in order
    truncated: bool = False  # True when the answer hit max_bytes


# --- registrable domain -------------------------------------------------------------------------

def _tld_extractor() -> tldextract.TLDExtract:
    # Private PSL suffixes are on: under cn.com or github.io each name below the suffix belongs to a
    # different party. mem.gov.cn.com is a look-alike bought by someone, not part of CentralNic's
    # cn.com, and collapsing it to cn.com would give it cn.com's decades-old creation date.
    global _extractor
    if _extractor is None:
        _extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None,
                                           include_psl_private_domains=True)
    return _extractor


def registrable_domain(host: str) -> str:
    """``cx.mem.gov.cn`` -> ``mem.gov.cn``; IDN in punycode; ``""`` for IPs and public suffixes."""
    if not isinstance(host, str):
        raise TypeError(f"{host!r}: host name must be a string")
    name = host.strip().lower().rstrip(".")
    try:
        ipaddress.ip_address(name.strip("[]"))
        return ""
    except ValueError:
        pass
    if not name or re.search(r"[\s/:@\\?#]", name):
        raise ValueError(f"{host!r}: not a host name")
    domain = _tld_extractor()(name).top_domain_under_public_suffix
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        return domain


# --- fetching -----------------------------------------------------------------------------------

def _wire_domain(domain: str) -> str:
    if not isinstance(domain, str) or not domain.strip(" ."):
        raise ValueError(f"{domain!r}: not a domain name")
    name = domain.strip().lower().rstrip(".")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(f"{domain!r}: not a valid domain name ({exc})") from None
    if not _HOSTNAME.match(name):
        raise ValueError(f"{domain!r}: not a valid domain name")
    return name


def _parse_server(server: str) -> tuple[str, int]:
    text = server.strip()
    if text.startswith("["):  # [v6]:port
        host, _, rest = text[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        host, port = text.split(":")
    else:
        host, port = text, ""
    try:
        number = int(port) if port else WHOIS_PORT
    except ValueError:
        number = 0
    if not host or not 0 < number < 65536:
        raise ValueError(f"WHOIS server {server!r}: expected HOST or HOST:PORT")
    return host, number


def _query_line(host: str, domain: str) -> str:
    # Same per-registry query decorations as python-whois's NICClient.whois(), so that its parsers
    # get the answer format they were written for (JPRS in English, DENIC in UTF-8).
    host = host.lower()
    if host == NICClient.DENICHOST:
        return "-T dn,ace -C UTF-8 " + domain
    if host == NICClient.DK_HOST:
        return " --show-handles " + domain
    if host.endswith(".jp"):
        return domain + "/e"
    return domain


def _query(domain: str, host: str, port: int, line: str, timeout: float,
           max_bytes: int) -> tuple[bytes, bool]:
    """Send one query line; read until close, ``max_bytes`` or the overall deadline."""
    label = f"{host}:{port}"
    deadline = time.monotonic() + timeout
    try:
        sock = socket.create_connection((host, port), timeout=timeout)
    except ConnectionRefusedError:
        raise WhoisError(domain, label, "connection refused", "连接被拒绝") from None
    except socket.timeout:
        raise WhoisError(domain, label, f"connect timed out after {timeout:g}s", "连接超时") from None
    except socket.gaierror as exc:
        raise WhoisError(domain, label, f"cannot resolve host ({exc.strerror})",
                         "无法解析服务器") from None
    except OSError as exc:
        raise WhoisError(domain, label, f"connect failed ({exc.strerror or exc})", "连接失败") from None
    chunks: list[bytes] = []
    size, truncated = 0, False
    with sock:
        try:
            sock.sendall(line.encode("utf-8") + b"\r\n")
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise socket.timeout()
                # One deadline for the whole answer: a server dribbling a byte at a time still ends.
                sock.settimeout(remaining)
                data = sock.recv(65536)
                if not data:
                    break
                chunks.append(data)
                size += len(data)
                if size >= max_bytes:
                    truncated = True
                    break
        except socket.timeout:
            raise WhoisError(domain, label, f"read timed out after {timeout:g}s ({size} bytes read)",
                             "读取超时") from None
        except ConnectionResetError:
            if not size:  # some servers reset instead of closing once they have answered
                raise WhoisError(domain, label, "connection reset", "连接被重置") from None
        except OSError as exc:
            raise WhoisError(domain, label, f"read failed ({exc.strerror or exc})", "读取失败") from None
    data = b"".join(chunks)[:max_bytes]
    if not data.strip():
        raise WhoisError(domain, label, "empty response", "服务器无应答内容")
    return data, truncated


def _decode(data: bytes) -> str:
    """One server's answer as text. CNNIC answers UTF-8; some Chinese registrars still GB18030."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a character cut by the size cap, not another encoding
            return data.decode("utf-8", "replace")
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        return data.decode("utf-8", "replace")


class _RegistryClient(NICClient):
    """python-whois's server choice, with its IANA look-up bounded by our timeout and cached per TLD."""

    def __init__(self, domain: str, timeout: float,
                 iana: tuple[str, int] = (NICClient.IANAHOST, WHOIS_PORT)):
        super().__init__()
        self.domain, self.timeout, self.iana = domain, timeout, iana

    def findwhois_iana(self, tld: str) -> str | None:
        if tld not in _iana_cache:
            data, _ = _query(self.domain, *self.iana, tld, self.timeout, MAX_RESPONSE_BYTES)
            match = re.search(r"^whois:[ \t]+(\S+)", _decode(data), re.MULTILINE)
            _iana_cache[tld] = match.group(1) if match else None
        return _iana_cache[tld]


def _referral(text: str, host: str, domain: str) -> str | None:
    """The registrar WHOIS server a thin registry (Verisign) points to, or None."""
    found = NICClient.findwhois_server(text[:_MAX_PARSE_CHARS], host, re.escape(domain))
    if found and found.strip().lower() != host.lower():
        return found.strip()
    return None


def fetch_whois(domain: str, server: str | None = None, timeout: float = 5.0, *,
                max_bytes: int = MAX_RESPONSE_BYTES) -> WhoisText:
    """Raw WHOIS answer for ``domain``.

    ``server`` "HOST[:PORT]" is asked directly, no referral. With None, python-whois picks the
    registry server (asking whois.iana.org for TLDs it has no entry for) and one registrar referral
    is followed; a failing referral keeps the registry answer. Raises ``WhoisError``.
    """
    wire = _wire_domain(domain)
    if not timeout or timeout <= 0:
        raise ValueError(f"timeout {timeout!r}: must be a positive number of seconds")
    if server:
        host, port = _parse_server(server)
        data, truncated = _query(wire, host, port, _query_line(host, wire), timeout, max_bytes)
        return WhoisText(wire, f"{host}:{port}", _decode(data), data, (f"{host}:{port}",), truncated)

    try:
        host = _RegistryClient(wire, timeout).choose_server(wire)
    except (OSError, UnicodeError) as exc:  # python-whois's own socket code, should it run
        raise WhoisError(wire, NICClient.IANAHOST, f"server choice failed ({exc})",
                         "无法确定服务器") from None
    if not host:
        raise WhoisError(wire, None, "no WHOIS server known for this name", "无已知 WHOIS 服务器")
    data, truncated = _query(wire, host, WHOIS_PORT, _query_line(host, wire), timeout, max_bytes)
    text, servers = _decode(data), [f"{host}:{WHOIS_PORT}"]
    nhost = None if truncated else _referral(text, host, wire)
    if nhost:
        try:
            more, truncated = _query(wire, nhost, WHOIS_PORT, _query_line(nhost, wire), timeout,
                                     max_bytes - len(data))
            # Decoded apart: the registrar may use another encoding than the registry.
            data, text = data + more, text + _decode(more)
            servers.append(f"{nhost}:{WHOIS_PORT}")
        except (WhoisError, ValueError) as exc:
            logger.warning("WHOIS referral for %s not followed: %s", wire, exc)
    return WhoisText(wire, servers[-1], text, data, tuple(servers), truncated)


# --- parsing ------------------------------------------------------------------------------------

def _parser_input(text: str) -> str:
    text = text[:_MAX_PARSE_CHARS].replace("\r\n", "\n").replace("\x00", "")
    return re.sub(r"\S{%d,}" % (_MAX_TOKEN + 1), lambda m: m.group(0)[:_MAX_TOKEN], text)


@functools.lru_cache(maxsize=None)
def _linear(cls: type) -> type:
    """``cls`` with every pattern that opens on an any-character run anchored at the text start.

    WhoisHk's ``[\\w\\W]+Email: (...)`` patterns retry from every position after their last match,
    which is quadratic: 1 s for a real 5 KB .hk answer, hours for 100 KB. The first attempt already
    finds what findall returns, so ``\\A`` gives the same values in linear time.
    """
    regex = getattr(cls, "regex", None)
    if not isinstance(regex, dict):
        return cls
    fixed = {k: r"\A" + v if isinstance(v, str) and _ANY_RUN.match(v) else v
             for k, v in regex.items()}
    return cls if fixed == regex else type(cls.__name__, (cls,), {"regex": fixed})


def _load(domain: str, text: str) -> dict:
    """``WhoisEntry.load`` with the quadratic patterns of its TLD parser made linear."""
    try:
        # The parser class load() picks for this domain, found on an empty text (microseconds).
        cls = type(WhoisEntry.load(domain, ""))
    except Exception:  # noqa: BLE001 - then load() picks it again below
        return dict(WhoisEntry.load(domain, text))
    fast = _linear(cls)
    if fast is cls:
        return dict(WhoisEntry.load(domain, text))
    return dict(fast(domain, text))


def _values(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _first_text(entry: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in _values(entry.get(key)):
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def _search(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text, re.IGNORECASE | re.MULTILINE)
    return match.group(1).strip() if match else None


def _date(entry: dict, key: str, text: str, cnnic: bool, pick) -> str | None:
    dates = [v for v in _values(entry.get(key)) if isinstance(v, datetime)]
    if not dates:
        for raw in re.findall(_FALLBACK_DATES[key], text, re.IGNORECASE | re.MULTILINE):
            try:
                value = cast_date(raw.strip())
            except Exception:  # noqa: BLE001 - an unreadable date is just absent
                continue
            if isinstance(value, datetime):
                dates.append(value)
    if not dates:
        return None
    dates = [d if d.tzinfo else d.replace(tzinfo=timezone.utc) for d in dates]
    value = pick(dates)
    if cnnic and value.utcoffset() == timedelta(0):
        # CNNIC prints Beijing wall-clock time with no zone; python-whois labels it UTC.
        value = value.replace(tzinfo=BEIJING)
    return value.isoformat()


def _name_servers(entry: dict) -> list[str]:
    found = set()
    for value in _values(entry.get("name_servers")):
        for line in str(value).splitlines():
            token = line.split()[0].lower().rstrip(".") if line.split() else ""
            if _HOSTNAME.match(token) and "." in token:
                found.add(token)
    return sorted(found)


def _status(entry: dict) -> list[str]:
    out: list[str] = []
    for value in _values(entry.get("status")):
        for line in str(value).splitlines():
            # "clientHold https://icann.org/epp#clientHold": the code is the evidence, not the link.
            line = re.sub(r"\s*\(?https?://\S+\)?\s*$", "", line.strip())
            for part in (line.split(",") if " " not in line else [line]):
                if part.strip() and part.strip() not in out:
                    out.append(part.strip())
    return out


def _emails(entry: dict) -> list[str]:
    out: list[str] = []
    for value in _values(entry.get("emails")):
        email = str(value).strip().lower()
        if email and email not in out:
            out.append(email)
    return out


def _empty(domain: str) -> dict[str, Any]:
    return {"domain": domain, "registered": None, "reserved": False, "registrar": None,
            "registrant": None, "registrant_email": None, "creation_date": None,
            "expiration_date": None, "updated_date": None, "name_servers": [], "status": [],
            "emails": [], "parse_error": None}


def parse_whois(domain: str, text: str) -> dict[str, Any]:
    """Normalise a WHOIS answer. ``registered`` is True, False (not registered / reserved) or None
    (could not tell: empty, rate-limited, no WHOIS for the TLD, unreadable). Never raises on content."""
    if not isinstance(text, str):
        raise TypeError(f"WHOIS text for {domain!r} must be str, not {type(text).__name__}")
    name = str(domain).strip().lower().rstrip(".")
    result = _empty(name)
    body = _parser_input(text)
    cnnic = name.endswith(_CNNIC_SUFFIXES)
    entry: dict = {}
    not_found = False
    try:
        entry = _load(name, body)
    except WhoisDomainNotFoundError:
        not_found = True
    except Exception as exc:  # noqa: BLE001 - a TLD parser choking must not lose the rest
        result["parse_error"] = f"{type(exc).__name__}: {exc}"[:300]
        try:
            entry = dict(WhoisEntry(name, body, regex=_NO_DATE_REGEX))
        except Exception:  # noqa: BLE001
            entry = {}

    result["registrar"] = _first_text(entry, ("registrar",)) or _search(_FALLBACK_REGISTRAR, body)
    result["registrant"] = (_first_text(entry, _REGISTRANT_KEYS)
                            or _search(_FALLBACK_REGISTRANT, body))
    result["registrant_email"] = (_first_text(entry, ("registrant_email",))
                                  or _search(_FALLBACK_REGISTRANT_EMAIL, body))
    if result["registrant_email"]:
        result["registrant_email"] = result["registrant_email"].lower()
    result["creation_date"] = _date(entry, "creation_date", body, cnnic, min)
    result["expiration_date"] = _date(entry, "expiration_date", body, cnnic, max)
    result["updated_date"] = _date(entry, "updated_date", body, cnnic, max)
    result["name_servers"] = _name_servers(entry)
    result["status"] = _status(entry)
    result["emails"] = _emails(entry)

    has_data = bool(result["creation_date"] or result["registrar"] or result["name_servers"])
    if _NO_SERVER.search(body):
        result["registered"] = None
        result["parse_error"] = result["parse_error"] or "no WHOIS server for this TLD"
    elif _RESERVED.search(body) and not has_data:
        result["registered"], result["reserved"] = False, True
    elif not_found or (_NOT_FOUND.search(body) and not has_data):
        result["registered"] = False
    elif has_data:
        result["registered"] = True
    return result


# --- lookup -------------------------------------------------------------------------------------

def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _iso_utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def domain_age_days(parsed: dict, now: datetime) -> int | None:
    """Whole days from ``parsed["creation_date"]`` to ``now`` (timezone-aware); None when unknown."""
    if now.tzinfo is None:
        raise ValueError(f"now={now!r}: must be timezone-aware")
    created = parsed.get("creation_date")
    if not created:
        return None
    try:
        return (now - datetime.fromisoformat(created)).days
    except (TypeError, ValueError):
        return None


def _private_suffix_caveat(result: dict[str, Any]) -> None:
    """Turn a TLD registry's "no match" for a name under a private suffix into "unknown".

    python-whois asks the TLD's registry (Verisign for gov.cn.com), which never holds names under
    a private suffix such as cn.com: its "no match" proves nothing about the name, so it must not be
    recorded as "not registered".
    """
    suffix = _tld_extractor()(result["domain"])
    if suffix.is_private and result["registered"] is False:
        result["registered"] = None
        result["parse_error"] = (f"{result['domain']} is under the private suffix {suffix.suffix}; "
                                 "the TLD registry does not hold it")


def lookup(domain: str, server: str | None = None, timeout: float = 5.0) -> dict[str, Any]:
    """Fetch and parse; adds ``raw``, ``raw_sha256``, ``server``, ``servers``, ``truncated``,
    ``queried_at`` (UTC ISO) and ``age_days`` (at query time). Raises ``WhoisError``/``ValueError``."""
    started = _utc_now()
    fetched = fetch_whois(domain, server=server, timeout=timeout)
    result = parse_whois(fetched.domain, fetched.text)
    if not server:
        _private_suffix_caveat(result)
    result.update({
        "raw": fetched.text,
        "raw_sha256": hashlib.sha256(fetched.raw).hexdigest(),
        "server": fetched.server,
        "servers": list(fetched.servers),
        "truncated": fetched.truncated,
        "queried_at": _iso_utc(started),
        "age_days": domain_age_days(result, started),
    })
    return result
