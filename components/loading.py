"""Load and validate rules and content once per process (read-only, shared safely)."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from engine.bundle import DEFAULT_ROOT, Bundle, BundleError, load_bundle

ROOT_ENV = "TRD_BUNDLE_ROOT"  # tests point this at a deliberately broken bundle


def bundle_root() -> Path:
    return Path(os.environ.get(ROOT_ENV) or DEFAULT_ROOT)


@st.cache_resource(show_spinner=False)
def _load(root: str) -> tuple[Bundle | None, BundleError | None]:
    try:
        return load_bundle(root), None
    except BundleError as error:
        return None, error


def get_bundle() -> tuple[Bundle | None, BundleError | None]:
    return _load(str(bundle_root()))
