"""Hypothesis strategies for news-like documents, kept in one module.

Documents are built from realistic parts: article paragraphs, placeholder
lines, tweets with attribution lines, typographic variants and mojibake.
"""

from __future__ import annotations

from hypothesis import strategies as st

PARAGRAPHS = [
    "The council voted 7-2 on Tuesday to approve the new budget, which includes funds for road repairs.",
    "“We have waited long enough,” said Maria López, who has lived on the street for 30 years.",
    "Officials said the bridge would reopen in March – weeks later than planned…",
    "Der Stadtrat hat am Dienstag den Haushalt für 2025 beschlossen.",
    "Le maire a déclaré que les travaux commenceraient à l’automne.",
    "Q:",
    "A:",
    "* * *",
    "Yes",
    "No",
    "The advertisement, which aired during the final, drew complaints.",
    "Der Kölner Stadt-Anzeiger berichtete zuerst.",
    "“Loading…” was all she saw on her screen.",
]
PLACEHOLDERS = ["Advertisement", "Loading…", "Anzeige", "Publicité", "Read more", "Wird geladen …", "- Anzeige -"]
TWEET = [
    "An Israeli ground offensive on overcrowded Rafah in #Gaza would be a bloodbath. pic.twitter.com/XHsL2NdgLE",
    "— Jan Egeland (@NRC_Egeland) February 8, 2024",
]
MOJIBAKE = ["The mayorâ€™s office said â€œnoâ€\x9d.", "CafÃ© in MÃ¼nchen"]

ASCIIFY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "…": "..."})


def _asciify(text: str) -> str:
    return text.translate(ASCIIFY)


@st.composite
def news_documents(draw: st.DrawFn) -> str:
    """A document of paragraphs, placeholders, tweets, mojibake, and sometimes its own copy."""
    part = st.one_of(
        st.sampled_from(PARAGRAPHS),
        st.sampled_from(PLACEHOLDERS),
        st.sampled_from(MOJIBAKE),
        st.just("\n".join(TWEET)),
        st.text(max_size=40),
    )
    parts = draw(st.lists(part, max_size=12))
    if parts and draw(st.booleans()):
        copy = [(_asciify(p) if draw(st.booleans()) else p) for p in parts]
        parts = parts + copy if draw(st.booleans()) else copy + parts
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return sep.join(parts)
