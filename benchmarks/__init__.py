"""Benchmarks print figures; they are run by hand (`make bench`), never as timed tests."""
