"""Prose figures and end-of-file chart data of the Tukums evaluation of social work (2016).

The tables of the same file are read by `tukums_evaluation`, which calls `extract_prose_and_charts`.

Prose figures are ProseGroups of Prose rules (ingest/specs.py): a sentence regex per figure, dated by the
sentence that opens its paragraph or list when its own sentence names no year. Chart numbers come from
the Word export's dump at the end of the file, where a chart's series is a run of labels followed by as
many values (a year alone on a line, or trailing the run before, names the run that follows); ChartData
specs recognise a chart by its labels and read its year from the chart's caption or describing sentence.
Series that no spec recognises, or that nothing dates, are kept as raw cells.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.checks import (ChangeCheck, PartCheck, Pick, RatioCheck, ShareCheck, SumCheck, check_arithmetic,
                           sum_of, sum_tolerance)
from ingest.model import Cell, Fact, Location, ParsedDocument, RawCell, Spot
from ingest.numbers import parse_lv_number
from ingest.place_names import parish_nominative
from ingest.specs import FlowText, Prose, ProseGroup, iso_period, read_prose_groups

INT = r"(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+)"  # a whole number, perhaps grouped by spaces: "281 380"
DEC = r"\d+(?:[.,]\d+)?"
PCT = DEC + r"\s?%"
THOUSANDS = DEC + r" tūkstoši"  # "31,9 tūkstoši": parse_lv_number reads the number, the rule scales it


# =========================================================================== prose figures

# Names the figures share with the tables and charts of the document (so that they meet) or with the
# arithmetic checks below.
PROVIDED = "Pašvaldības nodrošinātie sociālie pakalpojumi"
PURCHASED = "Pašvaldības pirktie sociālie pakalpojumi"
SERVICE = "Tukuma novada sociālais dienests"
BOTH_INSTITUTIONS = "Tukuma novada sociālais dienests un Irlavas bērnu nams – patversme"
CHILDRENS_HOME = "Irlavas bērnu nams – patversme"
SERVICE_UNITS = "Sociālo pakalpojumu struktūrvienības"
DEPARTMENT = "Sociālā darba un sociālās palīdzības nodaļa"
WITHOUT_PROVIDERS = "neuzskaitot sociālā pakalpojuma sniedzējus"
OF_PROVIDED = "no visiem pašvaldības nodrošinātajiem pakalpojumiem"
ADMINISTRATION = "Sociālā darba un sociālās palīdzības administrēšana"
SHARE = ("population", "residents_share", "percent")

# The population paragraph: "Iedzīvotāji 2015. gada 1. janvārī Tukuma novadā dzīvo 31,9 tūkstoši ...".
POPULATION_DATE = r"(?P<year>\d{4})\. gada (?P<day>\d{1,2})\. (?P<month>janvār)\w* \w+ novadā dzīvo"
POPULATION = (
    Prose(rf"novadā dzīvo (?P<value>{THOUSANDS}) iedzīvotāju", "population", "residents", "persons",
          "iedzīvotāju skaits", scale=1000),
    Prose(rf"(?P<value>{PCT}) iedzīvotāju ir (?P<what>darbaspējas vecumā)", *SHARE, "vecuma grupa",
          subgroup="{what}"),
    Prose(rf"darbaspējas vecumā, (?P<value>{PCT}) (?P<what>virs darbaspējas vecumā)", *SHARE, "vecuma grupa",
          subgroup="{what}"),
    Prose(rf"virs darbaspējas vecumā, (?P<value>{PCT}) (?P<what>līdz darbaspējas vecumā)", *SHARE,
          "vecuma grupa", subgroup="{what}"),
    Prose(r"Demogrāfiskās slodzes līmenis \w+ novadā \((?P<value>\d+)\)", "population", "demographic_load",
          "per_1000", "demogrāfiskās slodzes līmenis"),
    Prose(rf"(?P<value>{PCT}) novada iedzīvotāju ir (?P<what>sievietes)", *SHARE, "dzimums", subgroup="{what}"),
    Prose(rf"ir sievietes, (?P<value>{PCT})\s*[-–]?\s*(?P<what>vīrieši)", *SHARE, "dzimums", subgroup="{what}"),
    Prose(rf"(?P<value>{PCT}) iedzīvotāju ir (?P<what>latvieši)", *SHARE, "etniskais sastāvs",
          subgroup="{what}"),
    Prose(rf"ir latvieši, (?P<value>{PCT}) (?P<what>krievi)", *SHARE, "etniskais sastāvs", subgroup="{what}"),
    Prose(rf"krievi, (?P<value>{PCT}) (?P<what>baltkrievi)", *SHARE, "etniskais sastāvs", subgroup="{what}"),
    Prose(rf"vecuma grupā (?P<age>\d+-\d+ gadi) (?P<value>{PCT}) ir (?P<what>augstākā izglītība)", *SHARE,
          "{what}", subgroup="{age}"),
    Prose(rf"vecuma grupā (?P<age>\d+-\d+ gadi) [^()]*\([^()]*\) un (?P<value>{PCT}) ir "
          r"(?P<what>profesionālā vidējā vai arodizglītība)", *SHARE, "{what}", subgroup="{age}"),
    # "Apdzīvojums 19,2 tūkstoši jeb apmēram 60% novada iedzīvotāju dzīvo Tukuma pilsētā"
    Prose(rf"Apdzīvojums (?P<value>{THOUSANDS}) jeb \w+ {PCT} novada iedzīvotāju dzīvo (?P<town>\w+) pilsētā",
          "population", "residents", "persons", "iedzīvotāju skaits", territory="{town} pilsēta", scale=1000),
    Prose(rf"Apdzīvojums {THOUSANDS} jeb \w+ (?P<value>{PCT}) novada iedzīvotāju (?P<what>dzīvo \w+ pilsētā)",
          *SHARE, "dzīvesvieta", subgroup="{what}"),
    Prose(rf"(?P<value>{PCT}) novada iedzīvotāju (?P<what>dzīvo pagastu teritorijās)", *SHARE, "dzīvesvieta",
          subgroup="{what}"),
    Prose(rf"(?P<value>{PCT}) novada iedzīvotāju (?P<what>dzīvo daudzdzīvokļu mājās)", *SHARE, "mājokļa veids",
          subgroup="{what}"),
    Prose(rf"daudzdzīvokļu mājās, (?P<value>{PCT}) (?P<what>dzīvo individuālās mājās)", *SHARE,
          "mājokļa veids", subgroup="{what}"),
    Prose(rf"individuālās mājās, (?P<value>{PCT}) "
          r"(?P<what>rindu mājās, dvīņu mājās un divdzīvokļu mājās)", *SHARE, "mājokļa veids",
          subgroup="{what}"),
)

# The same paragraph compares with the whole country.
LATVIA = (
    Prose(r"Demogrāfiskās slodzes līmenis \w+ novadā \(\d+\) ir [^()]*?Latvijā \((?P<value>\d+)\)",
          "population", "demographic_load", "per_1000", "demogrāfiskās slodzes līmenis"),
    Prose(rf"vecuma grupā (?P<age>\d+-\d+ gadi) {PCT} ir (?P<what>augstākā izglītība) "
          rf"\(Latvijā (?P<value>{PCT})\)", *SHARE, "{what}", subgroup="{age}"),
    Prose(rf"vecuma grupā (?P<age>\d+-\d+ gadi) [^()]*\([^()]*\) un {PCT} ir (?P<what>profesionālā vidējā vai "
          rf"arodizglītība) \(Latvijā (?P<value>{PCT})", *SHARE, "{what}", subgroup="{age}"),
)

# The starred list under the population paragraph, dated by its footnote: "*dati iegūti no Valsts sociālās
# apdrošināšanas aģentūras ... par pensiju, pabalstu saņēmēju skaitu 2015.gadā."
STATE_INSURANCE_DATE = r"saņēmēju skaitu (?P<year>\d{4})\.\s*gadā"
_ADULTS_DISABLED = r"(?P<what>pilngadīgu personu skaits, kurām noteikta invaliditāte) "
STATE_INSURANCE_LIST = (
    Prose(r"kopā pensionāri: (?P<value>\d+)", "population", "pensioners", "persons", "pensionāri"),
    Prose(rf"kopā pensionāri: \d+ \((?P<value>{PCT})\)", "population", "pensioners", "percent", "pensionāri"),
    Prose(r"(?P<what>vecuma pensionāri) (?P<value>\d+)", "population", "pensioners", "persons", "pensionāri",
          subgroup="{what}"),
    Prose(r"(?P<what>izdienas pensionāri) (?P<value>\d+)", "population", "pensioners", "persons", "pensionāri",
          subgroup="{what}"),
    Prose(_ADULTS_DISABLED + r"(?P<value>\d+)", "population", "persons_with_disability", "persons", "{what}"),
    Prose(_ADULTS_DISABLED + rf"\d+ \((?P<value>{PCT})\)", "population", "persons_with_disability", "percent",
          "{what}"),
    Prose(_ADULTS_DISABLED + r"\d+ \([^)]*\), no tām, (?P<sub>kurām ir nepieciešama īpašā kopšana) "
          r"(?P<value>\d+)", "population", "persons_with_disability", "persons", "{what}", subgroup="{sub}"),
    Prose(r"bērnu skaits kopā (?P<value>\d+)", "population", "children", "persons", "bērni"),
    Prose(rf"bērnu skaits kopā \d+ \((?P<value>{PCT})\)", "population", "children", "percent", "bērni"),
    Prose(r"(?P<what>par kuriem ir piešķirts ģimenes valsts pabalsts) (?P<value>\d+)", "population", "children",
          "persons", "bērni", subgroup="{what}"),
    Prose(r"(?P<what>bērna kopšanas pabalsts) (?P<value>\d+)", "population", "children", "persons", "bērni",
          subgroup="{what}"),
    Prose(r"no tiem (?P<what>bērni, kuriem noteikta invaliditāte) (?P<value>\d+)", "population", "children",
          "persons", "{what}"),
    Prose(r"(?P<what>bērni, kuriem noteikta invaliditāte) \d+, no tiem, (?P<sub>kuriem ir nepieciešama īpašā "
          r"kopšana) (?P<value>\d+)", "population", "children", "persons", "{what}", subgroup="{sub}"),
    Prose(r"(?P<what>celiakiju slimie bērni) (?P<value>\d+)", "population", "children", "persons", "{what}"),
    Prose(r"(?P<what>aizbildnībā nodotie bērni) (?P<value>\d+)", "care", "children", "persons", "{what}"),
    # Listed among the counts of children: the children in foster families, labelled as printed.
    Prose(r"aizbildnībā nodotie bērni \d+ (?P<what>audžu ģimene) (?P<value>\d+)", "care", "children", "persons",
          "{what}"),
    Prose(r"(?P<what>daudzbērnu ģimenes) (?P<value>\d+)", "population", "families", "count", "{what}"),
    Prose(r"Bezdarbnieki (?P<value>\d+)", "population", "unemployed", "persons", "bezdarbnieki"),
    Prose(rf"Bezdarbnieki \d+ \((?P<value>{PCT}) (?P<what>no darbspējīgajiem iedzīvotājiem)\)", "population",
          "unemployed", "percent", "bezdarbnieki", subgroup="{what}"),
)

# Staff, dated by "Uz 2016. gada 1. janvāri nodaļā strādā:", the only date the staff sections give.
STAFF_DATE = r"Uz (?P<year>\d{4})\. gada (?P<day>\d{1,2})\. (?P<month>janvār)\w* nodaļā strādā"
_IN_UNITS = r"Sociālo pakalpojumu struktūrvienībās ir nodarbināti "
_IN_HOME = r"Irlavas bērnu namā – patversmē ir nodarbināti "
_IN_DEPARTMENT = r"nodaļā strādā: "
_IN_CENTRE = (r"darbojas (?P<unit>[^.]{0,80}?kopienas centrs „[^”]+”)\. "
              r"Kopienas centra pakalpojumus nodrošina ")
_IN_BOTH = r"divās iestādēs \([^)]+\) kopā ir nodarbināti "
_IN_SERVICE = r"\w+ novada sociālajā dienestā "
STAFF = (
    Prose(_IN_UNITS + r"(?P<value>\d+) sociālā darba speciālisti", "staff", "specialists", "persons",
          SERVICE_UNITS),
    Prose(_IN_UNITS + r"\d+ sociālā darba speciālisti - (?P<value>\d+) (?P<what>sociālie darbinieki)", "staff",
          "specialists", "persons", SERVICE_UNITS, subgroup="{what}"),
    Prose(_IN_UNITS + r"\d+ sociālā darba speciālisti - \d+ sociālie darbinieki, (?P<value>\d+) "
          r"(?P<what>sociāli aprūpētāji)", "staff", "specialists", "persons", SERVICE_UNITS, subgroup="{what}"),
    Prose(_IN_UNITS + r"\d+ sociālā darba speciālisti - [^–]*? un (?P<value>\d+) "
          r"(?P<what>sociālie rehabilitētāji)", "staff", "specialists", "persons", SERVICE_UNITS, subgroup="{what}"),
    Prose(_IN_HOME + r"(?P<value>\d+) sociālā darba speciālisti", "staff", "specialists", "persons",
          CHILDRENS_HOME),
    Prose(_IN_HOME + r".{0,200}?Kopā iestādē ir nodarbināti (?P<value>\d+) darbinieki", "staff", "employees",
          "persons", CHILDRENS_HOME),
    Prose(_IN_DEPARTMENT + r"(?P<value>\d+) sociālie darbinieki", "staff", "employees", "persons", DEPARTMENT,
          subgroup="sociālie darbinieki kopā"),
    Prose(_IN_DEPARTMENT + r"\d+ sociālie darbinieki, t\.sk\. (?P<value>\d+) (?P<what>sociālie darbinieki), "
          r"no kuriem", "staff", "employees", "persons", DEPARTMENT, subgroup="{what}"),
    Prose(r"(?P<value>\d+) (?P<what>sociālie darbinieki darbam ar ģimeni ar bērniem), no kuriem", "staff",
          "employees", "persons", DEPARTMENT, subgroup="{what}"),
    Prose(r"(?P<value>\d+) (?P<what>sociālais darbinieks darbam ar veciem cilvēkiem) -", "staff", "employees",
          "persons", DEPARTMENT, subgroup="{what}"),
    Prose(r"(?P<value>\d+) (?P<what>sociālais darbinieks darbam ar personām ar atkarību problēmām) -", "staff",
          "employees", "persons", DEPARTMENT, subgroup="{what}"),
    Prose(r"un (?P<value>\d+) (?P<what>psihologs), kas sniedz psihosociālu atbalstu", "staff", "employees",
          "persons", DEPARTMENT, subgroup="{what}"),
    Prose(r"(?P<value>\d+) sociālie darbinieki (?P<what>ir ieguvuši 2\. līmeņa augstāko izglītību sociālajā "
          r"darbā vai karitatīvajā sociālajā darbā)", "staff", "employees", "persons", DEPARTMENT,
          subgroup="sociālie darbinieki, kas {what}"),
    Prose(_IN_CENTRE + r"(?P<value>\d+) (?P<what>sociālais darbinieks)", "staff", "employees", "persons",
          "{unit}", subgroup="{what}"),
    Prose(_IN_CENTRE + r"[^()]{0,40}?(?P<value>\d+) (?P<what>sociālais pedagogs)", "staff", "employees",
          "persons", "{unit}", subgroup="{what}"),
    Prose(_IN_CENTRE + rf"[^()]{{0,60}}?(?P<what>sociālais pedagogs) \((?P<value>{DEC}) slodzes\)", "staff",
          "fte", "FTE", "{unit}", subgroup="{what}"),
    Prose(_IN_CENTRE + r".{0,80}?(?P<value>\d+) (?P<what>sociālais rehabilitētājs)", "staff", "employees",
          "persons", "{unit}", subgroup="{what}"),
    Prose(_IN_CENTRE + rf".{{0,120}}?(?P<what>fizioterapeits) \((?P<value>{DEC}) slodzes\)", "staff", "fte",
          "FTE", "{unit}", subgroup="{what}"),
    Prose(_IN_CENTRE + r".{0,160}?(?P<value>\d+) (?P<what>dežuranti)", "staff", "employees", "persons",
          "{unit}", subgroup="{what}"),
    # Section 2.3 counts the specialists against the 1 per 1 000 residents norm, in three bases.
    Prose(_IN_BOTH + r"(?P<value>\d+) darbinieki", "staff", "employees", "persons", BOTH_INSTITUTIONS),
    Prose(_IN_BOTH + r"\d+ darbinieki, t\.skaitā (?P<value>\d+) sociālā darba speciālisti", "staff",
          "specialists", "persons", BOTH_INSTITUTIONS),
    Prose(_IN_SERVICE + r"nodarbināti (?P<value>\d+) darbinieki", "staff", "employees", "persons", SERVICE),
    Prose(_IN_SERVICE + r"nodarbināti \d+ darbinieki, tajā skaitā (?P<value>\d+) sociālā darba speciālisti",
          "staff", "specialists", "persons", SERVICE),
    Prose(r"(?P<what>neuzskaitot sociālā pakalpojuma sniedzējus), " + _IN_SERVICE
          + r"ir nodarbināti (?P<value>\d+) sociālā darba speciālisti", "staff", "specialists", "persons",
          SERVICE, subgroup="{what}"),
    Prose(_IN_SERVICE + r"saskaņā ar likumu būtu nepieciešami (?P<value>\d+) sociālā darba speciālisti", "staff",
          "specialists_required", "persons", SERVICE),
    # "Ja neiekļauj [the specialists of the service units], tad ... ir 8 (!) speciālistu deficīts": the
    # basis is the one printed two sentences before.
    Prose(r"(?P<what>neuzskaitot sociālā pakalpojuma sniedzējus).{0,900}?Ja neiekļauj, tad " + _IN_SERVICE
          + r"ir (?P<value>\d+) \(!\) speciālistu deficīts", "staff", "specialists_missing", "persons", SERVICE,
          subgroup="{what}"),
)

# The pilot territory: "Īss teritorijas raksturojums uz 31.03.2015. Dati iegūti uz 2014. gada sākumu."
PILOT_DATE = (r"Pilotprojekts.{0,200}?(?P<place>\w+ un \w+) pagastu pārvaldes teritorijā\..{0,200}?"
              r"raksturojums uz (?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})")
_PILOT_RESIDENTS = (r"Dati iegūti uz (?P<year>\d{4})\. gada sākumu\..{0,200}?Iedzīvotāju skaits, kopā - "
                    r"(?P<total>\d+) \((?P<first>\d+) (?P<g1>\w+) pagastā, (?P<second>\d+) (?P<g2>\w+) pagastā\)")
PILOT = (
    Prose(_PILOT_RESIDENTS.replace("(?P<total>", "(?P<value>"), "population", "residents", "persons",
          "iedzīvotāju skaits", territory="{g1}/{g2}", period="{year}-01-01"),
    Prose(_PILOT_RESIDENTS.replace("(?P<first>", "(?P<value>"), "population", "residents", "persons",
          "iedzīvotāju skaits", territory="{g1}", period="{year}-01-01"),
    Prose(_PILOT_RESIDENTS.replace("(?P<second>", "(?P<value>"), "population", "residents", "persons",
          "iedzīvotāju skaits", territory="{g2}", period="{year}-01-01"),
    Prose(r"sociālo darbu un sociālos pakalpojum\w* nodrošina (?P<value>\d+) sociālie darbinieki", "staff",
          "employees", "persons", "sociālie darbinieki"),
)

# Services of the community centres in 2015; each sentence names its year and place.
_SEME = (r"aktīvi darbojas (?P<g1>\w+) pagasta iedzīvotāji\. (?P<year>\d{4})\.gada laikā "
         r"kopienas centru apmeklējuši ")
RECIPIENTS = (
    Prose(r"(?P<year>\d{4})\.gadā dienas aprūpes centra pakalpojumus saņēma (?P<value>\d+) (?P<g1>\w+) un "
          r"(?P<g2>\w+) pagastu", "recipients", "persons", "persons", "dienas aprūpes centra pakalpojums",
          territory="{g1}/{g2}"),
    Prose(r"(?P<year>\d{4})\.gadā pakalpojumu saņēma (?P<value>\d+) - (?P<g1>\w+) un (?P<g2>\w+) pagastā "
          r"dzīvojoši bērni un jaunieši", "recipients", "persons", "persons",
          "bērnu un jauniešu sociālās rehabilitācijas pakalpojums", territory="{g1}/{g2}"),
    Prose(r"(?P<g1>\w+) un (?P<g2>\w+) pagastā dzīvojoši bērni un jaunieši\. Ir pieejams patversmes "
          r"pakalpojum\w* ģimenēm krīzes situācijā\. (?P<year>\d{4})\.gada patversmes pakalpojumu saņēma "
          r"(?P<value>\d+) personas", "recipients", "persons", "persons",
          "patversmes pakalpojums ģimenēm krīzes situācijā", territory="{g1}/{g2}"),
    Prose(_SEME + r"(?P<value>\d+) apmeklētāji", "recipients", "visits", "visits", "kopienas centrs",
          territory="{g1}"),
    Prose(_SEME + r"\d+ apmeklētāji\. No tiem (?P<value>\d+) (?P<what>skolēni un jaunieši)", "recipients",
          "visits", "visits", "kopienas centrs", territory="{g1}", subgroup="{what}"),
    Prose(_SEME + r"\d+ apmeklētāji\. No tiem \d+ skolēni un jaunieši, un (?P<value>\d+) (?P<what>pieaugušie)",
          "recipients", "visits", "visits", "kopienas centrs", territory="{g1}", subgroup="{what}"),
    Prose(_SEME + r".{0,150}?kopienas centru apmeklēja (?P<value>\d+) cilvēki", "recipients", "persons",
          "persons", "kopienas centrs", territory="{g1}"),
    Prose(_SEME + r".{0,150}?apmeklēja \d+ cilvēki, no tiem (?P<value>\d+) (?P<what>pieaugušie)", "recipients",
          "persons", "persons", "kopienas centrs", territory="{g1}", subgroup="{what}"),
    Prose(_SEME + r".{0,150}?apmeklēja \d+ cilvēki, no tiem \d+ pieaugušie un (?P<value>\d+) "
          r"(?P<what>skolēni un jaunieši)", "recipients", "persons", "persons", "kopienas centrs",
          territory="{g1}", subgroup="{what}"),
)

# Budget sentences, each with its year. Categories are the labels 1. tabula and the chart data give the
# same lines, so that the figures meet them (and a disagreement is flagged).
_SHARES = (r"(?P<year>\d{4})\. gadā (?P<provided>\d+\s?%) no tērētajiem līdzekļiem "
           r"sociālo pakalpojumu nodrošināšanā ")
_LARGEST = r"Vislielākais finansējums (?P<year>\d{4})\.gadā ir izlietots "
_HOME_SPEND = r".{0,120}?Irlavas bērnu namā- patversmē – "
_HOME_CARE_SPEND = r".{0,600}?aprūpes mājās pakalpojuma nodrošināšanai – "
_DAY_CENTRE_SPEND = r".{0,800}?Invalīdu dienas centrā „Saime”\s*[-–]\s*"
_GROUP_FLAT = (r"(?P<year>\d{4})\.gad\w*\s*\d{1,2}\.\s*jūnijā.{0,300}?Sociālā pakalpojuma centra "
               r"(?P<unit>“[^”]+”) grupu dzīvokļa izveides un aprīkošanas izmaksas ir ")
_GROUP_FLAT_COST = "Sociālā pakalpojuma centra {unit} grupu dzīvokļa izveide un aprīkošana"
_MIN_MODEL = r"Papildus ir nepieciešami visamaz "
_MAX_MODEL = r"Maksimālā modeļa\s+sociālā darba nodrošināšanai papildus ir nepieciešami visamaz "
BUDGET = (
    Prose(_SHARES.replace("(?P<provided>", "(?P<value>"), "budget", "share", "percent", PROVIDED),
    Prose(_SHARES + rf".{{0,150}}?savukārt (?P<value>{PCT}) tērējusi pakalpojumu pirkšanai", "budget", "share",
          "percent", PURCHASED),
    Prose(_LARGEST + _HOME_SPEND + rf"(?P<value>{INT}) jeb", "budget", "spend", "EUR",
          "Irlavas bērnu nams/ patversme"),
    Prose(_LARGEST + _HOME_SPEND + rf"{INT} jeb (?P<value>{PCT}) {OF_PROVIDED}", "budget", "share", "percent",
          "Irlavas bērnu nams/ patversme", subgroup=OF_PROVIDED),
    Prose(_LARGEST + _HOME_CARE_SPEND + rf"(?P<value>{INT}) euro", "budget", "spend", "EUR", "Aprūpe mājās"),
    Prose(_LARGEST + _HOME_CARE_SPEND + rf"{INT} euro jeb (?P<value>{PCT}).{{0,250}}?{OF_PROVIDED}", "budget",
          "share", "percent", "Aprūpe mājās", subgroup=OF_PROVIDED),
    Prose(_LARGEST + _DAY_CENTRE_SPEND + rf"(?P<value>{INT}) euro", "budget", "spend", "EUR",
          "Invalīdu dienas centrs „Saime”"),
    Prose(_LARGEST + _DAY_CENTRE_SPEND + rf"{INT} euro jeb (?P<value>{PCT}) {OF_PROVIDED}", "budget", "share",
          "percent", "Invalīdu dienas centrs „Saime”", subgroup=OF_PROVIDED),
    Prose(_GROUP_FLAT + rf"(?P<value>{DEC}) euro", "budget", "spend", "EUR", _GROUP_FLAT_COST),
    Prose(_GROUP_FLAT + rf"{DEC} euro, no kurām (?P<who>[^,]+?) sedza {PCT} \((?P<value>{DEC}) euro\)", "budget",
          "funding", "EUR", _GROUP_FLAT_COST, subgroup="{who}"),
    Prose(_GROUP_FLAT + rf"{DEC} euro, no kurām (?P<who>[^,]+?) sedza (?P<value>{PCT})", "budget", "share",
          "percent", _GROUP_FLAT_COST, subgroup="{who}"),
    Prose(rf"(?P<year>\d{{4}})\.gadā sociālā darba un sociālās palīdzības nodrošināšanai pašvaldība ir "
          rf"tērējusi (?P<value>{INT}) euro", "budget", "spend", "EUR", ADMINISTRATION),
    Prose(rf"(?P<year>\d{{4}})\.gadā sociālā darba un sociālās palīdzības nodrošināšanai pašvaldība ir "
          rf"tērējusi {INT} euro, kas ir par (?P<value>{INT}) euro mazāk", "budget", "change", "EUR", ADMINISTRATION,
          scale=-1.0),
    # The cost of the two models the document proposes (no year: estimates for the future), named as the
    # tables of their costs (10. and 12. tabula) name them, so that the totals meet.
    Prose(_MIN_MODEL + rf"(?P<value>{INT}) euro finansējums", "budget", "funding_need", "EUR", "Kopā",
          subgroup="Minimālais modelis"),
    Prose(_MIN_MODEL + rf"{INT} euro finansējums \((?P<value>{INT}) euro – (?P<what>pamatlīdzekļu iegādei)",
          "budget", "funding_need", "EUR", "{what}", subgroup="Minimālais modelis"),
    Prose(_MAX_MODEL + rf"(?P<value>{INT}) euro", "budget", "funding_need", "EUR", "Kopā",
          subgroup="Maksimālais modelis"),
    Prose(_MAX_MODEL + rf"{INT} euro finansējums \((?P<value>{INT}) euro – (?P<what>pamatlīdzekļu iegādei)",
          "budget", "funding_need", "EUR", "{what}", subgroup="Maksimālais modelis"),
)

# Caseloads, dated by "Uz 2015. gada 31. martu tika apkopots klientu lietu skaits".
CASELOAD_DATE = (r"Uz (?P<year>\d{4})\. gada (?P<day>\d{1,2})\. (?P<month>mart)\w* "
                 r"tika apkopots klientu lietu skaits")
_TOWN_ASSISTANCE = "sociālie darbinieki pilsētā, kas nodrošina sociālo palīdzību"
_PARISH_ASSISTANCE = "pagastu sociālie darbinieki, sociālās palīdzības lietas"
_FAMILY_WORKERS = "sociālie darbinieki darbam ar ģimenēm ar bērniem"
_IN_SERVICES = "sociālais darbs, sniedzot pakalpojumu"
_PARISH_RANGE = (r"Pagastu teritorijas sociālajiem darbiniekiem vislielākais apjoms ir "
                 r"sociālās palīdzības lietās – ")
_FAMILY_RANGE = r"Sociālajiem darbiniekiem darbam ar ģimenēm ar bērniem kopējais lietu skaits .{0,60}?ir no "
CASELOAD = (
    Prose(r"sociālās palīdzības sniedzējiem no (?P<value>\d+) lietām vienam darbiniekam", "caseload",
          "cases_per_worker", "cases", _TOWN_ASSISTANCE, subgroup="min"),
    Prose(r"sociālās palīdzības sniedzējiem no \d+ lietām .{0,80}?līdz pat (?P<value>\d+) lietām vienam",
          "caseload", "cases_per_worker", "cases", _TOWN_ASSISTANCE, subgroup="max"),
    # Section 3 restates the town maximum with another figure; both are kept (flagged as disagreeing).
    Prose(r"darba apjomu pilsētā, konstatēts, ka ir liels darba apjoms sociālajiem darbiniekiem, kas "
          r"nodrošina sociālo palīdzību – līdz pat (?P<value>\d+) klienta lietām", "caseload",
          "cases_per_worker", "cases", _TOWN_ASSISTANCE, subgroup="max"),
    Prose(_PARISH_RANGE + r"no (?P<value>\d+)", "caseload", "cases_per_worker", "cases", _PARISH_ASSISTANCE,
          subgroup="min"),
    Prose(_PARISH_RANGE + r"no \d+ .{0,80}?līdz (?P<value>\d+) sociālās palīdzības lietām", "caseload",
          "cases_per_worker", "cases", _PARISH_ASSISTANCE, subgroup="max"),
    Prose(_FAMILY_RANGE + r"(?P<value>\d+) līdz", "caseload", "cases_per_worker", "cases", _FAMILY_WORKERS,
          subgroup="min"),
    Prose(_FAMILY_RANGE + r"\d+ līdz (?P<value>\d+) klientu lietām", "caseload", "cases_per_worker", "cases",
          _FAMILY_WORKERS, subgroup="max"),
    Prose(r"kopumā (?P<value>\d+) (?P<what>valsts sociālās rehabilitācijas lietas)", "caseload", "active_cases",
          "cases", "{what}"),
    Prose(r"valsts sociālās rehabilitācijas lietas, (?P<value>\d+) (?P<what>ilgstošās aprūpes pakalpojuma "
          r"lietas)", "caseload", "active_cases", "cases", "{what}"),
    Prose(r"strādā ar (?P<what>personām ar atkarības problēmām) – (?P<value>\d+) aktīvās lietas", "caseload",
          "active_cases", "cases", "sociālais darbs ar {what}"),
    Prose(r"kopā (?P<value>\d+) (?P<what>aizbildņu un audžu ģimeņu lietas)", "caseload", "active_cases", "cases",
          "{what}"),
    Prose(r"aizbildņu un audžu ģimeņu lietas, (?P<value>\d+) (?P<what>klientu lietas bāreņiem un bez vecāku "
          r"gādības palikušiem bērniem)", "caseload", "active_cases", "cases", "{what}"),
    Prose(r"sniedzot pakalpojumu – ar pieaugušām personām, kurām noteikta invaliditāte - (?P<value>\d+) "
          r"aktīvas", "caseload", "active_cases", "cases", _IN_SERVICES,
          subgroup="pieaugušas personas ar invaliditāti"),
    Prose(r"kuriem noteikta invaliditāte un bērniem no riska ģimenēm – (?P<value>\d+) aktīvas", "caseload",
          "active_cases", "cases", _IN_SERVICES, subgroup="bērni ar invaliditāti un bērni no riska ģimenēm"),
    Prose(r"ar senioriem\s*[-–]\s*(?P<value>\d+) aktīvas", "caseload", "active_cases", "cases", _IN_SERVICES,
          subgroup="seniori"),
    Prose(r"ar jauniešiem – (?P<value>\d+) aktīvas", "caseload", "active_cases", "cases", _IN_SERVICES,
          subgroup="jaunieši"),
    Prose(r"ar bezpajumtniekiem – (?P<value>\d+) aktīvas", "caseload", "active_cases", "cases", _IN_SERVICES,
          subgroup="bezpajumtnieki"),
    Prose(r"sniedz divi (?P<what>psihologi) – aktīvo klientu lietu skaits – (?P<value>\d+)", "caseload",
          "active_cases", "cases", "{what}"),
)

# Cases of juvenile offence prevention in 2015, a year the sentence names.
PREVENTION = (
    Prose(r"(?P<year>\d{4})\.gadā pirmreizēji iekārtotas (?P<value>\d+) (?P<what>nepilngadīgo profilakses "
          r"lietas)", "caseload", "new_cases", "cases", "{what}"),
    Prose(r"(?P<year>\d{4})\.gadā pirmreizēji iekārtotas \d+ .{0,120}?(?P<value>\d+) aktīvas "
          r"(?P<what>nepilngadīgo profilakses lietas)", "caseload", "active_cases", "cases", "{what}"),
)

# Focus groups, dated by "2015. gada jūnija mēnesī kopā tika noorganizētas 10 fokusgrupas".
FOCUS_DATE = r"(?P<year>\d{4})\. gada (?P<month>[^\W\d_]+) mēnesī kopā tika noorganizētas"
FOCUS = (
    Prose(r"kopā tika noorganizētas (?P<value>\d+) fokusgrupas", "focus_group", "focus_groups", "count",
          "fokusgrupas"),
    Prose(r"(?P<parish>[A-ZĀČĒĢĪĶĻŅŠŪŽ]\w+) pagastā\s*[-–]\s*(?P<value>\d+) respondent\w*", "focus_group",
          "respondents", "persons", "fokusgrupu intervijas", territory="{parish}", every=True),
    # The text's summary of 4. tabula, named as the table names each form of support (so that they meet).
    *(Prose(pattern, "focus_group", "recognition", "count", form) for pattern, form in (
        (r"visatpazīstamākā ir sociālā palīdzība - (?P<value>\d+) atbildes", "Sociālā palīdzība (pabalsti)"),
        (r"ilgstošas sociālās aprūpes un sociālās rehabilitācijas pakalpojums institūcijā un patversmes "
         r"pakalpojums – (?P<value>\d+) atbildes", "Ilgstošā aprūpe (pansionāts)"),
        (r"institūcijā un patversmes pakalpojums – (?P<value>\d+) atbildes", "Patversme"),
        (r"tad aprūpe mājās – (?P<value>\d+) atbildes", "Aprūpe mājās"),
        (r"psihosociālo palīdzību \(konsultēšanu\) atpazīst attiecīgi – (?P<value>\d+) un",
         "Individuāls sociālais darbs"),
        (r"atpazīst attiecīgi – \d+ un (?P<value>\d+)", "Psihosociālā palīdzība (konsultācijas)"),
        (r"prasmju mācīšanu ģimenēm ar bērniem \((?P<value>\d+) atbildes\)", "Prasmju mācīšana ģimenēm"),
        (r"ilgstošo bezdarbnieku kompetences paaugstināšanai \((?P<value>\d+) atbilde\)",
         "Grupa ilgstošajiem bezdarbniekiem"),
        *((rf"{name},? [^(]*\(pa (?P<value>\d+) atbildei katram", form) for name, form in (
            ("servisa dzīvokļa pakalpojums", "Servisa dzīvoklis"), ("pusceļa mājas pakalpojums", "Pusceļa māja"),
            ("specializētās darbnīcas", "Specializētās darbnīcas"))),
    )),
)

PROSE = (
    ProseGroup(POPULATION, context=POPULATION_DATE),
    ProseGroup(LATVIA, context=POPULATION_DATE, municipality="Latvija"),
    ProseGroup(STATE_INSURANCE_LIST, context=STATE_INSURANCE_DATE),
    ProseGroup(STAFF, context=STAFF_DATE),
    ProseGroup(PILOT, context=PILOT_DATE, territory="{place}", territory_form=parish_nominative),
    ProseGroup(RECIPIENTS, territory_form=parish_nominative),
    ProseGroup(BUDGET),
    ProseGroup(CASELOAD, context=CASELOAD_DATE),
    ProseGroup(PREVENTION),
    ProseGroup(FOCUS, context=FOCUS_DATE, territory_form=parish_nominative),
)


def _parts(metric: str, category: str, *subgroups: str, territory: str | None = None) -> tuple[Pick, ...]:
    return tuple(Pick(metric, category, s, territory=territory) for s in subgroups)


_DISABLED_ADULTS = "pilngadīgu personu skaits, kurām noteikta invaliditāte"
_DISABLED_CHILDREN = "bērni, kuriem noteikta invaliditāte"
_MEZROZITES = "Sociālā pakalpojuma centra “Mežrozītes” grupu dzīvokļa izveide un aprīkošana"
# Totals and parts the text gives side by side, and the law's norm.
CHECKS = (
    SumCheck(total=Pick("pensioners", "pensionāri", unit="persons"),
             parts=_parts("pensioners", "pensionāri", "vecuma pensionāri", "izdienas pensionāri")),
    SumCheck(total=Pick("children", "bērni", unit="persons"),
             parts=_parts("children", "bērni", "par kuriem ir piešķirts ģimenes valsts pabalsts",
                          "bērna kopšanas pabalsts")),
    SumCheck(whole=100, parts=_parts("residents_share", "vecuma grupa", "darbaspējas vecumā",
                                     "virs darbaspējas vecumā", "līdz darbaspējas vecumā")),
    SumCheck(whole=100, parts=_parts("residents_share", "dzimums", "sievietes", "vīrieši")),
    SumCheck(whole=100, parts=_parts("residents_share", "dzīvesvieta", "dzīvo Tukuma pilsētā",
                                     "dzīvo pagastu teritorijās")),
    SumCheck(whole=100, parts=(Pick("share", PROVIDED), Pick("share", PURCHASED))),
    SumCheck(total=Pick("specialists", SERVICE_UNITS),
             parts=_parts("specialists", SERVICE_UNITS, "sociālie darbinieki", "sociāli aprūpētāji",
                          "sociālie rehabilitētāji")),
    SumCheck(total=Pick("employees", DEPARTMENT, "sociālie darbinieki kopā"),
             parts=_parts("employees", DEPARTMENT, "sociālie darbinieki",
                          "sociālie darbinieki darbam ar ģimeni ar bērniem",
                          "sociālais darbinieks darbam ar veciem cilvēkiem",
                          "sociālais darbinieks darbam ar personām ar atkarību problēmām")),
    SumCheck(total=Pick("specialists", SERVICE),
             parts=(Pick("specialists", SERVICE, WITHOUT_PROVIDERS), Pick("specialists", SERVICE_UNITS))),
    SumCheck(total=Pick("employees", BOTH_INSTITUTIONS),
             parts=(Pick("employees", SERVICE), Pick("employees", CHILDRENS_HOME))),
    SumCheck(total=Pick("specialists", BOTH_INSTITUTIONS),
             parts=(Pick("specialists", SERVICE), Pick("specialists", CHILDRENS_HOME))),
    SumCheck(total=Pick("specialists_required", SERVICE),
             parts=(Pick("specialists", SERVICE, WITHOUT_PROVIDERS),
                    Pick("specialists_missing", SERVICE, WITHOUT_PROVIDERS))),
    # The law's norm: at least one social-work specialist per 1 000 residents.
    RatioCheck(ratio=Pick("specialists_required", SERVICE), numerator=Pick("residents", "iedzīvotāju skaits"),
               scale=1 / 1000),
    SumCheck(total=Pick("visits", "kopienas centrs", territory="Sēme"),
             parts=_parts("visits", "kopienas centrs", "skolēni un jaunieši", "pieaugušie", territory="Sēme")),
    SumCheck(total=Pick("persons", "kopienas centrs", territory="Sēme"),
             parts=_parts("persons", "kopienas centrs", "pieaugušie", "skolēni un jaunieši", territory="Sēme")),
    SumCheck(total=Pick("residents", "iedzīvotāju skaits", territory="Slampe/Džūkste"),
             parts=(Pick("residents", "iedzīvotāju skaits", territory="Slampe"),
                    Pick("residents", "iedzīvotāju skaits", territory="Džūkste"))),
    # "no tām ...", "no tiem ...": parts of the figure before them.
    PartCheck(Pick("persons_with_disability", _DISABLED_ADULTS, "kurām ir nepieciešama īpašā kopšana"),
              Pick("persons_with_disability", _DISABLED_ADULTS, unit="persons")),
    PartCheck(Pick("children", _DISABLED_CHILDREN, "kuriem ir nepieciešama īpašā kopšana"),
              Pick("children", _DISABLED_CHILDREN)),
    PartCheck(Pick("children", _DISABLED_CHILDREN), Pick("children", "bērni", unit="persons")),
    # the shares printed in brackets after a count, of the residents
    *(ShareCheck(Pick(metric, category, unit="percent"), Pick(metric, category, unit="persons"),
                 (Pick("residents", "iedzīvotāju skaits"),))
      for metric, category in (("pensioners", "pensionāri"), ("persons_with_disability", _DISABLED_ADULTS),
                               ("children", "bērni"))),
)

# The text's shares and changes against the amounts the tables and the chart data give.
CHECKS_WITH_TABLES = (
    *(ShareCheck(Pick("share", part), Pick("spend", part), (Pick("spend", PROVIDED), Pick("spend", PURCHASED)))
      for part in (PROVIDED, PURCHASED)),
    *(ShareCheck(Pick("share", service, OF_PROVIDED), Pick("spend", service), (Pick("spend", PROVIDED),))
      for service in ("Irlavas bērnu nams/ patversme", "Aprūpe mājās", "Invalīdu dienas centrs „Saime”")),
    ShareCheck(Pick("share", _MEZROZITES, "Labklājības ministrija"),
               Pick("funding", _MEZROZITES, "Labklājības ministrija"), (Pick("spend", _MEZROZITES),)),
    ChangeCheck(Pick("change", ADMINISTRATION), Pick("spend", ADMINISTRATION)),
)


# =========================================================================== chart data

@dataclass(frozen=True)
class ChartData:
    """A chart whose numbers the export dumped at the end of the file.

    `labels` recognises the chart: a regex over its series' labels joined by ' | ' (case-sensitive).
    `context` finds the chart's caption or describing sentence in the running text; its groups date a
    series that carries no year (year, and month/day for a finer period) and fill `category`. Without
    `category` each label is a category, after `same_as` (whole label, any case) names it as the
    document's tables name the same line, so that the figures meet and disagreements are flagged.
    `label_map` moves labels to another topic, metric and unit. `part_of` names the chart whose total
    each series of this one should add up to, year by year."""

    name: str
    labels: str
    context: str
    topic: str
    metric: str
    unit: str
    category: str | None = None
    same_as: dict[str, str] = field(default_factory=dict)
    label_map: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    part_of: str | None = None


CHARTS = (
    ChartData(
        "nodrošinātie un pirktie pakalpojumi",
        labels=rf"^{PROVIDED}:? \| {PURCHASED}",
        # The caption names no year; the sentence under it does: "... proporcijas, euro, % 2015. gadā 73 % ..."
        context=r"attēls\.?\s*Pašvaldības nodrošināto un pirkto sociālo pakalpojumu budžeta izlietojuma "
                r"attiecību proporcijas[^0-9]{0,30}(?P<year>\d{4})\.\s*gadā",
        topic="budget", metric="spend", unit="EUR"),
    ChartData(
        "izlietojums sociālajai aizsardzībai",
        labels=r"^(?:(?:19|20)\d\d \| )+(?:19|20)\d\d$",
        context=r"attēls\.?\s*(?P<category>Finanšu līdzekļu izlietojums sociālajai aizsardzībai)\s+\w+ novadā, "
                r"euro",
        topic="budget", metric="spend", unit="EUR", category="{category}"),
    ChartData(
        "pašvaldības nodrošinātie pakalpojumi",
        labels=r"(?=.*\bAprūpe mājās\b)(?=.*\bInvalīdu dienas centrs\b)",
        context=r"attēls\.?\s*Budžeta izlietojums pašvaldības nodrošināto sociālo pakalpojumu finansējumam "
                r"\w+ novadā (?P<year>\d{4})\.\s*gadā",
        topic="budget", metric="spend", unit="EUR",
        same_as={r"Kopienas centrs „Rīti”": "Slampes un Džūkstes pagastu kopienas centrs „Rīti”, kopā",
                 r"Sociālo pakalpojumu centrs [\"“]Mežrozītes[\"”]":
                     "Sociālo pakalpojumu centrs “Mežrozītes”"}),
    ChartData(
        "sociālās aizsardzības izlietojuma sadalījums",
        labels=r"(?=.*\bNodrošinātie sociālie pakalpojumi\b)(?=.*\bPirktie sociālie pakalpojumi\b)",
        # Dates the series printed without a year (the 2015 split); the others carry theirs.
        context=r"attēls\.?\s*Finanšu līdzekļu izlietojuma sadalījums sociālajai aizsardzībai "
                r"(?P<year>\d{4})\.\s*gad",
        topic="budget", metric="spend", unit="EUR",
        same_as={r"Nodrošinātie sociālie pakalpojumi": PROVIDED,
                 r"Pirktie sociālie pakalpojumi": PURCHASED,
                 r"Asistenta pakalpojum(?:s|i)": "Asistenta pakalpojums, valsts finansēts",
                 r"Sociālā darba un sociālās palīdzības administrēšana": ADMINISTRATION,
                 r"Sociālā dienesta uzturēšanas izdevu(?:mi|si)": "Sociālā dienesta uzturēšanas izdevumi"},
        label_map={r"^Sociālā palīdzība$": ("social_assistance", "spend", "EUR")},
        part_of="izlietojums sociālajai aizsardzībai"),
    ChartData(
        "atbalsta formu atpazīstamība",
        labels=r"(?=.*\bSociālā palīdzība \(pabalsti\))(?=.*\bIlgstošā aprūpe\b)",
        context=FOCUS_DATE,
        topic="focus_group", metric="recognition", unit="count"),
)


@dataclass
class Series:
    """One run of the chart dump: labels and as many values, and the year the dump gives the run."""

    labels: list[Cell]
    values: list[Cell]
    year: int | None = None
    years_axis: bool = False  # the labels are the years (a chart over time)


def _cells(text: str, loc: Location) -> list[Cell]:
    return [Cell(part.strip(), loc) for part in text.split("\t") if part.strip()]


def _is_number(text: str) -> bool:
    number = parse_lv_number(text)
    return number.value is not None and not number.rest and not number.is_percent


def _is_year(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text))


def chart_series(doc: ParsedDocument) -> list[Series]:
    """The runs of the chart dump. Its lines start with a label or a year (the rows of this export's tables
    start with a tab) and hold labels followed by as many values, a row of years with a row of as many
    values under it, or a year alone (naming the next run; a year trailing a run names the next one too)."""
    lines = [line for line in doc.lines if "\t" in line.text and line.text[:1] not in ("\t", " ")]
    series: list[Series] = []
    pending_year: int | None = None
    i = 0
    while i < len(lines):
        cells = _cells(lines[i].text, lines[i].loc)
        texts = [c.text for c in cells]
        if len(texts) == 1 and _is_year(texts[0]):
            pending_year = int(texts[0])
        elif len(texts) >= 2 and all(_is_year(t) for t in texts):
            values = _cells(lines[i + 1].text, lines[i + 1].loc) if i + 1 < len(lines) else []
            if len(values) == len(cells) and all(_is_number(v.text) for v in values):
                series.append(Series(cells, values, years_axis=True))
                i += 1
        else:
            n_labels = next((k for k, t in enumerate(texts) if _is_number(t)), len(texts))
            labels, values = cells[:n_labels], cells[n_labels:]
            trailing = None
            if len(values) == len(labels) + 1 and _is_year(values[-1].text):
                trailing, values = int(values[-1].text), values[:-1]
            if len(labels) >= 2 and len(values) == len(labels) and all(_is_number(v.text) for v in values):
                series.append(Series(labels, values, year=pending_year))
                pending_year = trailing
        i += 1
    return series


def _category(label: str, spec: ChartData) -> str:
    label = label.rstrip(":").strip()
    return next((category for pattern, category in spec.same_as.items()
                 if re.fullmatch(pattern, label, re.IGNORECASE)), label)


def _when(series: Series, label: Cell, known: dict[str, str | None]) -> tuple[int, str] | None:
    """The year and period of one value: its axis label, the run's year or the chart's context."""
    if series.years_axis:
        return int(label.text), label.text
    if series.year is not None:
        return series.year, str(series.year)
    if known.get("year"):
        return int(known["year"]), iso_period(known)
    return None


def _series_facts(series: Series, spec: ChartData, known: dict[str, str | None],
                  municipality: str) -> list[Fact]:
    facts = []
    for label, cell in zip(series.labels, series.values):
        when = _when(series, label, known)
        if when is None:
            return []  # undated: the run is kept as raw cells
        topic, metric, unit = next((mapped for pattern, mapped in spec.label_map.items()
                                    if re.search(pattern, label.text)), (spec.topic, spec.metric, spec.unit))
        category = (spec.category.format(**{k: v or "" for k, v in known.items()}) if spec.category
                    else _category(label.text, spec))
        number = parse_lv_number(cell.text)
        fact = Fact(municipality=municipality, year=when[0], period=when[1], topic=topic, metric=metric,
                    category=category, value=number.value, unit=unit, raw_value=cell.text,
                    spot=Spot(f"chart data ({spec.name})", cell.loc, label.text, row_word="label", widths=(50, 0)))
        fact.add_reasons(number.reasons)
        facts.append(fact)
    return facts


def _check_parts(parts: list[Fact], totals: list[Fact]) -> None:
    """A split (one run of chart data) should add up, year by year, to the total another chart gives."""
    by_year: dict[int | None, list[Fact]] = {}
    for fact in parts:
        by_year.setdefault(fact.year, []).append(fact)
    for total in totals:
        if total.year not in by_year:
            continue
        split = by_year[total.year]
        added = sum_of(split)
        if abs(added.value - total.value) > sum_tolerance([*split, total]):
            # The 2015 split is printed twice: each print that does not add up gives its own reason.
            total.add_flag("chart_split_differs", sum=added, printed=total.raw_value,
                           where=split[0].spot.place_ref)


def _raw_cells(series: Series) -> list[RawCell]:
    cells = series.labels + series.values
    ref = f"chart data, {cells[0].loc.ref()}"
    return [RawCell(ref, "", 0, c, cell.text, cell.loc) for c, cell in enumerate(cells)]


def read_charts(doc: ParsedDocument, flow: FlowText, municipality: str,
                messages: list[str]) -> tuple[list[Fact], list[RawCell]]:
    """Facts for every run of the chart dump a ChartData spec recognises and can date; raw cells else."""
    read: list[tuple[ChartData, list[Fact]]] = []
    raw: list[RawCell] = []
    for series in chart_series(doc):
        joined = " | ".join(label.text.rstrip(":").strip() for label in series.labels)
        spec = next((s for s in CHARTS if re.search(s.labels, joined)), None)
        context = re.search(spec.context, flow.text) if spec else None
        facts = _series_facts(series, spec, context.groupdict() if context else {}, municipality) if spec else []
        if facts:
            read.append((spec, facts))
        else:
            raw.extend(_raw_cells(series))
    for spec in CHARTS:
        if not any(s is spec for s, _ in read):
            messages.append(f"no chart data found for '{spec.name}'")
        if spec.part_of:
            totals = [f for s, facts in read if s.name == spec.part_of for f in facts]
            for s, facts in read:
                if s is spec:
                    _check_parts(facts, totals)
    return [f for _, facts in read for f in facts], raw


# =========================================================================== entry point

def extract_prose_and_charts(doc: ParsedDocument, municipality: str) -> tuple[list[Fact], list[RawCell], list[str]]:
    """Facts of the prose figures and of the chart data; raw cells for the chart runs no spec reads; and a
    message for each rule, context sentence or chart the specs expected but did not find."""
    flow = FlowText(doc.lines)
    prose, messages = read_prose_groups(flow, PROSE, municipality)
    check_arithmetic(prose, CHECKS)
    charts, raw = read_charts(doc, flow, municipality, messages)
    return prose + charts, raw, messages
