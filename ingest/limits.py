"""How much one input file may take: its size, what a workbook unpacks to, the cells read, and the memory
and time of the worker process that reads it. Each limit is set on the command line or by an environment
variable (the command line wins); the defaults are far above what a real report needs."""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, fields
from typing import Mapping


@dataclass(frozen=True)
class ReadLimits:
    max_input_mb: float = 100.0  # a file's size, and what a workbook's parts or a PDF page's content unpack to
    max_cells: int = 1_000_000  # cells read from a workbook (blanks before a filled cell count)
    memory_mb: float = 2048.0  # address space of the worker process that reads one file
    seconds: float = 300.0  # time the worker may take for one file

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 1024 * 1024)

    @property
    def memory_bytes(self) -> int:
        return int(self.memory_mb * 1024 * 1024)


# The environment variable of each limit, and the command-line option that overrides it.
ENVIRONMENT = {"max_input_mb": "SOCDASH_MAX_INPUT_MB", "max_cells": "SOCDASH_MAX_CELLS",
               "memory_mb": "SOCDASH_WORKER_MEMORY_MB", "seconds": "SOCDASH_WORKER_SECONDS"}
OPTIONS = {"max_input_mb": "--max-input-mb", "max_cells": "--max-cells", "memory_mb": "--memory-mb",
           "seconds": "--time-limit"}


def positive_number(text: str, integer: bool = False, zero: bool = False) -> float | int:
    """A finite number above zero, or zero too when `zero` (a whole one when `integer`); ValueError with a
    one-line reason else."""
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (value == 0 and not zero):
        kind = "whole" if integer else "finite"
        raise ValueError(f"'{text}' is not a {kind} number {'of 0 or more' if zero else 'above 0'}")
    return value


def limits_from(environ: Mapping[str, str] = os.environ, **given: float | int | None) -> ReadLimits:
    """The limits: those `given` (not None), else the environment's, else the defaults. Raises ValueError
    naming the variable when an environment value is not a positive number."""
    values = {}
    for spec in fields(ReadLimits):
        if given.get(spec.name) is not None:
            values[spec.name] = given[spec.name]
        elif environ.get(ENVIRONMENT[spec.name], "").strip():
            try:
                values[spec.name] = positive_number(environ[ENVIRONMENT[spec.name]], integer=spec.type == "int")
            except ValueError as exc:
                raise ValueError(f"{ENVIRONMENT[spec.name]}: {exc}") from None
    return ReadLimits(**values)
