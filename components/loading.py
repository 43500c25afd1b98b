"""Load and validate rules and content once per process (read-only, shared safely)."""

from __future__ import annotations

import os

import streamlit as st

from engine.bundle import DEFAULT_ROOT, Bundle, BundleError, load_bundle

ROOT_ENV = "TRD_BUNDLE_ROOT"  # tests point this at a deliberately broken bundle
_DEFAULT = str(DEFAULT_ROOT)


def bundle_root() -> str:
    """Where rules/ and content/ live (a plain string: this runs on every rerun)."""
    return os.environ.get(ROOT_ENV) or _DEFAULT


@st.cache_resource(show_spinner=False)
def _load(root: str) -> tuple[Bundle | None, BundleError | None]:
    try:
        return load_bundle(root), None
    except BundleError as error:
        return None, error


def get_bundle() -> tuple[Bundle | None, BundleError | None]:
    return _load(bundle_root())
