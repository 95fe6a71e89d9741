"""Tables that a Word-to-text export flattened into one cell per line.

In such an export a line that starts with a tab starts a cell (further tabs on the line start further
cells), a line without a tab that directly follows a cell continues that cell (two numbers in one cell come
out on two lines), and a blank line ends a row. A non-tab line after a blank line is running text again,
so it ends the table. Merged cells leave rows shorter than the table: a row that is short is joined with
the rows after it when together they fill the table's width exactly (a cell that the export pushed past a
row break). Captions ("3. tabula ...", "4.tabula ...") sit right on top of a table, or else a few lines
below it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.model import Cell, Location, Table, TextLine
from ingest.readers.text import CAPTION_LABEL, clean_cell_text

# How far a caption may sit from its table, in non-blank lines (a caption may wrap onto two lines).
_CAPTION_REACH = 3
# A caption's label, but not a sentence that starts "5. tabulā redzams ...".
_LABEL_ONLY = re.compile(r"(?![a-zāčēģīķļņšūž])", re.IGNORECASE)


@dataclass
class _Block:
    rows: list[list[Cell]]
    first: int  # index in the document's lines of the block's first line
    last: int  # index of its last non-blank line


def flattened_tables(lines: list[TextLine]) -> list[Table]:
    """Every flattened table in a document's lines, with its caption and label where one is found."""
    blocks = _blocks(lines)
    captions = _captions(lines, blocks)
    tables = []
    for block, (caption, label, loc) in zip(blocks, captions):
        rows = _join_split_rows([row for row in block.rows if any(cell.text for cell in row)])
        if rows:
            tables.append(Table(caption=caption, rows=rows, loc=loc or rows[0][0].loc, label=label))
    return tables


# --------------------------------------------------------------------------- cells and rows

def _blocks(lines: list[TextLine]) -> list[_Block]:
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if lines[i].text.startswith("\t"):
            block = _read_block(lines, i)
            blocks.append(block)
            i = block.last + 1
        else:
            i += 1
    return blocks


def _read_block(lines: list[TextLine], start: int) -> _Block:
    """The rows of the table whose first cell is at `start`, up to the running text after it."""
    rows: list[list[Cell]] = []
    row: list[list[str]] = []  # the current row's cells, each a list of printed lines
    row_locs: list[Location] = []
    last = start
    after_blank = False
    for i in range(start, len(lines)):
        text = lines[i].text
        if text.startswith("\t"):
            for part in text.split("\t")[1:]:
                row.append([part])
                row_locs.append(lines[i].loc)
        elif not text.strip():
            if row:
                rows.append(_cells(row, row_locs))
                row, row_locs = [], []
            after_blank = True
            continue
        elif after_blank or not row:
            break  # running text again
        else:
            row[-1].append(text)
        after_blank = False
        last = i
    if row:
        rows.append(_cells(row, row_locs))
    return _Block(rows=rows, first=start, last=last)


def _cells(row: list[list[str]], locs: list[Location]) -> list[Cell]:
    """A cell's printed lines, each cleaned, joined by newlines; empty lines dropped."""
    cells = []
    for parts, loc in zip(row, locs):
        kept = [clean_cell_text(p) for p in parts]
        cells.append(Cell("\n".join(p for p in kept if p), loc))
    return cells


def _join_split_rows(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Rows whose cells the export pushed over a row break, joined again (see the module docstring)."""
    width = max((len(row) for row in rows), default=0)
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        joined, j = list(rows[i]), i + 1
        while len(joined) < width and j < len(rows) and len(joined) + len(rows[j]) <= width:
            joined += rows[j]
            j += 1
        if len(joined) == width and j > i + 1:
            out.append(joined)
            i = j
        else:
            out.append(rows[i])
            i += 1
    return out


# --------------------------------------------------------------------------- captions

def _captions(lines: list[TextLine], blocks: list[_Block]) -> list[tuple[str, str | None, Location | None]]:
    """(caption, label, location) for each block: a labelled caption above it, else one below it that no
    other table has taken, else the line just above it as an unlabelled caption."""
    above = [_labelled_above(lines, b) for b in blocks]
    taken = {idx for idx in above if idx is not None}
    found = []
    for block, idx in zip(blocks, above):
        if idx is not None:
            found.append(_caption_from(lines, idx, block.first))
            continue
        below = _labelled_below(lines, block)
        if below is not None and below not in taken:
            taken.add(below)
            found.append(_caption_from(lines, below, below + 1))
        else:
            found.append(_unlabelled_above(lines, block))
    return found


def _non_blank(lines: list[TextLine], indices) -> list[int]:
    picked = []
    for i in indices:
        if "\t" in lines[i].text:
            break  # another table
        if lines[i].text.strip():
            picked.append(i)
            if len(picked) == _CAPTION_REACH:
                break
    return picked


def _labelled_above(lines: list[TextLine], block: _Block) -> int | None:
    """A caption above a table sits right on top of it (it may wrap): no blank line in between, so that
    the caption printed below the table before is not taken for it."""
    i = block.first - 1
    while i >= 0 and block.first - i <= _CAPTION_REACH and lines[i].text.strip() and "\t" not in lines[i].text:
        if _is_caption(lines[i].text):
            return i
        i -= 1
    return None


def _labelled_below(lines: list[TextLine], block: _Block) -> int | None:
    return next((i for i in _non_blank(lines, range(block.last + 1, len(lines)))
                 if _is_caption(lines[i].text)), None)


def _is_caption(text: str) -> bool:
    m = CAPTION_LABEL.match(text)
    return bool(m) and bool(_LABEL_ONLY.match(text, m.end(1)))


def _caption_from(lines: list[TextLine], first: int, end: int) -> tuple[str, str | None, Location]:
    """The caption starting at line `first` and running up to (not including) line `end`."""
    text = clean_cell_text(" ".join(line.text for line in lines[first:end]))
    m = CAPTION_LABEL.match(text)
    label = re.sub(r"\s+", " ", m.group(1)) if m else None
    return text, label, lines[first].loc


def _unlabelled_above(lines: list[TextLine], block: _Block) -> tuple[str, None, Location | None]:
    near = _non_blank(lines, range(block.first - 1, max(block.first - 3, -1), -1))
    if not near:
        return "", None, None
    return clean_cell_text(lines[near[0]].text), None, lines[near[0]].loc
