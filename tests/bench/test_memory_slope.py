"""The memory budget's statistic: a one-time cost while the first sessions open is not billed per session.

`make bench` measures real servers (minutes, not part of `make test`); the arithmetic that turns its
samples into "MB per extra session" is checked here, so a change to it cannot quietly move the budget.
"""

from __future__ import annotations

import pytest

from bench.memory_bench import slope, steady_slope

POINTS = [1, 5, 10, 15, 20, 25, 30]


def _figures(per_session: float, one_time_by_10: float) -> dict[str, float]:
    """RSS at each point: 200 MB, plus `per_session` each, plus a one-time cost spread over sessions 2 to 10."""
    return {str(p): 200 + per_session * p + one_time_by_10 * min(p - 1, 9) / 9 for p in POINTS}


def test_the_steady_slope_is_what_each_further_session_adds():
    figures = _figures(per_session=0.25, one_time_by_10=4.0)
    assert steady_slope(figures, POINTS, fit_from=10) == pytest.approx(0.25)
    # Fitted from the first session, the same server looks 40% dearer per session.
    assert slope(POINTS, [figures[str(p)] for p in POINTS]) > 0.35


def test_too_few_points_after_the_first_group_is_an_error_that_names_them():
    with pytest.raises(ValueError, match=r"from 30 sessions on; the points were \[1, 5"):
        steady_slope(_figures(0.25, 0.0), POINTS, fit_from=30)
