"""Every handout says, on a medical subject, only the article's words or the clinic's (from its config).

Each handout is printed, read back with pypdf and cut into fragments at line ends and quotation marks.
A fragment must be the article's words (found in the source text), the clinic's words (a config
value), or one of the app's own neutral labels listed below; anything else fails. The list is the
whole of what the app says on paper: review it for medical words when it grows.
"""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from guide_app.cli import main
from tests.conftest import SOURCE_ARTICLE

CLINIC = {
    "name": "Harbour Street Health Centre",
    "phone": "020 7946 0321",
    "address": "4 Harbour Street, Portsmouth",
    "hours": "Weekdays 9 to 5",
    "emergency": "Dial 999 and ask for an ambulance",
    "urgent_text": "Phone the centre first if any symptom frightens you",
}
CONFIG = f"""
[clinic]
name = "{CLINIC["name"]}"
phone = "{CLINIC["phone"]}"
address = "{CLINIC["address"]}"
hours = "{CLINIC["hours"]}"
emergency = "{CLINIC["emergency"]}"
[[clinic.helplines]]
name = "Night line"
phone = "0800 000 0000"
note = "Evenings and weekends"
"""
CLINIC_WORDS = [*CLINIC.values(), "Night line", "0800 000 0000", "Evenings and weekends", "From"]

# The app's own words on paper: labels, headings, navigation. None of them says anything medical.
LABELS = [
    # every handout: the clinic block, the footer (the article's author and date, from guide.toml)
    "Rosewood Recovery Team",
    "July 10, 2024",
    "Source:",
    "Clinic",
    "Phone:",
    "Address:",
    "Hours:",
    "Opening hours:",
    "Emergency:",
    # the withdrawal-symptoms sheet
    "Clonazepam withdrawal symptoms",
    "Urgent help:",
    "Urgent help",
    "Track your symptoms",
    "Day",
    "Date",
    "Each day, write the date, then a number for each symptom:",
    "0 none · 1 mild · 2 moderate · 3 severe.",
    *(f"Day {n}" for n in range(1, 8)),
    "Not rated: see",
    "Notes for your clinician",
    # Get help (the clinic's page)
    "Get help",
    "Helplines",
    "In an emergency",
    # the comparison (its row labels are the content pack's: programs.toml)
    "Types of treatment programs",
    "Words in quotation marks are the article's own.",
    "means the article does not say.",
    "on the page",
    "Questions to ask a program",
    "Not stated in this guide",
    "Chosen:",
    "(under",
    ")",
    "Where the person lives during treatment",
    "Level and intensity of care",
    "Typical duration",
    "Structure",
    "Who the guide says it suits",
    "What it offers",
    "Inpatient/Residential",
    "Outpatient",
    "Intensive Outpatient (IOP)",
    "Dual Diagnosis",
    "fits:",
    "does not fit, not shown:",
    "the guide does not say: ask the clinic",
    "I need to live at home during treatment",
    "I also have a mental health condition",
    # About this guide
    "About this guide",
    "Source",
    "Title:",
    "Author:",
    "Published:",
    "Publisher's notice",
    "Using this guide",
    "This app carries one article for reading offline.",
    "Every sentence of the article is here as it was published, except the parts of the web page that are not "
    "the article: the page's style code, its headings for sources and for related articles (the text has nothing "
    "under them), and its closing invitation to contact the publisher's team and schedule a consult call.",
    "The app adds only its own labels, help and search; it adds nothing to what the article says.",
    "The clinic's details, such as its phone number and emergency line, come from the clinic.",
    "The article's publisher printed this notice with it. It is reproduced as published.",
    "Pick a page from the contents, or type in the search box. Search forgives spelling mistakes and understands "
    "many everyday words.",
    "Links between pages work like in a web browser; use Back and Forward to return.",
    "For advice about your own situation, talk to a member of the clinic staff.",
    # page titles of the contents (the article's headings are its own words)
    "Overview",
    "Signs and Symptoms",
    "Seeking Treatment",
    "Behavioral Therapies",
    "Summary",
]
PAGES = [
    "overview", "what-is-clonazepam", "risks", "signs-and-symptoms", "seeking-treatment", "detox",
    "behavioral-therapies", "aftercare", "faqs", "summary", "about", "get-help",
]  # fmt: skip
HANDOUTS = {
    "sheet": ["sheet"],
    "sheet-large": ["sheet", "--large-print"],
    "compare": ["compare"],
    "compare-needs": ["compare", "--need", "live-at-home", "--need", "mental-health"],
    **{page: ["print-page", page] for page in PAGES},
}
DISCUSS_SYMPTOMS_OR_DETOX = {"sheet", "sheet-large", "signs-and-symptoms", "detox", "faqs"}

pytestmark = pytest.mark.usefixtures("qapp")


def squash(text: str) -> str:
    return "".join(text.replace("’", "'").replace("\xa0", " ").split())


def _remove(text: str, phrases: list[str]) -> str:
    """Each phrase taken out (a separator left in its place) where it stands as whole words, even where
    it wraps over lines or pypdf reads a kerned heading's letters apart."""
    for phrase in sorted({squash(p) for p in phrases}, key=len, reverse=True):
        pattern = r"(?<![A-Za-z])" + r"\s*".join(map(re.escape, phrase)) + r"(?![A-Za-z])"
        text = re.sub(pattern, "\x00", text)
    return text


def foreign_fragments(pdf, allowed: list[str]) -> list[str]:
    """The pieces of the handout that are neither the article's words nor in `allowed`.

    The text is cut at quotation marks, bullets and the allowed phrases; a piece passes when it is
    in the article whole, or line by line (items side by side in columns)."""
    article = squash(SOURCE_ARTICLE.read_text(encoding="utf-8"))
    found = []
    for page in PdfReader(pdf).pages:
        text = page.extract_text().replace("’", "'").replace("\xa0", " ")
        text = re.sub(r"Printed\s+\d+\s+[A-Za-z]+\s+\d{4}|Page\s+\d+\s+of\s+\d+", "\x00", text)
        for piece in re.split(r"[“”\"•◆·\x00]", _remove(text, allowed)):
            parts = [squash(part).strip(".,:;()-–—") for part in [piece, *piece.split("\n")]]
            whole, lines = parts[0], [part for part in parts[1:] if re.search(r"[A-Za-z]", part)]
            if re.search(r"[A-Za-z]", whole) and whole not in article and any(part not in article for part in lines):
                found.append(whole)
    return found


@pytest.fixture(scope="module")
def handouts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("handouts")
    config = folder / "clinic.toml"
    config.write_text(CONFIG + f'[sheet]\nurgent_text = "{CLINIC["urgent_text"]}"\n', encoding="utf-8")
    made = {}
    for name, argv in HANDOUTS.items():
        out = folder / f"{name}.pdf"
        assert main([*argv, "--pdf", str(out), "--page-size", "a4", "--config", str(config)]) == 0
        made[name] = out
    return made


@pytest.mark.parametrize("name", list(HANDOUTS))
def test_no_handout_says_anything_but_the_article_or_the_clinic(handouts, name):
    assert foreign_fragments(handouts[name], LABELS + CLINIC_WORDS) == []


def test_the_check_catches_words_that_are_not_the_article(handouts, tmp_path):
    """The test above can fail: the old sheet's own advice is caught."""
    from guide_app.printing.handout import Handout, fixed, write_pdf

    out = tmp_path / "advice.pdf"
    body = "<h1>Urgent help</h1><p>If you have a seizure or severe withdrawal symptoms, get medical help straight away.</p>"
    write_pdf(Handout("t", fixed(body)), out, None, page_size="a4")
    assert foreign_fragments(out, LABELS + CLINIC_WORDS) == [
        "Ifyouhaveaseizureorseverewithdrawalsymptoms,getmedicalhelpstraightaway"
    ]


@pytest.mark.parametrize("name", list(HANDOUTS))
def test_handouts_on_symptoms_or_detox_carry_the_clinics_emergency_line(handouts, name):
    text = squash(" ".join(page.extract_text() for page in PdfReader(handouts[name]).pages))
    has_line = squash(f"Emergency: {CLINIC['emergency']}") in text
    assert has_line == (name in DISCUSS_SYMPTOMS_OR_DETOX or name == "get-help"), name


def test_the_sheet_prints_the_clinics_urgent_text_as_the_clinics(handouts):
    text = squash(" ".join(page.extract_text() for page in PdfReader(handouts["sheet"]).pages))
    assert squash(f"Urgent help: From {CLINIC['name']}: {CLINIC['urgent_text']}") in text
    assert squash("Medical supervision ensures that individuals are closely monitored") not in text
