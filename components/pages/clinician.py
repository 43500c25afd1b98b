"""Page script for the clinician view (a file, so st.navigation and AppTest can both reach it)."""

from components.clinician import render_clinician
from components.loading import get_bundle

bundle, _ = get_bundle()
if bundle is not None:  # app.py has already shown the error page otherwise
    render_clinician(bundle)
