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


# -- duplicate shapes: tweets, repeated paragraphs and separators (issue 23, items 2 and 3) --

SEPARATORS = ["* * *", "___", "•", "—", "🌧️🌧️", "\u200b", "⭐️⭐️⭐️", "A line of at least twenty-four letters"]
LONG_PARAGRAPHS = [
    "The river rose by a metre overnight and the two bridges in town were closed to all traffic.",
    "Volunteers filled sandbags until dawn and the water stopped one street away from the school.",
    "“We were lucky this time,” said the mayor, who has lived in the town for thirty years – “lucky…”",
    "The index fell 3.5% on Monday, and 1,000 jobs could go at the two largest lenders, analysts said.",
    "The index fell 35% on Monday, and 1.000 jobs could go at the two largest lenders, analysts said.",
]
SHAPE_TWEETS = [
    "Rain warning.\n— Met Office (@metoffice) May 1, 2024",
    "Rain warning for the whole coast tonight.\n— Met Office (@metoffice) May 1, 2024",
    "Roads closed in the north. pic.twitter.com/Ab12Cd34Ef\n— Met Office (@metoffice) May 1, 2024",
    "\n".join(TWEET),
    "Senate resolves to:\n1. Keep the bridge open\n2. Pay the volunteers\n— Senate Press (@SenatePress) May 2, 2024",
]


def _scramble(tweet: str, how: int) -> str:
    """A tweet's lines as a copy may print them: in order, attribution first, or attribution between."""
    lines = tweet.split("\n")
    text, anchor = lines[:-1], lines[-1]
    if how == 1:
        return "\n".join([anchor, *text])
    if how == 2 and len(text) > 1:
        return "\n".join([text[0], anchor, *text[1:]])
    return tweet


@st.composite
def duplicate_shapes(draw: st.DrawFn) -> str:
    """Tweets, long paragraphs and separators, with some parts printed again (whole, ASCII-fied, reordered, interleaved)."""
    part = st.one_of(
        st.sampled_from(LONG_PARAGRAPHS),
        st.sampled_from(SHAPE_TWEETS),
        st.sampled_from(SEPARATORS),
        st.sampled_from(PARAGRAPHS),
    )
    parts = draw(st.lists(part, min_size=1, max_size=8))
    copies = draw(st.integers(0, 3))
    out = list(parts)
    for _ in range(copies):
        lo = draw(st.integers(0, len(parts) - 1))
        hi = draw(st.integers(lo + 1, len(parts)))
        piece = parts[lo:hi]
        if draw(st.booleans()):
            piece = [_asciify(p) for p in piece]
        piece = [_scramble(p, draw(st.integers(0, 2))) if "(@" in p else p for p in piece]
        if draw(st.booleans()):
            piece.insert(draw(st.integers(0, len(piece))), draw(st.sampled_from(SEPARATORS + SHAPE_TWEETS)))
        at = draw(st.integers(0, len(out)))
        out[at:at] = piece
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n"]))
    return sep.join(out)
