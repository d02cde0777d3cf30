"""`danvan gen_data`: deterministic, realistic data at province or national scale, for benchmarks.

It builds on the real administrative units (`danvan load_areas`) and loads in bulk: every table is
filled with `bulk_create` in large batches, never row by row through `save()`, so neither history
rows nor signals are produced (the data did not happen; it is a load test's stand-in).
"""
