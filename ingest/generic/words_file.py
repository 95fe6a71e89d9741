"""Reading the generic reader's words files (TOML beside the code): the file, its keys, lists of words and
regexes, each checked once when loaded, and a file that is wrong refused in one line naming the file and the
key."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path


class WordsFileError(ValueError):
    """A words file cannot be used: file, key and why, in one line."""


def read_words_file(path: Path, keys: set[str], error: type[WordsFileError]) -> dict:
    """The file's data; refused when it cannot be read or has a key not in `keys`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise error(f"{path.name}: cannot be read: {exc}") from None
    unknown = sorted(set(data) - keys)
    if unknown:
        raise error(f"{path.name}: unknown key '{unknown[0]}'; it takes {', '.join(sorted(keys))}")
    return data


def word_list(entry: dict, key: str, where: str, error: type[WordsFileError]) -> tuple[str, ...]:
    """A non-empty list of words under `key`."""
    value = entry.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise error(f"{where}: '{key}' must be a list of words")
    return tuple(value)


def regex_list(entry: dict, key: str, where: str, error: type[WordsFileError]) -> tuple[re.Pattern, ...]:
    """A non-empty list of regexes under `key`, each compiled (case-insensitive)."""
    compiled = []
    for pattern in word_list(entry, key, where, error):
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as exc:
            raise error(f"{where}: '{key}' has a bad regex {pattern!r}: {exc}") from None
    return tuple(compiled)


def entries(data: dict, key: str, fields: set[str], path: Path, error: type[WordsFileError]) -> list[tuple[dict, str]]:
    """The [[key]] tables of the file, each with where it is ("units.toml: [[noun]] 2"); a table with a key
    not in `fields` is refused."""
    found = data.get(key, [])
    if not isinstance(found, list):
        raise error(f"{path.name}: '{key}' must be written [[{key}]]")
    out = []
    for i, entry in enumerate(found):
        where = f"{path.name}: [[{key}]] {i + 1}"
        unknown = sorted(set(entry) - fields)
        if unknown:
            raise error(f"{where}: unknown key '{unknown[0]}'; it takes {', '.join(sorted(fields))}")
        out.append((entry, where))
    return out
