#!/usr/bin/python3
"""Regenerates the streams River's drift-detector docstrings build, with CPython's stdlib random.

Run with Debian's interpreter from the module directory:

    /usr/bin/python3 scripts/monitor/river_streams.py src/test/resources/monitor

Each stream is written one value per line with repr(), which round-trips doubles exactly, so the
Java tests feed the detectors bit-for-bit the values River's doctests feed them. The recipes follow the
Examples sections of online-ml/river (river/drift/adwin.py, page_hinkley.py, kswin.py, cusum.py,
river/drift/binary/ddm.py, eddm.py, hddm_a.py, hddm_w.py).

A second file, python_random_sample.txt, records what random.Random(seed).sample(range(70), 30) draws
for a few seeds, so the Java port of CPython's generator (used by KSWIN) is checked against CPython.
"""
import random
import sys
from pathlib import Path


def write(path, values):
    with open(path, "w", encoding="utf-8") as out:
        for v in values:
            out.write(repr(v) + "\n")


def main(target):
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)

    # ADWIN, PageHinkley and KSWIN docstrings: two discrete distributions, change at index 1000.
    rng = random.Random(12345)
    write(target / "river_two_distributions_seed12345.txt",
          rng.choices([0, 1], k=1000) + rng.choices(range(4, 8), k=1000))

    # DDM, EDDM, HDDM_A and HDDM_W docstrings: a fair coin of errors, then 70 % errors.
    rng = random.Random(42)
    stream = rng.choices([0, 1], k=1000)
    stream = stream + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    write(target / "river_error_rate_increase_seed42.txt", stream)

    # CUSUM docstring: N(0, 1) for 200 values, then N(3, 1) for 200 values.
    rng = random.Random(12345)
    stable = [rng.gauss(0, 1) for _ in range(200)]
    shifted = [rng.gauss(3, 1) for _ in range(200)]
    write(target / "river_gaussian_shift_seed12345.txt", stable + shifted)

    # CPython's Random.sample, the draw KSWIN makes on every update once its window is full.
    with open(target / "python_random_sample.txt", "w", encoding="utf-8") as out:
        out.write("# seed draw: random.Random(seed).sample(range(70), 30), three consecutive draws\n")
        for seed in (0, 1, 42, 12345, 2**40 + 7):
            rng = random.Random(seed)
            for draw in range(3):
                out.write(f"{seed} {draw} " + " ".join(str(i) for i in rng.sample(range(70), 30)) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "src/test/resources/monitor")
