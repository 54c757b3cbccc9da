"""Data model of the sandbox world: hosts, DNS records, WHOIS records and HTTP handlers.

The sandbox is "just a world": ``world.py`` builds a :class:`World` from a seed, and the three
servers (``dns_server``, ``http_server``, ``whois_server``) serve it over the real protocols on
127.0.0.1. Nothing in the product imports this package except the ``sandbox`` CLI command and tests.

Reads no settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable


@dataclass
class HttpRequest:
    """One HTTP request as the sandbox HTTP server hands it to a host's handler."""

    method: str  # "GET", "POST", ...
    scheme: str  # "http" or "https"
    host: str  # lower-case host name from the Host header / SNI, without port
    path: str  # path only, e.g. "/verify"
    query: str  # raw query string without "?", "" when none
    headers: dict[str, str]  # header names lower-cased
    body: bytes = b""

    @property
    def user_agent(self) -> str:
        return self.headers.get("user-agent", "")

    def params(self) -> dict[str, str]:
        """Query-string and urlencoded-form parameters merged (form wins), first value of each."""
        from urllib.parse import parse_qsl

        out = dict(parse_qsl(self.query, keep_blank_values=True))
        ctype = self.headers.get("content-type", "")
        if self.body and "application/x-www-form-urlencoded" in ctype:
            charset = "gbk" if "gbk" in ctype.lower() else "utf-8"
            out.update(parse_qsl(self.body.decode("ascii", "replace"), keep_blank_values=True, encoding=charset, errors="replace"))
        elif self.body and "application/json" in ctype:
            import json

            try:
                data = json.loads(self.body)
                if isinstance(data, dict):
                    out.update({str(k): str(v) for k, v in data.items()})
            except ValueError:
                pass
        return out


@dataclass
class HttpResponse:
    """What a handler returns. ``body`` may be bytes or an iterator of byte chunks (for huge pages)."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes | object = b""
    delay: float = 0.0  # seconds to wait before answering (used for tarpit / timeout hosts)


Handler = Callable[[HttpRequest], HttpResponse]


@dataclass
class Host:
    """One DNS name in the world."""

    name: str  # lower-case, IDNA/punycode, no trailing dot
    a: list[str] = field(default_factory=list)  # IPv4 addresses (all in 127.0.0.0/8 or documentation ranges)
    ns: list[str] = field(default_factory=list)
    mx: list[tuple[int, str]] = field(default_factory=list)
    txt: list[str] = field(default_factory=list)
    handler: Handler | None = None  # None: no web server answers on this host's IP
    https: bool = False  # also served over TLS (SNI) by the sandbox HTTPS listener
    wildcard: bool = False  # this name also answers for every label below it (*.name)


@dataclass
class World:
    """The whole simulated internet. Built deterministically by ``world.build_world(seed)``."""

    seed: int
    hosts: dict[str, Host]  # by name
    whois_records: dict[str, str]  # registrable domain -> raw WHOIS text
    known_sites: list[dict[str, str]]  # rows of the known fake-site list (see world.KNOWN_SITE_COLUMNS)
    photo_targets: list[dict[str, str]]  # {"url":..., "kind":...} the QR codes of the shipped photos
    listen_ips: list[str]  # every IP the HTTP server must listen on (live web hosts)
    notes: dict[str, object] = field(default_factory=dict)  # free-form facts for tests (e.g. expected counts)

    def lookup(self, name: str) -> Host | None:
        """The host answering for ``name``: exact, else the nearest wildcard ancestor, else None (NXDOMAIN)."""
        name = name.lower().rstrip(".")
        host = self.hosts.get(name)
        if host is not None:
            return host
        parts = name.split(".")
        for i in range(1, len(parts) - 1):
            parent = self.hosts.get(".".join(parts[i:]))
            if parent is not None and parent.wildcard:
                return parent
        return None
