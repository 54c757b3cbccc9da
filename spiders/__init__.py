"""Scrapy spiders: they decide what to fetch next (redirects, query submission, rechecks) and yield items. They never score, store or export."""
