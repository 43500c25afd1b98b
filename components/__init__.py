"""Streamlit rendering only. Clinical meaning lives in rules/; logic lives in engine/."""
