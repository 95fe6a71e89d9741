"""Pievienot pārskatu: a director signs in, uploads a report, sees what it would store and change before
anything is stored, leaves facts out or corrects a value with a reason, and commits; or removes a stored
report. The reading, the preview and the commit are ingest.upload's; this page draws and asks."""
from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from dashboard import access, ui
from dashboard.db import load
from dashboard.escape import markdown_text
from dashboard.format import date_text
from dashboard.frame import within_frame
from dashboard.i18n import lang, name, t, tn, unit_name
from ingest.limits import ReadLimits, limits_from
from ingest.readers import SUPPORTED
from ingest.removal import RemovalError, remove_report
from ingest.upload import FactEdit, MissingReason, UploadRefused, commit_upload, corrections_from, preview_upload
from warehouse import WarehouseError, default_db_path, queries
from warehouse.source_refs import reference_text

within_frame()  # a deep link on a fresh server must still get the frame

method = access.sign_in_method()
if method is None:  # no director can sign in: the page does not exist (the navigation leaves it out)
    st.stop()


def text_or_dash(value) -> str:
    """A text of the warehouse, or a dash where it has none."""
    return value if isinstance(value, str) and value else "—"


# --------------------------------------------------------------------------- signing in
if not access.is_director():
    if method == access.OIDC:
        ui.note(t("sign_in_oidc_intro"))
        if st.user.is_logged_in:
            st.warning(markdown_text(t("not_a_director", account=st.user.get("email") or "?")), icon=":material/block:")
            if st.button(t("sign_out"), key="sign_out"):
                access.sign_out()
        elif st.button(t("sign_in"), key="sign_in", icon=":material/login:"):
            st.login()
        st.stop()
    ui.note(t("sign_in_password_intro"))
    with st.form("sign_in_form"):
        given = st.text_input(t("password"), type="password", key="password")
        tried = st.form_submit_button(t("sign_in"), icon=":material/login:")
    if tried:
        if access.sign_in_with_password(given):
            st.rerun()
        st.error(markdown_text(t("wrong_password", seconds=f"{access.ATTEMPTS.wait_seconds():g}")),
                 icon=":material/block:")
    st.stop()

top = st.container(horizontal=True, vertical_alignment="center")
ui.note(t("signed_in_as", who=access.who()), where=top)
if top.button(t("sign_out"), key="sign_out", icon=":material/logout:"):
    access.sign_out()
    st.rerun()
for kind, message in st.session_state.pop("_upload_said", []):
    getattr(st, kind)(markdown_text(message))

db = default_db_path()
try:
    limits = limits_from()
except ValueError as exc:  # a limit in the environment that is no number: the command line says the same
    st.error(markdown_text(str(exc)))
    limits = ReadLimits()

# --------------------------------------------------------------------------- 1/ upload and preview
st.subheader(t("upload_heading"))
ui.note(t("upload_intro", mb=f"{limits.max_input_mb:g}"))
# A new key after a commit empties the uploader.
round_key = st.session_state.setdefault("_upload_round", 0)
uploaded = st.file_uploader(t("upload_file"), type=[s.lstrip(".") for s in SUPPORTED], key=f"upload_{round_key}")


def _served_version() -> float:
    try:
        return db.stat().st_mtime
    except OSError:
        return 0.0


def preview_of(sent_as: str, data: bytes, sha256: str):
    """The preview of this upload against the served warehouse, made once per upload and warehouse version
    in this session (a rerun of the page, an edit in the table, does not read the file again)."""
    key = (sha256, sent_as, _served_version(), limits)
    kept = st.session_state.get("_upload_preview")
    if kept is None or kept[0] != key:
        kept = (key, preview_upload(db, sent_as, data, limits))
        st.session_state["_upload_preview"] = kept
    return kept[1]


def show_preview(shown) -> None:
    facts = shown.facts
    if shown.refusal:
        if shown.layout:
            ui.note(t("preview_layout", layout=name("layout", shown.layout)))
        st.error(markdown_text(t("preview_refused", name=shown.file_name, reason=shown.refusal)),
                 icon=":material/block:")
        return
    document = shown.document.iloc[0]
    st.markdown("  \n".join(markdown_text(line) for line in (
        t("preview_layout", layout=name("layout", document["layout"])),
        t("preview_document", municipality=document["municipality"], kind=name("document_kind", document["kind"]),
          title=text_or_dash(document["title"]),
          period=text_or_dash(date_text(text_or_dash(document["period"]), lang()))),
        t(f"preview_status_{shown.status}", name=shown.file_name) + (f" ({shown.note})" if shown.note else ""))))
    for message in shown.messages:
        ui.note(message, icon=":material/info:")
    changes = shown.changes
    counts = changes["effect"].value_counts() if not changes.empty else pd.Series(dtype=int)
    row = st.container(horizontal=True)
    row.metric(t("preview_facts"), len(facts), border=True)
    for change in ("new", "replaces", "revises"):
        row.metric(t(f"change_{change}"), int(counts.get(change, 0)), border=True)
    if not changes.empty:
        changed_stored = bool(counts.get("revises", 0) or counts.get("replaces", 0))
        with st.expander(markdown_text(t("preview_changes")), expanded=changed_stored):
            table = changes.assign(effect=changes["effect"].map(lambda c: t(f"change_{c}")))
            ui.show_table(table)


def fact_table(facts: pd.DataFrame) -> pd.DataFrame:
    """The previewed facts as the director reads and edits them, keyed by fact_key."""
    english = lang() == "en"
    flags = facts["flag"] if english else facts["flag_lv"].where(facts["flag_lv"].notna(), facts["flag"])
    shown = pd.DataFrame({
        "keep": True,
        "indicator": facts["indicator_name_en" if english else "indicator_name_lv"],
        "category": facts["category"], "subgroup": facts["subgroup"], "territory": facts["territory"],
        "year": facts["year"], "value": facts["value"], "unit": facts["unit"].map(lambda u: unit_name(u, lang())),
        "printed": facts["raw_value"], "flag": flags,
        "source_ref": [reference_text(ref, lang()) for ref in facts["source_ref"]],
        "corrected": math.nan, "reason": "",
    })
    return shown.set_axis(pd.Index(facts["fact_key"], name="fact_key"))


def edits_of(table: pd.DataFrame) -> list[FactEdit]:
    out = []
    for key, row in table.iterrows():
        corrected = None if pd.isna(row["corrected"]) else float(row["corrected"])
        if not row["keep"] or corrected is not None:
            out.append(FactEdit(str(key), keep=bool(row["keep"]), corrected=corrected,
                                reason=str(row["reason"] if isinstance(row["reason"], str) else "")))
    return out


if uploaded is not None:
    data = uploaded.getvalue()
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        with st.spinner(markdown_text(t("preview_reading", name=uploaded.name))):
            shown = preview_of(uploaded.name, data, sha256)
    except (UploadRefused, WarehouseError) as exc:
        st.error(markdown_text(str(exc)), icon=":material/block:")
        shown = None
    if shown is not None:
        st.subheader(t("preview_heading"))
        show_preview(shown)
        if not shown.refusal:
            edited = None
            if not shown.facts.empty:
                st.markdown(f"**{markdown_text(t('preview_fact_list'))}**")
                ui.note(t("preview_edit_hint"))
                labels = {column: t(ui.COLUMN_TEXT.get(column, column)) for column in
                          ("category", "subgroup", "territory", "year", "value", "unit", "printed", "flag",
                           "source_ref")}
                config = {column: st.column_config.Column(label, disabled=True) for column, label in labels.items()}
                config["indicator"] = st.column_config.Column(t("indicator"), disabled=True)
                # The columns the director edits come first, with the value read beside them, at fixed
                # widths: in reach on a phone without scrolling the table sideways.
                config["keep"] = st.column_config.CheckboxColumn(t("edit_keep"), width="small")
                config["value"] = st.column_config.NumberColumn(t("value"), disabled=True, width="small")
                config["corrected"] = st.column_config.NumberColumn(t("edit_corrected"), width="small")
                config["reason"] = st.column_config.TextColumn(t("edit_reason"), max_chars=500, width="medium")
                edited = st.data_editor(fact_table(shown.facts), key=f"edit_{sha256[:16]}", hide_index=True,
                                        column_config=config, num_rows="fixed", placeholder="—",
                                        column_order=("keep", "value", "corrected", "reason", "year", "category",
                                                      "indicator", "subgroup", "territory", "unit", "printed",
                                                      "flag", "source_ref"))
            # The director's edits are checked as they are made: a change without a reason is refused here,
            # in one line, and nothing can be stored until it has one.
            corrections, problem = [], None
            try:
                corrections = corrections_from(shown, edits_of(edited) if edited is not None else [],
                                               who=access.who())
            except MissingReason as exc:
                problem = t("needs_reason", place=reference_text(exc.source_ref, lang()), printed=exc.printed)
            except UploadRefused as exc:
                problem = str(exc)
            if problem:
                st.error(markdown_text(problem), icon=":material/edit_off:")
            if corrections:
                left_out = sum(1 for c in corrections if c.corrected is None)
                ui.note(t("edits_summary", left_out=tn("n_facts_object", left_out),
                          corrected=tn("n_facts_object", len(corrections) - left_out)), icon=":material/edit:")
            if st.button(t("commit"), key="commit", type="primary", icon=":material/save:", disabled=bool(problem)):
                try:
                    with st.spinner(t("committing")):
                        result = commit_upload(db, uploaded.name, data, corrections, who=access.who(), limits=limits)
                except (UploadRefused, WarehouseError) as exc:
                    st.error(markdown_text(str(exc)), icon=":material/block:")
                else:
                    stored = result.outcome.result
                    st.session_state["_upload_said"] = [("success", t(
                        "committed", name=result.outcome.path.name, facts=tn("n_facts", stored.facts),
                        corrections=tn("n_corrections", result.corrections)))]
                    st.session_state["_upload_round"] = round_key + 1
                    st.session_state.pop("_upload_preview", None)
                    st.rerun()

# --------------------------------------------------------------------------- 2/ remove a report
st.subheader(t("remove_heading"))
stored = load(queries.documents)
primary = stored[stored["is_primary"]]
if primary.empty:
    ui.empty("remove_none")
else:
    labels = {row.document_id: f"{row.file_name} — {row.municipality}, {name('document_kind', row.kind)}"
              f"{', ' + row.period if isinstance(row.period, str) else ''} ({tn('n_facts', int(row.facts))})"
              for row in primary.itertuples(index=False)}
    chosen = st.selectbox(t("remove_choose"), list(labels), format_func=labels.get, index=None,
                          placeholder=t("remove_placeholder"), key="remove_choice")
    if chosen:
        sure = st.checkbox(markdown_text(t("remove_confirm", name=labels[chosen])), key=f"remove_sure_{chosen}")
        if st.button(t("remove"), key="remove", disabled=not sure, icon=":material/delete:"):
            try:
                with st.spinner(t("removing")):
                    removal = remove_report(db, chosen, who=access.who())
            except (RemovalError, WarehouseError) as exc:
                st.error(markdown_text(str(exc)), icon=":material/block:")
            else:
                st.session_state["_upload_said"] = [("success", t(
                    "removed", names=", ".join(removal.file_names), facts=tn("n_facts", removal.facts_removed)))]
                st.rerun()
