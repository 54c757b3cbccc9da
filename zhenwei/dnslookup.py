"""DNS lookups for evidence: the NS/A/AAAA/MX/TXT records of a name, with dnspython.

One place that knows how to talk to a name server given as ``HOST:PORT`` (the sandbox's, or any
other) and how to tell the ways a lookup can fail apart: NXDOMAIN (the name does not exist),
SERVFAIL (the name server could not answer), timeout, and other errors. Evidence records keep that
distinction because "the domain was deleted" and "the name server was down" mean different things
for a takedown.

Reads no settings: callers pass ``ZHENWEI_NAMESERVER`` / ``ZHENWEI_DNS_TIMEOUT`` in.
"""

from __future__ import annotations

import ipaddress
from datetime import datetime, timezone
from typing import Any, Iterable

import dns.asyncresolver
import dns.exception
import dns.name
import dns.rcode
import dns.rdatatype
import dns.resolver

#: Record types looked up by default, in the order they are stored.
DEFAULT_RTYPES: tuple[str, ...] = ("A", "AAAA", "NS", "MX", "TXT")

#: Values of the ``status`` field of a lookup result.
STATUSES = ("ok", "nxdomain", "servfail", "timeout", "error")


class DnsLookupError(Exception):
    """A name that did not resolve. ``status`` is one of nxdomain, servfail, timeout, error."""

    def __init__(self, name: str, status: str, detail: str = ""):
        self.name, self.status, self.detail = name, status, detail
        text = {"nxdomain": "域名不存在 the domain does not exist (NXDOMAIN)",
                "servfail": "域名服务器失败 the name server failed (SERVFAIL)",
                "timeout": "DNS 查询超时 the DNS query timed out",
                "nodata": "没有 A 记录 no address records"}.get(status, "DNS 查询失败 DNS lookup failed")
        super().__init__(f"{name}: {text}" + (f": {detail}" if detail else ""))


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_hostport(text: str, default_port: int) -> tuple[str, int]:
    """Split ``"127.0.0.1:5353"``, ``"[::1]:53"``, ``"::1"`` or ``"8.8.8.8"`` into (host, port).

    Only parses; sends nothing. Raises ValueError naming ``text`` when it is empty or the port is
    not a number in 1-65535.
    """
    raw = text
    text = (text or "").strip()
    if not text:
        raise ValueError(f"{raw!r}: empty address, expected HOST or HOST:PORT")
    port_text: str | None = None
    if text.startswith("["):
        end = text.find("]")
        if end < 0:
            raise ValueError(f"{raw!r}: missing ']' in bracketed IPv6 address")
        host, rest = text[1:end], text[end + 1:]
        if rest:
            if not rest.startswith(":"):
                raise ValueError(f"{raw!r}: expected ':PORT' after ']'")
            port_text = rest[1:]
    elif text.count(":") == 1:
        host, port_text = text.split(":")
    else:
        host = text  # a host name, an IPv4 address or a bare IPv6 address (several colons)
    if not host:
        raise ValueError(f"{raw!r}: missing host")
    port = default_port
    if port_text is not None:
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"{raw!r}: port {port_text!r} is not a number") from None
    if not 0 < port < 65536:
        raise ValueError(f"{raw!r}: port {port} out of range 1-65535")
    return host, port


def _configure(resolver: dns.resolver.Resolver, nameserver: str | None, timeout: float) -> None:
    if nameserver:
        host, port = parse_hostport(nameserver, 53)
        try:
            ipaddress.ip_address(host)
        except ValueError:
            raise ValueError(f"{nameserver!r}: the name server must be an IP address") from None
        resolver.nameservers = [host]
        resolver.port = port
    resolver.timeout = timeout
    resolver.lifetime = timeout
    resolver.cache = None  # evidence must reflect the answer at query time, never a cached one


def make_resolver(nameserver: str | None, timeout: float = 3.0) -> dns.resolver.Resolver:
    """A dnspython resolver for ``nameserver`` (``HOST[:PORT]``), or the system resolver for None."""
    resolver = dns.resolver.Resolver(configure=not nameserver)
    _configure(resolver, nameserver, timeout)
    return resolver


def make_async_resolver(nameserver: str | None, timeout: float = 3.0) -> dns.asyncresolver.Resolver:
    """The asyncio twin of :func:`make_resolver`."""
    resolver = dns.asyncresolver.Resolver(configure=not nameserver)
    _configure(resolver, nameserver, timeout)
    return resolver


def format_rdata(rdata: Any) -> str:
    """One record as a plain string: ``1.2.3.4``, ``ns1.example.com``, ``10 mx.example.com``, TXT text."""
    rdtype = rdata.rdtype
    if rdtype in (dns.rdatatype.A, dns.rdatatype.AAAA):
        return rdata.address
    if rdtype in (dns.rdatatype.NS, dns.rdatatype.CNAME, dns.rdatatype.PTR):
        return rdata.target.to_text(omit_final_dot=True)
    if rdtype == dns.rdatatype.MX:
        return f"{rdata.preference} {rdata.exchange.to_text(omit_final_dot=True)}"
    if rdtype == dns.rdatatype.TXT:
        return b"".join(rdata.strings).decode("utf-8", "replace")
    return rdata.to_text()


def format_rrset(rrset: Any) -> list[str]:
    """Records of an answer as strings, sorted (MX by preference) so evidence is reproducible:
    an rrset is a set and servers may rotate its order."""
    if not rrset:
        return []
    pairs = [(getattr(r, "preference", 0), format_rdata(r)) for r in rrset]
    return [text for _, text in sorted(pairs)]


def classify_exception(exc: BaseException) -> tuple[str, str]:
    """(status, message) for a dnspython exception."""
    if isinstance(exc, dns.resolver.NXDOMAIN):
        return "nxdomain", "NXDOMAIN"
    if isinstance(exc, dns.exception.Timeout):
        return "timeout", str(exc)
    if isinstance(exc, dns.resolver.NoNameservers):
        # Raised when every server failed; only call it SERVFAIL when a server said so.
        for err in exc.kwargs.get("errors") or []:
            response = err[-1] if isinstance(err, tuple) else None
            if hasattr(response, "rcode") and response.rcode() == dns.rcode.SERVFAIL:
                return "servfail", "SERVFAIL"
        return "error", str(exc)
    return "error", f"{type(exc).__name__}: {exc}"


def _new_result(name: str, nameserver: str | None) -> dict[str, Any]:
    return {"name": name, "status": "ok", "records": {}, "queried_at": _now(),
            "nameserver": nameserver or "system"}


def _check_name(name: str, result: dict[str, Any]) -> str | None:
    """The query name, or None after marking ``result`` as a bad-input error."""
    try:
        return dns.name.from_text(name.strip().rstrip(".") + ".").to_text()
    except (dns.exception.DNSException, UnicodeError, ValueError) as exc:
        result.update(status="error", error=f"{name!r}: not a valid domain name ({exc})")
        return None


def _record_failure(result: dict[str, Any], exc: BaseException) -> None:
    status, message = classify_exception(exc)
    result.update(status=status, error=message)


def lookup_records(name: str, rtypes: Iterable[str] = DEFAULT_RTYPES, nameserver: str | None = None,
                   timeout: float = 3.0) -> dict[str, Any]:
    """Look up ``rtypes`` of ``name``; never raises for DNS failures.

    Returns ``{"name", "status", "records": {"A": [...], ...}, "queried_at", "nameserver"}`` plus
    ``"error"`` (a message) when status is not ``ok``. Status is ``ok`` (records may be empty),
    ``nxdomain``, ``servfail``, ``timeout`` or ``error``; the first failure stops the lookup (later
    types would fail the same way and each timeout costs ``timeout`` seconds). A bad ``nameserver``
    raises ValueError.
    """
    resolver = make_resolver(nameserver, timeout)
    result = _new_result(name, nameserver)
    qname = _check_name(name, result)
    if qname is None:
        return result
    for rtype in rtypes:
        try:
            answer = resolver.resolve(qname, rtype, raise_on_no_answer=False, search=False)
        except dns.exception.DNSException as exc:
            _record_failure(result, exc)
            break
        result["records"][rtype] = format_rrset(answer.rrset)
    return result


async def async_lookup_records(name: str, rtypes: Iterable[str] = DEFAULT_RTYPES,
                               nameserver: str | None = None, timeout: float = 3.0,
                               resolver: dns.asyncresolver.Resolver | None = None) -> dict[str, Any]:
    """asyncio variant of :func:`lookup_records`; pass ``resolver`` to share one across many calls."""
    resolver = resolver or make_async_resolver(nameserver, timeout)
    result = _new_result(name, nameserver)
    qname = _check_name(name, result)
    if qname is None:
        return result
    for rtype in rtypes:
        try:
            answer = await resolver.resolve(qname, rtype, raise_on_no_answer=False, search=False)
        except dns.exception.DNSException as exc:
            _record_failure(result, exc)
            break
        result["records"][rtype] = format_rrset(answer.rrset)
    return result


def resolve_a(name: str, nameserver: str | None = None, timeout: float = 3.0) -> list[str]:
    """IPv4 addresses of ``name``; raises :class:`DnsLookupError` (status nxdomain, servfail,
    timeout, error, or nodata when the name exists without A records)."""
    result = lookup_records(name, ("A",), nameserver=nameserver, timeout=timeout)
    if result["status"] != "ok":
        raise DnsLookupError(name, result["status"], result.get("error", ""))
    addresses = result["records"].get("A") or []
    if not addresses:
        raise DnsLookupError(name, "nodata")
    return addresses
