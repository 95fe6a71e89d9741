"""Places as the reports print them (inflected) in the nominative that facts and territories use.

Only the endings these reports need are known; a name with another ending is kept as printed.
"""
from __future__ import annotations

import re

# Genitive endings of parish names: 'Degoles' -> 'Degole', 'Irlavas' -> 'Irlava', 'Jaunsātu' -> 'Jaunsāti'.
_GENITIVE = (("es", "e"), ("as", "a"), ("u", "i"))
# Locative plural endings of a unit's last word: 'struktūrvienībās' -> 'struktūrvienības',
# 'pagastos' -> 'pagasti'. (The singular '-ā' stands for '-a' or '-s' alike, so it is left as printed.)
_LOCATIVE_PLURAL = (("ās", "as"), ("ēs", "es"), ("os", "i"))


def _with_ending(word: str, endings: tuple[tuple[str, str], ...]) -> str:
    return next((word[: -len(printed)] + nominative for printed, nominative in endings if word.endswith(printed)),
                word)


def parish_nominative(printed: str) -> str:
    """Parish names printed in the genitive ('Degoles pagastā', 'Slampes un Džūkstes pagastu') in the
    nominative that territories use: 'Degoles' -> 'Degole'; 'Slampes un Džūkstes' or 'Slampes/Džūkstes' ->
    'Slampe/Džūkste'."""
    names = [n for n in re.split(r"\s*/\s*|\s+un\s+", printed.strip()) if n]
    return "/".join(_with_ending(n, _GENITIVE) for n in names)


def unit_nominative(printed: str) -> str:
    """A unit named by a heading in the locative ('Sociālo pakalpojumu sniedzēju struktūrvienībās') in the
    nominative: only its last word is inflected ('... struktūrvienības')."""
    *first, last = printed.strip().split(" ")
    return " ".join([*first, _with_ending(last, _LOCATIVE_PLURAL)])


def territory_name(printed: str, names: tuple[tuple[str, str], ...] = ()) -> str:
    """A territory as facts name it: the parts of 'Jaunsāti/ Pūre' joined without spaces, each part that a
    pair of `names` prints ('Tukums') named as that pair says ('Tukuma pilsēta')."""
    renamed = dict(names)
    return "/".join(renamed.get(part, part) for part in (p.strip() for p in printed.split("/")) if part)
