"""Profiles as JSON a person can read and edit: versioned, one object per learned line.

The file holds, per site, its document count, the learning options and every
line that recurs enough to be decided on, most frequent first::

    {"format": "newsclean-site-profiles", "version": 1, "sites": [
      {"site": "slate.com", "documents": 24, "options": {...}, "lines": [
        {"text": "Slate is making ...", "documents": 5, "keep": false, "kind": "line",
         "why": "in 5 of 24 documents of this site"}, ...]}]}

Set ``keep`` to ``true`` to keep a line the learner would remove, or to
``false`` to remove one it kept; ``kind`` and ``why`` are for reading only.
Lines below the thresholds are not written, so merge partial profiles
*before* saving them.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from newsclean._core.errors import config_error
from newsclean._core.text import fold
from collections.abc import Sequence

from newsclean._profiles.rules import LearnedLine, LearnOptions, better_copy

__all__ = ["FORMAT_VERSION", "decode", "encode", "load", "save"]

#: The version of the file format this newsclean reads and writes.
FORMAT_VERSION = 1
_HELP = "set keep to true to keep a line, false to remove it; kind and why are for reading only"


def encode(site: str, documents: int, options: LearnOptions, lines: Sequence[LearnedLine]) -> dict[str, Any]:
    """One site's entry: its counts and decisions for the lines that recur enough."""
    return {
        "site": site,
        "documents": documents,
        "options": options.to_dict(),
        "lines": [
            {"text": line.text, "documents": line.documents, "keep": line.keep, "kind": line.kind, "why": line.why}
            for line in lines
        ],
    }


Decoded = tuple[str, int, dict[str, tuple[int, str]], LearnOptions, dict[str, bool]]


def decode(data: Any, where: str) -> Decoded:
    """Site, document count, counts, options and keep switches from :func:`encode` output."""
    if not isinstance(data, dict):
        config_error(f"{where}: a site profile must be a JSON object, got {type(data).__name__}")
    site, documents, lines = data.get("site", ""), data.get("documents"), data.get("lines", [])
    if not isinstance(site, str) or not isinstance(documents, int) or documents < 0 or not isinstance(lines, list):
        config_error(
            f"{where}: a site profile needs 'site' (str), 'documents' (a count) and 'lines' (a list)"
        )
    options = LearnOptions.from_dict(data.get("options", {}))
    counts: dict[str, tuple[int, str]] = {}
    wanted: dict[str, bool] = {}
    for entry in lines:
        if not (isinstance(entry, dict) and isinstance(entry.get("text"), str) and isinstance(entry.get("documents"), int)):
            config_error(f"{where}: each line needs 'text' (str) and 'documents' (a count), got {entry!r:.120}")
        text, count = entry["text"].strip(), entry["documents"]
        key = fold(text)
        if not key:
            config_error(f"{where}: the line {text!r} has no letters or digits; it cannot be matched")
        old = counts.get(key)
        counts[key] = (count, text) if old is None else (max(old[0], count), better_copy(old[1], text))
        keep = entry.get("keep")
        if keep is not None:
            if not isinstance(keep, bool):
                config_error(f"{where}: 'keep' must be true or false, got {keep!r} for {text!r}")
            wanted[key] = keep
    return site, documents, counts, options, wanted


def save(path: str | os.PathLike[str], kind: str, body: dict[str, Any]) -> None:
    """Write ``{"format": "newsclean-<kind>", "version": ..., **body}`` atomically."""
    data = {"format": f"newsclean-{kind}", "version": FORMAT_VERSION, "help": _HELP, **body}
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    fd, tmp = tempfile.mkstemp(prefix=".newsclean-", suffix=".json", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise


def load(path: str | os.PathLike[str], kind: str) -> dict[str, Any]:
    """Read a file written by :func:`save`, checking its format and version."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except json.JSONDecodeError as exc:
        config_error(f"{path}: not a newsclean profile file (invalid JSON: {exc})", cause=exc)
    expected = f"newsclean-{kind}"
    if not isinstance(data, dict) or data.get("format") not in ("newsclean-site-profile", "newsclean-site-profiles"):
        config_error(f"{path}: not a newsclean profile file (no \"format\": {expected!r})")
    version = data.get("version")
    if version != FORMAT_VERSION:
        config_error(
            f"{path}: profile format version {version!r}, but this newsclean reads version {FORMAT_VERSION}; "
            "learn the profiles again with this version (newsclean learn ...) or use the newsclean that wrote it"
        )
    if data["format"] != expected:
        other = "SiteProfiles.load" if kind == "site-profile" else "SiteProfile.load"
        config_error(f"{path}: this file holds {data['format']!r}; read it with {other}()")
    return data
