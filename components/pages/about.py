"""Page script: About and sources."""

from components.about import render_about
from components.loading import get_bundle

bundle, _ = get_bundle()
if bundle is not None:  # app.py has already shown the error page otherwise
    render_about(bundle)
