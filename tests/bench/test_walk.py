"""The benchmark's recorded walk still reaches the results page (so `make bench` cannot rot unnoticed).

`make bench` is not part of `make test` (it takes minutes), but the walk it replays is made
from the app's own keys and screens: when a button's key or a screen changes, this fails
in every test run instead of in the next benchmark.
"""

from __future__ import annotations

import pytest

from bench.spec import record_walk


@pytest.mark.parametrize("required_only", [False, True], ids=["every_question", "required_only"])
def test_the_benchmark_walk_reaches_the_results(bundle, required_only):
    walk = record_walk(bundle, required_only=required_only)
    assert walk["screens"][-1]["title"] == "Your information sections"
    assert any(action["role"] == "next" for action in walk["actions"])
