"""The site a kit is installed on, and the certificate back end behind it.

Real fake-verification kits kept a database of the certificates their operators sold; the QR code
on each forged card carried its number, and the kit "confirmed" it. Some kits only knew the numbers
they had sold (anything else gave 查无此证); others made up a record for whatever number was asked
(the back end "generated the certificate"). :class:`Backend` does both, deterministically: its
records come from a ``random.Random`` seeded with the site's key, and an on-the-fly record for an
unknown number is seeded with the key and the number, so it is the same on every request.

Reads no settings.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote

from zhenwei.sandbox.people import PROVINCES, CertRecord, Province, mem_record, mohurd_record, record_for


class Backend:
    """Certificate records of one fake site, keyed by certificate number."""

    def __init__(self, key: str, authority: str, province: Province, size: int = 24, on_the_fly: bool = True,
                 issuer: str | None = None, national: bool = False):
        if authority not in ("mem", "mohurd"):
            raise ValueError(f"Backend authority {authority!r}: expected 'mem' or 'mohurd'")
        self.key, self.authority, self.province = key, authority, province
        self.size, self.on_the_fly, self.issuer, self.national = size, on_the_fly, issuer, national

    @cached_property
    def records(self) -> dict[str, CertRecord]:
        rng = random.Random(f"backend:{self.key}")
        out: dict[str, CertRecord] = {}
        while len(out) < self.size:
            if self.authority == "mohurd":
                rec = mohurd_record(rng, self.province)
            else:
                # A national-looking kit sells to buyers everywhere; a provincial one mostly at home.
                prov = rng.choice(PROVINCES) if self.national or rng.random() < 0.3 else self.province
                rec = mem_record(rng, issuer=self.issuer if not self.national else None, province=prov)
            out[rec.number] = rec
        return out

    def numbers(self) -> list[str]:
        return list(self.records)

    def lookup(self, number: str) -> CertRecord | None:
        """The record for ``number``: stored, else made up on the fly (if this back end does), else None."""
        number = (number or "").strip().upper()
        rec = self.records.get(number)
        if rec is not None or not self.on_the_fly:
            return rec
        return record_for(number, random.Random(f"backend:{self.key}|{number}"),
                          issuer=self.issuer, province=self.province)


@dataclass
class FakeSite:
    """One domain a kit is (or was) installed on."""

    domain: str  # registrable domain, e.g. cx-mem-gov.cn
    host: str  # the host in its QR URLs (the domain, www.<domain> or a sub-domain)
    kit: str
    scheme: str  # "http" or "https", as in its QR URLs
    province: Province  # whose authority it claims to be (city kits: that province's capital)
    variant: int  # cosmetic choices inside the kit (colours, wording, cloaking decoy...)
    seed: int
    extra: dict = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"{self.scheme}://{self.host}"

    @cached_property
    def backend(self) -> Backend:
        from zhenwei.sandbox.kits import KITS

        kit = KITS[self.kit]
        return Backend(f"{self.seed}:{self.domain}", kit.AUTHORITY, self.province,
                       size=12 + self.variant * 7, on_the_fly=kit.ON_THE_FLY,
                       issuer=None if kit.NATIONAL else self.issuer, national=kit.NATIONAL)

    @property
    def issuer(self) -> str:
        if self.kit_module.AUTHORITY == "mohurd":
            return self.province.mohurd
        if self.extra.get("city"):
            return f"{self.extra['city']}应急管理局"
        return self.province.mem

    @property
    def kit_module(self):
        from zhenwei.sandbox.kits import KITS

        return KITS[self.kit]

    def qr_url(self, number: str) -> str:
        """The URL a forged card's QR code carries for ``number`` on this site."""
        return self.base + self.kit_module.qr_path(quote(number, safe=""))
