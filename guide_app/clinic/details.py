"""The clinic's own details, as shown on the Get help page and printed on handouts.

Every clinic-specific word comes from the config file; with none, the app says only
neutral things ("ask a member of the clinic staff").
"""

from __future__ import annotations

import re

from guide_app.clinic.config import Config
from guide_app.content.pack import Page

GET_HELP_ID = "get-help"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def md_escape(text: str) -> str:
    """Config text shown literally in Markdown, whatever characters it holds."""
    # html.escape(text, quote=False), written out: the html module's import (its table of 2,000
    # named entities) would be start-up time, as the Get help page is made before the window shows.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def clinic_lines(config: Config) -> list[tuple[str, str]]:
    """(label, value) pairs for the clinic block; empty fields are left out."""
    lines = [
        (label, config.clinic(key))
        for label, key in (
            ("Clinic", "name"),
            ("Phone", "phone"),
            ("Address", "address"),
            ("Hours", "hours"),
        )
    ]
    for helpline in config.helplines:
        value = " · ".join(part for part in (helpline.phone, helpline.note) if part)
        lines.append((helpline.name, value))
    return [(label, value) for label, value in lines if value or label not in ("Clinic", "Phone", "Address", "Hours")]


def get_help_markdown(config: Config) -> str:
    parts = ["# Get help {#top}"]
    if config.has_clinic:
        name = config.clinic("name")
        parts.append(f"## {md_escape(name) if name else 'This clinic'} {{#clinic}}")
        rows: list[tuple[str, str]] = []
        for key, label in (("phone", "Phone"), ("address", "Address"), ("hours", "Opening hours")):
            if config.clinic(key):
                rows.append((label, config.clinic(key)))
        parts.append(
            "\n".join(f"- **{label}:** {md_escape(value)}" for label, value in rows)
            or "Ask a member of the clinic staff for help."
        )
        if config.helplines:
            parts.append("## Helplines {#helplines}")
            lines = []
            for helpline in config.helplines:
                detail = " — ".join(md_escape(p) for p in (helpline.phone, helpline.note) if p)
                lines.append(f"- **{md_escape(helpline.name)}**" + (f": {detail}" if detail else ""))
            parts.append("\n".join(lines))
    else:
        parts.append("Ask a member of the clinic staff for help, or for the contact details of local services.")
    parts.append("## In an emergency {#emergency}")
    parts.append(f"**Emergency:** {md_escape(config.emergency)}")
    return "\n\n".join(parts) + "\n"


def get_help_page(config: Config) -> Page:
    return Page(GET_HELP_ID, "Get help", None, None, source=get_help_markdown(config))
