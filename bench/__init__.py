"""Benchmarks: ratios within one run and scaling curves, printed and saved under bench/results/."""
