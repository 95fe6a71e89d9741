"""Every piece of UI text, in Latvian and English, and the English glosses of the reports' own labels.

Latvian is the default; the sidebar switch sets `st.session_state["lang"]` (kept in `?lang=` in the URL).
Labels read from the reports stay as printed; in English they get a gloss in brackets where the glossary
(warehouse/seeds/glossary.csv) knows one. The names of the warehouse's codes are a seed too.
"""
from __future__ import annotations

import re

from babel import Locale

from dashboard.format import number
from warehouse import seeds

LANGUAGES = {"lv": "Latviešu", "en": "English"}
DEFAULT_LANGUAGE = "lv"

# key -> (Latvian, English). Placeholders in braces are filled by `t(key, **values)`.
TEXT: dict[str, tuple[str, str]] = {
    # --- frame
    "app_tagline": ("Latvijas pašvaldību sociālo dienestu publisko pārskatu skaitļi, katrs ar avotu.",
                    "Figures from the public reports of Latvian municipal social services, each with its source."),
    "page_home": ("Sākums", "Home"),
    "page_compare": ("Salīdzinājums", "Compare"),
    "page_budget": ("Budžets", "Budget"),
    "page_recipients": ("Pakalpojumu saņēmēji", "Service recipients"),
    "page_caseload": ("Lietu slodze", "Caseload"),
    "page_staff": ("Personāls", "Staff"),
    "page_focus": ("Fokusgrupas", "Focus groups"),
    "page_data": ("Dati", "Data"),
    "page_sources": ("Avoti un kvalitāte", "Sources and quality"),
    "page_upload": ("Pievienot pārskatu", "Add a report"),
    "building": ("Datu noliktava vēl nav izveidota: to veido no mapes {folder} …",
                 "The warehouse does not exist yet: building it from {folder} …"),
    "building_file": ("Apstrādā {name} ({i}/{n})", "Reading {name} ({i}/{n})"),
    "built": ("Datu noliktava izveidota: {stored} no {total} failiem.", "Warehouse built: {stored} of {total} files."),
    "build_refused": ("Netika nolasīts: {name} — {error}", "Not read: {name} — {error}"),
    "no_sources": ("Mapē {folder} nav neviena pārskata, no kā veidot datu noliktavu.",
                   "There are no reports in {folder} to build the warehouse from."),
    "warehouse_unavailable": ("Datu noliktavu šobrīd nevar atvērt. Lūdzu, mēģiniet vēlāk.",
                              "The warehouse cannot be opened right now. Please try again later."),
    "empty_warehouse": ("Datu noliktavā vēl nav neviena skaitļa. Pievienojiet pārskatus ar komandu python -m ingest.",
                        "The warehouse holds no figures yet. Add reports with the command python -m ingest."),
    # --- shared controls and chart furniture
    "municipality": ("Pašvaldība", "Municipality"),
    "municipalities_or_country": ("Pašvaldības vai valsts", "Municipalities or the country"),
    "year": ("Gads", "Year"),
    "year_range": ("Gadu posms", "Year range"),
    "categories": ("Kategorijas", "Categories"),
    "category": ("Kategorija", "Category"),
    "topic": ("Tēma", "Topic"),
    "metric": ("Rādītājs", "Metric"),
    "subgroup": ("Apakšgrupa", "Subgroup"),
    "territory": ("Teritorija", "Territory"),
    "value": ("Vērtība", "Value"),
    "unit": ("Mērvienība", "Unit"),
    "source": ("Avots", "Source"),
    "flag": ("Piezīme par kvalitāti", "Quality note"),
    "period": ("Periods", "Period"),
    "printed": ("Nodrukāts", "Printed"),
    "source_ref": ("Vieta avotā", "Place in the source"),
    "file": ("Fails", "File"),
    "source_table": ("Tabula", "Table"),
    "all": ("Visas", "All"),
    "other": ("citi", "other"),
    "show_table": ("Rādīt tabulu ar attēlotajiem skaitļiem", "Show the table of the charted numbers"),
    "download_csv": ("Lejupielādēt CSV", "Download CSV"),
    "download_xlsx": ("Lejupielādēt XLSX", "Download XLSX"),
    "download_parquet": ("Lejupielādēt Parquet", "Download Parquet"),
    "chart_type": ("Attēlojums", "Chart"),
    "chart_stacked": ("Sakrautas joslas", "Stacked bars"),
    "chart_grouped": ("Grupētas joslas", "Grouped bars"),
    "chart_lines": ("Līnijas", "Lines"),
    "reform_note": ("Attēls aptver 2021. gada 1. jūlija administratīvi teritoriālo reformu: {names} pirms un pēc "
                    "tās nav viena un tā pati teritorija. {notes}",
                    "The chart spans the administrative-territorial reform of 1 July 2021: {names} before and after "
                    "it is not the same territory. {notes}"),
    "reform_line": ("ATR 2021", "2021 reform"),
    "no_data": ("Šai izvēlei datu noliktavā nav skaitļu.", "The warehouse has no figures for this selection."),
    "none_selected": ("Izvēlieties vismaz vienu kategoriju.", "Choose at least one category."),
    "change": ("Izmaiņas", "Change"),
    "change_pct": ("Izmaiņas, %", "Change, %"),
    "previous_year": ("Iepriekšējais gads", "Previous year"),
    "previous_value": ("Iepriekšējā vērtība", "Previous value"),
    "residents": ("Iedzīvotāji", "Residents"),
    "phase": ("Posms", "Phase"),
    "low": ("No", "From"),
    "high": ("Līdz", "To"),
    "residents_year": ("Iedzīvotāju gads", "Population year"),
    # --- home
    "home_holds": ("Kas ir datu noliktavā", "What the warehouse holds"),
    "n_documents": ("Dokumenti", "Documents"),
    "n_municipalities": ("Pašvaldības", "Municipalities"),
    "n_years": ("Gadi", "Years"),
    "n_facts": ("Skaitļi", "Figures"),
    "n_flagged": ("Ar piezīmi", "Flagged"),
    "home_headlines": ("Galvenie skaitļi", "Headline figures"),
    "home_headlines_help": ("Katras tēmas lielākā rinda izvēlētajā gadā un tās izmaiņas pret iepriekšējo gadu, "
                            "kurā tā pati rinda ir dota.",
                            "The largest row of each topic in the chosen year and its change against the previous "
                            "year that gives the same row."),
    "home_no_headlines": ("Šai pašvaldībai un gadam nav galveno skaitļu.",
                          "There are no headline figures for this municipality and year."),
    "home_coverage": ("Skaitļi pa pašvaldībām un tēmām", "Figures by municipality and topic"),
    "home_coverage_all": ("Visas pašvaldības", "Every municipality"),
    "vs_year": ("pret {year}", "vs {year}"),
    "no_previous": ("nav iepriekšējā gada", "no previous year"),
    "not_comparable": ("{year} nesalīdzināms (ATR)", "{year} not comparable (reform)"),
    # --- Dati
    "data_intro": ("Jebkura „facts” tabulas daļa: izvēlieties filtrus, apskatiet rindas, lejupielādējiet tās. "
                   "Katrai rindai ir dokuments, vieta un nodrukātais teksts, no kura skaitlis nolasīts.",
                   "Any slice of the ‘facts’ table: choose filters, look at the rows, download them. Every row "
                   "has its document, place and the printed text the number was read from."),
    "topics": ("Tēmas", "Topics"),
    "metrics": ("Rādītāji", "Metrics"),
    "flagged_only": ("Tikai skaitļi ar piezīmi", "Flagged values only"),
    "indicators": ("Kopīgie rādītāji", "Common indicators"),
    "indicator": ("Kopīgais rādītājs", "Common indicator"),
    "indicator_line": ("Kopīgais rādītājs „{name}”: {definition}", "Common indicator ‘{name}’: {definition}"),
    "search_labels": ("Meklēt nosaukumos", "Search the labels"),
    "slice_download": ("Lejupielādēt atlasi", "Download the selection"),
    "dictionary": ("Datu vārdnīca", "Data dictionary"),
    "dictionary_intro": ("Katras tabulas katra kolonna, tās tips un nozīme. Mērvienība katram skaitlim ir tā "
                         "rindas kolonnā „unit”.",
                         "Every column of every table, its type and meaning. Each number's unit is in the "
                         "‘unit’ column of its row."),
    "package": ("Pilna datu pakete", "Full data package"),
    "package_intro": ("Visas datu noliktavas tabulas CSV formātā un „datapackage.json” (Frictionless), kas "
                      "apraksta kolonnas, mērvienības un avotus.",
                      "Every warehouse table as CSV and a ‘datapackage.json’ (Frictionless) describing the "
                      "columns, units and sources."),
    "download_package": ("Lejupielādēt paketi (zip)", "Download the package (zip)"),
    "col_table": ("Tabula", "Table"),
    "col_column": ("Kolonna", "Column"),
    "col_type": ("Tips", "Type"),
    "col_description": ("Nozīme", "Meaning"),
    # --- Avoti un kvalitāte
    "sources_intro": ("No kurienes nāk katrs skaitlis: dokumenti, to metadati un oriģinālie faili; katrs skaitlis "
                      "ar piezīmi; meklēšana dokumentu tekstā.",
                      "Where every number comes from: the documents, their metadata and original files; every "
                      "flagged value; search in the documents' text."),
    "documents": ("Dokumenti", "Documents"),
    "raw_files": ("Oriģinālie faili", "Original files"),
    "raw_file": ("Fails", "File"),
    "raw_file_missing": ("{name}: fails nav atrodams mapē raw_reports/", "{name}: the file is not in raw_reports/"),
    "flagged_values": ("Skaitļi ar piezīmi", "Flagged values"),
    "flagged_intro": ("Katrs skaitlis, kuram vajag uzmanību: kas nodrukāts, kas nolasīts, kāpēc un kur.",
                      "Every value that needs care: what was printed, what was read, why and where."),
    "document": ("Dokuments", "Document"),
    "all_documents": ("Visi dokumenti", "All documents"),
    "no_flagged": ("Nav neviena skaitļa ar piezīmi.", "There are no flagged values."),
    "text_search": ("Meklēšana dokumentu tekstā", "Search in the documents' text"),
    "search_words": ("Vārds vai frāze", "Word or phrase"),
    "search_hint": ("Piemēram: slodze, patversme, 1000 iedzīvotājiem.", "For example: slodze, patversme, 1000 iedzīvotājiem."),
    "search_none": ("Neviens dokuments nesatur “{q}”.", "No document contains “{q}”."),
    "search_found": ("“{q}” atrasts {documents}, {places}.", "“{q}” found {documents}, {places}."),
    "open_document": ("Lejupielādēt {name}", "Download {name}"),
    "col_kind": ("Veids", "Kind"),
    "col_title": ("Virsraksts", "Title"),
    "col_published": ("Publicēts", "Published"),
    "col_format": ("Formāts", "Format"),
    "col_layout": ("Nolasīts ar", "Read by"),
    "col_pages": ("Lpp.", "Pages"),
    "col_primary": ("Skaitļu avots", "Holds the facts"),
    "col_rendition": ("Cita versija failam", "Rendition of"),
    "col_facts": ("Skaitļi", "Figures"),
    "col_flagged": ("Ar piezīmi", "Flagged"),
    "col_ingested": ("Nolasīts", "Ingested"),
    "col_read_as": ("Nolasīts kā", "Read as"),
    "col_why": ("Kāpēc", "Why"),
    "col_fact_id": ("Skaitļa Nr.", "Fact no."),
    # --- Budžets
    "budget_intro": ("Izlietotie līdzekļi un finansējums pa pakalpojumiem, pabalstiem un kategorijām, kā tos "
                     "dod pārskati.", "Spending and funding by service, benefit and category, as the reports "
                     "give them."),
    "what": ("Rādītājs", "Measure"),
    "per_resident": ("Uz vienu iedzīvotāju", "Per resident"),
    "per_resident_missing": ("Uz iedzīvotāju var rēķināt tikai gadiem, kuriem zināms iedzīvotāju skaits (±1 gads): "
                             "{years}.", "Per resident only for years with a known population (±1 year): {years}."),
    "per_resident_none": ("Šai pašvaldībai datu noliktavā nav iedzīvotāju skaita šiem gadiem.",
                          "The warehouse has no population for this municipality in these years."),
    "stack_warning": ("Sakrautas joslas saskaita kategorijas: neizvēlieties vienlaikus kopsummu un tās daļas.",
                      "Stacked bars add categories up: do not choose a total together with its parts."),
    "budget_title": ("{name}: {what}, {unit}", "{name}: {what}, {unit}"),
    "yoy": ("Izmaiņas pret iepriekšējo gadu", "Change against the previous year"),
    "yoy_help": ("Iepriekšējais gads ir pēdējais agrākais gads, kuram tā pati rinda ir dota.",
                 "The previous year is the latest earlier year that gives the same row."),
    "label": ("Rinda", "Row"),
    # --- Pakalpojumu saņēmēji
    "recipients_intro": ("Cik personu, bērnu, ģimeņu saņēmuši katru pakalpojumu katru gadu, kā to dod pārskati.",
                         "How many persons, children, families received each service each year, as the reports "
                         "give it."),
    "recipients_title": ("{name}: {what}", "{name}: {what}"),
    "gender_split": ("Sadalījums pēc dzimuma", "Split by gender"),
    "gender_title": ("{name}, {year}: {what} pēc dzimuma", "{name}, {year}: {what} by gender"),
    "gender_none": ("Šim rādītājam pārskats nedod sadalījumu pēc dzimuma.",
                    "The report gives no split by gender for this measure."),
    "settings": ("Aprūpe kopienā un institūcijās", "Community and institutional care"),
    "settings_title": ("{name}: {what} kopienā un institūcijās", "{name}: {what} in the community and in institutions"),
    "settings_help": ("Iedalījums pēc pakalpojuma nosaukuma: ilgstoša aprūpe institūcijā, pansionāts, bērnu nams — "
                      "institūcija; aprūpe mājās, dienas centri, kopienas centri, grupu mājas, patversmes, asistents "
                      "— kopiena. Persona, kas saņem divus pakalpojumus, skaitīta divreiz.",
                      "Split by the service's name: long-term residential care, care homes, children's homes are "
                      "institutions; home care, day centres, community centres, group homes, shelters, assistants "
                      "are community care. A person using two services counts twice."),
    "settings_coverage": ("Gadi neaptver vienus un tos pašus pakalpojumus (pakalpojumu skaits pa gadiem — {years}): "
                          "kopsummas starp šiem gadiem nav salīdzināmas.",
                          "The years do not cover the same services (services per year — {years}): their sums do "
                          "not compare across those years."),
    "settings_none": ("Šī rādītāja pakalpojumu nosaukumi neļauj tos iedalīt kopienas un institūciju aprūpē.",
                      "The names of this measure's services do not tell community from institutional care."),
    "setting_community": ("Aprūpe kopienā", "Community care"),
    "setting_institutional": ("Institūcijā", "Institutional care"),
    "setting": ("Vide", "Setting"),
    "gender": ("Dzimums", "Gender"),
    # --- Lietu slodze
    "caseload_intro": ("Cik aktīvo klientu lietu ir katram sociālajam darbiniekam, salīdzinot ar atsauces "
                       "robežām; pilotprojekta lietas pirms un pēc pārdales; lietu kodu skaidrojums.",
                       "How many active client cases each social worker has, against the reference band; the "
                       "pilot's caseloads before and after redistribution; the case codes in words."),
    "per_position": ("Aktīvās lietas pa amatiem un teritorijām", "Active cases by position and territory"),
    "per_position_title": ("{name}, {period}: aktīvās lietas uz vienu darbinieku, lietas",
                           "{name}, {period}: active cases per worker, cases"),
    "snapshot": ("Uzskaite", "Count"),
    "compare_with": ("Salīdzināt ar", "Compare with"),
    "compare_nobody": ("— nevienu —", "— none —"),
    "compare_no_rows": ("{name} nav neviena no izvēlētajām rindām.", "{name} has none of the chosen rows."),
    "band_label": ("{low}–{high} lietas: {what}", "{low}–{high} cases: {what}"),
    "band_note": ("Iekrāsotā josla: {low}–{high} lietas uz darbinieku — {what} ({source}).",
                  "Shaded band: {low}–{high} cases per worker — {what} ({source})."),
    "no_band": ("Datu noliktavā nav atsauces robežas lietu skaitam uz darbinieku.",
                "The warehouse has no reference band for cases per worker."),
    "positions_hint": ("Josla ir viens darbinieks (amats un teritorija); krāsas ir lietu veidi (kodi).",
                       "A bar is one worker (position and territory); colours are the kinds of case (codes)."),
    "pilot": ("Pilotprojekts: lietas pirms un pēc pārdales", "The pilot: caseloads before and after redistribution"),
    "pilot_title": ("Lietas uz vienu darbinieku pirms un pēc pārdales, lietas",
                    "Cases per worker before and after the redistribution, cases"),
    "pilot_none": ("Datu noliktavā nav lietu skaita pirms un pēc pārdales.",
                   "The warehouse has no caseloads before and after a redistribution."),
    "ranges": ("Lietu skaits uz darbinieku: diapazoni, kā tos nodrukā dokumenti",
               "Cases per worker: ranges as the documents print them"),
    "ranges_title": ("Lietu skaits uz vienu darbinieku (no–līdz), lietas", "Cases per worker (from–to), cases"),
    "reference": ("Atsauce", "Reference"),
    "observed": ("Novērots", "Observed"),
    "codes": ("Lietu kodi", "Case codes"),
    "code": ("Kods", "Code"),
    "sub_label": ("Apakšgrupa", "Sub-group"),
    "meaning": ("Nozīme, kā nodrukāts", "Meaning as printed"),
    "meaning_en": ("Angliski", "In English"),
    "whole_municipality": ("visa pašvaldība", "whole municipality"),
    # --- Personāls
    "staff_intro": ("Sociālā darba speciālisti uz 1 000 iedzīvotājiem pret likuma normu (Sociālo pakalpojumu un "
                    "sociālās palīdzības likuma 10. panta 1. daļa: vismaz viens uz katriem 1 000 iedzīvotājiem).",
                    "Social-work specialists per 1 000 residents against the legal norm (Law on Social Services "
                    "and Social Assistance, art. 10(1): at least one per 1 000 residents)."),
    "staff_counts": ("Skaitīšanas pamati", "Counting bases"),
    "staff_counts_help": ("Pēc noklusējuma — skaiti, ko dokuments pats salīdzina ar normu. Var pievienot citus "
                          "speciālistu skaitus, kuriem zināms iedzīvotāju skaits.",
                          "By default the counts each document itself holds against the norm. Other counts of "
                          "specialists with a known population can be added."),
    "ratio_title": ("Sociālā darba speciālisti uz 1 000 iedzīvotājiem", "Social-work specialists per 1 000 residents"),
    "norm_line": ("Likuma norma: {value} uz 1 000 iedzīvotājiem", "Legal norm: {value} per 1 000 residents"),
    "norm_source": ("Norma: {value} speciālists uz 1 000 iedzīvotājiem — {source}.",
                    "Norm: {value} specialist per 1 000 residents — {source}."),
    "norm_law": ("Sociālo pakalpojumu un sociālās palīdzības likums, 10. panta 1. daļa (datu noliktavā normas nav)",
                 "Law on Social Services and Social Assistance, art. 10(1) (the warehouse does not print it)"),
    "below_norm": ("Zem normas", "Below the norm"),
    "meets_norm": ("Atbilst normai", "Meets the norm"),
    "shortfall_title": ("Trūkstošie speciālisti līdz normai, personas", "Specialists missing to reach the norm, persons"),
    "shortfall_national": ("{name} {year}: līdz normai trūkst {n} speciālistu valstī kopumā; tas nav attēlots blakus "
                           "pašvaldību trūkumam, kas ir cita mēroga skaitlis.",
                           "{name} {year}: {n} specialists are missing to reach the norm in the country as a whole; "
                           "it is not drawn beside the municipalities' shortfalls, a figure of another scale."),
    "shortfall_none": ("Neviens izvēlētais skaits nav zem normas.", "None of the chosen counts is below the norm."),
    "staff_none": ("Datu noliktavā nav neviena speciālistu skaita, kuram zināms iedzīvotāju skaits.",
                   "The warehouse has no count of specialists with a known population."),
    "ratio_help": ("Iedzīvotāju skaits ir visas pašvaldības (vai tās teritorijas) skaits tajā pašā gadā vai tuvākajā "
                   "(±1; ja abi vienlīdz tuvu, vēlākais), ne tās daļa. Trūkums = iedzīvotāji / 1 000 − speciālisti, "
                   "noapaļots.",
                   "The residents are the whole municipality's (or territory's) of the same year or the nearest (±1; "
                   "the later of two equally near), never a part of them. Shortfall = residents / 1 000 − specialists, "
                   "rounded."),
    "specialists": ("Speciālisti", "Specialists"),
    "per_1000": ("Uz 1 000 iedz.", "Per 1 000 residents"),
    "required": ("Vajadzīgi pēc normas", "Required by the norm"),
    "shortfall": ("Trūkst", "Missing"),
    "required_printed": ("Vajadzīgi (dokumentā)", "Required (as printed)"),
    "missing_printed": ("Trūkst (dokumentā)", "Missing (as printed)"),
    # --- Fokusgrupas
    "focus_intro": ("2015. gada jūnija fokusgrupas pagastos: kuras atbalsta formas dalībnieki atpazīst, kuras "
                    "uzskata par pieejamām savā pagastā, un cik dalībnieku bija katrā pagastā.",
                    "The June 2015 focus groups in the parishes: which support forms participants recognise, which "
                    "they consider available in their parish, and how many took part in each parish."),
    "recognition": ("Atpazīstamība", "Recognition"),
    "recognition_title": ("{name}: cik dalībnieku atpazina katru atbalsta formu, atbildes",
                          "{name}: how many participants recognised each support form, answers"),
    "availability": ("Pieejamība pagastos", "Availability by parish"),
    "availability_title": ("{name}: kāda daļa pagasta dalībnieku atzīmēja formu kā pieejamu savā pagastā, %",
                           "{name}: share of each parish's participants who marked a form as available there, %"),
    "availability_help": ("Šūna ir daļa no pagasta fokusgrupas dalībniekiem (pagastos to bija dažāds skaits). Tukša "
                          "šūna: neviens pagasta dalībnieks šo formu neatzīmēja.",
                          "A cell is a share of the parish's focus-group participants (the parishes had different "
                          "numbers of them). An empty cell: no participant in the parish marked that form."),
    "respondents": ("Respondenti pa pagastiem", "Respondents by parish"),
    "respondents_title": ("{name}: fokusgrupu dalībnieki pa pagastiem, personas",
                          "{name}: focus-group participants by parish, persons"),
    "respondents_col": ("Dalībnieki pagastā", "Participants in the parish"),
    "share_col": ("Daļa, %", "Share, %"),
    # --- Salīdzinājums
    "compare_intro": ("Kā pašvaldības salīdzinās vienā kopīgajā rādītājā: katrs skaitlis no pašvaldības pārskata, ar "
                      "tā lapu vai rindu. Valsts skaitļi (Latvija) šeit nav salīdzināti.",
                      "How municipalities compare on one common indicator: every number from a municipality's "
                      "report, with its page or line. The country's figures (Latvija) are not compared here."),
    "compare_none": ("Datu noliktavā nav neviena kopīgā rādītāja, ko dotu kāda pašvaldība.",
                     "The warehouse has no common indicator that any municipality gives."),
    "compare_indicator_option": ("{name} ({n} pašv.)", "{name} ({n} munic.)"),
    "compare_group": ("Grupa", "Group"),
    "compare_group_all": ("Visas pašvaldības", "All municipalities"),
    "compare_group_cities": ("Valstspilsētas", "State cities"),
    "compare_group_novadi": ("Novadi", "Municipalities (novadi)"),
    "compare_group_size": ("Pēc iedzīvotāju skaita: {name}", "By residents: {name}"),
    "compare_group_help": ("Grupas salīdzina līdzīgas pašvaldības: {cities} valstspilsētas, {novadi} novadus vai "
                           "pašvaldības ar līdzīgu iedzīvotāju skaitu (pēc jaunākā zināmā skaita).",
                           "Groups compare like with like: the {cities} state cities, the {novadi} novadi, or "
                           "municipalities with a similar number of residents (by the latest figure known)."),
    "compare_municipalities": ("Pašvaldības", "Municipalities"),
    "compare_mine": ("Mana pašvaldība", "My municipality"),
    "compare_mine_none": ("—", "—"),
    "compare_view": ("Skats", "View"),
    "compare_view_rank": ("Vieta", "Ranking"),
    "compare_view_lines": ("Pa gadiem", "Over the years"),
    "compare_view_change": ("Izmaiņas %", "Change %"),
    "compare_view_index": ("Indekss", "Index"),
    "compare_per": ("Vērtības", "Values"),
    "compare_per_value": ("Kā dokumentos", "As printed"),
    "compare_per_resident": ("Uz iedzīvotāju", "Per resident"),
    "compare_per_1000": ("Uz 1 000 iedz.", "Per 1 000 residents"),
    "compare_rank_title": ("{what}, {year}: pašvaldības pēc vērtības, {unit}",
                           "{what}, {year}: municipalities by value, {unit}"),
    "compare_lines_title": ("{what}, pa gadiem, {unit}", "{what}, over the years, {unit}"),
    "compare_change_title": ("{what}: izmaiņas pret iepriekšējo gadu, %", "{what}: change against the previous year, %"),
    "compare_index_title": ("{what}: indekss (pirmais gads = 100)", "{what}: index (first year = 100)"),
    "compare_band": ("Zaļā josla: salīdzināto pašvaldību kvartiļi, raustītā līnija: mediāna",
                     "Green band: the quartiles of the municipalities compared, dashed line: the median"),
    "compare_band_help": ("Josla ir starp apakšējo un augšējo kvartili, raustītā līnija ir mediāna; tās rēķinātas no "
                          "visām salīdzinātajām pašvaldībām katrā gadā ({n} pašvaldību).",
                          "The band runs from the lower to the upper quartile, the dashed line is the median; both of "
                          "all the municipalities compared in each year ({n} municipalities)."),
    "compare_no_residents": ("Bez iedzīvotāju skaita (±1 gads), tāpēc nav attēlotas: {names}.",
                             "Without a residents figure (±1 year), so not charted: {names}."),
    "compare_not_divided": ("Šo rādītāju nedala ar iedzīvotāju skaitu.", "This indicator is not divided by residents."),
    "compare_before_reform": ("{name} (līdz 2021)", "{name} (before 2021)"),
    "compare_mine_missing": ("{name}: šim rādītājam un gadam skaitļa nav.", "{name}: no figure for this indicator and year."),
    "compare_change_help": ("Izmaiņas pret tās pašas pašvaldības iepriekšējo gadu, kurā ir skaitlis; nekad pāri 2021. "
                            "gada reformai.",
                            "Change against the same municipality's previous year with a figure; never across the "
                            "2021 reform."),
    "compare_index_help": ("Katras sērijas pirmais attēlotais gads ir 100; pēc 2021. gada reformas paplašinātai "
                           "pašvaldībai sērija sākas no jauna.",
                           "Each series' first year charted is 100; a municipality enlarged by the 2021 reform starts "
                           "a new series after it."),
    "compare_readings": ("Skaitļi gadā", "Figures in the year"),
    "compare_rank": ("Vieta", "Rank"),
    "compare_printed_value": ("Nodrukātā vērtība", "Printed value"),
    "compare_index": ("Indekss", "Index"),
    "compare_single": ("Šim rādītājam ir tikai vienas pašvaldības skaitļi: salīdzinājums būs, kad būs vēl kādas "
                       "pašvaldības pārskati.",
                       "Only one municipality gives this indicator: a comparison needs another municipality's reports."),
    # --- Pievienot pārskatu (directors only)
    "sign_in_oidc_intro": ("Pārskatus pievieno un izņem sociālo dienestu vadītāji. Pierakstieties ar savu darba kontu.",
                           "Directors of social services add and remove reports here. Sign in with your work account."),
    "sign_in_password_intro": ("Pārskatus pievieno un izņem sociālo dienestu vadītāji. Ievadiet vadītāju paroli.",
                               "Directors of social services add and remove reports here. Enter the directors' password."),
    "not_a_director": ("Konts {account} nav starp vadītājiem, kas drīkst pievienot pārskatus.",
                       "The account {account} is not among the directors who may add reports."),
    "sign_in": ("Pierakstīties", "Sign in"),
    "sign_out": ("Izrakstīties", "Sign out"),
    "password": ("Parole", "Password"),
    "wrong_password": ("Nepareiza parole. Nākamo mēģinājumu pārbaudīs pēc {seconds} s.",
                       "Wrong password. The next attempt is checked after {seconds} s."),
    "signed_in_as": ("Pierakstījies: {who}", "Signed in: {who}"),
    "upload_heading": ("Jauns pārskats", "A new report"),
    "upload_intro": ("Augšupielādējiet pārskatu PDF, teksta (.txt, .md) vai darbgrāmatas (.xlsx) formātā, līdz {mb} MB. "
                     "Pirms kaut kas tiek saglabāts, redzēsiet, ko no tā nolasa un ko tas mainītu.",
                     "Upload a report as a PDF, a text export (.txt, .md) or a workbook (.xlsx), up to {mb} MB. "
                     "Before anything is stored you see what is read from it and what it would change."),
    "upload_file": ("Pārskata fails", "Report file"),
    "preview_reading": ("Nolasa {name} …", "Reading {name} …"),
    "preview_heading": ("Priekšskatījums: vēl nekas nav saglabāts", "Preview: nothing is stored yet"),
    "preview_layout": ("Nolasīts ar: {layout}", "Read by: {layout}"),
    "preview_document": ("{municipality} · {kind} · {title} · periods {period}",
                         "{municipality} · {kind} · {title} · period {period}"),
    "preview_refused": ("{name} netiktu saglabāts: {reason}", "{name} would not be stored: {reason}"),
    "preview_status_added": ("{name} būtu jauns pārskats.", "{name} would be a new report."),
    "preview_status_replaced": ("{name} aizstātu šī paša pārskata saglabāto versiju.",
                                "{name} would replace the stored version of this report."),
    "preview_status_rendition": ("{name} ir cits jau saglabāta pārskata formāts.",
                                 "{name} is another format of a stored report."),
    "preview_status_unchanged": ("{name} jau ir datu noliktavā: nekas nemainītos.",
                                 "{name} is in the warehouse already: nothing would change."),
    "preview_facts": ("Skaitļi failā", "Facts in the file"),
    "change_new": ("Jauni", "New"),
    "change_replaces": ("Aizstāj", "Replaces"),
    "change_revises": ("Precizē", "Revises"),
    "preview_changes": ("Ko tas mainītu datu noliktavā (pēc pašvaldības, rādītāja un gada)",
                        "What it would change in the warehouse (by municipality, indicator and year)"),
    "preview_fact_list": ("Katrs nolasītais skaitlis", "Every fact read"),
    "preview_edit_hint": ("Noņemiet atzīmi “Saglabāt”, lai skaitli neiekļautu; ierakstiet labotu vērtību un iemeslu, "
                          "lai to labotu. Nodrukātā vērtība paliek, labotā tiek rādīta ar piezīmi.",
                          "Untick “Keep” to leave a fact out; enter a corrected value and a reason to correct it. The "
                          "printed value stays; the corrected one is shown, flagged."),
    "needs_reason": ("{place} (“{printed}”): labojumam vai neiekļautam skaitlim jānorāda iemesls.",
                     "{place} (“{printed}”): a correction or a fact left out needs a reason."),
    "edit_keep": ("Saglabāt", "Keep"),
    "edit_corrected": ("Labotā vērtība", "Corrected value"),
    "edit_reason": ("Iemesls", "Reason"),
    "commit": ("Saglabāt datu noliktavā", "Store in the warehouse"),
    "committing": ("Saglabā …", "Storing …"),
    "edits_summary": ("Saglabājot neiekļaus {left_out} un labos {corrected}.",
                      "When stored, {left_out} left out and {corrected} corrected."),
    "committed": ("Saglabāts {name}: {facts}, {corrections}. Lasītāji to redzēs nākamajā lapas ielādē.",
                  "Stored {name}: {facts}, {corrections}. Readers see it when their page next loads."),
    "remove_heading": ("Izņemt pārskatu", "Remove a report"),
    "remove_none": ("Datu noliktavā nav neviena pārskata.", "The warehouse holds no reports."),
    "remove_choose": ("Saglabātais pārskats", "Stored report"),
    "remove_placeholder": ("Izvēlieties pārskatu", "Choose a report"),
    "remove_confirm": ("Jā, izņemt {name} ar visiem tā formātiem un skaitļiem",
                       "Yes, remove {name} with all its formats and facts"),
    "remove": ("Izņemt", "Remove"),
    "removing": ("Izņem …", "Removing …"),
    "removed": ("Izņemts: {names} — {facts}.", "Removed: {names} — {facts}."),
    "col_effect": ("Izmaiņa", "Change"),
    "col_served_value": ("Pašreizējā vērtība", "Value now"),
    "col_new_value": ("Jaunā vērtība", "New value"),
    # --- Avoti: the ingest log and the revisions
    "ingest_log_heading": ("Pievienošanas žurnāls", "Ingest log"),
    "ingest_log_intro": ("Katra pievienošana, izņemšana un labojums: kad, kas, fails un cik skaitļu tas pievienoja, "
                         "aizstāja vai izņēma.",
                         "Every ingest, removal and correction: when, who, the file, and how many facts it added, "
                         "replaced or removed."),
    "no_log": ("Žurnālā vēl nav ierakstu.", "The log has no entries yet."),
    "revisions_heading": ("Precizētās vērtības", "Revised values"),
    "revisions_intro": ("Vērtības, ko jaunāka publikācija sniedz citādi; attēlos rāda jaunākās publikācijas vērtību.",
                        "Values a newer publication gives differently; the charts show the newest publication's."),
    "no_revisions": ("Neviena vērtība nav precizēta jaunākā publikācijā.",
                     "No value has been revised by a newer publication."),
    "col_logged_at": ("Kad", "When"),
    "col_who": ("Kas", "Who"),
    "col_action": ("Darbība", "Action"),
    "col_outcome": ("Iznākums", "Outcome"),
    "col_facts_added": ("Pievienoti", "Added"),
    "col_facts_replaced": ("Aizstāti", "Replaced"),
    "col_facts_removed": ("Izņemti", "Removed"),
}

# Texts that count: their forms by the CLDR plural category of the number `n` in each language (Babel's
# `Locale.plural_form`; Latvian: one for 1, 21, 251, …, zero for 0, 10–20, 30, …, other for the rest). A
# missing category takes the `other` form: Latvian says "10 rindas" as it says "2 rindas".
COUNTED: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "rows_found": ({"one": "Atrasta {n} rinda.", "other": "Atrastas {n} rindas."},
                   {"one": "{n} row found.", "other": "{n} rows found."}),
    "rows_shown": ({"one": "Rādītas pirmās {shown} no {n} rindas; lejupielādē ir visas.",
                    "other": "Rādītas pirmās {shown} no {n} rindām; lejupielādē ir visas."},
                   {"other": "Showing the first {shown} of {n} rows; the downloads hold them all."}),
    "n_flagged_found": ({"one": "{n} skaitlis ar piezīmi.", "other": "{n} skaitļi ar piezīmi."},
                        {"one": "{n} flagged value.", "other": "{n} flagged values."}),
    "in_documents": ({"one": "{n} dokumentā", "other": "{n} dokumentos"},
                     {"one": "in {n} document", "other": "in {n} documents"}),
    "more_sources": ({"one": "vēl {n} dokuments (katra skaitļa failu rāda tabula ar attēlotajiem skaitļiem)",
                      "other": "vēl {n} dokumenti (katra skaitļa failu rāda tabula ar attēlotajiem skaitļiem)"},
                     {"one": "{n} more document (the table of the charted numbers names each one's file)",
                      "other": "{n} more documents (the table of the charted numbers names each one's file)"}),
    "n_facts": ({"zero": "{n} skaitļu", "one": "{n} skaitlis", "other": "{n} skaitļi"},
                {"one": "{n} fact", "other": "{n} facts"}),
    # the object of a verb (accusative in Latvian)
    "n_facts_object": ({"one": "{n} skaitli", "other": "{n} skaitļus"}, {"one": "{n} fact", "other": "{n} facts"}),
    "n_corrections": ({"zero": "{n} labojumu", "one": "{n} labojums", "other": "{n} labojumi"},
                      {"one": "{n} correction", "other": "{n} corrections"}),
    "in_places": ({"one": "{n} vietā", "other": "{n} vietās"}, {"one": "{n} place", "other": "{n} places"}),
    "search_more": ({"one": "… un vēl {n} vieta šajā dokumentā.", "other": "… un vēl {n} vietas šajā dokumentā."},
                    {"one": "… and {n} more place in this document.",
                     "other": "… and {n} more places in this document."}),
    "flagged_in_chart": ({"other": "{n} no attēlotajiem skaitļiem ir ar piezīmi par kvalitāti (skat. tabulu)."},
                         {"one": "{n} of the charted numbers carries a quality note (see the table).",
                          "other": "{n} of the charted numbers carry a quality note (see the table)."}),
}

# Names of the codes the warehouse uses (topics, metrics, units, document kinds, layouts, places), a seed.
NAMES: dict[tuple[str, str], tuple[str, str]] = {(n.kind, n.code): (n.lv, n.en) for n in seeds.load_names()}
# Latvian stems of the reports' labels -> English gloss, the longest first: the longest match wins.
_GLOSSARY = sorted(((g.stem, g.gloss_en) for g in seeds.load_glossary()), key=lambda pair: -len(pair[0]))
# The case-file codes of the Tukums 2016 evaluation, glossed (the warehouse keeps the printed legend).
_CASE_CODE_GLOSSES = {c.code: c.gloss_en for c in seeds.load_case_codes()}


def lang() -> str:
    """The language the reader chose; Latvian outside a Streamlit session (tests, scripts)."""
    try:
        import streamlit as st

        value = str(st.session_state.get("lang", DEFAULT_LANGUAGE)).lower()
    except Exception:  # no session: bare Python
        value = DEFAULT_LANGUAGE
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, language: str | None = None, **values) -> str:
    lv, en = TEXT[key]
    text = en if (language or lang()) == "en" else lv
    return text.format(**values) if values else text


def tn(key: str, n: int, language: str | None = None, **values) -> str:
    """A counted text (COUNTED) in the plural form the number `n` takes in the language; `n` is written in
    the reader's number style."""
    language = language or lang()
    lv, en = COUNTED[key]
    forms = en if language == "en" else lv
    category = Locale(language).plural_form(abs(int(n)))
    return forms.get(category, forms["other"]).format(n=number(n, language), **values)


def name(kind: str, code: str, language: str | None = None) -> str:
    """The name of a code of the warehouse (`kind`: topic, metric, unit, document_kind, layout, place, chart)
    in the language; the code itself for one the names file does not know."""
    lv, en = NAMES.get((kind, code), (code, code))
    return en if (language or lang()) == "en" else lv


def topic_name(topic: str, language: str | None = None) -> str:
    return name("topic", topic, language)


def metric_name(metric: str, language: str | None = None) -> str:
    return name("metric", metric, language)


def unit_name(unit: str, language: str | None = None) -> str:
    return name("unit", unit, language)


def indicator_text(indicator, language: str | None = None) -> str:
    """The line that names an indicator and says its definition, in the language; `indicator` is a row of
    the catalogue (`warehouse.queries.indicators`)."""
    language = language or lang()
    return t("indicator_line", language, name=indicator[f"name_{language}"],
             definition=indicator[f"definition_{language}"])


def gloss(label: str | None) -> str | None:
    """The English gloss of a printed Latvian label, or None when the glossary knows none of its words."""
    if not label:
        return None
    low = re.sub(r"\s+", " ", label.lower())
    for stem, english in _GLOSSARY:
        # At the start of a word: "psihosociālā palīdzība" is not "sociālā palīdzība".
        if re.search(r"(?<!\w)" + re.escape(stem), low):
            return english
    return None


def case_code_gloss(code: str) -> str | None:
    """The English gloss of a case-file code, or None for a code the seed does not know."""
    return _CASE_CODE_GLOSSES.get(code)


def label(text: str | None, language: str | None = None) -> str:
    """A source label for display: as printed; in English followed by its gloss, `Mājokļa pabalsts (housing
    benefit)`."""
    if text is None:
        return ""
    if (language or lang()) != "en":
        return text
    english = gloss(text)
    return f"{text} ({english})" if english else text
