"""Throughput benchmark of the default scenario; the same as ``politburo bench``.

    python bench/throughput.py [--json] [--sizes 10000,100000,1000000]

It prints histories per second at each ensemble size, compiled vs
interpreted, 1 worker vs 2, Dask local:2 vs threads, and peak memory, next to
the project's targets.  See docs/performance.md for the figures measured.
"""

from politburo.cli import main

if __name__ == "__main__":
    import sys

    sys.argv[1:1] = ["bench"]
    main()
