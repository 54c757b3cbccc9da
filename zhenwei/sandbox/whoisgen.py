"""WHOIS records for the sandbox world, in the formats real registries answer with.

* ``.cn`` and ``.com.cn``/``.org.cn``/``.gov.cn``: CNNIC's ``Key: value`` lines (Domain Name, ROID,
  Domain Status, Registrant, Registrant Contact Email, Sponsoring Registrar, Name Server,
  Registration Time, Expiration Time, DNSSEC), times in Beijing time as CNNIC prints them;
* everything else: the ICANN-era thin/thick layout (Registry Domain ID, Registrar, Registrar IANA ID,
  Creation Date, Registry Expiry Date, status URLs, abuse contact, "Last update of WHOIS database").

All times are relative to the world date, never the clock.

Reads no settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from zhenwei.sandbox.people import WORLD_DATE, synthetic_name

WORLD_NOW = datetime(WORLD_DATE.year, WORLD_DATE.month, WORLD_DATE.day, 0, 0, 0)

CN_REGISTRARS = ("阿里云计算有限公司（万网）", "厦门易名科技股份有限公司", "成都西维数码科技有限公司",
                 "商中在线科技股份有限公司", "北京新网数码信息技术有限公司", "厦门纳网科技股份有限公司",
                 "广东时代互联科技有限公司")


@dataclass(frozen=True)
class Registrar:
    name: str
    iana_id: str
    whois_server: str
    url: str
    abuse_email: str
    abuse_phone: str
    privacy_org: str
    privacy_state: str
    privacy_country: str


REGISTRARS = (
    Registrar("NameSilo, LLC", "1479", "whois.namesilo.com", "https://www.namesilo.com/", "abuse@namesilo.com",
              "+1.4805240066", "PrivacyGuardian.org llc", "AZ", "US"),
    Registrar("Gname.com Pte. Ltd.", "1923", "whois.gname.com", "https://www.gname.com", "complaint@gname.com",
              "+65.63556181", "Whois Privacy Protection Service", "Singapore", "SG"),
    Registrar("Dynadot Inc", "472", "whois.dynadot.com", "https://www.dynadot.com", "abuse@dynadot.com",
              "+1.6502620100", "Super Privacy Service LTD c/o Dynadot", "CA", "US"),
    Registrar("West263 International Limited", "1915", "whois.west.cn", "https://www.west.cn", "abuse@west.cn",
              "+86.2862778877", "REDACTED FOR PRIVACY", "Sichuan", "CN"),
    Registrar("NameCheap, Inc.", "1068", "whois.namecheap.com", "http://www.namecheap.com", "abuse@namecheap.com",
              "+1.9854014545", "Privacy service provided by Withheld for Privacy ehf", "Capital Region", "IS"),
    Registrar("Alibaba Cloud Computing (Beijing) Co., Ltd.", "420", "grs-whois.hichina.com", "http://www.net.cn",
              "DomainAbuse@service.aliyun.com", "+86.95187", "REDACTED FOR PRIVACY", "Beijing", "CN"),
)
_REGISTRY_SUFFIX = {"com": "_DOMAIN_COM-VRSN", "net": "_DOMAIN_NET-VRSN", "cc": "_DOMAIN_CC-VRSN",
                    "org": "-LROR", "xyz": "-CNIC", "icu": "-CNIC", "top": "-TOP", "vip": "-VIP", "xin": "-XIN"}


def plus_years(t: datetime, years: int) -> datetime:
    try:
        return t.replace(year=t.year + years)
    except ValueError:  # 29 February
        return t.replace(year=t.year + years, day=28)


def cn_time(t: datetime) -> str:
    return t.strftime("%Y-%m-%d %H:%M:%S")


def iso_time(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S.0Z")


def is_cnnic(domain: str) -> bool:
    return domain.endswith(".cn")


def cnnic_record(domain: str, registrant: str, email: str, registrar: str, name_servers: list[str],
                 created: datetime, expires: datetime, statuses: tuple[str, ...] = ("ok",),
                 registrant_id: str = "", roid_serial: int = 0) -> str:
    """A CNNIC answer, line for line in the registry's layout."""
    lines = [f"Domain Name: {domain}", f"ROID: {created:%Y%m%d}s10001s{roid_serial % 10**8:08d}-cn"]
    lines += [f"Domain Status: {s}" for s in statuses]
    if registrant_id:
        lines.append(f"Registrant ID: {registrant_id}")
    lines += [f"Registrant: {registrant}", f"Registrant Contact Email: {email}", f"Sponsoring Registrar: {registrar}"]
    lines += [f"Name Server: {ns}" for ns in name_servers]
    lines += [f"Registration Time: {cn_time(created)}", f"Expiration Time: {cn_time(expires)}", "DNSSEC: unsigned"]
    return "\n".join(lines) + "\n"


def icann_record(domain: str, reg: Registrar, name_servers: list[str], created: datetime, expires: datetime,
                 statuses: tuple[str, ...] = ("clientTransferProhibited",), org: str | None = None,
                 state: str | None = None, country: str | None = None, registry_id: int = 0) -> str:
    """A registry WHOIS answer in the ICANN layout (the registrant is the privacy service unless given)."""
    tld = domain.rsplit(".", 1)[-1]
    updated = min(created + timedelta(days=3, hours=5), WORLD_NOW - timedelta(days=1))
    lines = [
        f"Domain Name: {domain.upper()}",
        f"Registry Domain ID: D{registry_id % 10**12:012d}{_REGISTRY_SUFFIX.get(tld, '-GTLD')}",
        f"Registrar WHOIS Server: {reg.whois_server}",
        f"Registrar URL: {reg.url}",
        f"Updated Date: {iso_time(updated)}",
        f"Creation Date: {iso_time(created)}",
        f"Registry Expiry Date: {iso_time(expires)}",
        f"Registrar: {reg.name}",
        f"Registrar IANA ID: {reg.iana_id}",
    ]
    lines += [f"Domain Status: {s} https://icann.org/epp#{s}" for s in statuses]
    lines += [f"Registrant Organization: {org or reg.privacy_org}",
              f"Registrant State/Province: {state or reg.privacy_state}",
              f"Registrant Country: {country or reg.privacy_country}",
              "Registrant Email: Please query the RDDS service of the Registrar of Record identified in this "
              "output for information on how to contact the Registrant, Admin, or Tech contact of the queried "
              "domain name."]
    lines += [f"Name Server: {ns.upper()}" for ns in name_servers]
    lines += [
        "DNSSEC: unsigned",
        f"Registrar Abuse Contact Email: {reg.abuse_email}",
        f"Registrar Abuse Contact Phone: {reg.abuse_phone}",
        "URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/",
        f">>> Last update of WHOIS database: {iso_time(WORLD_NOW)} <<<",
        "",
        "For more information on Whois status codes, please visit https://icann.org/epp",
    ]
    return "\n".join(lines) + "\n"


def _email(rng: random.Random) -> str:
    if rng.random() < 0.55:
        return f"{rng.randint(10**8, 4 * 10**9)}@qq.com"
    letters = "abcdefghijklmnopqrstuvwxyz"
    user = "".join(rng.choice(letters) for _ in range(rng.randint(4, 8))) + str(rng.randint(1, 9999))
    return f"{user}@{rng.choice(('163.com', '126.com', 'sina.com', 'gmail.com', 'outlook.com'))}"


def fake_registration(domain: str, rng: random.Random, name_servers: list[str], created: datetime,
                      statuses: tuple[str, ...] | None = None, registrant: str | None = None) -> str:
    """WHOIS for a fake's domain: young, cheap registrar, synthetic person or privacy service."""
    expires = plus_years(created, 1)
    if is_cnnic(domain):
        who = registrant or synthetic_name(rng, rng.random() < 0.8)
        return cnnic_record(domain, who, _email(rng), rng.choice(CN_REGISTRARS), name_servers, created, expires,
                            statuses or ("ok",), registrant_id=f"{rng.choice(('hc', 'ename_', 'xw', 'sfn'))}"
                            f"{rng.randint(10**6, 10**9)}", roid_serial=rng.randint(0, 10**8))
    reg = rng.choice(REGISTRARS)
    org = registrant if registrant else None
    return icann_record(domain, reg, name_servers, created, expires,
                        statuses or ("clientTransferProhibited",), org=org, registry_id=rng.randint(0, 10**12))


def org_registration(domain: str, org: str, rng: random.Random, name_servers: list[str], created: datetime,
                     years: int = 10) -> str:
    """WHOIS for a legitimate organisation's domain (long-lived, real registrant)."""
    expires = plus_years(created, years)
    while expires < WORLD_NOW:
        expires = plus_years(expires, years)
    if is_cnnic(domain):
        email = f"admin@{domain}" if rng.random() < 0.5 else _email(rng)
        return cnnic_record(domain, org, email, rng.choice(CN_REGISTRARS), name_servers, created, expires,
                            ("clientDeleteProhibited", "clientTransferProhibited"),
                            roid_serial=rng.randint(0, 10**8))
    reg = rng.choice(REGISTRARS[3:])  # Chinese companies mostly use Chinese registrars
    return icann_record(domain, reg, name_servers, created, expires, ("clientTransferProhibited",), org=org,
                        state=rng.choice(("Beijing", "Shandong", "Guangdong", "Zhejiang", "Jiangsu")), country="CN",
                        registry_id=rng.randint(0, 10**12))


def random_time(rng: random.Random, start: datetime, end: datetime) -> datetime:
    seconds = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randint(0, max(1, seconds)))

