"""Network policy: the one place that decides what zhenwei may fetch or connect to.

It answers two questions for every hop of every crawl, after DNS resolution:

* may we connect to this IP? (SSRF guard: loopback, private, link-local, multicast, reserved,
  unspecified and shared/CGNAT addresses are refused unless an ``--allow-net`` CIDR covers them);
* which port do we really connect to? (``port_map``: a generic rewrite of destination ports, which is
  how the sandbox world serves port 80/443 sites from unprivileged ports without any "sandbox mode").

Reads the settings ``ZHENWEI_ALLOW_NET`` and ``ZHENWEI_PORT_MAP`` (see ``zhenwei.settings``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Iterable, Mapping
from urllib.parse import urlsplit

# CGNAT space is not flagged by ipaddress.is_private but is never a public web host.
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class PolicyError(ValueError):
    """A target that the network policy refuses. ``str()`` is a one-line message naming the target."""

    def __init__(self, target: str, reason: str, ip: str | None = None):
        self.target, self.reason, self.ip = target, reason, ip
        where = f" ({ip})" if ip and ip != target else ""
        super().__init__(f"{target}{where}: refused by network policy: {reason}")


class BadTarget(ValueError):
    """A malformed or unsupported URL given as input."""

    def __init__(self, target: str, reason: str):
        self.target, self.reason = target, reason
        super().__init__(f"{target!r}: not a usable URL: {reason}")


def parse_allow_nets(values: Iterable[str] | str | None) -> list[ipaddress._BaseNetwork]:
    """Parse CIDRs from a list or a comma/space separated string; raise ValueError naming a bad one."""
    if values is None:
        return []
    if isinstance(values, str):
        values = values.replace(",", " ").split()
    nets = []
    for v in values:
        try:
            nets.append(ipaddress.ip_network(str(v).strip(), strict=False))
        except ValueError as exc:
            raise ValueError(f"--allow-net {v!r}: not a CIDR ({exc})") from None
    return nets


def parse_port_map(value: Mapping | str | None) -> dict[int, int]:
    """``"80:8080,443:8443"`` or ``{"80": 8080}`` -> ``{80: 8080, 443: 8443}``."""
    if not value:
        return {}
    items = value.items() if isinstance(value, Mapping) else (
        part.split(":", 1) for part in str(value).replace(" ", ",").split(",") if part
    )
    out: dict[int, int] = {}
    for src, dst in items:
        try:
            out[int(src)] = int(dst)
        except (TypeError, ValueError):
            raise ValueError(f"port map entry {src}:{dst}: expected PORT:PORT") from None
    return out


def blocked_reason(ip: ipaddress._BaseAddress) -> str | None:
    """Why an address is not a public internet host, or None when it is."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr, reason in (
        ("is_loopback", "loopback address"),
        ("is_link_local", "link-local address"),
        ("is_multicast", "multicast address"),
        ("is_unspecified", "unspecified address"),
        ("is_private", "private address"),
        ("is_reserved", "reserved address"),
    ):
        if getattr(ip, attr):
            return reason
    if ip.version == 4 and ip in _SHARED:
        return "shared (CGNAT) address"
    return None


@dataclass
class NetworkPolicy:
    """SSRF guard plus destination-port rewrite. Plain values in, so tests build it directly."""

    allow_nets: list = field(default_factory=list)
    port_map: dict[int, int] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings) -> "NetworkPolicy":
        return cls(
            allow_nets=parse_allow_nets(settings.get("ZHENWEI_ALLOW_NET")),
            port_map=parse_port_map(settings.get("ZHENWEI_PORT_MAP")),
        )

    def check_ip(self, ip: str, target: str = "") -> None:
        """Raise :class:`PolicyError` unless ``ip`` may be connected to."""
        try:
            addr = ipaddress.ip_address(ip.split("%", 1)[0])
        except ValueError:
            raise PolicyError(target or ip, "not an IP address", ip) from None
        if any(addr in net for net in self.allow_nets if net.version == addr.version):
            return
        reason = blocked_reason(addr)
        if reason:
            raise PolicyError(target or ip, f"{reason}; pass --allow-net to permit it", ip)

    def is_allowed(self, ip: str) -> bool:
        try:
            self.check_ip(ip)
        except PolicyError:
            return False
        return True

    def map_port(self, port: int) -> int:
        return self.port_map.get(port, port)


def validate_url(url: str) -> str:
    """Check a user-supplied URL is an absolute http(s) URL with a sane host; return it normalised.

    A bare host such as ``cx-mem-gov.cn/verify`` gets ``http://`` in front, as a browser would do.
    """
    raw = url
    url = (url or "").strip()
    if not url:
        raise BadTarget(raw, "empty")
    if any(c in url for c in "\r\n\t\x00 "):
        raise BadTarget(raw, "contains whitespace or control characters")
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadTarget(raw, str(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise BadTarget(raw, f"scheme {parts.scheme!r} is not http or https")
    host = parts.hostname or ""
    if not host:
        raise BadTarget(raw, "no host name")
    if port == 0:
        raise BadTarget(raw, "port 0")
    if ":" in host:
        return url  # IPv6 literal: urlsplit already validated the brackets
    try:
        ipaddress.ip_address(host)
        return url
    except ValueError:
        pass
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise BadTarget(raw, f"invalid host name {host!r} ({exc})") from None
    labels = ascii_host.rstrip(".").split(".")
    if len(ascii_host) > 253 or any(not lab or len(lab) > 63 for lab in labels):
        raise BadTarget(raw, f"invalid host name {host!r}")
    if any(not all(c.isalnum() or c == "-" for c in lab) for lab in labels):
        raise BadTarget(raw, f"invalid characters in host name {host!r}")
    # Rebuild the authority: lower-case punycode host, explicit port kept. Userinfo is dropped: in a QR
    # URL it is only ever the "http://cx.mem.gov.cn@evil.example/" trick, and the real host is what counts.
    netloc = ascii_host.rstrip(".") + (f":{port}" if port else "")
    return parts._replace(scheme=parts.scheme.lower(), netloc=netloc).geturl()
