"""Page script for About and sources."""

from components.loading import get_bundle
from components.pages import about_page

bundle, _ = get_bundle()
if bundle is not None:  # app.py has already shown the error page otherwise
    about_page(bundle)
