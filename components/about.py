"""About and sources: what the tool is and is not, who made it, every source, every crisis line."""

from __future__ import annotations

from datetime import date

import streamlit as st

from components.browser import land
from components.frame import dial
from engine.bundle import Bundle
from engine.export_markdown import escape_text
from engine.summary import crisis_line_text, lines_checked_in_words

FIXED = (
    ("What this tool is",
     "TRD Navigator is for people whose depression has not got better with antidepressants. "
     "TRD is short for treatment-resistant depression. The tool helps you learn about your "
     "options and get ready to talk them through with a clinician. It asks some questions. "
     "Then it shows facts that may be useful, and why you are seeing them. It is for adults and teenagers. "
     "If you are under 18, it can help to go through it with a parent, carer or clinician."),
    ("What this tool is not",
     "- It does not diagnose anything.\n"
     "- It does not recommend a treatment, a medicine or a dose.\n"
     "- It does not replace a conversation with a clinician.\n"
     "- It is written for depression that is not part of bipolar disorder. If a doctor has given you that "
     "diagnosis, ask your psychiatrist which parts fit you.\n"
     "- It is the same in every country, apart from the crisis lines. It does not know which treatments are "
     "approved, offered or paid for where you live. Ask your clinician.\n"
     "- It is not for emergencies. The crisis lines at the top of every page are.\n"
     "- It is in English only. If English is not your first language, you could ask your clinic whether an "
     "interpreter can join your visit."),
    ("Your privacy",
     "Your answers are kept only in the app's memory while you use it. They are not written "
     "to disk or to any log, not put in the web address and not sent anywhere else. If the "
     "connection drops for a short time, nothing is lost. After about 2 minutes without a "
     "connection, or after you close the tab, they are deleted from the app. While this page stays open, "
     "it keeps a copy so you can still save them; close the tab to remove that copy too. To carry on later, "
     "save your progress to a file first.\n\n"
     "Files you download stay on this device, in its downloads folder, until you delete them. The browser "
     "also keeps a list of downloads and of pages visited. On a shared device, delete the files once you "
     "have printed or sent them, and clear the browser's history if you wish."),
)


def render_about(bundle: Bundle) -> None:
    meta = bundle.meta
    st.title("About TRD Navigator", anchor=False)
    for heading, text in FIXED:
        st.header(heading, anchor=False)
        st.markdown(text)
    st.header("Who made it and how it is kept up to date", anchor=False)
    st.markdown(
        f"- **Made by:** {meta.publisher}\n- **Funding:** {meta.funding}\n"
        f"- **Updates:** {meta.update_policy}\n- **Content version:** {bundle.content_version}, "
        f"reviewed {meta.reviewed_on:%d %B %Y}\n- **Clinical sign-off:** {meta.clinical_sign_off}\n"
        f"- **Lived experience:** {meta.lived_experience}"
    )
    st.header("Crisis lines by country", anchor=False)
    st.markdown(lines_checked_in_words(bundle, date.today()))
    for info in bundle.regions.values():
        # Every line, with its hours and other ways in, young people's lines too (after the lines for everyone):
        # a teenager, or a parent, reads this page as well (review r9-20).
        listed = "\n".join(f"- **{line.name}:** {dial(crisis_line_text(line))}"
                            for line in (*info.lines, *info.youth_lines))
        st.markdown(f"**{info.label}**\n{listed}\n- **Emergency:** {dial(info.emergency)}")
    st.header("Sources", anchor=False)
    seen: dict[str, str] = {}
    for content in bundle.content.values():
        for source in content.front.sources:
            seen.setdefault(source.cite, source.label)
    st.markdown("\n".join(f"- {escape_text(seen[cite])}" for cite in sorted(seen)))
    # Arrived at from another page: the focus goes to this page's heading, as on a new screen (a16-8).
    land(bundle, None, page="about")
