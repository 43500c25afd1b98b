"""The summary as Markdown: readable as plain text, safe when rendered.

Text from the bundle (titles, why lines, content) is trusted and written as is.
The person's own notes are not: they are escaped so that nothing they type can
become a heading, a list, a link, an image, a table or raw HTML in whatever renders
the file. A typed web address may still show as a link in a renderer that links bare
addresses (GitHub does); its text is what the person typed, in full.
"""

from __future__ import annotations

import re
import unicodedata

from engine.comparison import NUMBERS_NOTE, ComparisonTable
from engine.figures import PICTURES_INTRO, figure_caption, figure_text, picture_title, text_picture
from engine.summary import (
    CRISIS_FIRST,
    KEY_ANSWERS,
    KEY_ANSWERS_NOTE,
    NO_ANSWERS,
    NO_NOTES,
    NO_PRIORITIES,
    NO_SURE,
    SECTIONS_INTRO,
    SECTIONS_LIST,
    SUMMARY_NOTICE,
    SUMMARY_TITLE,
    Summary,
    crisis_line_text,
)

# Characters with inline meaning anywhere in a line (CommonMark lets any ASCII punctuation be escaped).
# "(", ")" and "!" need no escape: with "[" and "]" escaped they can start no link and no image, and
# "\(1\)" in every source line was clutter for a reader of the raw file (review 8, h8-10).
_INLINE = re.compile(r"([\\`*_\[\]{}|~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Markers that only mean something at the start of a line: headings, lists, rules, setext underlines.
_MARKER = re.compile(r"^([#+\-=]|\d+(?=[.)]))")


def escape_text(text: str) -> str:
    """Make untrusted text inert in Markdown and HTML while keeping it readable."""
    # Format characters (bidi overrides, zero-width marks) go, as the PDF drops them: "Dose <RLO>05 mg" read
    # "50 mg" in a Markdown viewer and "05 mg" in the PDF (review s9-4).
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = _CONTROL.sub("\ufffd", text)  # terminal escapes and the like, shown as a visible mark
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _escape_line_start(line: str) -> str:
    body = line.lstrip(" \t")
    # Leading spaces would start an indented code block: keep them, as inert character references.
    indent = "&#32;" * (len(line) - len(body))
    match = _MARKER.match(body)
    if match is None:
        return indent + body
    if match.group(1)[0].isdigit():  # "1." or "1)" would start a numbered list
        end = match.end()
        return indent + body[:end] + "\\" + body[end:]
    return indent + "\\" + body


def notes_block(notes: str) -> str:
    """The notes as a quoted block, line breaks kept, every line escaped."""
    lines = [escape_text(line) for line in notes.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if not line:
            out.append(">")  # a blank line inside the quote separates paragraphs
        else:
            out.append("> " + line + ("\\" if following else ""))  # trailing backslash: hard line break
    return "\n".join(out)


def summary_to_markdown(summary: Summary) -> str:
    """The same parts in the same order as the PDF: help first, then what the person brings (their note and
    what matters to them), then the information, then their answers."""
    out = [f"# {SUMMARY_TITLE}", "", summary.version_line, ""]
    if summary.past_review_note:
        out += [f"> **{escape_text(summary.past_review_note)}**", ""]
    if summary.demo_label:
        out += [f"> **{escape_text(summary.demo_label)}**", ""]
    if summary.reader_note:
        out += [escape_text(summary.reader_note), ""]
    out += ["## If you need help now", ""]
    if summary.crisis:
        out += [f"**{CRISIS_FIRST}**", ""]
    out += [f"**{note}**\n" for note in summary.first_notes]
    out += [summary.crisis_help.region_line, ""]
    out += [f"- **{line.name}**: {crisis_line_text(line)}" for line in summary.crisis_help.lines]
    out += [f"- **Emergency**: {summary.crisis_help.emergency}", "", summary.lines_checked]
    if summary.helper_steps:
        out += ["", f"**{summary.helper_steps}**"]
    out += ["", f"> **{SUMMARY_NOTICE}**", "", f"**The decision:** {summary.decision}", ""]

    out += ["## Your notes for your clinician", ""]
    out.append(notes_block(summary.notes) if summary.has_notes else NO_NOTES)
    out += ["", f"## {KEY_ANSWERS}", "", KEY_ANSWERS_NOTE, ""]
    out += [f"- **{row.question}**: {row.answer}" for row in summary.key_answers] or [NO_ANSWERS]
    out += ["", f"### {SECTIONS_LIST}", ""] + [f"{n}. {line}" for n, line in enumerate(summary.sections_list, 1)]
    out += ["", "## What matters to you", ""]
    out += [f"- {label}" for label in summary.priorities] or [NO_PRIORITIES]
    out += ["", "### How sure you feel (SURE)", ""]
    if summary.sure.answered:
        out += [f"- {row.question}: **{row.answer}**" for row in summary.sure.answers]
        out += ["", summary.sure.score_line, "", summary.sure.note]
    else:
        out += [NO_SURE, "", summary.sure.note]

    out += ["", "## Your treatment path so far", ""] + [f"- {sentence}" for sentence in summary.path]
    out += ["", "## Your information sections", "", SECTIONS_INTRO]
    out += ["", summary.unsure_note] if summary.unsure_note else []
    tier = None
    for section in summary.sections:
        if section.tier != tier:
            tier = section.tier
            out += ["", f"### {tier.label}"] + (["", tier.intro] if tier.intro else [])
        shown = section.result
        out += ["", f"#### {shown.title}", "", shown.summary]
        for caution in shown.cautions:
            out += ["", f"> **Caution: {caution.label}.** {caution.text}"]
        out += ["", "**Why you are seeing this:**", ""]
        out += [f"- {line}" for line in shown.why_lines]
        out += ["", f"**Who to talk to:** {section.referral_to}. {shown.referral.text}", "",
                f"**When it is urgent:** {shown.referral.urgent_when}", "", "**Questions to ask:**", ""]
        out += [f"- {question}" for question in section.questions_to_ask]
        out += ["", f"Sources: {escape_text('; '.join(section.sources))}. Last reviewed: {section.reviewed_label}."]

    if summary.comparison is not None:
        out += ["", "## Comparing the options you chose", ""] + _comparison(summary.comparison)
    if summary.pictures:
        out += ["", "## Pictures of 100 people", "",
                f"{PICTURES_INTRO} Here each picture is text: one symbol per person."]
        out += _notes(summary.comparison)
        for view in summary.pictures:
            out += ["", f"### {picture_title(view)}", "", figure_text(view), "", figure_caption(view), "", "```"]
            out += [*text_picture(view), "```"]
        out += [line for said in summary.pictures_not_drawn for line in ("", said)]

    out += ["", "## Your answers", ""]
    out += [f"- **{row.question}**: {row.answer}" for row in summary.answers] or [NO_ANSWERS]
    out += ["", "---", "", summary.version_line, "", SUMMARY_NOTICE, ""]
    return "\n".join(out)


def _notes(table: ComparisonTable | None) -> list[str]:
    """What the figures do not cover for this person, before the numbers (rules/comparison.yaml `notes`)."""
    return [line for note in (table.notes if table else ()) for line in ("", f"> {note}")]


def _comparison(table: ComparisonTable) -> list[str]:
    """One block per question, one line per option: readable raw, and no wide table to wrap."""
    out = [NUMBERS_NOTE, "", "Options compared: " + ", ".join(c.option_label for c in table.columns) + ".",
           *_notes(table)]
    for row in table.rows:
        mark = f" (this matters to you: {', '.join(row.because)})" if row.highlighted else ""
        out += ["", f"### {row.question}{mark}", ""]
        out += [f"- **{column.option_label}**: {cell}" for column, cell in zip(table.columns, row.cells, strict=True)]
    return out
