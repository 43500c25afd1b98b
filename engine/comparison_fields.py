"""The comparison facts every treatment option carries, in display order."""

from engine.models import Comparison

COMPARISON_FIELDS: tuple[str, ...] = tuple(name for name in Comparison.model_fields if name != "option_label")
