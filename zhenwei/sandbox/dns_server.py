"""Authoritative DNS server for the sandbox world (UDP, plus TCP on the same port for truncated answers).

Answers A, NS, MX, TXT and SOA from :meth:`World.lookup` (wildcards included), and ANY with the A
records only (what Twisted's ``getHostByName`` needs; see ``_rdatas``). AAAA and any other type of a
known name get NOERROR with an empty answer (NODATA). An unknown name gets NXDOMAIN with
the zone's SOA in the authority section, as a real authoritative server sends for negative caching.
Malformed packets are dropped. TTL is 60 s.

Speed: an answer depends only on the query bytes after the 2-byte ID, so finished wire answers are
cached by those bytes and a repeated query costs one dict lookup and one ``sendto``. Call
:meth:`DnsServer.clear_cache` after changing the world at run time.

Reads no settings.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import struct

import dns.exception
import dns.flags
import dns.message
import dns.name
import dns.opcode
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset
from dns.rdtypes.ANY.MX import MX
from dns.rdtypes.ANY.NS import NS
from dns.rdtypes.ANY.SOA import SOA
from dns.rdtypes.ANY.TXT import TXT
from dns.rdtypes.IN.A import A

from zhenwei.sandbox.model import Host, World

log = logging.getLogger(__name__)

TTL = 60
_CACHE_MAX = 200_000  # answers; a crawl of a few thousand names stays far below this
_IN = dns.rdataclass.IN
_FALLBACK_NS = "ns1.sandbox.invalid"


def _name(text: str) -> dns.name.Name:
    return dns.name.from_text(text.rstrip(".") + ".")


class DnsServer:
    """Answers DNS queries for a :class:`World`. :meth:`answer` is pure; :meth:`start` serves it."""

    def __init__(self, world: World, ttl: int = TTL):
        self.world, self.ttl = world, ttl
        self._cache: dict[tuple[int | None, bytes], bytes] = {}
        self._transports: list[asyncio.BaseTransport] = []
        self._tcp_servers: list[asyncio.base_events.Server] = []
        self._tcp_tasks: dict[asyncio.Task, asyncio.StreamWriter] = {}

    def clear_cache(self) -> None:
        self._cache.clear()

    # ---- answering -------------------------------------------------------------------------
    def answer(self, wire: bytes, max_size: int | None = None) -> bytes | None:
        """Wire-format response to a wire-format query, or None to drop it.

        ``max_size`` None means UDP rules (512 bytes, or the client's EDNS payload size); larger
        answers are truncated with TC set so the client retries over TCP.
        """
        if len(wire) < 12:
            return None
        key = (max_size, wire[2:])
        cached = self._cache.get(key)
        if cached is None:
            try:
                cached = self._build(wire, max_size)
            except Exception:  # a query we cannot even parse must never take the server down
                log.debug("dropping malformed DNS query", exc_info=True)
                return None
            if cached is None:
                return None
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[key] = cached
        return wire[:2] + cached[2:]

    def _build(self, wire: bytes, max_size: int | None) -> bytes | None:
        try:
            query = dns.message.from_wire(wire)
        except dns.exception.DNSException:
            return None
        if query.flags & dns.flags.QR:
            return None  # a response, not a query: never answer it (loops, reflection)
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        response.flags &= ~dns.flags.RA  # authoritative only, no recursion
        if query.opcode() != dns.opcode.QUERY:
            response.set_rcode(dns.rcode.NOTIMP)
        elif len(query.question) != 1:
            response.set_rcode(dns.rcode.FORMERR)
        elif query.question[0].rdclass != _IN:
            response.set_rcode(dns.rcode.REFUSED)
        else:
            q = query.question[0]
            self._fill(response, q.name, q.rdtype)
        if max_size is None:
            max_size = max(512, min(query.payload, 4096)) if query.edns >= 0 else 512
        return response.to_wire(max_size=max_size, prefer_truncation=True)

    def _fill(self, response: dns.message.Message, qname: dns.name.Name, rdtype: int) -> None:
        text = qname.to_text(omit_final_dot=True).lower()
        host = self.world.lookup(text) if text not in ("", ".", "@") else None
        if host is None:
            response.set_rcode(dns.rcode.NXDOMAIN)
            response.authority.append(self._soa_rrset(self._zone_of(text)))
            return
        rdatas = self._rdatas(host, rdtype, text)
        if rdatas:
            rrset = dns.rrset.RRset(qname, _IN, rdatas[0].rdtype)
            for rd in rdatas:
                rrset.add(rd, self.ttl)
            response.answer.append(rrset)
        else:
            response.authority.append(self._soa_rrset(self._zone_of(text)))

    def _rdatas(self, host: Host, rdtype: int, text: str) -> list:
        if rdtype == dns.rdatatype.A:
            return [A(_IN, rdtype, ip) for ip in host.a]
        if rdtype == dns.rdatatype.ANY:
            # Twisted's getHostByName asks for ANY and takes the A records from the answer. We
            # answer with the A records only (a subset, as RFC 8482 allows): an NS record in an
            # ANY answer without A records makes Twisted follow the "referral" to port 53 of the
            # NS host, which would leave the sandbox.
            return [A(_IN, dns.rdatatype.A, ip) for ip in host.a]
        if rdtype == dns.rdatatype.NS:
            return [NS(_IN, rdtype, _name(ns)) for ns in host.ns]
        if rdtype == dns.rdatatype.MX:
            return [MX(_IN, rdtype, pref, _name(ex)) for pref, ex in host.mx]
        if rdtype == dns.rdatatype.TXT:
            out = []
            for txt in host.txt:
                data = txt.encode("utf-8")
                # A character-string holds at most 255 bytes; longer TXT values are split (RFC 7208).
                out.append(TXT(_IN, rdtype, [data[i:i + 255] for i in range(0, len(data), 255)] or [b""]))
            return out
        if rdtype == dns.rdatatype.SOA and self._zone_of(text) == text:
            return [self._soa_rdata(text)]
        return []

    def _zone_of(self, name: str) -> str:
        """The zone apex for ``name``: the nearest ancestor-or-self with NS records or a WHOIS
        record, else the last two labels."""
        parts = name.split(".") if name else []
        for i in range(len(parts) - 1):
            candidate = ".".join(parts[i:])
            host = self.world.hosts.get(candidate)
            if (host is not None and host.ns) or candidate in self.world.whois_records:
                return candidate
        return ".".join(parts[-2:]) if parts else "invalid"

    def _soa_rdata(self, zone: str) -> SOA:
        host = self.world.hosts.get(zone)
        mname = host.ns[0] if host is not None and host.ns else _FALLBACK_NS
        serial = 2023010100 + int(self.world.seed) % 100
        return SOA(_IN, dns.rdatatype.SOA, _name(mname), _name(f"hostmaster.{zone}"),
                   serial, 3600, 600, 86400, self.ttl)

    def _soa_rrset(self, zone: str) -> dns.rrset.RRset:
        rrset = dns.rrset.RRset(_name(zone), _IN, dns.rdatatype.SOA)
        rrset.add(self._soa_rdata(zone), self.ttl)
        return rrset

    # ---- serving ---------------------------------------------------------------------------
    async def start(self, udp_sock: socket.socket, tcp_sock: socket.socket | None = None) -> None:
        """Serve on already-bound sockets (UDP, and optionally TCP on the same port)."""
        loop = asyncio.get_running_loop()
        transport, _ = await loop.create_datagram_endpoint(lambda: _UdpProtocol(self), sock=udp_sock)
        self._transports.append(transport)
        if tcp_sock is not None:
            self._tcp_servers.append(await asyncio.start_server(self._tcp_client, sock=tcp_sock))

    async def _tcp_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        self._tcp_tasks[task] = writer
        try:
            while True:
                head = await asyncio.wait_for(reader.readexactly(2), 10)
                (length,) = struct.unpack("!H", head)
                wire = await asyncio.wait_for(reader.readexactly(length), 10)
                out = self.answer(wire, 65535)
                if out is None:
                    break
                writer.write(struct.pack("!H", len(out)) + out)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.TimeoutError, ConnectionError):
            pass
        finally:
            self._tcp_tasks.pop(task, None)
            writer.close()

    async def stop(self) -> None:
        for transport in self._transports:
            transport.close()
        for server in self._tcp_servers:
            server.close()
        # Closing the connections (not cancelling the tasks) ends the readers with EOF; Python
        # 3.11's stream callback logs a spurious error for a cancelled client task.
        for writer in list(self._tcp_tasks.values()):
            writer.close()
        if self._tcp_tasks:
            await asyncio.gather(*self._tcp_tasks, return_exceptions=True)
        for server in self._tcp_servers:
            await server.wait_closed()
        self._transports.clear()
        self._tcp_servers.clear()


class _UdpProtocol(asyncio.DatagramProtocol):
    def __init__(self, server: DnsServer):
        self.server = server
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def datagram_received(self, data: bytes, addr) -> None:
        out = self.server.answer(data)
        if out is not None and self.transport is not None:
            self.transport.sendto(out, addr)

    def error_received(self, exc: Exception) -> None:
        # ICMP port unreachable from a client that went away: nothing to do, keep serving.
        pass
