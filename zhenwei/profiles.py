"""Authority profiles: who zhenwei protects, what they are called, and which hosts are theirs.

The profiles are data (``zhenwei/data/profiles.toml``, read with :mod:`tomllib`); this module loads and
validates them and answers questions about names, hosts and certificate numbers. Adding an authority
means adding a profile to the data file (or passing another file to :func:`load_profiles`), never code.

It also keeps one general fact that is not about any single authority: only government bodies can
register names under ``.gov.cn`` and ``.政务`` (国办发〔2017〕47号, 国办函〔2018〕55号), see
:func:`is_gov_host`.

Reads no settings.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).parent / "data" / "profiles.toml"
TIERS = ("ministry", "provincial", "local", "other")
# Government-only suffixes: .gov.cn and .政务 (punycode xn--zfr164b).
GOV_SUFFIXES = ("gov.cn", "xn--zfr164b")

# Provincial-level divisions (GB/T 2260). A name like "欢迎访问北京市西城区应急管理局" is cut to start at
# the place name; see Profile.match_name.
PROVINCES = (
    "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
    "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
    "甘肃", "青海", "内蒙古", "广西", "西藏", "宁夏", "新疆", "台湾", "香港", "澳门",
)
_PROVINCE_RE = re.compile("|".join(PROVINCES))
# Words and characters that never occur inside a place name but end up in front of a pattern-matched
# name because Chinese has no word breaks ("检察院收到该区应急管理局", "欢迎访问石家庄市应急管理局"). Characters
# that do occur in place names (和平区, 南部县, 会同县, 向阳区, 将乐县, 于都县, 从江县, 经济开发区) are not listed.
_NAME_BREAK = re.compile(
    r"(?:欢迎您?|访问|来到|光临|主办|承办|版权所有|单位|技术支持|关于|请|的|了|在|是|与|及|由|到|对|为|把|被|该|各|"
    r"院|局|厅|委|所|站|校|司|队|据|：|:)"
)
_KNOWN_KEYS = {
    "name", "name_en", "tier", "names", "name_patterns", "exclude_patterns", "service_names",
    "official_hosts", "official_host_suffixes", "official_host_patterns", "legacy_hosts", "query_urls",
    "site_id_codes", "cert_patterns", "host_tokens", "keywords",
}
_LIST_KEYS = _KNOWN_KEYS - {"name", "name_en", "tier"}


class ProfileError(ValueError):
    """The profiles file is unreadable or a profile in it is invalid."""


def normalise_host(host: str) -> str:
    """Lower-case IDNA (punycode) form of ``host`` without a trailing dot or port; "" if unusable."""
    host = (host or "").strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:
        return host.strip("[]")  # IPv6 literal: leave as is
    host = host.split(":", 1)[0].rstrip(".")
    if not host:
        return ""
    try:
        return ".".join(
            label if label.isascii() else label.encode("idna").decode("ascii")
            for label in host.split(".")
        )
    except UnicodeError:
        return host


def _under(host: str, suffix: str) -> bool:
    return host == suffix or host.endswith("." + suffix)


def is_gov_host(host: str) -> bool:
    """True when ``host`` is under .gov.cn or .政务, which only government bodies can register."""
    host = normalise_host(host)
    return any(_under(host, s) for s in GOV_SUFFIXES)


def _glob_regex(pattern: str) -> re.Pattern[str]:
    # "*" stands for one or more whole labels; fnmatch would let it cross dots inside a label too.
    parts = [re.escape(p) for p in pattern.split("*")]
    return re.compile("^" + r"[a-z0-9-]+(?:\.[a-z0-9-]+)*".join(parts) + "$")


@dataclass(frozen=True)
class Profile:
    """One authority, as described in the profiles file.

    Build it with :func:`build_profile` (or :func:`load_profiles`): the ``_``-prefixed fields are the
    compiled patterns derived from the data, not data themselves.
    """

    id: str
    name: str
    name_en: str
    tier: str
    names: tuple[str, ...] = ()
    name_patterns: tuple[str, ...] = ()
    exclude_patterns: tuple[str, ...] = ()
    service_names: tuple[str, ...] = ()
    official_hosts: tuple[str, ...] = ()
    official_host_suffixes: tuple[str, ...] = ()
    official_host_patterns: tuple[str, ...] = ()
    legacy_hosts: tuple[str, ...] = ()
    query_urls: tuple[str, ...] = ()
    site_id_codes: tuple[str, ...] = ()
    cert_patterns: tuple[str, ...] = ()
    host_tokens: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    _name_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _exclude_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _service_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)
    _cert_res: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)
    _host_globs: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    # -- hosts ------------------------------------------------------------------------------------
    def is_official_host(self, host: str) -> bool:
        """True when ``host`` is one of this authority's hosts (exact, suffix or glob rule)."""
        host = normalise_host(host)
        if not host:
            return False
        if host in self.official_hosts:
            return True
        if any(_under(host, s) for s in self.official_host_suffixes):
            return True
        return any(g.match(host) for g in self._host_globs)

    def is_legacy_host(self, host: str) -> bool:
        """True when ``host`` is a former official host (a lapsed domain may have a new owner)."""
        return normalise_host(host) in self.legacy_hosts

    # -- text -------------------------------------------------------------------------------------
    def name_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, name) of every name of this authority in ``text``, longest first, no overlaps."""
        if not text or self._name_re is None:
            return []
        excluded = [m.span() for m in self._exclude_re.finditer(text)] if self._exclude_re else []
        spans: list[tuple[int, int, str]] = []
        for m in self._name_re.finditer(text):
            start, end = m.span()
            if any(s <= start < e for s, e in excluded):
                continue
            if m.group(0) not in self.names:
                start = _trim_lead(text, start, end, self._name_re)
                if start is None:
                    continue
            spans.append((start, end, text[start:end]))
        return spans

    def match_name(self, text: str) -> list[str]:
        """Names of this authority that occur in ``text``, in order of appearance, without repeats."""
        seen: dict[str, None] = {}
        for _, _, name in self.name_spans(text):
            seen.setdefault(name, None)
        return list(seen)

    def service_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, service name) of every official service title in ``text``."""
        if not text or self._service_re is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self._service_re.finditer(text)]

    def match_cert_number(self, text: str) -> list[str]:
        """Certificate numbers in this authority's formats found in ``text`` (upper-cased, in order)."""
        found: dict[str, None] = {}
        for rx in self._cert_res:
            for m in rx.finditer(text or ""):
                found.setdefault(m.group(0).upper(), None)
        return list(found)

    def display(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "name_en": self.name_en, "tier": self.tier}


def _trim_lead(text: str, start: int, end: int, name_re: re.Pattern[str]) -> int | None:
    """Start of the real name inside a greedy pattern match, or None when no name is left.

    Cut after the last word that cannot belong to a place name (see _NAME_BREAK), then at the first
    province name; what remains must still be a whole name.
    """
    name = text[start:end]
    # Only the place-name part before the authority's own words may hold breaks ("应急管理局" has 局).
    head_end = len(name) - 1
    while head_end > 0 and not name[:head_end].endswith(("市", "区", "县", "州", "盟", "旗", "省", "治区")):
        head_end -= 1
    cut = 0
    for m in _NAME_BREAK.finditer(name, 0, head_end):
        cut = m.end()
    prov = _PROVINCE_RE.search(name, cut)
    if prov:
        cut = prov.start()
    if cut and not name_re.fullmatch(name[cut:]):
        return None
    return start + cut


def _compile(profile_id: str, where: Path, key: str, patterns: list[str], flags: int = 0) -> list[re.Pattern]:
    out = []
    for p in patterns:
        try:
            out.append(re.compile(p, flags))
        except re.error as exc:
            raise ProfileError(f"{where}: profile [{profile_id}]: bad regular expression in {key}: {p!r} ({exc})") from None
    return out


def _alternation(literals: list[str], patterns: list[str]) -> str | None:
    # Longest literal first, so "中华人民共和国应急管理部" wins over "应急管理部" at the same position.
    parts = [re.escape(s) for s in sorted(set(literals), key=len, reverse=True)]
    parts += [f"(?:{p})" for p in patterns]
    return "|".join(parts) if parts else None


def build_profile(profile_id: str, data: dict[str, Any], where: Path | str = "<memory>") -> Profile:
    """Validate one profile table and build its :class:`Profile` (raises :class:`ProfileError`)."""
    where = Path(where) if not isinstance(where, Path) else where
    prefix = f"{where}: profile [{profile_id}]"
    if not isinstance(data, dict):
        raise ProfileError(f"{prefix}: must be a table, got {type(data).__name__}")
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ProfileError(f"{prefix}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("name", "name_en", "tier"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise ProfileError(f"{prefix}: {key!r} is required and must be a non-empty string")
    if data["tier"] not in TIERS:
        raise ProfileError(f"{prefix}: tier {data['tier']!r} is not one of {', '.join(TIERS)}")
    lists: dict[str, list[str]] = {}
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ProfileError(f"{prefix}: {key!r} must be a list of non-empty strings")
        lists[key] = [v.strip() for v in value]
    if not lists["names"] and not lists["name_patterns"]:
        raise ProfileError(f"{prefix}: give at least one of 'names' or 'name_patterns'")
    if not (lists["official_hosts"] or lists["official_host_suffixes"] or lists["official_host_patterns"]):
        raise ProfileError(f"{prefix}: give at least one of 'official_hosts', 'official_host_suffixes', "
                           f"'official_host_patterns'")
    for key in ("official_hosts", "official_host_suffixes", "legacy_hosts"):
        lists[key] = [normalise_host(h) for h in lists[key]]
        bad = [h for h in lists[key] if not h or "*" in h or "/" in h]
        if bad:
            raise ProfileError(f"{prefix}: {key!r} holds invalid host(s) {bad} (globs go in official_host_patterns)")
    globs = []
    for g in lists["official_host_patterns"]:
        if "/" in g or " " in g:
            raise ProfileError(f"{prefix}: official_host_patterns entry {g!r} is not a host glob")
        globs.append(_glob_regex(normalise_host(g)))
    for code in lists["site_id_codes"]:
        if not re.fullmatch(r"bm\d{8}|\d{10}", code):
            raise ProfileError(f"{prefix}: site_id_codes entry {code!r} is not 'bm'+8 digits or 10 digits")
    name_patterns = _compile(profile_id, where, "name_patterns", lists["name_patterns"])
    excludes = _compile(profile_id, where, "exclude_patterns", lists["exclude_patterns"])
    certs = _compile(profile_id, where, "cert_patterns", lists["cert_patterns"], re.IGNORECASE)
    # Certificate numbers must stand alone: "T" + ID inside a longer token is something else.
    cert_res = tuple(re.compile(rf"(?<![0-9A-Za-z])(?:{c.pattern})(?![0-9A-Za-z])", re.IGNORECASE) for c in certs)
    name_alt = _alternation(lists["names"], [p.pattern for p in name_patterns])
    exclude_alt = "|".join(f"(?:{p.pattern})" for p in excludes) or None
    service_alt = _alternation(lists["service_names"], [])
    return Profile(
        id=profile_id, name=data["name"].strip(), name_en=data["name_en"].strip(), tier=data["tier"],
        **{k: tuple(v) for k, v in lists.items()},
        _name_re=re.compile(name_alt) if name_alt else None,
        _exclude_re=re.compile(exclude_alt) if exclude_alt else None,
        _service_re=re.compile(service_alt) if service_alt else None,
        _cert_res=cert_res,
        _host_globs=tuple(globs),
    )


def _read(path: Path) -> list[Profile]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read profiles file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ProfileError(f"{path}: not a valid UTF-8 TOML file ({exc})") from None
    version = data.pop("version", 1)
    if version != 1:
        raise ProfileError(f"{path}: unsupported profiles file version {version!r} (expected 1)")
    if not data:
        raise ProfileError(f"{path}: no profiles defined")
    return [build_profile(pid, table, path) for pid, table in data.items()]


@functools.lru_cache(maxsize=8)
def _load_cached(path: str, mtime_ns: int) -> tuple[Profile, ...]:
    return tuple(_read(Path(path)))


def load_profiles(path: str | Path | None = None) -> list[Profile]:
    """Profiles from ``path`` (default: the shipped ``zhenwei/data/profiles.toml``), in file order.

    Cached per file and modification time, so callers may call it for every page.
    """
    p = Path(path) if path is not None else DEFAULT_PATH
    try:
        mtime = p.stat().st_mtime_ns
    except OSError as exc:
        raise ProfileError(f"{p}: cannot read profiles file ({exc.strerror or exc})") from None
    return list(_load_cached(str(p.resolve()), mtime))


def find_profile(profile_id: str, profiles: list[Profile] | None = None) -> Profile | None:
    """The profile with id ``profile_id``, or None."""
    for prof in profiles if profiles is not None else load_profiles():
        if prof.id == profile_id:
            return prof
    return None


def official_for(host: str, profiles: list[Profile] | None = None) -> list[Profile]:
    """Profiles for which ``host`` is an official host."""
    return [p for p in (profiles if profiles is not None else load_profiles()) if p.is_official_host(host)]


def all_cert_numbers(text: str, profiles: list[Profile] | None = None) -> list[str]:
    """Certificate numbers of any profiled format in ``text``, in order of first appearance."""
    hits: list[tuple[int, str]] = []
    for prof in profiles if profiles is not None else load_profiles():
        for rx in prof._cert_res:
            hits += [(m.start(), m.group(0).upper()) for m in rx.finditer(text or "")]
    seen: dict[str, None] = {}
    for _, num in sorted(hits):
        seen.setdefault(num, None)
    return list(seen)
