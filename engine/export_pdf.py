"""The summary as a PDF to take to an appointment (fpdf2 with DejaVu fonts for wide Unicode).

Crisis lines come first on page 1 and a short help line is in every page footer,
because a printed page may be all someone has to hand. Text is drawn as text,
never as markup, so nothing typed in the notes can change the layout. Characters
the font cannot draw are shown as U+FFFD and flagged, never silently dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time
from io import BytesIO
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from engine.comparison import NUMBERS_NOTE, ComparisonTable
from engine.figures import PICTURES_INTRO, figure_caption, figure_text, icon_array, picture_title
from engine.links import tappable
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
    AnswerRow,
    Summary,
    crisis_line_text,
)

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu
    Path("/usr/share/fonts/dejavu"),  # Fedora, Alpine
    Path("/usr/share/fonts/TTF"),  # Arch
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),  # macOS, when installed by hand
)
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FAMILY = "DejaVu"
LANGUAGE = "en"
REPLACEMENT = "\ufffd"
MAX_COMPARED_PER_TABLE = 3  # more columns than this get too narrow to read on A4

INK = (33, 37, 41)
MUTED = (90, 96, 104)
ACCENT = (176, 32, 32)
HIGHLIGHT_FILL = (255, 244, 204)
HEADING_FILL = (232, 238, 245)
HEADING_RULE = (20, 60, 110)
TABLE_RULE = (190, 196, 204)
STRIPE_FILL = (247, 248, 250)


class FontNotFoundError(RuntimeError):
    """The DejaVu fonts are missing; the PDF cannot show Unicode text without them."""


def find_fonts(dirs: Iterable[Path] = FONT_DIRS) -> dict[str, Path]:
    """The regular and bold DejaVu Sans files, from the first folder that has both."""
    dirs = tuple(dirs)
    for folder in dirs:
        paths = {style: folder / name for style, name in FONT_FILES.items()}
        if all(path.is_file() for path in paths.values()):
            return paths
    raise FontNotFoundError(
        f"cannot find {' and '.join(FONT_FILES.values())} in any of: {', '.join(str(d) for d in dirs)}. "
        "Install the DejaVu fonts (Debian: apt-get install fonts-dejavu-core)."
    )


def summary_to_pdf(summary: Summary, *, font_dirs: Iterable[Path] = FONT_DIRS) -> bytes:
    writer = _Writer(summary, find_fonts(font_dirs))
    writer.render()
    return bytes(writer.output())


class _Writer(FPDF):
    def __init__(self, summary: Summary, fonts: dict[str, Path]):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.summary = summary
        for style, path in fonts.items():
            self.add_font(FAMILY, style, str(path))
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(True, margin=22)
        self.set_title(SUMMARY_TITLE)
        self.set_lang(LANGUAGE)
        self.set_subject("Information to talk through with a clinician. Not a diagnosis.")
        self.set_creator("TRD Navigator")
        self.set_creation_date(datetime.combine(summary.created_on, time(0, 0), tzinfo=UTC))
        self.alias_nb_pages()
        self.replaced_chars = False

    # --- text helpers -------------------------------------------------------------------------

    def clean(self, text: str, style: str = "") -> str:
        """Text the font can draw: NFC, no control characters, unknown glyphs shown as U+FFFD."""
        cmap = self.fonts[f"{FAMILY.lower()}{style}"].cmap
        out = []
        for char in unicodedata.normalize("NFC", text):
            if char == "\t":
                out.append("    ")
            elif char == "\n" or (unicodedata.category(char)[0] != "C" and ord(char) in cmap):
                out.append(char)
            elif unicodedata.category(char) in ("Cc", "Cf"):
                continue  # invisible control and format characters draw nothing anyway
            else:
                out.append(REPLACEMENT)
                self.replaced_chars = True
        return "".join(out)

    def font(self, size: float, bold: bool = False, color: tuple[int, int, int] = INK) -> None:
        self.set_font(FAMILY, "B" if bold else "", size)
        self.set_text_color(*color)

    def pen(self, color: tuple[int, int, int], width: float) -> None:
        self.set_draw_color(*color)
        self.set_line_width(width)

    def para(self, text: str, size: float = 10, bold: bool = False, color: tuple[int, int, int] = INK,
             after: float = 2) -> None:
        self.font(size, bold, color)
        self.multi_cell(0, size * 0.5, self.clean(text, "B" if bold else ""), align="L",
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(after)

    def heading(self, text: str, level: int) -> None:
        """Level 2: a part of the summary, coloured and ruled; level 3: a heading inside a part."""
        size = 14 if level == 2 else 12
        self.need(size + 18)
        if level == 2:
            self.ln(3)
        self.para(text, size=size, bold=True, color=HEADING_RULE if level == 2 else INK, after=1.5)
        if level == 2:
            self.pen(HEADING_RULE, 0.4)
            self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
            self.ln(2.5)

    def bullets(self, items: Iterable[str], size: float = 10) -> None:
        self.font(size)
        for item in items:
            self.set_x(self.l_margin + 2)
            self.cell(5, size * 0.5, "•")
            self.multi_cell(0, size * 0.5, self.clean(item), align="L", new_x="LMARGIN", new_y="NEXT")
            self.ln(0.8)
        self.ln(1.5)

    def labelled(self, label: str, text: str, size: float = 10, links: bool = False) -> None:
        """A bold label run into plain text, wrapping as one paragraph.

        With `links`, the numbers and web addresses in the text can be tapped, as on screen (engine/links.py),
        and are underlined: a crisis line in the file is one tap away too.
        """
        self.set_x(self.l_margin)
        self.font(size, bold=True)
        self.write(size * 0.5, self.clean(label, "B") + " ")
        self.font(size)
        for piece, address in tappable(text) if links else [(text, None)]:
            self.set_font(FAMILY, "U" if address else "", size)
            piece = self.clean(piece)
            if address and self.get_x() + self.get_string_width(piece) > self.w - self.r_margin - 2 * self.c_margin:
                self.ln(size * 0.5)  # a number is never split over two lines
            self.write(size * 0.5, piece, link=address or "")
        self.ln(size * 0.5 + 2)

    def need(self, height: float) -> None:
        """Start a new page rather than leave a heading stranded at the bottom."""
        if self.will_page_break(height):
            self.add_page()

    def footer(self) -> None:
        """Every page: the region's first line and its emergency number, as in the app's banner."""
        self.font(8, color=MUTED)
        help_line = self.clean(self.summary.crisis_help.first_line)
        # Review 15 (h15-10): "Somewhere else" ran off the page, "in immediate danger" lost on every page.
        self.set_y(-21 if self.get_string_width(help_line) > self.epw else -17)
        self.multi_cell(0, 4, help_line, align="L", new_x="LMARGIN", new_y="NEXT")
        demo = self.summary.demo
        self.cell(0, 4, demo.footer if demo else "Not a diagnosis or medical advice.", align="L")
        self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R", new_x="LMARGIN", new_y="NEXT")

    # --- the document -------------------------------------------------------------------------

    def render(self) -> None:
        s = self.summary
        self.add_page()
        self.para(SUMMARY_TITLE, size=20, bold=True, after=1)
        self.para(s.version_line, size=9, color=MUTED, after=4)
        for note in (s.past_review_note, s.demo_label):  # each in a highlighted box, before everything else
            if note:
                self.set_fill_color(*HIGHLIGHT_FILL)
                self.font(11, bold=True)
                self.multi_cell(0, 5.5, self.clean(note, "B"), align="L", fill=True, padding=3,
                                new_x="LMARGIN", new_y="NEXT")
                self.ln(3)
        if s.reader_note:
            self.para(s.reader_note, size=11, after=3)
        self.crisis_box()
        self.notice_box()
        self.labelled("The decision:", s.decision)
        self.ln(2)
        # What the person brings comes first (their note, their key answers, what matters to them), then the
        # information.
        self.notes()
        self.key_answers()
        self.values()
        self.path()
        self.sections()
        if s.comparison is not None:
            self.comparison(s.comparison)
        if s.pictures:
            self.pictures()
        self.answers()
        self.closing()

    def crisis_box(self) -> None:
        s = self.summary
        top = self.get_y()
        self.set_left_margin(self.l_margin + 5)
        self.set_x(self.l_margin)
        self.ln(3)
        self.para("If you need help now", size=14, bold=True, color=ACCENT, after=1)
        if s.crisis:
            self.para(CRISIS_FIRST, size=10, bold=True, after=1.5)
        for note in s.first_notes:
            self.para(note, size=10, bold=True, after=1.5)
        self.para(s.crisis_help.region_line, size=10, color=MUTED, after=1)
        for line in s.crisis_help.lines:
            self.labelled(f"{line.name}:", crisis_line_text(line), size=11, links=True)
        self.labelled("Emergency:", s.crisis_help.emergency, size=11, links=True)
        self.para(s.lines_checked, size=9, color=MUTED, after=1)
        if s.helper_steps:
            self.ln(1)
            self.para(s.helper_steps, size=10, bold=True, after=1)
        self.set_left_margin(self.l_margin - 5)
        bottom = self.get_y() + 1
        self.set_fill_color(*ACCENT)
        self.rect(self.l_margin, top, 1.6, bottom - top, style="F")
        self.pen(ACCENT, 0.3)
        self.rect(self.l_margin, top, self.w - self.l_margin - self.r_margin, bottom - top)
        self.set_y(bottom + 4)

    def notice_box(self) -> None:
        self.set_fill_color(*HEADING_FILL)
        self.font(10, bold=True)
        self.multi_cell(0, 5, self.clean(SUMMARY_NOTICE, "B"), align="L", fill=True, padding=3,
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(3)

    def key_answers(self) -> None:
        s = self.summary
        self.heading(KEY_ANSWERS, 2)
        self.para(KEY_ANSWERS_NOTE, size=9.5, color=MUTED)
        self.answer_table(s.key_answers, col_widths=(45, 55))
        self.heading(SECTIONS_LIST, 3)
        for n, line in enumerate(s.sections_list, 1):
            self.para(f"{n}. {line}", size=9.5, after=0.8)
        self.ln(2)

    def answers(self) -> None:
        self.heading("Your answers", 2)
        self.answer_table(self.summary.answers, col_widths=(45, 55))

    def sections(self) -> None:
        self.heading("Your information sections", 2)
        self.para(SECTIONS_INTRO, color=MUTED)
        if self.summary.unsure_note:
            self.para(self.summary.unsure_note, color=MUTED)
        tier = None
        for section in self.summary.sections:
            if section.tier != tier:
                tier = section.tier
                self.need(50)
                self.para(tier.label.upper(), size=9, bold=True, color=MUTED, after=1)
                if tier.intro:
                    self.para(tier.intro, size=9.5, color=MUTED)
            shown = section.result
            self.heading(shown.title, 3)
            self.para(shown.summary)
            for caution in shown.cautions:
                self.caution(caution.label, caution.text)
            self.para("Why you are seeing this", size=10, bold=True, after=1)
            self.bullets(shown.why_lines, size=9.5)
            self.labelled("Who to talk to:", f"{section.referral_to}. {shown.referral.text}")
            self.labelled("When it is urgent:", shown.referral.urgent_when)
            self.para("Questions to ask", size=10, bold=True, after=1)
            self.bullets(section.questions_to_ask, size=9.5)
            self.para(f"Sources: {'; '.join(section.sources)}.", size=8, color=MUTED, after=0.5)
            # A line of its own: a page break inside the sources never splits the date a reader checks.
            self.para(f"Last reviewed: {section.reviewed_label}.", size=8, color=MUTED)
            self.ln(1)

    def caution(self, label: str, text: str) -> None:
        """A caution inside its section: a bold label in a ruled box, never colour alone."""
        self.pen(ACCENT, 0.4)
        self.font(9.5, bold=True)
        self.multi_cell(0, 5, self.clean(f"Caution: {label}.", "B"), border="LTR", align="L", padding=(2, 2, 0, 2),
                        new_x="LMARGIN", new_y="NEXT")
        self.font(9.5)
        self.multi_cell(0, 5, self.clean(text), border="LBR", align="L", padding=(0, 2, 2, 2),
                        new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def comparison(self, table: ComparisonTable) -> None:
        self.add_page()
        self.heading("Comparing the options you chose", 2)
        self.para(NUMBERS_NOTE, size=9.5, after=1.5)
        self.figure_notes(table)
        if any(row.highlighted for row in table.rows):
            self.para("Shaded rows are about something you said worries you. Nothing has been left out.",
                      size=9, color=MUTED)
        questions = [row.question + (f"\n(matters to you: {', '.join(row.because)})" if row.highlighted else "")
                     for row in table.rows]
        shaded = {i + 1 for i, row in enumerate(table.rows) if row.highlighted}
        for start in range(0, len(table.columns), MAX_COMPARED_PER_TABLE):
            part = slice(start, start + MAX_COMPARED_PER_TABLE)
            columns = table.columns[part]
            rows = [(question, *row.cells[part]) for question, row in zip(questions, table.rows, strict=True)]
            self.table_of([("", *(c.option_label for c in columns)), *rows],
                          col_widths=(28, *([72 / len(columns)] * len(columns))), size=8.5, shaded=shaded)
            self.ln(4)

    def figure_notes(self, table: ComparisonTable | None) -> None:
        """What the figures do not cover for this person, before the numbers (rules/comparison.yaml `notes`)."""
        for note in table.notes if table else ():
            self.para(note, size=9.5, bold=True, after=1.5)

    def path(self) -> None:
        self.heading("Your treatment path so far", 2)
        self.bullets(self.summary.path, size=9.5)

    def pictures(self) -> None:
        """The same pictures of 100 people as the app, rendered from the same Vega-Lite specification."""
        import vl_convert  # only when a PDF is asked for

        self.heading("Pictures of 100 people", 2)
        self.para(PICTURES_INTRO, size=9.5, color=MUTED)
        self.figure_notes(self.summary.comparison)
        mm_per_px = 0.3  # the app's pixels on paper: its 12 px key prints at about 10 pt, next to 9.5 pt text
        for view in self.summary.pictures:
            png = vl_convert.vegalite_to_png(icon_array(view), scale=2)
            # The PNG header holds its size (at scale 2); the picture keeps the app's proportions.
            width, height = (int.from_bytes(png[at:at + 4], "big") / 2 * mm_per_px for at in (16, 20))
            # The heading, the picture and its sentences on one page (review 15, n15-4: a picture printed
            # without its numbers); a caption of about six lines fits in the 40 mm.
            self.need(height + 40)
            self.heading(picture_title(view), 3)
            self.image(BytesIO(png), w=min(self.epw, width))
            self.para(figure_text(view), size=9.5, after=1)
            self.para(figure_caption(view), size=9, color=MUTED)
        for said in self.summary.pictures_not_drawn:
            self.para(said, size=9.5)

    def values(self) -> None:
        s = self.summary
        self.heading("What matters to you", 2)
        if s.priorities:
            self.bullets(s.priorities)
        else:
            self.para(NO_PRIORITIES, color=MUTED)
        self.heading("How sure you feel (SURE)", 3)
        if s.sure.answered:
            self.answer_table(s.sure.answers, col_widths=(80, 20))
            self.para(s.sure.score_line, bold=True, after=1)
        else:
            self.para(NO_SURE, color=MUTED, after=1)
        self.para(s.sure.note, size=9.5, color=MUTED)

    def notes(self) -> None:
        s = self.summary
        self.heading("Your notes for your clinician", 2)
        if not s.has_notes:
            self.para(NO_NOTES, color=MUTED)
            return
        self.set_fill_color(246, 246, 246)
        self.font(10)
        text = self.clean(s.notes.replace("\r\n", "\n").replace("\r", "\n"))
        self.multi_cell(0, 5, text, align="L", fill=True, padding=3, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        if self.replaced_chars:
            self.para("Some characters could not be shown in this PDF and appear as \ufffd. "
                      "The Markdown download keeps them exactly.", size=8.5, color=MUTED)

    def closing(self) -> None:
        s = self.summary
        self.heading("About this summary", 3)
        self.para(s.version_line, size=9, color=MUTED)
        self.para(SUMMARY_NOTICE, size=9, color=MUTED)

    def answer_table(self, rows: Sequence[AnswerRow], col_widths: Sequence[float]) -> None:
        if not rows:
            self.para(NO_ANSWERS)
            return
        self.table_of([("Question", "Your answer"), *((r.question, r.answer) for r in rows)], col_widths)

    def table_of(self, rows: Sequence[Sequence[str]], col_widths: Sequence[float], size: float = 9.5,
                 shaded: set[int] | frozenset[int] = frozenset()) -> None:
        self.font(size)
        self.pen(TABLE_RULE, 0.2)
        heading = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
        with self.table(col_widths=tuple(col_widths), text_align="LEFT", line_height=size * 0.5,
                        headings_style=heading, padding=1.5, v_align="TOP", width=self.epw,
                        cell_fill_mode="ROWS", cell_fill_color=STRIPE_FILL) as table:
            for i, cells in enumerate(rows):
                style = FontFace(fill_color=HIGHLIGHT_FILL) if i in shaded else None
                row = table.row(style=style)
                for text in cells:
                    row.cell(self.clean(text, "B" if i == 0 else ""))
        self.ln(3)
