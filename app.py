"""socdash: what the warehouse holds (placeholder until the dashboard pages land)."""
from __future__ import annotations

import streamlit as st

from warehouse import WarehouseError, default_db_path
from warehouse.queries import warehouse_summary

st.set_page_config(page_title="socdash", layout="wide")
st.title("Sociālo dienestu dati")
try:
    documents, facts = warehouse_summary(default_db_path())
except WarehouseError as exc:
    st.error(str(exc))
    st.stop()
st.subheader("Dokumenti")
st.dataframe(documents, hide_index=True)
st.subheader("Skaitļi pēc tēmas")
st.dataframe(facts, hide_index=True)
