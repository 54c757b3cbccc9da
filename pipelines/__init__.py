"""Item pipelines, in order: evidence (WARC, hashes), extraction, classification, storage. Each is switched by its own ZHENWEI_*_ENABLED setting."""
