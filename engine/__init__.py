"""TRD Navigator's pure engine: rules and content in, outcomes out.

Nothing here imports Streamlit, reads session state or does I/O after loading.
"""

from engine.bundle import Bundle, BundleError, load_bundle, validate_bundle
from engine.evaluate import Outcome, evaluate

__all__ = ["Bundle", "BundleError", "Outcome", "evaluate", "load_bundle", "validate_bundle"]
