"""`make bench`: the performance benchmarks of danvan (see docs/benchmarks.md)."""
