"""Screenshots for docs/screenshots/: first screen, results top, comparison with pictures, path, PDF page 1.

    make screenshots

Starts the app on a free loopback port, walks the standard path of the browser tests in
Debian's Chromium (desktop 1366 wide and a 390 x 844 phone), and renders page 1 of the PDF
made from the same answers with pdftoppm. Nothing leaves the machine.
"""

from __future__ import annotations

import subprocess
import tempfile
from datetime import date
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import start_app, stop_app
from tests.browser.flows import complete_questionnaire, see_results, settle, start
from tools.chromium import CHROMIUM, CHROMIUM_ARGS

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# The standard browser path's answers, for the PDF.
ANSWERS = {"safety_thoughts": "no", "region": "uk", "role": "self", "age_group": "25_to_59",
           "episode_duration": "over_2_years", "antidepressants_tried": "two", "response_pattern": "partial",
           "medication_classes": ["bupropion"], "mood_highs": "no", "open_to": ["talking_therapy"]}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    server = start_app()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, viewport in SIZES.items():
                page = browser.new_page(viewport=viewport)
                start(page, server.url)
                settle(page)
                page.screenshot(path=OUT / f"first_screen_{name}.png")
                complete_questionnaire(page)
                see_results(page)
                settle(page)
                page.screenshot(path=OUT / f"results_top_{name}.png")
                page.get_by_role("heading", name="Pictures of 100 people").scroll_into_view_if_needed()
                page.evaluate("window.scrollBy(0, -80)")
                settle(page)
                page.screenshot(path=OUT / f"comparison_pictures_{name}.png")
                page.get_by_role("heading", name="Your treatment path so far").scroll_into_view_if_needed()
                settle(page)
                page.screenshot(path=OUT / f"path_picture_{name}.png")
                if name == "desktop":
                    page.get_by_role("link", name="Clinician view").click()
                    page.get_by_role("heading", name="Clinician view").wait_for()
                    settle(page)
                    page.screenshot(path=OUT / "clinician_view.png")
                page.close()
            browser.close()
    finally:
        stop_app(server)
    _pdf_page_one()
    print(f"wrote screenshots to {OUT}")


def _pdf_page_one() -> None:
    from engine.bundle import load_bundle
    from engine.export_pdf import summary_to_pdf
    from engine.summary import build_summary

    bundle = load_bundle()
    summary = build_summary(bundle, ANSWERS, chosen_options=["keep_current_treatment", "psychotherapy"],
                            notes="I would like to talk about talking therapy first.", created_on=date.today())
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "summary.pdf"
        pdf.write_bytes(summary_to_pdf(summary))
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(OUT / "summary_pdf_page1")], check=True)


if __name__ == "__main__":
    main()
