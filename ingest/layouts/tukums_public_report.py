"""Tukums public report: the yearly public report ("N. GADA PUBLISKAIS PĀRSKATS") of the Tukuma novada
sociālais dienests, first read from the 2024 report (approved by the council 27.03.2025).

Its tables carry years in their column headers (documents 2019-2024, social-assistance and service spend
for the last three years) and print next to some sums what they bought ("92 personas/369 apmeklējumi");
its running text carries the rest: staff, population and poverty status, recipients of each benefit and
service. Everything here is matched by caption, header words and sentences, so that another year's report
of the same layout is read without code changes; the report year comes from the title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ingest.checks import (ChangeCheck, PartCheck, Pick, RatioCheck, SameFigure, SumCheck, check_arithmetic,
                           flag_disagreements)
from ingest.layouts import Layout
from ingest.model import Cell, DocumentInfo, Extraction, Fact, ParsedDocument, RawCell, Spot, Table, TextLine
from ingest.numbers import LvNumber, parse_lv_number
from ingest.specs import (YEAR, FlowText, Prose, ProseGroup, YearTable, caption_year_reason, column_years, find_tables,
                          printed_period, read_prose_groups, read_year_table, table_raw_cells)

MUNICIPALITY = "Tukuma novads"
TITLE = re.compile(r"(?P<year>(?:19|20)\d\d)\.\s*GADA\s+PUBLISKAIS\s+PĀRSKATS", re.IGNORECASE)
APPROVED = re.compile(r"domes\s+(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)")
UKRAINIANS = "Ukrainas civiliedzīvotājiem"
LOWER_CASE = r"^[a-zāčēģīķļņšūž]"  # part rows of a subtotal start in lower case ("ar veselības ...")

# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class YearTableRule:
    """A YearTable, optionally with columns saying what a year's sum bought ("Atbalsta pasākuma apjoms
    2024. gadā": "92 personas/369 apmeklējumi") and a caption phrase naming whom every value is about
    (it becomes the subgroup)."""

    spec: YearTable
    volumes: str | None = None  # regex of the header of such volume columns
    target_group: str | None = None  # regex of the caption phrase


@dataclass(frozen=True)
class SectionedCountList:
    """A list of services and how many received each, in sections headed '<service> | <where> kopā
    saņēmuši'; the list may run on in caption-less tables (split by blank lines or page breaks)."""

    caption: str
    section: str  # regex of the second header cell that starts a section
    topic: str
    metric: str
    unit: str


YEAR_TABLES = [
    YearTableRule(YearTable(caption=r"dokumentu\s+aprit", header=r"Dokumenta\s+veida",
                         topic="documents", metric="documents", unit="documents")),
    YearTableRule(YearTable(caption=r"Sociālās\s+palīdzības\s+finanšu\s+izlietojums", topic="social_assistance",
                         metric="spend", unit="EUR", part=LOWER_CASE)),
    YearTableRule(YearTable(caption=r"ārējos\s+tiesību\s+aktos\s+noteikto\s+pabalstu", topic="social_assistance",
                         metric="spend", unit="EUR", part=LOWER_CASE)),
    YearTableRule(YearTable(caption=r"atbalsta\s+pasākumu\s+finanšu\s+izlietojums", topic="social_assistance",
                         metric="spend", unit="EUR", value_columns=r"EUR"),
               volumes=r"apjoms"),
    YearTableRule(YearTable(caption=r"sociālo\s+palīdzību.*Ukrainas\s+civiliedzīvotāj", topic="social_assistance",
                         metric="spend", unit="EUR", value_columns=r"EUR"),
               volumes=r"apjoms", target_group=r"Ukrainas\s+civiliedzīvotājiem"),
    YearTableRule(YearTable(caption=r"sociālo\s+pakalpojumu\s+nodrošināšanai", topic="budget", metric="spend",
                         unit="EUR")),
]

COUNT_LISTS = [
    SectionedCountList(caption=r"Avotiņ", section=r"kopā\s+saņ[eē]muši", topic="recipients", metric="persons",
                       unit="persons"),
]

# What a count printed in a cell counts, by the word that follows it: (word regex, metric, unit).
COUNTED = (
    (r"^mājsaimn", "households", "households"),
    (r"^(bērn|jdz)", "children", "persons"),
    (r"^ģimen", "families", "count"),
    (r"^apmeklēj", "visits", "visits"),
    (r"reiz", "uses", "count"),
    (r"^porc", "portions", "count"),
    (r"^pār", "couples", "count"),
    (r"dzīvokļ", "flats", "count"),
    (r"^(pers|senior|aizgādn)", "persons", "persons"),
)

# --------------------------------------------------------------------------- prose
# Patterns are written with tokens: {n} the printed number, {y} a year, {date} a day and month name,
# {q} a quotation mark, {d} a dash. A rule without {y} is dated by the report year, or, in an AS_OF group,
# by the date its context sentence gives.

_TOKENS = {
    "{n}": r"(?P<value>\d[\d ]*\d(?:[.,]\d+)?|\d(?:[.,]\d+)?)",
    "{y}": r"(?P<year>(?:19|20)\d\d)",
    "{date}": r"(?P<day>\d{1,2})\. (?P<month>[a-zāēīū]+)",
    "{q}": r"[\"“”„]",
    "{d}": r"[–—-]",
}


def rule(pattern: str, topic: str, metric: str, unit: str, category: str, **kw) -> Prose:
    return Prose(_expand(pattern), topic, metric, unit, category, **kw)


def _expand(pattern: str) -> str:
    for token, regex in _TOKENS.items():
        pattern = pattern.replace(token, regex)
    return pattern


def persons(pattern: str, category: str, **kw) -> Prose:
    return rule(pattern, "recipients", "persons", "persons", category, **kw)


def children(pattern: str, category: str, **kw) -> Prose:
    return rule(pattern, "recipients", "children", "persons", category, **kw)


def budget(pattern: str, category: str, **kw) -> Prose:
    return rule(pattern, "budget", "spend", "EUR", category, **kw)


def assistance(pattern: str, metric: str, category: str, **kw) -> Prose:
    unit = {"spend": "EUR", "households": "households", "threshold": "EUR"}.get(metric, "persons")
    return rule(pattern, "social_assistance", metric, unit, category, **kw)


def staff(pattern: str, metric: str, category: str, **kw) -> Prose:
    return rule(pattern, "staff", metric, "persons", category, **kw)


def care(pattern: str, metric: str, category: str, **kw) -> Prose:
    return rule(pattern, "care", metric, "count" if metric == "families" else "persons", category, **kw)


_SPECIALISTS = r"No iestādē nodarbinātajiem \d+ sociālā darba speciālistiem \((?P<basis>[^)]*)\)"
_SPECIALISTS_CAT = "sociālā darba speciālisti ({basis})"
_FAMILY_WORKERS = r"Sociālo darbu ar ģimenēm ar bērniem veic "
_FAMILY_WORKERS_CAT = "sociālie darbinieki ģimenēm ar bērniem"
_ASSISTANTS = r"Pakalpojuma nodrošināšanā "
_LEAVERS = r"{y}\. gadā darba tiesiskās attiecības iestādē izbeigt izvēlējās "
STAFF = [
    staff(r"{y}\. gadā iestādē tika nodarbināti {n} darbinieki", "employees", "iestādes darbinieki"),
    staff(r"Salīdzinot ar {y}\. gadu, būtiski ir mainījies sociālo darbinieku skaits {d} no {n} uz", "employees",
          "sociālie darbinieki"),
    staff(r"mainījies sociālo darbinieku skaits {d} no \d+ uz {n}", "employees", "sociālie darbinieki"),
    staff(r"No iestādē nodarbinātajiem {n} sociālā darba speciālistiem \((?P<basis>[^)]*)\)", "specialists",
          _SPECIALISTS_CAT),
    staff(_SPECIALISTS + r" atbilstoša augstākā izglītība ir iegūta {n} darbiniekiem", "specialists",
          _SPECIALISTS_CAT, subgroup="atbilstoša augstākā izglītība ir iegūta"),
    staff(_SPECIALISTS + r"[^.]*?, {n} sociālie darbinieki turpina studēt, lai iegūtu atbilstošu izglītību",
          "specialists", _SPECIALISTS_CAT, subgroup="turpina studēt, lai iegūtu atbilstošu izglītību"),
    staff(_SPECIALISTS + r"[^.]*?vēl {n} darbinieki studē, lai iegūtu augstāku izglītību", "specialists",
          _SPECIALISTS_CAT, subgroup="studē, lai iegūtu augstāku izglītību nekā nepieciešams"),
    staff(_LEAVERS + r"{n} nodarbinātie", "departures", "atbrīvotie darbinieki", subgroup="izbeigt izvēlējās"),
    staff(_LEAVERS + r"\d+ nodarbinātie no {n} kopumā atbrīvotajiem", "departures", "atbrīvotie darbinieki"),
    staff(_FAMILY_WORKERS + r"{n} sociālie darbinieki", "employees", _FAMILY_WORKERS_CAT),
    staff(_FAMILY_WORKERS + r"\d+ sociālie darbinieki ģimenēm ar bērniem, t\.sk\. {n} vecākie sociālie "
          r"darbinieki", "employees", _FAMILY_WORKERS_CAT, subgroup="vecākie sociālie darbinieki"),
    staff(_FAMILY_WORKERS + r"[^;]*? un {n} sociālie darbinieki darbam ar jauniešiem", "employees",
          _FAMILY_WORKERS_CAT, subgroup="sociālie darbinieki darbam ar jauniešiem"),
    staff(r"Sociālo darbu ar pilngadīgām personām veic {n} darbinieki", "employees",
          "darbinieki darbam ar pilngadīgām personām"),
    staff(r"Dienas centrā pakalpojumu nodrošina {n} darbinieki", "employees", "Dienas aprūpes centrs “Saime”"),
    staff(_ASSISTANTS + r"{y}\. gadā piedalījās {n} asistenti", "assistants", "asistenta pakalpojums"),
    staff(_ASSISTANTS + r"\d{4}\. gadā piedalījās \d+ asistenti, {y}\. gadā {n} asistenti", "assistants",
          "asistenta pakalpojums"),
]

# Population and poverty status are counted as of the date of the sentence that gives the population.
_POPULATION_DATE = r"uz {y}\. gada {date} Tukuma novadā iedzīvotāju skaits ir"
_POPULATION = r"Tukuma novadā iedzīvotāju skaits ir "
_POOR_CAT, _LOW_CAT = "par trūcīgām atzītas personas", "par maznodrošinātām atzītas personas"


def status_rules(status: str, metric: str, category: str) -> list[Prose]:
    """Persons and households of a status ("par trūcīgām atzītas 1403 personas jeb 884 mājsaimniecības"),
    and the persons by group in the sentence after ("Par trūcīgām atzītas 428 personas darbspējīgā ...")."""
    person_metric, by_group = f"{metric}_persons", status.capitalize()
    return [
        rule(_POPULATION + r".*?" + status + r"{n} personas", "population", person_metric, "persons", category),
        rule(_POPULATION + r".*?" + status + r"\d+ personas jeb {n} mājsaimniecības", "population",
             f"{metric}_households", "households", category.replace("personas", "mājsaimniecības")),
        *(rule(by_group + r"[^.]*?{n} (?P<group>" + group + ")", "population", person_metric, "persons", category,
               subgroup="{group}")
          for group in (r"personas darbspējīgā vecumā \([^)]*\)", r"personas pensijas vecumā \([^)]*\)",
                        r"pilngadīgas personas ar invaliditāti")),
        rule(by_group + r"[^.]*?(?:,| un) {n} bērn[si]\b", "population", person_metric, "persons", category,
             subgroup="bērni"),
    ]


POPULATION = [
    rule(_POPULATION + r"{n} personas", "population", "residents", "persons", "iedzīvotāju skaits"),
    # The residents who declared their address are a part of the residents, not a rival total.
    rule(_POPULATION + r"[\d ]+ personas \((?P<part>deklarējušas savu dzīvesvietu) {n} personas", "population",
         "residents", "persons", "iedzīvotāju skaits", subgroup="{part}"),
    *status_rules("par trūcīgām atzītas ", "poor", _POOR_CAT),
    *status_rules("par maznodrošinātām atzītas ", "low_income", _LOW_CAT),
]

_FIRST, _OTHERS = "pirmajai vai vienīgajai personai mājsaimniecībā", "pārējām personām mājsaimniecībā"
_AND_OTHERS = r"\S+ euro pirmajai vai vienīgajai personai mājsaimniecībā un {n} euro pārējām"
_THRESHOLDS = r"{y}\. gadā trūcīgas mājsaimniecības ienākumu slieksnis bija "
_LOW_THRESHOLD = _THRESHOLDS + r"[^.]*?maznodrošinātas mājsaimniecības ienākumu slieksnis "
_GMI_THRESHOLD = r"{y}\. gadā garantētais minimālais ienākumu slieksnis bija {d} "
_POOR_LINE = "trūcīgas mājsaimniecības ienākumu slieksnis"
_LOW_LINE = "maznodrošinātas mājsaimniecības ienākumu slieksnis"
_GMI_LINE = "garantētais minimālais ienākumu slieksnis"
THRESHOLDS = [
    assistance(_THRESHOLDS + r"{n} euro pirmajai", "threshold", _POOR_LINE, subgroup=_FIRST),
    assistance(_THRESHOLDS + _AND_OTHERS, "threshold", _POOR_LINE, subgroup=_OTHERS),
    assistance(_LOW_THRESHOLD + r"{n} euro pirmajai", "threshold", _LOW_LINE, subgroup=_FIRST),
    assistance(_LOW_THRESHOLD + _AND_OTHERS, "threshold", _LOW_LINE, subgroup=_OTHERS),
    assistance(_GMI_THRESHOLD + r"{n} euro pirmajai", "threshold", _GMI_LINE, subgroup=_FIRST),
    assistance(_GMI_THRESHOLD + _AND_OTHERS, "threshold", _GMI_LINE, subgroup=_OTHERS),
]

# Benefit figures in the text use the row labels of table 3.1 / 3.2 as category, so that a figure given
# in both places is checked for agreement.
_ALL = "Sociālā palīdzība"
_GMI = "Pabalsts garantētā minimālā ienākuma nodrošināšanai"
_HOUSING = "Mājokļa pabalsts"
_SEPARATE = "Pabalsts atsevišķu izdevumu apmaksai"
_CRISIS = "Pabalsts krīzes situācijā"
_ORPHANS = "Sociālās garantijas bāreņiem un audžuģimenēm"
# ... and what it pays to care leavers (bāreņi after out-of-family care)
_START_OF_LIFE = "vienreizējs pabalsts patstāvīgas dzīves uzsākšanai"
_HOUSEHOLD_ITEMS = "vienreizējs pabalsts sadzīves priekšmetu un mīkstā inventāra iegādei"
_CARE_LEAVERS_HOUSING = "mājokļa pabalsts bārenim pēc ārpusģimenes aprūpes beigšanās"
_STUDYING = "ikmēneša izdevumu segšana, ja persona turpina mācības"
# 3.4. tabula's names of the GMI and housing benefits paid to Ukrainian civilians
_UKRAINIAN_GMI = "Garantētā minimālā ienākuma (GMI) pabalsts"
_UKRAINIAN_HOUSING = "Mājokļa pabalsts mājsaimniecībai no Ukrainas ar īres līgumu"
_CARE_LEAVERS = "pabalsts bārenim un bez vecāku gādības palikušam bērnam pēc ārpusģimenes aprūpes beigšanās"
_SCHOOL_THINGS = "Pabalsts mācību grāmatām, kancelejas precēm"
_RECEIVED = r"Pabalstus saņēmuši "
_AGES = r"Vislielākais pabalstu saņēmēju īpatsvars ir "
_WORKING_AGE = "personas darbspējīgā vecumā"
_HOUSING_GROUPS = r"Mājokļa pabalstu saņ[eē]mušas \d+ mājsaimniecības {d} \d+ personas {d} "
SOCIAL_ASSISTANCE = [
    assistance(r"Sociālai palīdzībai pārskata periodā izlietoti {n} euro", "spend", _ALL),
    assistance(r"Sociālo palīdzību kopā saņēmušas {n} mājsaimniecības", "households", _ALL),
    assistance(r"Sociālo palīdzību kopā saņēmušas \d+ mājsaimniecības {d} {n} personas", "persons", _ALL),
    assistance(_RECEIVED + r"{n} vīrieši", "persons", _ALL, subgroup="vīrieši"),
    assistance(_RECEIVED + r"\d+ vīrieši, {n} sievietes?", "persons", _ALL, subgroup="sievietes"),
    assistance(_RECEIVED + r"\d+ vīrieši, \d+ sievietes? un {n} bērni", "persons", _ALL, subgroup="bērni"),
    assistance(_AGES + r"personas pensijas vecumā {d} {n} personas", "persons", _ALL,
               subgroup="personas pensijas vecumā"),
    assistance(_AGES + r"[^.]*?personas darbspējīgā vecumā {d} {n} personas", "persons", _ALL,
               subgroup=_WORKING_AGE),
    assistance(_AGES + r"[^.]*?no tām strādājošas {n}", "persons", _ALL,
               subgroup=_WORKING_AGE + ": strādājošas"),
    assistance(_AGES + r"[^.]*?nestrādājošas {n}", "persons", _ALL, subgroup=_WORKING_AGE + ": nestrādājošas"),
    assistance(_AGES + r"[^.]*? un {n} personas bērna kopšanas atvaļinājumā", "persons", _ALL,
               subgroup=_WORKING_AGE + ": bērna kopšanas atvaļinājumā"),
    assistance(_AGES + r"[^.]*?pilngadīgas personas ar invaliditāti {d} {n} personas", "persons", _ALL,
               subgroup="pilngadīgas personas ar invaliditāti"),

    assistance(r"GMI pabalstam {y}\. gadā izlietoti {n} euro", "spend", _GMI),
    assistance(r"GMI pabalstam {y}\. gadā izlietoti [\d ,]+ euro, no tiem {n} euro izmaksāti Ukrainas", "spend",
               _GMI, subgroup=UKRAINIANS),
    assistance(r"GMI pabalstu {y}\. gadā saņ[eē]mušas {n} mājsaimniecīb", "households", _GMI),
    assistance(r"GMI pabalstu {y}\. gadā saņ[eē]mušas \d+ mājsaimniecīb\w* {d} {n} personas", "persons", _GMI),
    rule(r"Vidējais GMI pabalsta lielums vienai personai gadā {d} {n} euro", "social_assistance", "average_benefit",
         "EUR", _GMI, subgroup="vienai personai gadā"),
    rule(r"Vidējais GMI pabalsta lielums [^.]*?vidēji vienai personai {n} euro mēnesī", "social_assistance",
         "average_benefit", "EUR", _GMI, subgroup="vienai personai mēnesī"),

    assistance(r"Kopā mājokļa pabalstam {y}\. gadā izlietoti {n} euro", "spend", _HOUSING),
    assistance(r"Kopā mājokļa pabalstam {y}\. gadā izlietoti [\d ,]+ euro, no tiem {n} euro Ukrainas", "spend",
               _HOUSING, subgroup=UKRAINIANS),
    assistance(r"Mājokļa pabalstu saņ[eē]mušas {n} mājsaimniecības", "households", _HOUSING),
    assistance(r"Mājokļa pabalstu saņ[eē]mušas \d+ mājsaimniecības {d} {n} personas", "persons", _HOUSING),
    assistance(_HOUSING_GROUPS + r"{n} personas? pensijas vecumā", "persons", _HOUSING,
               subgroup="personas pensijas vecumā"),
    assistance(_HOUSING_GROUPS + r"[^.]*?, {n} personas? darbspējīgā vecumā", "persons", _HOUSING,
               subgroup=_WORKING_AGE),
    assistance(_HOUSING_GROUPS + r"[^.]*?, {n} pilngadīgas personas ar invaliditāti", "persons", _HOUSING,
               subgroup="pilngadīgas personas ar invaliditāti"),
    assistance(_HOUSING_GROUPS + r"[^.]*? un {n} bērni", "persons", _HOUSING, subgroup="bērni"),

    assistance(r"Pabalstam atsevišķu izdevumu segšanai {y}\. gadā izlietoti {n} euro", "spend", _SEPARATE),
    assistance(r"Pabalstam atsevišķu izdevumu segšanai {y}\. gadā izlietoti [\d ,]+ euro, no tiem {n} euro "
               r"Ukrainas", "spend", _SEPARATE, subgroup=UKRAINIANS),
    assistance(r"Pabalstu saņ[eē]mušas {n} mājsaimniecības {d} \d+ personas, no tām ar veselības", "households",
               _SEPARATE),
    assistance(r"Pabalstu saņ[eē]mušas \d+ mājsaimniecības {d} {n} personas, no tām ar veselības", "persons",
               _SEPARATE),
    assistance(r"no tām ar veselības aprūpi saistītu izdevumu segšanai {d} {n} personas", "persons", _SEPARATE,
               subgroup="ar veselības aprūpi saistītu izdevumu segšanai"),
    assistance(r"{n} personas saņ[eē]mušas ar izglītību saistītu izdevumu apmaksai", "persons", _SEPARATE,
               subgroup="ar izglītību saistītu izdevumu apmaksai"),
    assistance(r"{n} personas citu izdevumu apmaksai", "persons", _SEPARATE, subgroup="citu izdevumu apmaksai"),

    assistance(r"Pabalstam krīzes situācijā {y}\. gadā izlietoti {n} euro", "spend", _CRISIS),
    assistance(r"Pabalstam krīzes situācijā {y}\. gadā izlietoti [\d ,]+ euro, no tiem {n} euro Ukrainas", "spend",
               _CRISIS, subgroup=UKRAINIANS),
    assistance(r"{y}\. gadā pabalsts krīzes situācijā izmaksāts {n} mājsaimniecībām", "households", _CRISIS),
    assistance(r"{y}\. gadā pabalsts krīzes situācijā izmaksāts \d+ mājsaimniecībām {d} {n} personām",
               "persons", _CRISIS),

    assistance(r"sociālās garantijas bāreņiem un audžuģimenēm pārskata gadā izmaksātas {n} euro", "spend",
               _ORPHANS),
    assistance(r"vienreizējam pabalstam patstāvīgas dzīves uzsākšanai izlietoti {n} euro", "spend",
               _START_OF_LIFE),
    assistance(r"vienreizējs pabalsts sadzīves priekšmetu un mīkstā inventāra iegādei {n} euro", "spend",
               _HOUSEHOLD_ITEMS),
    assistance(r"mājokļa pabalstam izlietoti {n} euro \d+ bērniem", "spend", _CARE_LEAVERS_HOUSING),
    assistance(r"ikmēneša izdevumu segšanai, ja persona turpina mācības, izlietoti {n} euro", "spend", _STUDYING),
]

_FOSTER_MONTHLY = "ikmēneša pabalsts bērna uzturam audžuģimenei"
_FOSTER_CLOTHES = "pabalsts apģērba un mīkstā inventāra iegādei audžuģimenei"
_BJC = "Bērnu un jauniešu centrs “Sapņi”"
_IN_FOSTER_CARE = "bērni aprūpē audžuģimenēs"
_FOSTERED = r"ikmēneša pabalsts bērna uzturam izmaksāts "
_CLOTHED = r"pabalsts apģērba un mīkstā inventāra iegādei "
_ADULT_CARE = "ilgstošās sociālās aprūpes un sociālās rehabilitācijas pakalpojums pilngadīgām personām"
_STATE_CARE = ("valsts apmaksāts ilgstošas sociālās aprūpes un sociālās rehabilitācijas institūcijas "
               "pakalpojums")
CARE = [
    care(r"{y}\. gadā audžuģimenēs ievietoti {n} bērni", "children", "audžuģimenēs ievietoti bērni"),
    care(r"Pārskata gada laikā pavisam {n} bērni saņēmuši aprūpi", "children", _IN_FOSTER_CARE),
    care(r"bērni saņēmuši aprūpi {n} audžuģimenēs", "families", _IN_FOSTER_CARE, subgroup="audžuģimenes"),
    care(r"aizbildnībā ir {n} bērni", "children", "bērni aizbildnībā"),
    care(_FOSTERED + r"{n} audžuģimenēm", "families", _FOSTER_MONTHLY),
    care(_FOSTERED + r"\d+ audžuģimenēm par {n} bērn", "children", _FOSTER_MONTHLY),
    care(_CLOTHED + r"{n} ģimenēm", "families", _FOSTER_CLOTHES),
    care(_CLOTHED + r"\d+ ģimenēm par {n} bērniem", "children", _FOSTER_CLOTHES),
    care(r"patstāvīgas dzīves uzsākšanai izlietoti [\d ,]+ euro {d} {n} bērniem", "children", _START_OF_LIFE),
    # The same benefits counted again in the section on out-of-family care.
    care(r"{n} jaunieši saņēma vienreizēju pabalstu patstāvīgas dzīves uzsākšanai", "children", _START_OF_LIFE),
    care(r"{n} personas saņem ikmēneša pabalstu pilngadību sasnieg\w+ bāreņiem", "children", _STUDYING),
    care(r"sadzīves priekšmetu un mīkstā inventāra iegādei [\d ,]+ euro {d} {n} bērniem", "children",
         _HOUSEHOLD_ITEMS),
    care(r"mājokļa pabalstam izlietoti [\d ,]+ euro {n} bērniem", "children", _CARE_LEAVERS_HOUSING),
    care(r"ja persona turpina mācības, izlietoti [\d ,]+ euro {d} {n} bērniem", "children", _STUDYING),
    care(r"ilgstošas sociālās aprūpes un sociālās rehabilitācijas pakalpojumu saņēma {n} bērni Bērnu un "
         r"jauniešu centrā", "children", _BJC),
    care(r"{y}\. gadā BJC {q}Sapņi{q} dzīvoja {n} bērni", "children", _BJC),
    care(r"Valsts sociālās aprūpes centrā {q}Rīga{q} dažādās filiālēs {d} {n} bērni", "children",
         "Valsts sociālās aprūpes centrs “Rīga”"),
    care(r"vajadzība pēc ilgstošā sociālās aprūpes un sociālās rehabilitācijas pakalpojuma tika "
         r"nodrošināta {n} personām", "persons", _ADULT_CARE),
    care(r"sociālās aprūpes centrā {q}Rauda{q} saņēmušas vidēji {n} personas mēnesī", "persons",
         "SAC “Rauda”", subgroup="vidēji mēnesī"),
    care(r"{q}Irlavas Sarkanā Krusta slimnīca{q} saņēmušas vidēji {n} personas mēnesī", "persons",
         "SIA “Irlavas Sarkanā Krusta slimnīca”", subgroup="vidēji mēnesī"),
    care(r"Valsts apmaksāts ilgstošas sociālās aprūpes un sociālās rehabilitācijas institūcijas pakalpojums "
         r"piešķirts {n} personām", "persons", _STATE_CARE),
]

_FAMILY_CASES = "ģimenes gadījumu vadīšanas un ģimenes atbalsta lietas"
_JUVENILE_CASES = "nepilngadīgo profilakses lietas"
CASELOAD = [
    rule(r"Pārskata periodā bija aktīvas {n} ģimenes gadījumu vadīšanas un ģimenes atbalsta lietas", "caseload",
         "active_cases", "cases", _FAMILY_CASES),
    children(r"ģimenes atbalsta lietas, kurās ir {n} bērni", _FAMILY_CASES),
    persons(r"ģimenes atbalsta lietas, kurās ir \d+ bērni un {n} pieaugu", _FAMILY_CASES, subgroup="pieaugušie"),
    rule(r"Pārskata periodā iekārtotas {n} nepilngadīgo profilakses lietas", "caseload", "new_cases", "cases",
         _JUVENILE_CASES),
    rule(r"Pārskata periodā bijušas aktīvas {n} nepilngadīgo profilakses lietas", "caseload", "active_cases",
         "cases", _JUVENILE_CASES),
]
_YEAR_END_DATE = r"Uz {y}\. gada {date} aktīvas bija \d+ nepilngadīgo profilakses lietas"
YEAR_END_CASES = [
    rule(r"Uz \d{4}\. gada \d{1,2}\. \w+ aktīvas bija {n} nepilngadīgo profilakses lietas", "caseload",
         "active_cases", "cases", _JUVENILE_CASES),
]

_VIOLENCE = r"Valsts apmaksātu sociālo rehabilitāciju vardarbībā cietušām pilngadīgām personām "
_VIOLENCE_CAT = "valsts apmaksāta sociālā rehabilitācija vardarbībā cietušām pilngadīgām personām"
_CHILD_VICTIMS = "sociālā rehabilitācija bērniem, kuri cietuši no prettiesiskām darbībām"
_YOUTH = "jauniešu sociālās rehabilitācijas un atbalsta programma"
_PSYCHOLOGIST = r"Pārskata periodā psihologa konsultācijas saņēmušas "
_PSYCHOLOGIST_CAT = "psihologa konsultācijas"
_HOME_CARE = "aprūpe mājās"
_ASSISTED = r"Valsts atbalstīto asistenta pakalpojumu Tukuma novadā "
SOCIAL_WORK = [
    persons(_VIOLENCE + r"dzīvesvietā saņēma {n} personas", _VIOLENCE_CAT, subgroup="dzīvesvietā"),
    persons(_VIOLENCE + r"dzīvesvietā saņēma \d+ personas, institūcijā/krīzes centrā {d} {n} personas",
            _VIOLENCE_CAT, subgroup="institūcijā/krīzes centrā"),
    persons(_VIOLENCE + r"[^.]*? {n} personas saņēma valsts apmaksātu sociālo rehabilitāciju vardarbīgas "
            r"uzvedības", "valsts apmaksāta sociālā rehabilitācija vardarbīgas uzvedības mazināšanai"),
    children(r"{n} bērniem, kuri cietuši no prettiesiskām darbībām, sociālās rehabilitācijas pakalpojums tika "
             r"nodrošināts dzīvesvietā", _CHILD_VICTIMS, subgroup="dzīvesvietā"),
    children(r"tika nodrošināts dzīvesvietā, {n} bērniem sociālās rehabilitācijas pakalpojums tika "
             r"nodrošināts institūcijā", _CHILD_VICTIMS, subgroup="institūcijā – krīzes centrā"),
    rule(r"Pārskata periodā pakalpojums sniegt?s {n} ģimenēm vai jauniešiem", "recipients", "families", "count",
         "ģimenes asistenta pakalpojums", subgroup="ģimenes vai jaunieši"),
    persons(r"turpinājās (?P<months>\d+ mēnešu) jauniešu sociālās rehabilitācijas.*?Šajā programmas posmā "
            r"piedalījās {n} jaunieši", _YOUTH, subgroup="{months}"),
    persons(r"tika uzsākta jauna (?P<months>\d+ mēnešu) Jauniešu sociālās rehabilitācijas un atbalsta "
            r"programma, kurā piedalījās {n} jaunieši", _YOUTH, subgroup="{months}"),
    persons(r"Pārskata periodā mentora pakalpojumu saņēma {n} jaunieši", "mentora pakalpojums jauniešiem"),
    persons(_PSYCHOLOGIST + r"{n} personas", _PSYCHOLOGIST_CAT),
    persons(_PSYCHOLOGIST + r"\d+ personas, tai skaitā {n} pilngadīgas personas", _PSYCHOLOGIST_CAT,
            subgroup="pilngadīgas personas"),
    children(_PSYCHOLOGIST + r"\d+ personas, tai skaitā \d+ pilngadīgas personas un {n} bērni", _PSYCHOLOGIST_CAT),
    rule(r"{y}\. gadā ir reģistrēti {n} iesniegumi ikdienā veicamo darbību un vides novērtējuma anketām",
         "documents", "documents", "documents", "iesniegumi ikdienā veicamo darbību un vides novērtējuma anketām"),
    persons(r"{y}\. gadā aprūpes mājās pakalpojumu saņēmušas {n} personas", _HOME_CARE),
    persons(r"(?P<level>\d\. līmeņa aprūpe \([^)]*\)) {d} {n} personas", _HOME_CARE, subgroup="{level}", every=True),
    persons(r"{q}Drošības poga{q} pakalpojumu {d} {n} personas", "Drošības pogas pakalpojums"),
    persons(r"Specializētais transports izmantots {n} klientiem", "specializētais transports"),
    persons(_ASSISTED + r"{y}\. gadā saņēmuši {n} klienti", "asistenta pakalpojums"),
    persons(_ASSISTED + r"\d{4}\. gadā saņēmuši \d+ klienti, {y}\. gadā {n} klienti", "asistenta pakalpojums"),
]


def _centre(anchor: str, category: str, territory: str,
            figures: list[tuple[str, str, str, str | None]]) -> list[Prose]:
    """Rules for one community centre, whose paragraph starts with `anchor`; each figure is (pattern
    further on in the paragraph, metric, unit, subgroup)."""
    return [rule(anchor + r".*?" + pattern, "recipients", metric, unit, category, territory=territory, subgroup=sub)
            for pattern, metric, unit, sub in figures]


_DZUKSTE_CENTRE = "Džūkstes kopienas centrs “Tev”"
COMMUNITY_CENTRES = [
    *_centre(r"Irlavas kopienas centrā", "Irlavas kopienas centrs “Dzintariņi”", "Irlava", [
        (r"kopienas centrs ikdienā apmeklēts {n} reizes", "visits", "visits", None),
        (r"kopienas centrs ikdienā apmeklēts \d+ reizes \({y}\. gadā {d} {n} reizes", "visits", "visits", None),
        (r"Dušas pakalpojums izmantots {n} reizes", "uses", "count", "dušas pakalpojums"),
    ]),
    *_centre(r"Džūkstes kopienas centrā", _DZUKSTE_CENTRE, "Džūkste", [
        (r"{y}\. gadā kopienas centrs apmeklēts {n} reizes", "visits", "visits", None),
        (r"Salīdzinot ar {y}\. gadu, kad kopienas centru apmeklējums bija {n} reizes", "visits", "visits", None),
        (r"skaits ir audzis par {n} apmeklējumiem", "change", "visits", None),
        (r"veļas mazgāšana, kura izmantota {n} reizes", "uses", "count", "veļas mazgāšana"),
        (r"dušas pakalpojums, kurš izmantots {n} reizes", "uses", "count", "dušas pakalpojums"),
    ]),
    *_centre(r"Sēmes kopienas centru {q}Mūsmājas{q}", "Sēmes kopienas centrs “Mūsmājas”", "Sēme", [
        (r"apmeklējums {n} reiz", "visits", "visits", None),
        (r"dušas pakalpojums izmantots {n} reizes", "uses", "count", "dušas pakalpojums"),
        (r"veļas mazgāšanas pakalpojums {n} reizes", "uses", "count", "veļas mazgāšana"),
    ]),
    *_centre(r"Lestenes kopienas centru", "Lestenes kopienas centrs “Saulstari”", "Lestene", [
        (r"kopienu centru apmeklējuši {n} bērni", "children", "persons", None),
        (r"kopienu centru apmeklējuši \d+ bērni un {n} pilngadīgas personas", "persons", "persons",
         "pilngadīgas personas"),
        (r"veļas mazgāšanas pakalpojums, kurš izmantots {n} reizes", "uses", "count", "veļas mazgāšana"),
    ]),
    *_centre(r"Kandavas kopienas centrā", "Kandavas kopienas centrs", "Kandavas pilsēta", [
        (r"veļa mazgāta {n} reizes", "uses", "count", "veļas mazgāšana"),
        (r"duša izmantotas? {n} reizes", "uses", "count", "dušas pakalpojums"),
    ]),
    budget(r"Kandavas kopienas centrā tiek nodrošināta.*?{y}\. gada budžeta izpilde {n} euro",
           "Kandavas kopienas centrs", territory="Kandavas pilsēta"),
]

_SAIME, _SAIMITE = "Dienas aprūpes centrs “Saime”", "Dienas aprūpes centrs “Saimīte”"
_RITI, _SAULESPUKE = "Dienas aprūpes centrs “Rīti”", "Dienas aprūpes centrs “Saulespuķe”"
_DAY_CENTRE_GRT = r"{q}Saulespuķe{q} nodrošina [^.]*\. "
_SHELTER = "Patversme ģimenēm ar bērniem"
_SHELTERED = r"{y}\. gadā patversmes pakalpojumu saņēma "
_TUKUMS_SHELTER = r"Patversmes pakalpojumu Tukuma patversmē "
_SUPPORT_FLATS = "Atbalsta dzīvokļi"
_HOUSED = r"sociālās rehabilitācijas pakalpojumu ar izmitināšanu izmantoja "
_PSYCHOSOCIAL = r"Pārskata periodā psihosociālās konsultācijas saņēmušas "
_ALL_GROUP_HOMES = "grupu mājas/dzīvokļa pakalpojums"
_GROUP_HOMES = ("Grupu dzīvoklis “Mežrozītes”", "Grupu māja “Lodes”", "Grupu dzīvoklis Celtnieku ielā 3",
                "Grupu māja “Laipas”")
SERVICES = [
    persons(r"{y}\. gadā sociālās aprūpes un sociālās rehabilitācijas pakalpojumu saņēma {n} personas ar "
            r"invaliditāti", _SAIME),
    persons(r"pakalpojumu saņēma \d+ personas ar invaliditāti \({n} sievietes", _SAIME, subgroup="sievietes"),
    persons(r"pakalpojumu saņēma \d+ personas ar invaliditāti \(\d+ sievietes un {n} vīrie", _SAIME,
            subgroup="vīrieši"),
    children(r"{y}\. gadā Dienas aprūpes centrā {q}Saimīte{q} pakalpojumu saņēma {n} bērni", _SAIMITE),
    children(r"Saimīte{q} pakalpojumu saņēma \d+ bērni, no kuriem {n} bērni ir ar invaliditāti", _SAIMITE,
             subgroup="ar invaliditāti"),
    children(r"Dienas centra pakalpojumu saņēma {n} meitenes", _SAIMITE, subgroup="meitenes"),
    children(r"Dienas centra pakalpojumu saņēma \d+ meitenes un {n} zēni", _SAIMITE, subgroup="zēni"),
    persons(r"{y}\. gadā Dienas aprūpes centra pakalpojumu saņēma {n} [^,.]*?seniori", _RITI),
    persons(r"seniori, no tiem {n} sievietes", _RITI, subgroup="sievietes"),
    persons(r"seniori, no tiem \d+ sievietes un {n} vīrieši", _RITI, subgroup="vīrieši"),
    persons(r"seniori, no tiem [^.]*?tai skaitā {n} personas ar invaliditāti", _RITI,
            subgroup="personas ar invaliditāti"),
    persons(_DAY_CENTRE_GRT + r"{y}\. gadā pakalpojumu saņēma {n} personas", _SAULESPUKE),
    persons(_DAY_CENTRE_GRT + r"\d{4}\. gadā pakalpojumu saņēma \d+ personas \({n} vīrieši", _SAULESPUKE,
            subgroup="vīrieši"),
    persons(_DAY_CENTRE_GRT + r"\d{4}\. gadā pakalpojumu saņēma \d+ personas \(\d+ vīrieši un {n} sievietes",
            _SAULESPUKE, subgroup="sievietes"),
    persons(_SHELTERED + r"{n} personas", _SHELTER),
    persons(_SHELTERED + r"\d+ personas: {n} pilngadīgā persona", _SHELTER, subgroup="pilngadīgā persona"),
    rule(_SHELTERED + r"\d+ personas: \d+ pilngadīgā persona un {n} ģimenes", "recipients", "families", "count",
         _SHELTER),
    persons(_SHELTERED + r"[^.]*?ģimenes, kurās {n} pilngadīgas personas", _SHELTER,
            subgroup="pilngadīgas personas ģimenēs"),
    children(_SHELTERED + r"[^.]*?pilngadīgas personas un {n} nepilngadīgi bērni", _SHELTER),
    rule(_HOUSED + r"{n} ģimenes", "recipients", "families", "count", _SUPPORT_FLATS),
    persons(_HOUSED + r"\d+ ģimenes \({n} pilngadīgās personas", _SUPPORT_FLATS,
            subgroup="pilngadīgās personas ģimenēs"),
    children(_HOUSED + r"\d+ ģimenes \(\d+ pilngadīgās personas un {n} bērni", _SUPPORT_FLATS),
    persons(r"Atkarības speciālista pakalpojums\..*?Pārskata periodā pakalpojumu saņēma {n} person",
            "atkarības speciālista pakalpojums"),
    persons(_PSYCHOSOCIAL + r"{n} personas", "psihosociālā konsultēšana"),
    persons(_PSYCHOSOCIAL + r"\d+ personas, tajā skaitā {n} nepilngadīgas personas", "psihosociālā konsultēšana",
            subgroup="nepilngadīgas personas"),
    rule(_PSYCHOSOCIAL + r"[^.]*?kopā {n} konsultācijas", "recipients", "consultations", "count",
         "psihosociālā konsultēšana"),
    children(r"{y}\. gadā aprūpes mājas pakalpojumu saņēma {n} bērn",
             "Centrs “Avotiņš”: aprūpes mājas pakalpojums"),
    children(r"{y}\. gadā Atelpas brīža pakalpojumu saņēmis {n} bērn",
             "Centrs “Avotiņš”: atelpas brīža pakalpojums"),
    persons(r"Līdz {y}\. gada \d{1,2}\. \w+ Specializētās darbnīcas pakalpojums tika piešķirts {n} personām",
            "Specializētās darbnīcas “Melnezers”"),
    persons(r"grupu dzīvokļa pakalpojums Tukuma novadā ir bijis pieprasīts[^)]*?pakalpojumu saņēmusi {n} person",
            _ALL_GROUP_HOMES),
    persons(r"{y}\. gadā {n} klientiem sni\w+ grupu dzīvokļa pakalpojums Irlavas pagasta {q}Mežrozītēs",
            _GROUP_HOMES[0]),
    persons(r"{y}\. gadā {q}Lodēs{q} grupu mājas pakalpojumu saņēma {n} personas", _GROUP_HOMES[1]),
    persons(r"{y}\. gadā grupu dzīvokļa pakalpojumu Celtnieku ielā 3, Tukumā, saņēma {n} personas",
            _GROUP_HOMES[2]),
    persons(r"Jaunajā grupu mājā pakalpojumu saņēmušas {n} personas", _GROUP_HOMES[3]),
    persons(_TUKUMS_SHELTER + r"{y}\. gadā saņēma {n} personas", "Tukuma patversme"),
    persons(_TUKUMS_SHELTER + r"\d{4}\. gadā saņēma \d+ personas \(mēnesī vidēji {n} personas",
            "Tukuma patversme", subgroup="mēnesī vidēji"),
    persons(r"{y}\. gadā Kandavas pansijas pakalpojumu saņēma {n} personas", "Kandavas pansija"),
]

# Each unit's "budžeta izpilde" sentence; the category is the unit's row label in table 4.1, so that the
# two prints of one sum are checked for agreement.
_EXECUTED = r"{y}\. gada budžeta izpilde(?: ir| {d})? {n} euro"
_ASSISTANCE_SPEND = r"Asistentu pakalpojumu nodrošināšanai "
BUDGET = [
    rule(r"{y}\. gada sākumā ieņēmumu plāns ir {n} euro", "budget", "funding", "EUR", "ieņēmumu plāns"),
    rule(r"{y}\. gada sākumā ieņēmumu plāns ir [\d ]+ euro\. Izpilde ir {n} euro", "budget", "funding", "EUR",
         "ieņēmumu izpilde"),
    rule(r"Lielākais īpatsvars {n} ?% ieņēmumus sastāda valsts mērķdotācijas", "budget", "share", "percent",
         "valsts mērķdotācijas"),
    budget(_ASSISTANCE_SPEND + r"{y}\. gadā izlietoti {n} euro", "asistenta pakalpojums"),
    budget(_ASSISTANCE_SPEND + r"\d{4}\. gadā izlietoti [\d ,]+ euro\. {y}\. gadā tas bija {n} euro",
           "asistenta pakalpojums"),
    budget(r"ergoterapeita pakalpojums\. {y}\. gadā par saņemto pakalpojumu ir samaksāti {n} euro",
           "ergoterapeita pakalpojums (ikdienas aktivitāšu un vides novērtējums)"),
    budget(r"Dienas aprūpes centra {q}Saime{q} " + _EXECUTED, _SAIME),
    budget(r"Dienas aprūpes centra {q}Saimīte{q} " + _EXECUTED, _SAIMITE),
    budget(r"Dienas aprūpes centru {q}Rīti{q} un {q}Saulespuķe{q} " + _EXECUTED,
           "Dienas aprūpes centrs “Rīti” un “Saulespuķe”"),
    budget(r"{y}\. gada patversmes budžeta izpilde {n} euro", _SHELTER),
    budget(r"Atbalsta dzīvokļu " + _EXECUTED, _SUPPORT_FLATS),
    budget(r"Konsultatīvā darba " + _EXECUTED, "Konsultatīvais darbs"),
    budget(r"Centra {q}Avotiņš{q} " + _EXECUTED, "Centrs “Avotiņš”"),
    budget(r"Specializēto darbnīcu pakalpojumu nodrošina [^.]*\. " + _EXECUTED,
           "Specializētās darbnīcas “Melnezers”"),
    budget(r"Grupu mājas {q}Mežrozītes{q} " + _EXECUTED, "Grupu dzīvokļi “Mežrozītes”"),
    budget(r"Grupu mājas {q}Lodes{q} " + _EXECUTED, "Grupu māja “Lodes”"),
    budget(r"Grupu dzīvokļa Celtnieku ielā 3, Tukumā, " + _EXECUTED, "Grupu dzīvokļi Celtnieku ielā 3"),
    budget(r"Grupu mājas {q}Laipas{q} " + _EXECUTED, "Grupu māja “Laipas”"),
    budget(r"Tukuma patversmes " + _EXECUTED, "Tukuma patversme"),
    budget(r"Kandavas pansijas " + _EXECUTED, "Kandavas pansija"),
    budget(r"{y}\. gadā BJC {q}Sapņi{q} budžeta izpilde {n} euro", "BJC “Sapņi”"),
]

PROSE = STAFF + THRESHOLDS + SOCIAL_ASSISTANCE + CARE + CASELOAD + SOCIAL_WORK + COMMUNITY_CENTRES + SERVICES + BUDGET
# Rules dated by a context sentence that gives a date: (its pattern, the rules).
AS_OF = ((_POPULATION_DATE, POPULATION), (_YEAR_END_DATE, YEAR_END_CASES))


def breakdown(metric: str, category: str, parts: tuple[str, ...], total: str | None = None) -> SumCheck:
    """A total the text gives with a full breakdown by subgroup."""
    return SumCheck(tuple(Pick(metric, category, part) for part in parts), Pick(metric, category, total))


_BY_AGE = ("personas pensijas vecumā", _WORKING_AGE, "pilngadīgas personas ar invaliditāti", "bērni")
# Totals the text breaks down completely: where the parts do not add up, the total is flagged.
CHECKS = (
    breakdown("persons", _ALL, ("vīrieši", "sievietes", "bērni")),
    breakdown("persons", _ALL, _BY_AGE),
    breakdown("persons", _ALL, tuple(f"{_WORKING_AGE}: {part}" for part in
                                     ("strādājošas", "nestrādājošas", "bērna kopšanas atvaļinājumā")),
              total=_WORKING_AGE),
    breakdown("persons", _HOUSING, _BY_AGE),
    breakdown("persons", _SAIME, ("sievietes", "vīrieši")),
    breakdown("children", _SAIMITE, ("meitenes", "zēni")),
    breakdown("persons", _RITI, ("sievietes", "vīrieši")),
    breakdown("persons", _SAULESPUKE, ("vīrieši", "sievietes")),
    # persons in the shelter: the adult alone, the adults in families and the children
    SumCheck((Pick("persons", _SHELTER, "pilngadīgā persona"),
              Pick("persons", _SHELTER, "pilngadīgas personas ģimenēs"), Pick("children", _SHELTER)),
             Pick("persons", _SHELTER)),
    SumCheck((Pick("persons", _PSYCHOLOGIST_CAT, "pilngadīgas personas"), Pick("children", _PSYCHOLOGIST_CAT)),
             Pick("persons", _PSYCHOLOGIST_CAT)),
    SumCheck(tuple(Pick("persons", home) for home in _GROUP_HOMES), Pick("persons", _ALL_GROUP_HOMES)),
    # The text's totals against the tables' rows: social assistance (3.1. tabula), the benefits to care
    # leavers (3.2. tabula) and the separate expenses paid to Ukrainian civilians (3.4. tabula).
    SumCheck(tuple(Pick("spend", kind) for kind in (_GMI, _HOUSING, _SEPARATE, _CRISIS)), Pick("spend", _ALL)),
    SumCheck(tuple(Pick("spend", kind) for kind in (_START_OF_LIFE, _HOUSEHOLD_ITEMS, _CARE_LEAVERS_HOUSING,
                                                    _STUDYING)), Pick("spend", _CARE_LEAVERS)),
    SumCheck(tuple(Pick("spend", kind, UKRAINIANS) for kind in ("Veselības aprūpei", _SCHOOL_THINGS)),
             Pick("spend", _SEPARATE, UKRAINIANS)),
    # What is paid to Ukrainian civilians (3.4. tabula, and the text) is a part of each benefit, year by year.
    *(PartCheck(Pick(metric, part, UKRAINIANS), Pick(metric, whole))
      for metric, part, whole in (("spend", _UKRAINIAN_GMI, _GMI), ("spend", _GMI, _GMI), ("spend", _HOUSING, _HOUSING),
                                  ("spend", _UKRAINIAN_HOUSING, _HOUSING), ("spend", _SEPARATE, _SEPARATE),
                                  ("spend", _CRISIS, _CRISIS), ("households", _UKRAINIAN_GMI, _GMI),
                                  ("persons", _UKRAINIAN_GMI, _GMI), ("households", _CRISIS, _CRISIS),
                                  ("persons", _CRISIS, _CRISIS))),
    # The average GMI benefit a person received in the year, against what the benefit cost and whom it reached.
    RatioCheck(ratio=Pick("average_benefit", _GMI, "vienai personai gadā"), numerator=Pick("spend", _GMI),
               denominator=Pick("persons", _GMI)),
    ChangeCheck(Pick("change", _DZUKSTE_CENTRE, territory="Džūkste"),
                Pick("visits", _DZUKSTE_CENTRE, territory="Džūkste")),
)
# One figure under two names: a benefit paid to Ukrainian civilians, in the text and in 3.4. tabula.
SAME_FIGURES = (
    SameFigure(Pick("spend", _GMI, UKRAINIANS), Pick("spend", _UKRAINIAN_GMI, UKRAINIANS)),
    SameFigure(Pick("spend", _HOUSING, UKRAINIANS), Pick("spend", _UKRAINIAN_HOUSING, UKRAINIANS)),
)
# Totals whose every subgroup, as printed (age groups, care levels), is a part: (metric, category).
LISTED_PARTS = (("poor_persons", _POOR_CAT), ("low_income_persons", _LOW_CAT), ("persons", _HOME_CARE))


def listed_parts_checks(facts: list[Fact]) -> list[SumCheck]:
    checks = []
    for metric, category in LISTED_PARTS:
        parts = tuple(Pick(metric, category, f.subgroup) for f in facts
                      if (f.metric, f.category) == (metric, category) and f.subgroup)
        if parts:
            checks.append(SumCheck(parts, Pick(metric, category)))
    return checks


# --------------------------------------------------------------------------- cells that print counts

_COUNT = re.compile(r"(?<![\w.,])\d[\d ]*(?:[.,]\d+)?")


def counted_parts(text: str) -> list[tuple[str, LvNumber, str]]:
    """Each count printed in a cell with the words after it, e.g. '41 aizgādnim par 62 personām' ->
    ('41', 41, 'aizgādnim'), ('62', 62, 'personām'); words before the first count are dropped."""
    found = list(_COUNT.finditer(text))
    parts = []
    for m, following in zip(found, found[1:] + [None]):
        words = text[m.end(): following.start() if following else len(text)]
        token = m.group(0).strip()
        parts.append((token, parse_lv_number(token), _clean_words(words)))
    return parts


def _clean_words(words: str) -> str:
    """'(pilngadīgais ģim.loc.) – ' -> 'pilngadīgais ģim.loc.'; 'mājsaimniec/ par ' -> 'mājsaimniec'."""
    words = re.sub(r"[()]", " ", words)
    words = re.sub(r"\s*[–—]\s*", " – ", words)
    words = re.sub(r"\s+", " ", words).strip(" /;,–")
    words = re.sub(r"[\s/;,]*\bpar$", "", words).strip(" /;,")
    return re.sub(r"\.{2,}$", ".", words)


def counted_as(words: str) -> tuple[str, str] | None:
    """(metric, unit) of a count by the word printed after it; None when the word is not known."""
    for pattern, metric, unit in COUNTED:
        if re.search(pattern, words, re.IGNORECASE):
            return metric, unit
    return None


# --------------------------------------------------------------------------- reading tables

def _year_columns(header: list[Cell], pattern: str | None) -> dict[int, tuple[int, str]]:
    return {i: (year, printed_period(text, year)) for i, year, text in column_years(header)
            if not pattern or re.search(pattern, text, re.IGNORECASE)}


def _row_label(row: list[Cell], spec: YearTable) -> str | None:
    """The category of a data row, or None for rows no rule reads (blank, elided)."""
    if len(row) <= spec.label_column:
        return None
    label = row[spec.label_column].text.strip()
    if not label or (spec.skip_rows and re.search(spec.skip_rows, label)):
        return None
    return label.rstrip(":").strip()


def _cell_fact(table: Table, header: list[Cell], r: int, c: int, category: str, **kw) -> Fact:
    return Fact(municipality=MUNICIPALITY, category=category, raw_value=table.rows[r][c].text,
                spot=table.spot(category, header[c].text), **kw)


def _second_values(table: Table, spec: YearTable, group: str | None,
                   mapped: set[tuple[str, int, int]]) -> list[Fact]:
    """Facts for a second count printed after the first in a cell ('259; 219 vienošanās' -> 219 with
    subgroup 'vienošanās'); read_year_table reads the first."""
    header = table.rows[0]
    columns = _year_columns(header, spec.value_columns)
    facts = []
    for r, row in enumerate(table.rows[1:], start=1):
        category = _row_label(row, spec)
        for c, (year, period) in columns.items():
            if category is None or c >= len(row):
                continue
            rest = parse_lv_number(row[c].text).rest
            parts = counted_parts(rest) if re.match(r"\d", rest) else []
            for _, number, words in parts:
                if number.value is None or not words:
                    continue
                fact = _cell_fact(table, header, r, c, category, year=year, period=period, topic=spec.topic,
                                  metric=spec.metric, unit=spec.unit, value=number.value,
                                  subgroup=f"{group}: {words}" if group else words)
                fact.add_reasons(number.reasons)
                _add_caption_flag(fact, table)
                facts.append(fact)
            if parts and all(words for _, _, words in parts):
                mapped.add((table.ref(), r, c))
    return facts


def _volumes(table: Table, table_rule: YearTableRule, group: str | None,
             mapped: set[tuple[str, int, int]]) -> list[Fact]:
    """Facts for the volume columns ('92 personas/369 apmeklējumi'): one per count whose word is known,
    its metric named by that word; the subgroup is the table's target group, else the word as printed."""
    header = table.rows[0]
    columns = _year_columns(header, table_rule.volumes)
    facts = []
    for r, row in enumerate(table.rows[1:], start=1):
        category = _row_label(row, table_rule.spec)
        for c, (year, period) in columns.items():
            if category is None or c >= len(row) or not row[c].text:
                continue
            parts = counted_parts(row[c].text)
            known = [(number, words, counted_as(words)) for _, number, words in parts]
            for number, words, what in known:
                if what is None or number.value is None:
                    continue
                fact = _cell_fact(table, header, r, c, category, year=year, period=period,
                                  topic=table_rule.spec.topic, metric=what[0], unit=what[1], value=number.value,
                                  subgroup=group or words)
                fact.add_reasons(number.reasons)
                _add_caption_flag(fact, table)
                facts.append(fact)
            if known and all(what for _, _, what in known):
                mapped.add((table.ref(), r, c))
    return facts


def _add_caption_flag(fact: Fact, table: Table) -> None:
    why = caption_year_reason(table, [fact.year])
    if why:
        fact.add_reasons((why,))


def read_table_rule(table: Table, table_rule: YearTableRule) -> tuple[list[Fact], list[RawCell]]:
    facts, raw = read_year_table(table, table_rule.spec, MUNICIPALITY)
    target = table_rule.target_group
    found = re.search(target, table.caption, re.IGNORECASE) if target else None
    group = found.group(0) if found else None
    if group:
        for fact in facts:
            fact.subgroup = group
    mapped: set[tuple[str, int, int]] = set()
    facts += _second_values(table, table_rule.spec, group, mapped)
    if table_rule.volumes:
        facts += _volumes(table, table_rule, group, mapped)
    return facts, [cell for cell in raw if (cell.table_ref, cell.row_index, cell.col_index) not in mapped]


def _list_tables(doc: ParsedDocument, spec: SectionedCountList) -> list[list[Table]]:
    """Each list found by its caption, with the caption-less two-column tables that continue it."""
    lists = []
    for first in find_tables(doc, caption=spec.caption):
        if _width(first) != 2:
            continue
        tables = [first]
        position = next(i for i, table in enumerate(doc.tables) if table is first)
        for following in doc.tables[position + 1:]:
            header = " ".join(cell.text for cell in following.rows[0]) if following.rows else ""
            continues = not following.caption or re.search(spec.section, header, re.IGNORECASE)
            if following.label or not continues or _width(following) != 2:
                break
            tables.append(following)
        lists.append(tables)
    return lists


def _width(table: Table) -> int:
    return max((len(row) for row in table.rows), default=0)


def read_sectioned_count_list(tables: list[Table], spec: SectionedCountList,
                              report_year: int | None) -> tuple[list[Fact], list[RawCell]]:
    """Facts for each service row: its count(s), the section header (and the words after a count, such
    as '(bērns)') as subgroup, the year from the caption."""
    years = YEAR.findall(tables[0].caption)
    year = int(years[-1]) if years else report_year
    facts: list[Fact] = []
    raw: list[RawCell] = []
    section = None
    for table in tables:
        place = table.spot() if table.label else Spot(f"{tables[0].label or 'list'} (continued)", table.loc)
        ref = place.place_ref
        for r, row in enumerate(table.rows):
            label, count = (row[0].text.strip(), row[1].text.strip()) if len(row) == 2 else ("", "")
            if re.search(spec.section, count, re.IGNORECASE):
                section = count
                continue
            parts = counted_parts(count) if label else []
            if not parts:
                raw.extend(RawCell(ref, table.caption, r, c, cell.text, cell.loc)
                           for c, cell in enumerate(row) if cell.text)
                continue
            for _, number, words in parts:
                subgroup = f"{section}: {words}" if section and words else (section or words or None)
                fact = Fact(municipality=MUNICIPALITY, year=year, period=str(year) if year else None,
                            topic=spec.topic, metric=spec.metric, unit=spec.unit, category=label,
                            subgroup=subgroup, value=number.value, raw_value=count,
                            spot=replace(place, row=label))
                fact.add_reasons(number.reasons)
                facts.append(fact)
    return facts, raw


# --------------------------------------------------------------------------- reading running text

def _dated(rules: list[Prose], report_year: int | None) -> list[Prose]:
    """Rules whose sentence names no year are dated by the report year (dropped when it is unknown)."""
    return [prose if "(?P<year>" in prose.pattern else replace(prose, year=report_year)
            for prose in rules if report_year is not None or "(?P<year>" in prose.pattern]


def read_text_figures(doc: ParsedDocument, report_year: int | None) -> tuple[list[Fact], list[str]]:
    # Emphasis marks (*343 euro*, **funkcijas**) are layout noise inside sentences.
    flow = FlowText([TextLine(re.sub(r"\*+", "", line.text), line.loc) for line in doc.lines])
    groups = [ProseGroup(tuple(_dated(PROSE, report_year)))]
    groups += [ProseGroup(tuple(rules), context=_expand(context)) for context, rules in AS_OF]
    facts, missing = read_prose_groups(flow, groups, MUNICIPALITY)
    if report_year is None:
        missing.append("no report year in the title; figures dated only by the report year were skipped")
    return facts, missing


# --------------------------------------------------------------------------- the document

def _report_year(doc: ParsedDocument) -> tuple[int | None, str | None]:
    """The report year and the title line as printed ("2024. GADA PUBLISKAIS PĀRSKATS")."""
    for line in doc.lines:
        m = TITLE.search(line.text)
        if m:
            return int(m.group("year")), re.sub(r"[*#]+", "", line.text).strip()
    return None, None


def _approved(text: str) -> str | None:
    m = APPROVED.search(text)
    return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}" if m else None


def extract(doc: ParsedDocument) -> Extraction:
    report_year, title = _report_year(doc)
    info = DocumentInfo(municipality=MUNICIPALITY, kind="public report", title=title or doc.file_name,
                        period="", published=_approved(doc.text),
                        edition=str(report_year) if report_year else None)
    out = Extraction(layout=LAYOUT_NAME, info=info)
    read: set[int] = set()  # ids of the tables a rule has read
    for table_rule in YEAR_TABLES:
        tables = [t for t in find_tables(doc, caption=table_rule.spec.caption, header=table_rule.spec.header)
                  if id(t) not in read and t.rows]
        if not tables:
            out.messages.append(f"no table matched {table_rule.spec.caption!r}")
        for table in tables:
            read.add(id(table))
            facts, raw = read_table_rule(table, table_rule)
            out.facts += facts
            out.raw_cells += raw
    for spec in COUNT_LISTS:
        lists = [tables for tables in _list_tables(doc, spec) if not read & {id(t) for t in tables}]
        if not lists:
            out.messages.append(f"no list matched {spec.caption!r}")
        for tables in lists:
            read.update(id(t) for t in tables)
            facts, raw = read_sectioned_count_list(tables, spec, report_year)
            out.facts += facts
            out.raw_cells += raw
    for table in doc.tables:
        if id(table) not in read:
            out.raw_cells += table_raw_cells(table)
    facts, missing = read_text_figures(doc, report_year)
    out.facts += facts
    out.messages += missing
    check_arithmetic(out.facts, CHECKS + tuple(listed_parts_checks(out.facts)))
    flag_disagreements(out.facts, SAME_FIGURES)
    info.period = _period(out.facts, report_year)
    out.territories = sorted({(MUNICIPALITY, f.territory, "town" if "pilsēta" in f.territory else "parish")
                              for f in out.facts if f.territory})
    return out


def _period(facts: list[Fact], report_year: int | None) -> str:
    """From the earliest year the figures cover to the report year (as-of dates after it do not count)."""
    years = [f.year for f in facts if f.year and (report_year is None or f.year <= report_year)]
    if not years:
        return str(report_year or "")
    return f"{min(years)}..{report_year or max(years)}"


LAYOUT_NAME = "Tukums public report"
LAYOUT = Layout(name=LAYOUT_NAME, extract=extract,
                signature=(r"PUBLISKAIS\s+PĀRSKATS", r"sociālais\s+dienests", r"Tukuma\s+novad"))
