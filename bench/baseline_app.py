"""The baseline: a Streamlit app that renders what TRD Navigator renders, and does nothing else.

It replays a spec recorded from our app in the same bench run (bench/spec.py; path in
$TRD_BENCH_SPEC): on its n-th interaction it renders screen n with the same elements
(same kinds, count and text, same widget keys and labels, same containers, columns and
expanders) through the same public Streamlit calls. It loads no rules, evaluates
nothing and keeps no answers: every widget callback just moves to the next screen.
Elements it has no public call for are sent as the recorded protobuf, unchanged.
So ours/baseline is what our app costs beyond Streamlit rendering the same page.

The entry script is kept as small as app.py, with the work in bench/baseline_render.py,
because Streamlit compiles (and AppTest recompiles on every run) the entry script only.
"""

import sys
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from bench.baseline_render import main  # noqa: E402

main()
