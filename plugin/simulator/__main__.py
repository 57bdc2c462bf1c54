"""``python3 -m plugin.simulator``: generation time and size of the demo geography, per seed."""

from __future__ import annotations

import json
import sys
import time

from .geography import generate


def main(seeds: list[int]) -> None:
    for seed in seeds:
        began = time.perf_counter()
        geography = generate(seed)
        seconds = time.perf_counter() - began
        cells = geography.cells
        print(
            json.dumps(
                {
                    "seed": seed,
                    "cells": len(cells),
                    "sites": len({c.cell.properties["site"] for c in cells}),
                    "generation_s": round(seconds, 3),
                    "area_km2": round(sum(c.metric_geometry.area for c in cells) / 1e6, 1),
                    "residents": round(sum(c.residents for c in cells)),
                }
            )
        )


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1, 2, 3])
