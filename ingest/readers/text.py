"""Text and Markdown exports: lines as printed, tables where lines hold tab-separated cells."""
from __future__ import annotations

import re
from pathlib import Path

from ingest.model import Cell, Location, ParsedDocument, Table, TextLine

# "3.1. tabula", "1. tabula", "4.tabula": a caption's number part.
CAPTION_LABEL = re.compile(r"^\s*(\d+(?:\.\d+)*\.?\s*tabula)\.?", re.IGNORECASE)
_TAGS = re.compile(r"</?(?:b|i|p|u|strong|em|br)\s*/?>", re.IGNORECASE)


def clean_cell_text(text: str) -> str:
    """Cell text without markup (`<b>`, `**`, `<p>`) and with white space folded."""
    text = _TAGS.sub(" ", text)
    text = re.sub(r"\*\*|__|\\\*", lambda m: "*" if m.group(0) == "\\*" else "", text)
    return re.sub(r"\s+", " ", text).strip()


def decode_text(path: Path) -> str:
    from ingest.readers import UnreadableFile

    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise UnreadableFile("binary content, not a text export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise UnreadableFile("the file holds no text")
    return text


def read_text(path: Path) -> ParsedDocument:
    from ingest.readers import sha256_of

    raw_lines = decode_text(path).splitlines()
    lines = [TextLine(text, Location(line=i)) for i, text in enumerate(raw_lines, start=1)]
    return ParsedDocument(
        path=str(path), file_name=path.name, sha256=sha256_of(path), format=path.suffix.lower().lstrip("."),
        lines=lines, tables=tab_separated_tables(lines),
    )


def _caption_before(lines: list[TextLine], start: int) -> tuple[str, str | None, Location | None]:
    """The caption of a table starting at index `start`: the text lines above it, up to a 'N. tabula'
    label or a blank-separated heading, whichever is nearer (at most 4 non-blank lines)."""
    picked: list[TextLine] = []
    i = start - 1
    while i >= 0 and len(picked) < 4:
        text = lines[i].text.strip()
        if "\t" in lines[i].text:
            break
        if text:
            picked.insert(0, lines[i])
            if CAPTION_LABEL.match(text):
                break
        elif picked and not CAPTION_LABEL.match(picked[0].text) and i > 0 and not _is_label_near(lines, i):
            break
        i -= 1
    if not picked:
        return "", None, None
    label_idx = next((k for k, line in enumerate(picked) if CAPTION_LABEL.match(line.text)), None)
    if label_idx is not None:
        picked = picked[label_idx:]
    else:
        picked = picked[-1:]
    caption = clean_cell_text(" ".join(line.text.strip().lstrip("#").strip() for line in picked))
    m = CAPTION_LABEL.match(caption)
    label = re.sub(r"\s+", " ", m.group(1)) if m else None
    return caption, label, picked[0].loc


def _is_label_near(lines: list[TextLine], i: int) -> bool:
    """A 'N. tabula' line within the three lines above index i (captions often span a blank line)."""
    return any(CAPTION_LABEL.match(lines[j].text.strip()) for j in range(max(0, i - 3), i))


def tab_separated_tables(lines: list[TextLine]) -> list[Table]:
    """Runs of consecutive lines that hold a tab, each a table; single tab lines (tables of contents,
    leader dots) are not tables."""
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i].text:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j].text:
            j += 1
        block = lines[i:j]
        if len(block) >= 2 and not all(re.search(r"\.{3,}\s*\t\s*\d+\s*$", b.text) for b in block):
            rows = [[Cell(clean_cell_text(part), line.loc) for part in line.text.split("\t")] for line in block]
            caption, label, cap_loc = _caption_before(lines, i)
            tables.append(Table(caption=caption, rows=rows, loc=cap_loc or block[0].loc, label=label))
        i = j
    return tables
