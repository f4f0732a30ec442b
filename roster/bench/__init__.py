"""Benchmarks: public rostering instances solved by the product's own engine, and a suite
that writes BENCHMARKS.md (see docs/benchmarks.md)."""
