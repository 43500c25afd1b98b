"""`make bench`: TRD Navigator measured against a do-nothing Streamlit baseline in the same run.

Run `python -m bench.run` (or `make bench`). See docs/BENCHMARKS.md for the figures and
docs/DEPLOY.md for the scale-out proof that `bench.scaleout` runs.
"""
