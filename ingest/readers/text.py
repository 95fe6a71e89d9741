"""Text and Markdown exports: lines as printed, tables where lines hold tab-separated cells."""
from __future__ import annotations

import codecs
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


# Byte-order marks of the Unicode encodings a text export may be saved in (UTF-32 before UTF-16: its
# little-endian mark starts with UTF-16's).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(path: Path) -> str:
    """The file's text: UTF-8, or UTF-16/32 with a byte-order mark. A NUL anywhere refuses the file (a
    text export has none; a binary file, or text in an encoding without its mark, does)."""
    from ingest.readers import UnreadableFile

    data = path.read_bytes()
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-8":
            kind = "binary content" if b"\x00" in data else "not UTF-8 text"
            raise UnreadableFile(f"{kind}, not a text export (undecodable byte at {exc.start}); save it as "
                                 "UTF-8 text") from None
        raise UnreadableFile(f"damaged {encoding.upper()} text (undecodable at byte {exc.start})") from None
    nul = text.find("\x00")
    if nul >= 0:
        hint = "; UTF-16 text needs its byte-order mark" if encoding == "utf-8" and nul < 2 else ""
        raise UnreadableFile(f"binary content, not a text export (a NUL character at {nul}){hint}")
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
