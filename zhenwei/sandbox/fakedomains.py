"""Look-alike domain names for the fake sites, and the hosting providers they sit on.

Names are built the way real fakes were: the official name with dots turned into hyphens
(cx-mem-gov.cn), ``gov-cn`` spliced in (gov-cn-mem.vip), pinyin initials of the authority with a
province prefix (bjyjglj.top), tokens joined (aqsc-zhengshu.icu), numbered variants (zscx8.cc) and
typos (cx-rnem-gov.cn), on the open TLDs fakes favour. Everything comes from a ``random.Random``.

Providers are the shared-IP clusters (127.0.10.x) that campaign clustering can find: each kit has
its favourite providers, with some noise.

Reads no settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from zhenwei.sandbox.people import PROVINCES, Province

TLDS = ("cn", "com", "com.cn", "net", "top", "vip", "xyz", "cc", "icu", "xin")
_TLD_WEIGHTS = (18, 16, 8, 6, 16, 8, 10, 7, 7, 4)
MEM_TOKENS = ("cx", "mem", "yjgl", "yjglj", "yjj", "yjt", "aqsc", "tzzy", "zscx", "zhengshu", "chaxun", "czz",
              "aqzs", "tzzyz", "ajj", "yjb", "zscx", "cxzx", "tzcx")
MOHURD_TOKENS = ("zlaq", "mohurd", "jzsc", "zjt", "zjw", "zjj", "jst", "jzaq", "tzzy", "zscx")
# The brief's examples (and the README's) are always in the world, with the kit that serves them.
SEED_DOMAINS = {
    "cx-mem-gov.cn": ("govportal", "11"), "mem-gov.com.cn": ("vuespa", "11"), "yjgl-beijing.com": ("provgbk", "11"),
    "bjyjglj.top": ("layuicity", "11"), "gov-cn-mem.vip": ("wxcloak", "11"), "tzzy-cx.xyz": ("tpboot", "11"),
    "zscx.cc": ("dzzz", "11"), "aqsc-zhengshu.icu": ("dzzz", "37"), "zlaq-mohurd.cn": ("zjcert", "11"),
}


def _typo(word: str, rng: random.Random) -> str:
    options = []
    if "m" in word:
        options.append(word.replace("m", "rn", 1))
    if "o" in word:
        options.append(word.replace("o", "0", 1))
    if len(word) > 2:
        i = rng.randrange(1, len(word))
        options.append(word[:i] + word[i - 1] + word[i:])  # doubled letter
        options.append(word[:i - 1] + word[i] + word[i - 1] + word[i + 1:] if i < len(word) - 1 else word + word[-1])
    return rng.choice(options) if options else word


def _mem_name(rng: random.Random) -> tuple[str, Province]:
    prov = rng.choice(PROVINCES)
    tok, tok2 = rng.sample(MEM_TOKENS, 2)
    tld = rng.choices(TLDS, weights=_TLD_WEIGHTS)[0]
    pattern = rng.randrange(12)
    if pattern == 0:
        label = f"{tok}-{tok2}-gov"
    elif pattern == 1:
        label = f"{prov.initials}{tok}"
    elif pattern == 2:
        label = f"{tok}-{prov.pinyin}"
    elif pattern == 3:
        label = f"gov-cn-{tok}"
    elif pattern == 4:
        label = f"{tok}-cx" if tok != "cx" else f"{tok2}-cx"
    elif pattern == 5:
        label = f"{tok}{rng.randint(1, 99)}"
    elif pattern == 6:
        label = f"{prov.initials}-{tok}-gov"
    elif pattern == 7:
        label = f"{tok}-{tok2}"
    elif pattern == 8:
        label = f"cx-{_typo('mem', rng)}-gov" if rng.random() < 0.6 else f"{_typo(tok, rng)}-gov-cn"
    elif pattern == 9:
        label = f"{prov.pinyin}{tok}"
    elif pattern == 10:
        label = f"www-{tok}-gov-cn"
    else:
        label = f"{prov.initials}{tok}{rng.choice(('cx', 'gov', 'zx', '365', 'wang'))}"
    return f"{label}.{tld}", prov


def _mohurd_name(rng: random.Random) -> tuple[str, Province]:
    prov = rng.choice(PROVINCES)
    tok = rng.choice(MOHURD_TOKENS)
    tld = rng.choices(TLDS, weights=_TLD_WEIGHTS)[0]
    label = rng.choice((f"{tok}-mohurd", f"zlaq-{prov.pinyin}", f"{prov.initials}jzsc", f"mohurd-gov-{tok}",
                        f"{prov.initials}-zjw-cx", f"{tok}cx-{prov.initials}", f"jzsc-{tok}"))
    return f"{label}.{tld}", prov


def generate_domains(rng: random.Random, n: int, authority: str, taken: set[str]) -> list[tuple[str, Province]]:
    """``n`` new look-alike domains (with the province each claims), none of them in ``taken``."""
    make = _mohurd_name if authority == "mohurd" else _mem_name
    out: list[tuple[str, Province]] = []
    for _ in range(n * 200):
        if len(out) == n:
            return out
        name, prov = make(rng)
        if name not in taken and len(name) <= 40 and "--" not in name:
            taken.add(name)
            out.append((name, prov))
    raise RuntimeError(f"could not generate {n} distinct {authority} domains")


@dataclass(frozen=True)
class Provider:
    """A hosting provider: one shared web IP, its name servers and how it takes sites down."""

    name: str
    ip: str
    ns: tuple[str, str]
    country: str
    suspension: str  # style of its suspension notice (see takendown.SUSPENSION_STYLES)
    not_found: str  # web server left behind when a site's files are removed


HOSTING: tuple[Provider, ...] = (
    Provider("HK Skyline Cloud Ltd.", "127.0.10.1", ("ns1.skylinedns.com", "ns2.skylinedns.com"), "HK", "cpanel",
             "nginx"),
    Provider("星河云计算（香港）", "127.0.10.2", ("ns1.xhcloud-dns.com", "ns2.xhcloud-dns.com"), "HK", "cloud_cn", "nginx"),
    Provider("云帆IDC", "127.0.10.3", ("dns1.yfidc.net", "dns2.yfidc.net"), "CN", "idc_cn", "iis"),
    Provider("Pacific Rack LLC", "127.0.10.4", ("ns1.dnsowl.com", "ns2.dnsowl.com"), "US", "cpanel", "apache"),
    Provider("Kinsing Hosting SG", "127.0.10.5", ("ns1.kinsinghost.sg", "ns2.kinsinghost.sg"), "SG", "cpanel", "nginx"),
    Provider("TaiKe Networks", "127.0.10.6", ("ns1.tkdns.xyz", "ns2.tkdns.xyz"), "TW", "legal_451", "nginx"),
    Provider("小鸟云（境外节点）", "127.0.10.7", ("dns1.xnyun-ns.com", "dns2.xnyun-ns.com"), "HK", "cloud_cn", "nginx"),
    Provider("Nova VPS Japan", "127.0.10.8", ("ns1.novavps.jp", "ns2.novavps.jp"), "JP", "cpanel", "apache"),
    Provider("华岳主机", "127.0.10.9", ("ns1.hyzj-dns.cn", "ns2.hyzj-dns.cn"), "CN", "idc_cn", "nginx"),
    Provider("DediPath Asia", "127.0.10.10", ("kate.ns.cloudflare.com", "rob.ns.cloudflare.com"), "US", "cpanel",
             "nginx"),
    Provider("MoonHost Ltd", "127.0.10.11", ("ns1.moonhost.cc", "ns2.moonhost.cc"), "MY", "legal_451", "apache"),
    Provider("ArkCloud HK", "127.0.10.12", ("ns1.arkcloud.hk", "ns2.arkcloud.hk"), "HK", "cloud_cn", "iis"),
)
# Each kit's campaign prefers a couple of providers (index into HOSTING).
KIT_PROVIDERS = {
    "govportal": (0, 1), "provgbk": (2, 3), "wxcloak": (4, 5), "vuespa": (6, 7), "zjcert": (8, 2),
    "tpboot": (9, 10), "dzzz": (11, 0), "layuicity": (3, 8),
}
PARKING_IPS = ("127.0.11.1", "127.0.11.2")
REFUSED_NET = "127.0.66."  # nobody listens here: connections are refused


def provider_for(kit: str, rng: random.Random) -> Provider:
    if rng.random() < 0.1:
        return rng.choice(HOSTING)
    return HOSTING[rng.choice(KIT_PROVIDERS[kit])]
