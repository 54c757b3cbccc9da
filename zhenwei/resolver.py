"""Twisted hostname resolver that applies the network policy after every DNS answer.

Installed process-wide through Scrapy's ``TWISTED_DNS_RESOLVER`` setting (a spider's
``custom_settings`` cannot set it). Every connection Scrapy makes, for every redirect hop, asks this
resolver first, so a name that resolves to a refused address is never connected to. IP literals
come through here too and are checked the same way.

Reads ``ZHENWEI_NAMESERVER`` (``HOST:PORT``; empty means the system resolver), ``DNS_TIMEOUT``,
``ZHENWEI_ALLOW_NET`` and ``ZHENWEI_PORT_MAP``.

Why resolution failed (NXDOMAIN, SERVFAIL, timeout, refused by policy) is kept in
:data:`resolution_notes` so that spiders can tell the user more than Twisted's generic
"no results for hostname lookup".
"""

from __future__ import annotations

import ipaddress
from typing import Any

from twisted.internet import defer
from twisted.internet.address import IPv4Address, IPv6Address
from twisted.internet.interfaces import IHostnameResolver, IHostResolution, IResolutionReceiver
from twisted.names import client, error as dns_error
from zope.interface import implementer, provider

from zhenwei.dnslookup import parse_hostport
from zhenwei.netpolicy import NetworkPolicy, PolicyError

#: host -> (kind, message); kind is one of nxdomain, servfail, timeout, error, blocked.
resolution_notes: dict[str, tuple[str, str]] = {}
#: host -> addresses that were allowed and handed to the connection.
resolved_addresses: dict[str, list[str]] = {}


@implementer(IHostResolution)
class _Resolution:
    def __init__(self, name: str):
        self.name = name

    def cancel(self) -> None:  # pragma: no cover - Twisted never cancels these in practice
        pass


@provider(IResolutionReceiver)
class _Collector:
    """Receives addresses from the system resolver so we can vet them before passing them on."""

    def __init__(self, d: defer.Deferred):
        self.d, self.addresses = d, []

    def resolutionBegan(self, resolution: Any) -> None:
        pass

    def addressResolved(self, address: Any) -> None:
        self.addresses.append(address.host)

    def resolutionComplete(self) -> None:
        self.d.callback(self.addresses)


def classify_dns_failure(failure) -> tuple[str, str]:
    """Map a Twisted DNS failure to (kind, message)."""
    if failure.check(dns_error.DNSNameError):
        return "nxdomain", "NXDOMAIN: the domain does not exist"
    if failure.check(dns_error.DNSServerError):
        return "servfail", "SERVFAIL from the name server"
    if failure.check(defer.TimeoutError, dns_error.DNSQueryTimeoutError):
        return "timeout", "DNS query timed out"
    return "error", f"DNS lookup failed: {failure.getErrorMessage()}"


@implementer(IHostnameResolver)
class PolicyResolver:
    """IHostnameResolver: resolve (own name server or system), vet with the policy, map the port."""

    def __init__(self, reactor, policy: NetworkPolicy, nameserver: str | None = None, timeout: float = 5.0):
        self.reactor = reactor
        self.policy = policy
        self.timeout = timeout
        self._system = reactor.nameResolver
        self._cache: dict[str, list[str]] = {}
        self._dns = None
        if nameserver:
            host, port = parse_hostport(nameserver, 53)
            # Two tries within DNS_TIMEOUT: UDP on loopback is not lossy, the internet sometimes is.
            self._dns = client.Resolver(servers=[(host, port)], reactor=reactor,
                                        timeout=(max(timeout / 3, 0.5), max(timeout * 2 / 3, 1.0)))

    @classmethod
    def from_crawler(cls, crawler, reactor) -> "PolicyResolver":
        s = crawler.settings
        return cls(reactor, NetworkPolicy.from_settings(s), s.get("ZHENWEI_NAMESERVER") or None,
                   s.getfloat("DNS_TIMEOUT", 5.0))

    def install_on_reactor(self) -> None:
        self.reactor.installNameResolver(self)

    def _lookup(self, name: str) -> defer.Deferred:
        try:
            ipaddress.ip_address(name.strip("[]"))
            return defer.succeed([name.strip("[]")])
        except ValueError:
            pass
        if name in self._cache:
            return defer.succeed(self._cache[name])
        if self._dns is not None:
            # Ask for A records explicitly (getHostByName sends ANY, which many servers answer
            # minimally per RFC 8482) and follow CNAMEs ourselves, within this name server only.
            d = self._lookup_a(name, depth=0)
        else:
            d = defer.Deferred()
            self._system.resolveHostName(_Collector(d), name, 0)

        def remember(ips):
            self._cache[name] = ips
            return ips

        return d.addCallback(remember)

    def _lookup_a(self, name: str, depth: int) -> defer.Deferred:
        from twisted.names import dns

        def pick(result):
            answers = result[0]
            ips = [str(a.payload.dottedQuad()) for a in answers if a.type == dns.A]
            if ips:
                return ips
            cnames = [str(a.payload.name) for a in answers if a.type == dns.CNAME]
            if cnames and depth < 8:
                return self._lookup_a(cnames[0], depth + 1)
            return []

        return self._dns.lookupAddress(name).addCallback(pick)

    def resolveHostName(self, resolutionReceiver, hostName: str, portNumber: int = 0,
                        addressTypes=None, transportSemantics: str = "TCP"):
        resolution = _Resolution(hostName)
        resolutionReceiver.resolutionBegan(resolution)
        port = self.policy.map_port(portNumber)

        def deliver(ips: list[str]) -> None:
            allowed = []
            for ip in ips:
                try:
                    self.policy.check_ip(ip, hostName)
                    allowed.append(ip)
                except PolicyError as exc:
                    resolution_notes[hostName] = ("blocked", str(exc))
            if not ips:
                resolution_notes.setdefault(hostName, ("nxdomain", "no address records"))
            resolved_addresses[hostName] = allowed
            for ip in allowed:
                cls = IPv6Address if ":" in ip else IPv4Address
                resolutionReceiver.addressResolved(cls("TCP", ip, port))
            resolutionReceiver.resolutionComplete()

        def failed(failure) -> None:
            resolution_notes[hostName] = classify_dns_failure(failure)
            resolutionReceiver.resolutionComplete()

        self._lookup(hostName).addCallbacks(deliver, failed)
        return resolution
