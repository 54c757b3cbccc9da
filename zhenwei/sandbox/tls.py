"""TLS for the sandbox HTTPS listener: a local CA and per-host leaf certificates chosen by SNI.

The CA is created once per state directory (``STATE/tls/ca.pem``, ``ca-key.pem``) and reused on
later starts, so a user who trusted it keeps trusting it. Leaf certificates are made lazily, the
first time a client asks for a name by SNI, and cached in memory and in ``STATE/tls/hosts/NAME.pem``
(key and certificate in one file). Keys are ECDSA P-256: generating one takes well under a
millisecond, where RSA-2048 would take ~100 ms and make start-up slow.

A name whose host has ``https`` off, or no host at all, fails the handshake with an
``unrecognized_name`` alert: that site simply has no HTTPS. A client sending no SNI (an IP literal)
gets a certificate for ``sandbox.invalid``, as a shared host would present a default certificate.

Reads no settings.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
from pathlib import Path
from typing import Callable

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from zhenwei.sandbox.model import World

DEFAULT_NAME = "sandbox.invalid"
_LEAF_DAYS = 397
_CA_DAYS = 3650


def _new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _key_pem(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _write_private(path: Path, data: bytes) -> None:
    """Write key material readable by the owner only; replace atomically so a crash leaves no half file."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)


class CertAuthority:
    """A local CA in ``directory`` that issues leaf certificates for sandbox host names."""

    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.hosts_dir = self.directory / "hosts"
        self.hosts_dir.mkdir(parents=True, exist_ok=True)
        self.cert_path = self.directory / "ca.pem"
        self.key_path = self.directory / "ca-key.pem"
        self._load_or_create()

    def _load_or_create(self) -> None:
        if self.cert_path.exists() and self.key_path.exists():
            try:
                cert = x509.load_pem_x509_certificate(self.cert_path.read_bytes())
                key = serialization.load_pem_private_key(self.key_path.read_bytes(), None)
                now = dt.datetime.now(dt.timezone.utc)
                if cert.not_valid_after_utc > now + dt.timedelta(days=30) and \
                        cert.public_key().public_numbers() == key.public_key().public_numbers():
                    self.cert, self.key = cert, key
                    return
            except (ValueError, TypeError):
                pass  # unreadable or mismatched: make a new CA below
        now = dt.datetime.now(dt.timezone.utc)
        key = _new_key()
        subject = x509.Name([
            x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "zhenwei sandbox"),
            x509.NameAttribute(NameOID.COMMON_NAME, "zhenwei sandbox CA 沙盒根证书"),
        ])
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(subject).issuer_name(subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=_CA_DAYS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True, crl_sign=True,
                                         encipher_only=False, decipher_only=False), critical=True)
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
        )
        _write_private(self.key_path, _key_pem(key))
        self.cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        self.cert, self.key = cert, key

    def leaf_path(self, name: str) -> Path:
        """Where the key+certificate PEM for ``name`` lives (deterministic: the name itself)."""
        return self.hosts_dir / f"{name}.pem"

    def issue(self, name: str, wildcard: bool = False) -> Path:
        """Key+certificate PEM for ``name`` (and ``*.name`` when ``wildcard``), reusing a valid one."""
        path = self.leaf_path(name)
        sans = [name] + ([f"*.{name}"] if wildcard else [])
        if path.exists() and self._reusable(path, sans):
            return path
        now = dt.datetime.now(dt.timezone.utc)
        key = _new_key()
        alt: list[x509.GeneralName] = []
        for san in sans:
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(san)))
            except ValueError:
                alt.append(x509.DNSName(san))
        cert = (
            x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=_LEAF_DAYS))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                           critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )
        _write_private(path, _key_pem(key) + cert.public_bytes(serialization.Encoding.PEM))
        return path

    def _reusable(self, path: Path, sans: list[str]) -> bool:
        """A cached leaf is reused only if this CA signed it, its names match and it is not expiring."""
        try:
            cert = x509.load_pem_x509_certificate(path.read_bytes())
            aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value
            names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        except (ValueError, x509.ExtensionNotFound):
            return False
        ca_ski = x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()).digest
        current = [str(n.value) for n in names]
        return (aki.key_identifier == ca_ski and current == sans
                and cert.not_valid_after_utc > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=7))


def _server_context(pem: Path | None = None) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_alpn_protocols(["http/1.1"])  # aiohttp speaks HTTP/1.1 only
    if pem is not None:
        ctx.load_cert_chain(pem)
    return ctx


class SniContexts:
    """Builds the listening ``SSLContext`` whose SNI callback picks a per-host context."""

    def __init__(self, world: World, ca: CertAuthority):
        self.world, self.ca = world, ca
        self._contexts: dict[str, ssl.SSLContext] = {}

    def context_for(self, server_name: str) -> ssl.SSLContext | None:
        """The context for a SNI name, or None when no HTTPS host answers for it."""
        name = server_name.lower().rstrip(".")
        host = self.world.lookup(name)
        if host is None or not host.https:
            return None
        # A "*.name" certificate covers one label only; deeper names under a wildcard host get
        # their own certificate so that verification still passes.
        one_level = name == host.name or name.count(".") == host.name.count(".") + 1
        key = host.name if one_level else name
        ctx = self._contexts.get(key)
        if ctx is None:
            ctx = _server_context(self.ca.issue(key, wildcard=host.wildcard and one_level))
            self._contexts[key] = ctx
        return ctx

    def _sni_callback(self) -> Callable:
        def callback(ssl_object: ssl.SSLObject, server_name: str | None, _ctx: ssl.SSLContext):
            if server_name is None:
                return None  # keep the default certificate
            try:
                ctx = self.context_for(server_name)
            except Exception:  # never let certificate trouble kill the listener
                return ssl.ALERT_DESCRIPTION_INTERNAL_ERROR
            if ctx is None:
                return ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME
            ssl_object.context = ctx
            return None

        return callback

    def listening_context(self) -> ssl.SSLContext:
        ctx = _server_context(self.ca.issue(DEFAULT_NAME))
        ctx.sni_callback = self._sni_callback()
        return ctx
