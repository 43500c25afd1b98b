"""Warm what is heavy once per process, in the background, so that nobody's first click waits for it.

app.py imports this module; Python runs it once per process (on the first page load,
since Streamlit runs app.py only when a browser connects), and it starts one daemon thread
that imports what the results page, the downloads and the clinician view otherwise import
on first use: pandas and pyarrow (the comparison table, the clinician tables), pandas'
Styler and jinja2 (the clinician tables), fpdf2 (the PDF) and fhir.resources (the FHIR
files). It starts a second after that first page load, so that the first screen, with its
crisis lines, does not share the interpreter with it. Without it the first "See my results"
in a new process took seconds longer than a repeat one, and the clinician view's persona
buttons stayed grey while pandas loaded (docs/BENCHMARKS.md measures the first and a repeat
results render).

The thread imports third-party libraries and pure engine modules only: never Streamlit
pages, never session state. A module it has not finished importing is simply waited for
(Python's import lock) by the page that needs it; an import that fails here is left to fail
where the page needs it, with the page's own error handling. The cost is memory: the
process holds these libraries from the start (docs/BENCHMARKS.md, idle memory).
"""

from __future__ import annotations

import contextlib
import importlib
import threading
import time

AFTER_S = 1.0  # let the first screen (with the crisis lines) render first, without sharing the interpreter

HEAVY = (
    "pandas",
    "pyarrow",
    "pandas.io.formats.style",  # Styler (jinja2): the clinician view's tables
    "streamlit.dataframe_util",
    "fpdf",
    "engine.export_pdf",
    "fhir.resources.R4B.questionnaire",
    "fhir.resources.R4B.questionnaireresponse",
    "engine.export_fhir",
    "vl_convert",  # the PDF's pictures of 100 people
)


def _warm() -> None:
    time.sleep(AFTER_S)
    for name in HEAVY:
        with contextlib.suppress(Exception):  # the page that needs it reports the failure itself
            importlib.import_module(name)


thread = threading.Thread(target=_warm, name="trd-warmup", daemon=True)
thread.start()
