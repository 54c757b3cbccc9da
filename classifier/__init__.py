"""zhenwei classifier: pure functions from a page (HTML, URL, optional WHOIS facts) to facts and a verdict.

``extract.page_facts`` parses a page once and returns its facts (claims, gov markers, certificate
record, forms); ``rules.rule_verdict`` turns facts into a transparent verdict with reasons. Nothing here
knows about Scrapy or the store.
"""
