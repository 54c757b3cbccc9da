"""Run the sandbox world: DNS, HTTP, HTTPS and WHOIS servers on one asyncio loop.

:class:`Sandbox` runs them in a background daemon thread (tests, ``zhenwei demo``, benchmarks);
:func:`run_foreground` serves until SIGINT/SIGTERM (``zhenwei sandbox up``). ``python -m
zhenwei.sandbox.runner --state-dir DIR`` does the same from a subprocess.

The product reaches the sandbox only through ordinary network options, written to
``network.json``: the name server, the WHOIS server, the allowed networks and a port map (80 and
443 to the sandbox's HTTP and HTTPS ports). There is no "sandbox mode" anywhere else.

Listening addresses: DNS and WHOIS on ``host``; HTTP and HTTPS on ``host`` (so any site can be
reached as ``host:port`` with a ``Host`` header) and on every IP in ``World.listen_ips``. Nothing
listens on other 127.x addresses, so a site whose A record points elsewhere is "connection refused".

Reads no settings.
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import ipaddress
import json
import shutil
import signal
import socket
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

from zhenwei.sandbox.dns_server import DnsServer
from zhenwei.sandbox.http_server import HttpServer
from zhenwei.sandbox.model import World
from zhenwei.sandbox.tls import CertAuthority, SniContexts
from zhenwei.sandbox.whois_server import WhoisServer

_START_TIMEOUT = 30.0
_PORT_TRIES = 20


class SandboxError(RuntimeError):
    """The sandbox could not start (a port in use, an address that cannot be bound, ...)."""


def _check_ip(ip: str) -> str:
    try:
        addr = ipaddress.ip_address(ip)
    except ValueError:
        raise SandboxError(f"{ip!r}: not an IP address") from None
    if not (isinstance(addr, ipaddress.IPv4Address) and addr.is_loopback):
        raise SandboxError(f"{ip}: the sandbox only listens on 127.0.0.0/8")
    return str(addr)


def bind_group(specs: list[tuple[str, int]], port: int) -> list[socket.socket]:
    """Bind one socket per (ip, SOCK_STREAM|SOCK_DGRAM) on the same port number.

    ``port`` 0 takes a free port for the first socket and uses that number for the rest, trying
    again with a new number when another program holds it on one of the addresses.
    """
    for _ in range(_PORT_TRIES if port == 0 else 1):
        socks: list[socket.socket] = []
        chosen = port
        try:
            for ip, kind in specs:
                sock = socket.socket(socket.AF_INET, kind)
                socks.append(sock)
                if kind == socket.SOCK_STREAM:
                    # Lets a restarted sandbox reuse its ports while old connections sit in TIME_WAIT.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                sock.bind((ip, chosen))
                chosen = sock.getsockname()[1]
                sock.setblocking(False)
            return socks
        except OSError as exc:
            for sock in socks:
                sock.close()
            if exc.errno != errno.EADDRINUSE or port != 0:
                where = ", ".join(sorted({ip for ip, _ in specs}))
                raise SandboxError(f"cannot listen on port {chosen} ({where}): {exc.strerror}") from exc
    raise SandboxError(f"no free port shared by {len(specs)} addresses after {_PORT_TRIES} tries")


class Sandbox:
    """The sandbox servers on a background thread. Use as a context manager, or start()/stop()."""

    def __init__(self, world: World, host: str = "127.0.0.1", dns_port: int = 0, http_port: int = 0,
                 https_port: int = 0, whois_port: int = 0, state_dir: Path | str | None = None):
        self.world = world
        self.host = _check_ip(host)
        self._want = {"dns": dns_port, "http": http_port, "https": https_port, "whois": whois_port}
        for label, value in self._want.items():
            if not isinstance(value, int) or not 0 <= value < 65536:
                raise SandboxError(f"{label} port {value!r}: expected 0-65535")
        self._own_state_dir = state_dir is None
        self.state_dir = Path(state_dir) if state_dir is not None else None
        self._ports: dict[str, int] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._servers: list[Any] = []
        self._dns: DnsServer | None = None
        self.ca: CertAuthority | None = None

    # ---- properties ------------------------------------------------------------------------
    def _port(self, label: str) -> int:
        if label not in self._ports:
            raise SandboxError("the sandbox is not running: call start() first")
        return self._ports[label]

    @property
    def dns_port(self) -> int:
        return self._port("dns")

    @property
    def http_port(self) -> int:
        return self._port("http")

    @property
    def https_port(self) -> int:
        return self._port("https")

    @property
    def whois_port(self) -> int:
        return self._port("whois")

    @property
    def ca_cert(self) -> Path:
        """PEM file of the sandbox CA (trust it to verify the sandbox's HTTPS sites)."""
        if self.ca is None:
            raise SandboxError("the sandbox is not running: call start() first")
        return self.ca.cert_path

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def listen_ips(self) -> list[str]:
        """Every address the HTTP and HTTPS servers listen on."""
        return list(dict.fromkeys([self.host] + [_check_ip(ip) for ip in self.world.listen_ips]))

    def network(self) -> dict[str, Any]:
        """The network options that point the product at this sandbox (see ``zhenwei.config``)."""
        return {
            "nameserver": f"{self.host}:{self.dns_port}",
            "whois_server": f"{self.host}:{self.whois_port}",
            "port_map": {"80": self.http_port, "443": self.https_port},
            "allow_net": ["127.0.0.0/8"],
            "ca_cert": str(self.ca_cert),
        }

    def write_network_file(self, path: Path | str) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.network(), indent=2) + "\n", encoding="utf-8")
        return path

    def world_changed(self) -> None:
        """Forget cached DNS answers after the world was changed at run time."""
        if self._dns is not None and self._loop is not None:
            self._loop.call_soon_threadsafe(self._dns.clear_cache)

    # ---- lifecycle -------------------------------------------------------------------------
    def start(self) -> "Sandbox":
        """Bind every port, start the servers and return once they are listening."""
        if self.running:
            return self
        if self.state_dir is None:
            self.state_dir = Path(tempfile.mkdtemp(prefix="zhenwei-sandbox-"))
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self.ca = CertAuthority(self.state_dir / "tls")
        socks = self._bind()
        ready = threading.Event()
        failure: list[BaseException] = []
        self._loop = asyncio.new_event_loop()

        def run() -> None:
            asyncio.set_event_loop(self._loop)
            try:
                self._loop.run_until_complete(self._start_servers(socks))
            except BaseException as exc:  # reported to the caller of start()
                failure.append(exc)
                ready.set()
                self._loop.run_until_complete(self._stop_servers())
                self._close_loop()
                return
            ready.set()
            try:
                self._loop.run_forever()
            finally:
                self._close_loop()

        self._thread = threading.Thread(target=run, name="zhenwei-sandbox", daemon=True)
        self._thread.start()
        if not ready.wait(_START_TIMEOUT) or failure:
            self._thread.join(5)
            self._thread = None
            for group in socks.values():
                for sock in group:
                    sock.close()
            raise SandboxError(f"sandbox failed to start: {failure[0] if failure else 'timeout'}")
        return self

    def _bind(self) -> dict[str, list[socket.socket]]:
        socks: dict[str, list[socket.socket]] = {}
        try:
            socks["dns"] = bind_group([(self.host, socket.SOCK_DGRAM), (self.host, socket.SOCK_STREAM)],
                                      self._want["dns"])
            socks["whois"] = bind_group([(self.host, socket.SOCK_STREAM)], self._want["whois"])
            ips = self.listen_ips()
            for label in ("http", "https"):
                socks[label] = bind_group([(ip, socket.SOCK_STREAM) for ip in ips], self._want[label])
        except BaseException:
            for group in socks.values():
                for sock in group:
                    sock.close()
            raise
        self._ports = {label: group[0].getsockname()[1] for label, group in socks.items()}
        return socks

    async def _start_servers(self, socks: dict[str, list[socket.socket]]) -> None:
        assert self.ca is not None
        self._dns = DnsServer(self.world)
        self._servers.append(self._dns)
        await self._dns.start(socks["dns"][0], socks["dns"][1])
        whois = WhoisServer(self.world)
        self._servers.append(whois)
        await whois.start(socks["whois"][0])
        http = HttpServer(self.world, "http")
        self._servers.append(http)
        await http.start(socks["http"])
        https = HttpServer(self.world, "https")
        self._servers.append(https)
        await https.start(socks["https"], SniContexts(self.world, self.ca).listening_context())

    async def _stop_servers(self) -> None:
        for server in reversed(self._servers):
            try:
                await server.stop()
            except Exception:  # keep stopping the others
                pass
        self._servers.clear()
        # Whatever is still pending (a handler mid-stream) is cancelled so the loop closes clean.
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        for _ in range(3):
            await asyncio.sleep(0)  # let closed transports run their close callbacks (socket.close)

    def _close_loop(self) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            loop.run_until_complete(loop.shutdown_asyncgens())
        finally:
            loop.close()

    def stop(self) -> None:
        """Stop every server, close every socket, end the thread. Safe to call twice."""
        thread, loop = self._thread, self._loop
        if thread is not None and loop is not None and thread.is_alive():
            future = asyncio.run_coroutine_threadsafe(self._stop_servers(), loop)
            try:
                future.result(10)
            finally:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(10)
        self._thread = None
        self._ports = {}
        if self._own_state_dir and self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)
            self.state_dir = None

    def __enter__(self) -> "Sandbox":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def banner(box: Sandbox, network_file: Path) -> str:
    """The bilingual start-up message of ``zhenwei sandbox up``."""
    n = box.network()
    return "\n".join([
        "沙盒世界已启动 zhenwei sandbox world is up",
        f"  DNS 域名服务器 nameserver : {n['nameserver']}  (UDP/TCP)",
        f"  WHOIS 服务器 whois server : {n['whois_server']}",
        f"  HTTP  端口 port          : {box.host}:{box.http_port}  (网站的 80 端口 serves port 80)",
        f"  HTTPS 端口 port          : {box.host}:{box.https_port}  (网站的 443 端口 serves port 443)",
        f"  根证书 CA certificate    : {n['ca_cert']}",
        f"  网络配置 network file     : {network_file}",
        "用法 Usage:",
        f"  zhenwei scan --network-file {network_file} 'http://<域名 domain>/'",
        f"  dig @{box.host} -p {box.dns_port} <域名 domain> A",
        f"  whois -h {box.host} -p {box.whois_port} <域名 domain>",
        f"  curl -H 'Host: <域名 domain>' http://{box.host}:{box.http_port}/",
        "按 Ctrl-C 停止 Press Ctrl-C to stop.",
    ])


def run_foreground(world: World, state_dir: Path | str, dns_port: int = 5353, http_port: int = 8080,
                   https_port: int = 8443, whois_port: int = 4343) -> None:
    """Serve ``world`` until SIGINT or SIGTERM; writes ``state_dir/network.json`` first."""
    state_dir = Path(state_dir)
    stop = threading.Event()
    previous = {}

    def on_signal(signum, frame) -> None:
        stop.set()

    in_main = threading.current_thread() is threading.main_thread()
    if in_main:  # signal handlers can only be installed from the main thread
        for sig in (signal.SIGINT, signal.SIGTERM):
            previous[sig] = signal.signal(sig, on_signal)
    try:
        with Sandbox(world, dns_port=dns_port, http_port=http_port, https_port=https_port,
                     whois_port=whois_port, state_dir=state_dir) as box:
            net_file = box.write_network_file(state_dir / "network.json")
            print(banner(box, net_file), flush=True)
            while not stop.wait(0.5):
                pass
            print("正在停止 stopping ...", flush=True)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("沙盒已停止 sandbox stopped.", flush=True)


def main(argv: list[str] | None = None) -> int:
    """``python -m zhenwei.sandbox.runner``: serve the seeded world from a subprocess."""
    ap = argparse.ArgumentParser(prog="python -m zhenwei.sandbox.runner",
                                 description="Serve the zhenwei sandbox world until SIGINT/SIGTERM.")
    ap.add_argument("--state-dir", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--dns-port", type=int, default=5353)
    ap.add_argument("--http-port", type=int, default=8080)
    ap.add_argument("--https-port", type=int, default=8443)
    ap.add_argument("--whois-port", type=int, default=4343)
    args = ap.parse_args(argv)
    try:
        from zhenwei.sandbox.world import build_world  # lazy: only this entry point needs the content
    except ImportError as exc:
        print(f"错误 error: the sandbox world is not available ({exc})", file=sys.stderr)
        return 2
    try:
        run_foreground(build_world(args.seed), args.state_dir, dns_port=args.dns_port,
                       http_port=args.http_port, https_port=args.https_port,
                       whois_port=args.whois_port)
    except SandboxError as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
