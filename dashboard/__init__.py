"""The dashboard's support code: UI text, number formatting, chart builders, shared Streamlit resources.

Pages import from here and from warehouse.queries; nothing here writes SQL.
"""
