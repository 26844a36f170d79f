"""Benchmarks: reflect against jrnl on the same generated journal (see docs/performance.md).

Not part of the test suite and not shipped in the wheel. `python -m bench` runs them.
"""
