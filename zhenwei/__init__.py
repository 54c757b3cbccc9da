"""zhenwei (真伪): find, prove and take down fake certificate-verification sites.

The shared core lives here: settings, items, authority profiles, the store, network policy, the
sandbox world, and the thin CLI. Spiders, pipelines, the classifier and the export formats are the
top-level packages ``spiders``, ``pipelines``, ``classifier`` and ``takedown_reports``.
"""

__version__ = "0.1.0"
