"""Reports the tests make themselves (next-year variants, damaged copies): written and read back."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ingest.model import ParsedDocument
from ingest.readers import read_document


def document_from_text(folder: Path, name: str, text: str) -> ParsedDocument:
    """`text` written to `folder/name` and read back as the ingest reads a file of that name."""
    path = Path(folder) / name
    path.write_text(text, encoding="utf-8")
    return read_document(path)


def document_retold(doc: ParsedDocument, old: str, new: str) -> ParsedDocument:
    """`doc` as if its every text (lines, captions, cells, file name) said `new` where it says `old`, e.g. a
    report retold of another municipality; the places (pages, lines) are kept."""
    def say(text: str) -> str:
        return text.replace(old, new)

    tables = [replace(table, caption=say(table.caption), label=table.label and say(table.label),
                      rows=[[replace(cell, text=say(cell.text)) for cell in row] for row in table.rows])
              for table in doc.tables]
    return replace(doc, file_name=say(doc.file_name), lines=[replace(line, text=say(line.text)) for line in doc.lines],
                   tables=tables)


def shift_years(text: str) -> str:
    """Every year printed as a year ("2024. gadā", "31.12.2021.", "2022., 2023.") one later: next year's
    report as its layout prints it, each figure a year on (so a figure of an earlier year it prints again is
    one year's older figure, a revised value)."""
    return re.sub(r"(?<!\d)(20[0-3]\d)(?=\.)", lambda m: str(int(m.group(1)) + 1), text)


def move_block(text: str, first_line: str, last_line_start: str, before: str) -> str:
    start = text.index(first_line)
    end = text.index("\n", text.index(last_line_start, start)) + 1
    block, text = text[start:end], text[:start] + text[end:]
    at = text.index(before)
    return text[:at] + block + "\n" + text[at:]


def tukums_next_year_text(text: str) -> str:
    """The Tukums 2024 public report's text export `text` as next year's report: every year one later, some
    values changed in its tables and text, a row added, one dropped, one moved, and table 3.2 moved to the end."""
    text = shift_years(text)
    # changed values, in tables and text
    text = text.replace("Mājokļa pabalsts\t538 189.92\t866 450.92\t796 169.59",
                        "Mājokļa pabalsts\t538 189.92\t866 450.92\t801 234.56")
    text = text.replace("Kopā mājokļa pabalstam 2025. gadā izlietoti *796 169,59 euro*",
                        "Kopā mājokļa pabalstam 2025. gadā izlietoti *801 234,56 euro*")
    text = text.replace("tika nodarbināti 142 darbinieki", "tika nodarbināti 151 darbinieki")
    text = text.replace("iedzīvotāju skaits ir 45 959 personas", "iedzīvotāju skaits ir 45 612 personas")
    text = text.replace("saņēmuši 597 vīrieši", "saņēmuši 600 vīrieši")  # the parts no longer add up
    # a row added to 4.1, a row dropped from 3.3, a row moved to the end of 3.4
    text = text.replace("Grupu māja “Laipas”\t\t\t65 776\n", "Grupu māja “Laipas”\t\t\t65 776\n"
                                                             "Grupu māja “Jaunā”\t\t\t12 000\n")
    text = re.sub(r"Ortodontija\t[^\n]*\n", "", text)
    health = re.search(r"Veselības aprūpei\t[^\n]*\n", text).group(0)
    text = text.replace(health, "").replace("4 486\t5 mājsaimniec./ 6 personas\t3843.00\t4 mājsaimniec/ 5 personas\n",
                                            "4 486\t5 mājsaimniec./ 6 personas\t3843.00\t4 mājsaimniec/ 5 personas\n"
                                            + health)
    # table 3.2 moved to the end of the report
    text = move_block(text, "3.2. tabula\n", "pabalsts audžuģimenei\t", "Domes priekšsēdētājs")
    return text
