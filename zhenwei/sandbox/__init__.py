"""Sandbox world: synthetic hosts, servers and certificate photos for tests, demos and benchmarks."""
