"""Build the sandbox world: ``build_world(seed) -> World``.

Puts together the official sites (:mod:`officials`, :mod:`cxquery`), the fake sites and their fates
(:mod:`fakesites`, :mod:`kits`, :mod:`takendown`), the short-link hops, the hard negatives
(:mod:`negatives`, :mod:`negatives_misc`) and the hostile hosts (:mod:`hostile`), with DNS records
(A in 127.0.0.0/8, NS, MX, TXT, one wildcard zone) and WHOIS records for every registrable domain.
The same seed gives the same world, byte for byte; building takes well under a second because pages
are rendered only when requested.

The ground truth (what is live, what is down and how, which kit, which URL is hostile...) goes to
``World.notes`` for tests and the demo's checks; the product must never read it.

Reads no settings.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from zhenwei.sandbox.cxquery import OfficialRegistry
from zhenwei.sandbox.fakedomains import HOSTING, PARKING_IPS
from zhenwei.sandbox.fakesites import KNOWN_DOWN, KNOWN_TOTAL, build_fakes
from zhenwei.sandbox.hostile import hostile_hosts
from zhenwei.sandbox.kits import KITS
from zhenwei.sandbox.kits.hops import SHORTENER_HOSTS, Shortener
from zhenwei.sandbox.model import Host, World
from zhenwei.sandbox.negatives import negatives_part1
from zhenwei.sandbox.negatives_misc import PARKING_ZONE, negatives_part2, wildcard_parking
from zhenwei.sandbox.officials import PROVINCIALS, official_sites
from zhenwei.sandbox.people import WORLD_DATE
from zhenwei.sandbox.whoisgen import cnnic_record, fake_registration, org_registration, random_time

KNOWN_SITE_COLUMNS = ["domain", "url", "first_seen", "source", "note"]
_SECOND_LEVEL = ("com.cn", "net.cn", "org.cn", "gov.cn", "edu.cn", "ac.cn")

# Registrants and first registration of the official zones (WHOIS).
_OFFICIAL_ZONES = {
    "mem.gov.cn": ("中华人民共和国应急管理部", datetime(2018, 3, 23, 9, 41, 12)),
    "chinasafety.gov.cn": ("中华人民共和国应急管理部", datetime(2001, 2, 19, 10, 2, 33)),
    "saws.org.cn": ("应急管理部信息研究院", datetime(2005, 8, 11, 14, 25, 40)),
    "mohurd.gov.cn": ("中华人民共和国住房和城乡建设部", datetime(2008, 3, 27, 16, 8, 5)),
    "conac.cn": ("中央机构编制委员会办公室", datetime(2008, 6, 4, 11, 30, 0)),
    "beian.gov.cn": ("公安部网络安全保卫局", datetime(2015, 3, 2, 9, 12, 44)),
    "miit.gov.cn": ("中华人民共和国工业和信息化部", datetime(2008, 7, 1, 8, 0, 0)),
}


def registrable(name: str) -> str:
    """``cx.mem.gov.cn`` -> ``mem.gov.cn``; ``www.cx-mem-gov.cn`` -> ``cx-mem-gov.cn``."""
    labels = name.lower().rstrip(".").split(".")
    keep = 3 if ".".join(labels[-2:]) in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


class _Hosts(dict):
    """Host table that refuses to define a name twice (two sites on one name is a world bug)."""

    def add(self, host: Host) -> None:
        if host.name in self:
            raise ValueError(f"sandbox world: host {host.name!r} defined twice")
        self[host.name] = host


def _officials(seed: int, hosts: _Hosts, whois: dict[str, str], registry: OfficialRegistry) -> list[str]:
    names, zone_ip = [], {}
    for site in official_sites(seed, registry):
        hosts.add(Host(site.host, a=[site.ip], handler=site.handler, https=site.handler is not None))
        names.append(site.host)
        zone_ip.setdefault(site.zone, site.ip)
    rng = random.Random(f"official-whois:{seed}")
    for zone in sorted(zone_ip):
        ns = [f"ns1.{zone}", f"ns2.{zone}"]
        # A zone without a site of its own still resolves (its web server just has no such vhost).
        apex = hosts.get(zone) or Host(zone, a=[zone_ip[zone]])
        apex.ns = ns
        if zone == "mem.gov.cn":
            apex.mx = [(10, "mail.mem.gov.cn")]
            apex.txt = ["v=spf1 ip4:127.0.20.5 -all"]
        hosts[zone] = apex
        org, created = _OFFICIAL_ZONES.get(zone) or (
            next(p.ident.site_name for p in PROVINCIALS if p.host.endswith("." + zone)),
            datetime(2002, 5, 20, 10, 0, 0))
        expires = created.replace(year=2028 if created.year < 2020 else created.year + 10)
        whois[zone] = cnnic_record(zone, org, f"hostmaster@{zone}", "中央机构编制委员会办公室电子政务中心"
                                   if zone.endswith(".gov.cn") else "北京新网数码信息技术有限公司", ns, created, expires,
                                   ("serverDeleteProhibited", "serverUpdateProhibited", "serverTransferProhibited"),
                                   roid_serial=rng.randint(0, 10**8))
    return names


def _ensure_apex(hosts: _Hosts, name: str, ip: str, ns: list[str], handler) -> None:
    zone = registrable(name)
    apex = hosts.get(zone)
    if apex is None:
        hosts.add(Host(zone, a=[ip], ns=ns, handler=handler))
    elif not apex.ns:
        apex.ns = ns


def _shortlinks(seed: int, fakes, hosts: _Hosts, whois: dict[str, str]) -> dict[str, list[str]]:
    """Two short-link services in front of live kits (one 2-hop chain); returns {short URL: hop URLs}."""
    rng = random.Random(f"hops:{seed}")
    short_a, short_b = Shortener(SHORTENER_HOSTS[0], 302), Shortener(SHORTENER_HOSTS[1], 301)
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

    def code() -> str:
        return "".join(rng.choice(alphabet) for _ in range(6))
    live, extra = _live_by_kit(fakes)
    links = {}
    for site in (live["wxcloak"], live["tpboot"], extra["wxcloak"]):
        target = site.qr_url(site.backend.numbers()[2])
        url = short_a.add(code(), target)
        links[url] = [url, target]
    chained_target = extra["dzzz"].qr_url(extra["dzzz"].backend.numbers()[0])
    inner = short_a.add(code(), chained_target)
    outer = short_b.add(code(), inner)
    links[outer] = [outer, inner, chained_target]
    for i, (sh, zone_ns, created) in enumerate((
            (short_a, ["ns1.dwzn.cn", "ns2.dwzn.cn"], datetime(2021, 7, 14, 10, 20, 0)),
            (short_b, ["ns1.dnsowl.com", "ns2.dnsowl.com"], datetime(2022, 11, 2, 3, 4, 5)))):
        ip = f"127.0.12.{i + 1}"
        hosts.add(Host(sh.host, a=[ip], handler=sh.handler(), https=True))
        _ensure_apex(hosts, sh.host, ip, zone_ns, sh.handler())
        whois[registrable(sh.host)] = fake_registration(registrable(sh.host), rng, zone_ns, created)
    return links


def _negatives(seed: int, hosts: _Hosts, whois: dict[str, str]) -> dict[str, str]:
    """Hard negatives and the wildcard parking zone; returns {host: category}."""
    negatives = {}
    rng = random.Random(f"negatives:{seed}")
    for i, neg in enumerate(negatives_part1() + negatives_part2()):
        ip = f"127.0.30.{i % 7 + 1}"
        ns = ["dns1.hichina.com", "dns2.hichina.com"] if neg.host.endswith(".cn") or rng.random() < 0.5 else \
            ["f1g1ns1.dnspod.net", "f1g1ns2.dnspod.net"]
        if neg.category == "parked":
            ip, ns = PARKING_IPS[i % 2], [f"ns1.{PARKING_ZONE}", f"ns2.{PARKING_ZONE}"]
        hosts.add(Host(neg.host, a=[ip], handler=neg.handler, https=rng.random() < 0.6))
        _ensure_apex(hosts, neg.host, ip, ns, neg.handler)
        zone = registrable(neg.host)
        if neg.category == "company":
            hosts[zone].mx = [(5, "mxbiz1.qq.com"), (10, "mxbiz2.qq.com")]
            hosts[zone].txt = ["v=spf1 include:spf.mail.qq.com -all"]
        created = random_time(rng, datetime(2008, 1, 1), datetime(2021, 12, 31))
        if neg.category == "parked":
            bought = random_time(rng, datetime(2023, 1, 1), datetime(2023, 5, 1))
            whois[zone] = fake_registration(zone, rng, ns, bought, registrant="Domain Investor Ltd")
        else:
            whois[zone] = org_registration(zone, neg.registrant, rng, ns, created)
        negatives[neg.host] = neg.category
    hosts.add(Host(PARKING_ZONE, a=[PARKING_IPS[1]], ns=[f"ns1.{PARKING_ZONE}", f"ns2.{PARKING_ZONE}"],
                   handler=wildcard_parking(), https=True, wildcard=True))
    whois[PARKING_ZONE] = org_registration(PARKING_ZONE, "ParkingZone Media Ltd", rng, [f"ns1.{PARKING_ZONE}"],
                                           datetime(2016, 4, 9, 12, 0, 0))
    return negatives


def _hostile(seed: int, hosts: _Hosts, whois: dict[str, str]) -> dict[str, str]:
    """Hostile hosts; returns {kind: URL to fetch}."""
    hostile = {}
    rng = random.Random(f"hostile:{seed}")
    ns = ["ns1.dnsowl.com", "ns2.dnsowl.com"]
    for h in hostile_hosts():
        hosts.add(Host(h.host, a=[h.ip], handler=h.handler))
        zone = registrable(h.host)
        if zone not in hosts:
            hosts.add(Host(zone, a=[h.ip], ns=ns))
            whois[zone] = fake_registration(zone, rng, ns, random_time(rng, datetime(2023, 1, 1),
                                                                       datetime(2023, 5, 20)))
        if not h.kind.endswith("_peer"):
            hostile[h.kind] = h.url
    return hostile


def _live_by_kit(fakes) -> tuple[dict, dict]:
    """({kit: its live site on the known list}, {kit: its live site the list does not know})."""
    live = {s.kit: s for d, s in fakes.sites.items()
            if fakes.kind[d].startswith("live:") and d not in fakes.extra_live}
    extra = {fakes.sites[d].kit: fakes.sites[d] for d in fakes.extra_live}
    return live, extra


def _photo_targets(fakes, shortlinks: dict[str, list[str]], registry: OfficialRegistry) -> list[dict[str, str]]:
    """About 30 QR URLs: live kits (direct, shortened, jumped), official look-ups and two dead sites."""
    live, extra = _live_by_kit(fakes)
    targets = []
    for kit in KITS:
        targets.append({"url": live[kit].qr_url(live[kit].backend.numbers()[3]), "kind": f"fake:{kit}"})
        targets.append({"url": extra[kit].qr_url(extra[kit].backend.numbers()[4]), "kind": f"fake:{kit}"})
    targets.append({"url": "https://cx-mem-gov.cn/verify?no=T110101199001011234", "kind": "fake:govportal"})
    for url, chain in shortlinks.items():
        landing = fakes.sites[registrable(chain[-1].split("/")[2])]
        targets.append({"url": url, "kind": f"fake:{landing.kit}",
                        "via": "shortener" if len(chain) == 2 else "shortener-2hop"})
    for jump in fakes.jumps.values():
        targets.append({"url": jump["url"], "kind": f"fake:{fakes.sites[jump['target']].kit}",
                        "via": f"jump-{jump['kind']}"})
    for number in list(registry.mem)[:3]:
        targets.append({"url": f"https://cx.mem.gov.cn/special?index=0&certNum={number}", "kind": "official"})
    down_rows = [r for r in fakes.known if fakes.kind[r["domain"]].startswith("down:")]
    for wanted in ("down:nxdomain", "down:suspended"):
        row = next(r for r in down_rows if fakes.kind[r["domain"]] == wanted)
        targets.append({"url": row["url"], "kind": "down"})
    return targets


def build_world(seed: int = 2023) -> World:
    """The whole sandbox world for ``seed`` (deterministic)."""
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError(f"build_world: seed must be an int, got {seed!r}")
    hosts, whois = _Hosts(), {}
    registry = OfficialRegistry(seed)
    official_names = _officials(seed, hosts, whois, registry)
    reserved = {registrable(n) for n in hosts} | {registrable(h.host) for h in hostile_hosts()} | {
        registrable(n.host) for n in negatives_part1() + negatives_part2()} | {PARKING_ZONE}
    reserved |= {registrable(h) for h in SHORTENER_HOSTS}
    fakes = build_fakes(seed, reserved)
    for h in fakes.hosts:
        hosts.add(h)
    whois.update(fakes.whois)
    shortlinks = _shortlinks(seed, fakes, hosts, whois)
    negatives = _negatives(seed, hosts, whois)
    hostile = _hostile(seed, hosts, whois)
    targets = _photo_targets(fakes, shortlinks, registry)

    listen_ips = sorted({ip for h in hosts.values() if h.handler is not None for ip in h.a if ip.startswith("127.")},
                        key=lambda ip: tuple(int(x) for x in ip.split(".")))
    known_live = sorted(r["domain"] for r in fakes.known if fakes.kind[r["domain"]].startswith("live:"))
    known_down = sorted(r["domain"] for r in fakes.known if fakes.kind[r["domain"]].startswith("down:"))
    if len(fakes.known) != KNOWN_TOTAL or len(known_down) != KNOWN_DOWN:
        raise AssertionError(f"world build: {len(fakes.known)} known / {len(known_down)} down")
    notes = {
        "world_date": WORLD_DATE.isoformat(),
        "kits": list(KITS),
        "kit_summaries": {name: mod.SUMMARY for name, mod in KITS.items()},
        "site_kind": dict(fakes.kind),
        "site_kit": {d: s.kit for d, s in fakes.sites.items()},
        "known_live": known_live,
        "known_down": known_down,
        "known_counts": {"total": len(fakes.known), "live": len(known_live), "down": len(known_down)},
        "down_kinds": dict(Counter(fakes.kind[d].split(":", 1)[1] for d in known_down)),
        "extra_live": list(fakes.extra_live),
        "live_sites": {d: {"kit": s.kit, "host": s.host, "base": s.base, "province": s.province.name}
                       for d, s in fakes.sites.items() if fakes.kind[d].startswith("live:")},
        "jumps": fakes.jumps,
        "shortlinks": shortlinks,
        "cloaking": [t["url"] for t in targets if t["kind"] == "fake:wxcloak"],
        "gbk_sites": sorted(d for d, s in fakes.sites.items()
                            if s.kit == "provgbk" and fakes.kind[d].startswith("live:")),
        "hostile": hostile,
        "negatives": negatives,
        "official_hosts": official_names,
        "official_numbers": list(registry.mem),
        "official_mohurd_numbers": list(registry.mohurd),
        "providers": {p.ip: p.name for p in HOSTING},
        "wildcard_zones": [PARKING_ZONE],
    }
    return World(seed=seed, hosts=dict(hosts), whois_records=whois, known_sites=fakes.known,
                 photo_targets=targets, listen_ips=listen_ips, notes=notes)
