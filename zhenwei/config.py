"""Build Scrapy settings for a run from ``zhenwei.settings``, a network file and CLI options.

Precedence, lowest first: the defaults in ``zhenwei.settings`` (which already read ``ZHENWEI_*``
environment variables), then a network file (``--network-file``, e.g. the one ``zhenwei sandbox
up`` writes), then explicit options.

Reads every ``ZHENWEI_*`` setting indirectly; owns none.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from scrapy.settings import Settings

from zhenwei.netpolicy import parse_allow_nets, parse_port_map


@dataclass
class RunOptions:
    """Options every crawling command shares (the CLI's ``network_options`` decorator)."""

    db: str | None = None
    evidence_dir: str | None = None
    nameserver: str | None = None
    whois_server: str | None = None
    allow_net: list[str] = field(default_factory=list)
    port_map: str | dict | None = None
    network_file: str | None = None
    log_level: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_network_file(path: str | Path) -> dict[str, Any]:
    """Read ``{"nameserver", "whois_server", "allow_net", "port_map"}`` from JSON; clear errors."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{p}: network file not found (is the sandbox up?)") from None
    except ValueError as exc:
        raise ValueError(f"{p}: not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{p}: expected a JSON object")
    return data


def build_settings(options: RunOptions | None = None) -> Settings:
    """Scrapy ``Settings`` for a run. Validates network values so mistakes fail before crawling."""
    options = options or RunOptions()
    settings = Settings()
    settings.setmodule("zhenwei.settings", priority="project")
    values: dict[str, Any] = {}
    if options.network_file:
        net = load_network_file(options.network_file)
        values.update({
            "ZHENWEI_NAMESERVER": net.get("nameserver") or "",
            "ZHENWEI_WHOIS_SERVER": net.get("whois_server") or "",
            "ZHENWEI_ALLOW_NET": ",".join(net.get("allow_net") or []),
            "ZHENWEI_PORT_MAP": ",".join(f"{k}:{v}" for k, v in (net.get("port_map") or {}).items()),
        })
    if options.db:
        values["ZHENWEI_DB"] = str(options.db)
    if options.evidence_dir:
        values["ZHENWEI_EVIDENCE_DIR"] = str(options.evidence_dir)
    if options.nameserver:
        values["ZHENWEI_NAMESERVER"] = options.nameserver
    if options.whois_server:
        values["ZHENWEI_WHOIS_SERVER"] = options.whois_server
    if options.allow_net:
        values["ZHENWEI_ALLOW_NET"] = ",".join(options.allow_net)
    if options.port_map:
        pm = options.port_map
        values["ZHENWEI_PORT_MAP"] = pm if isinstance(pm, str) else ",".join(f"{k}:{v}" for k, v in pm.items())
    if options.log_level:
        values["LOG_LEVEL"] = options.log_level
    values.update(options.extra)
    settings.setdict(values, priority="cmdline")
    # Fail early, naming the bad value, rather than inside the reactor.
    parse_allow_nets(settings.get("ZHENWEI_ALLOW_NET"))
    parse_port_map(settings.get("ZHENWEI_PORT_MAP"))
    return settings
