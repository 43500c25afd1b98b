"""Load and validate rules and content once per process (read-only, shared safely)."""

from __future__ import annotations

import os

import streamlit as st

from engine.bundle import DEFAULT_ROOT, Bundle, BundleError, load_bundle

ROOT_ENV = "TRD_BUNDLE_ROOT"  # tests point this at a deliberately broken bundle
_DEFAULT = str(DEFAULT_ROOT)


@st.cache_resource(show_spinner=False)
def _load(root: str) -> tuple[Bundle | None, BundleError | None]:
    try:
        return load_bundle(root), None
    except BundleError as error:
        return None, error


def get_bundle() -> tuple[Bundle | None, BundleError | None]:
    """The bundle from where rules/ and content/ live (a plain string key: this runs on every rerun)."""
    return _load(os.environ.get(ROOT_ENV) or _DEFAULT)
