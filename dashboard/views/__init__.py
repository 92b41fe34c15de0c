"""Pure view logic for the pages: selections, filters, rankings. No streamlit here."""
