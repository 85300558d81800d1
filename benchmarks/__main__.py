"""`make bench`: runs every benchmarks/bench_*.py module's main() and prints its figures."""

import importlib
import pkgutil
import sys
from pathlib import Path


def main(selected):
    folder = Path(__file__).parent
    names = sorted(
        m.name for m in pkgutil.iter_modules([str(folder)]) if m.name.startswith("bench_")
    )
    for name in names:
        if selected and name.removeprefix("bench_") not in selected:
            continue
        print(f"== {name.removeprefix('bench_')}", flush=True)
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
