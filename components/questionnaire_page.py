"""Page script for the person's questionnaire, review and results (a file, so AppTest can switch to it)."""

from components.loading import get_bundle
from components.pages import questionnaire_page

bundle, _ = get_bundle()
if bundle is not None:  # app.py has already shown the error page otherwise
    questionnaire_page(bundle)
