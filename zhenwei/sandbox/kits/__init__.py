"""Fake certificate-verification kits of the sandbox world, one module per kit.

Each kit module has ``NAME``, ``SUMMARY`` (one line), ``AUTHORITY`` ("mem" or "mohurd"),
``ON_THE_FLY`` (its back end makes up records for unknown numbers), ``NATIONAL`` (sells to buyers in
every province), ``qr_path(number)`` (path and query of the QR URL for a URL-quoted number) and
``make_handler(site)``. The kits differ in structure, wording, field names, encodings and flows, not
just in colour, so that a classifier trained on some can be tested on the others.
"""

from zhenwei.sandbox.kits import dzzz, govportal, layuicity, provgbk, tpboot, vuespa, wxcloak, zjcert

KITS = {m.NAME: m for m in (govportal, provgbk, wxcloak, vuespa, zjcert, tpboot, dzzz, layuicity)}
