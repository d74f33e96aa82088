"""Tests for the pandas accessor (``Series.newsclean``)."""

from __future__ import annotations

import importlib
import math
import sys
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas", reason="pandas is not installed: pip install -e '.[pandas]'")

import newsclean  # noqa: E402
import newsclean.contrib.pandas  # noqa: E402,F401
from newsclean import FunctionFilter, MissingExtraError, Pipeline, Result  # noqa: E402
from tests._display_helpers import DropAds  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def fix_quotes(text: str) -> str:
    return text.replace("''", '"')


PIPELINE = Pipeline(FunctionFilter(fix_quotes, name="fix"), DropAds())
TEXTS = ["a\nAdvertisement\nb", "''hi''", "calm", "Advertisement"]


def _series(values: list[object], **kw: object) -> pd.Series:
    return pd.Series(values, index=["w", "x", "y", "z"][: len(values)], name="body", dtype=object, **kw)


def test_clean_returns_cleaned_series_same_index() -> None:
    """clean() keeps index and name and returns the cleaned texts."""
    out = _series(TEXTS).newsclean.clean(pipeline=PIPELINE)
    assert out.tolist() == ["a\nb", '"hi"', "calm", ""]
    assert list(out.index) == ["w", "x", "y", "z"] and out.name == "body"


def test_clean_passes_missing_values_through() -> None:
    """None and NaN come back as they were, untouched."""
    out = _series(["a\nAdvertisement", None, float("nan")]).newsclean.clean(pipeline=PIPELINE)
    assert out.iloc[0] == "a" and out.iloc[1] is None and math.isnan(out.iloc[2])


def test_clean_keeps_a_string_dtype() -> None:
    """A Series of pandas' string dtype stays that dtype, with its missing value."""
    s = pd.Series(["a\nAdvertisement", None], dtype="string")
    out = s.newsclean.clean(pipeline=PIPELINE)
    assert out.dtype == s.dtype and out.iloc[0] == "a" and out.isna().tolist() == [False, True]


def test_clean_rejects_non_text_naming_the_row() -> None:
    """A number in the column raises TypeError naming its row label."""
    with pytest.raises(TypeError, match=r"row 'x': Series.newsclean.clean\(\) needs a str in each row, got int"):
        _series(["a", 5]).newsclean.clean()


def test_clean_rejects_a_non_pipeline() -> None:
    """pipeline= must be a Pipeline."""
    with pytest.raises(TypeError, match=r"^Series.newsclean.clean\(pipeline=...\) needs a newsclean.Pipeline or None for the default, got str"):
        _series(["a"]).newsclean.clean(pipeline="placeholders")  # type: ignore[arg-type]


def test_explain_frame_columns_and_values() -> None:
    """explain() gives text, changed, dropped, drop_reason, changes, removed_<filter> per filter and the Result."""
    frame = _series([*TEXTS[:3], None]).newsclean.explain(pipeline=PIPELINE)
    assert list(frame.columns) == ["text", "changed", "dropped", "drop_reason", "changes", "removed_fix", "removed_drop_ads", "result"]
    assert list(frame.index) == ["w", "x", "y", "z"]
    table = frame.drop(columns="result").to_dict("records")
    assert table == [
        {"text": "a\nb", "changed": True, "dropped": False, "drop_reason": None, "changes": 1, "removed_fix": 0, "removed_drop_ads": 1},
        {"text": '"hi"', "changed": True, "dropped": False, "drop_reason": None, "changes": 1, "removed_fix": 0, "removed_drop_ads": 0},
        {"text": "calm", "changed": False, "dropped": False, "drop_reason": None, "changes": 0, "removed_fix": 0, "removed_drop_ads": 0},
        {"text": None, "changed": False, "dropped": False, "drop_reason": None, "changes": 0, "removed_fix": 0, "removed_drop_ads": 0},
    ]
    assert [str(t) for t in frame.dtypes[["changed", "dropped", "changes"]]] == ["bool", "bool", "int64"]


def test_explain_marks_dropped_rows_and_keeps_results() -> None:
    """A text with nothing left is dropped with its reason; the result column drills into each row."""
    frame = _series(TEXTS).newsclean.explain(pipeline=PIPELINE)
    assert frame.loc["z", ["dropped", "drop_reason"]].tolist() == [True, "empty"]
    result = frame.loc["w", "result"]
    assert isinstance(result, Result) and [c.block for c in result.changes] == ["Advertisement"]
    assert 'data-filter="drop_ads"' in result._repr_html_()


def test_explain_on_an_empty_series() -> None:
    """An empty Series gives an empty frame with all the columns."""
    frame = pd.Series([], dtype=object).newsclean.explain(pipeline=PIPELINE)
    assert len(frame) == 0 and list(frame.columns)[-3:] == ["removed_fix", "removed_drop_ads", "result"]


def test_summary_of_results_and_of_texts_agree() -> None:
    """summary() on the Result column equals summary() on the texts; missing values are skipped."""
    s = _series([*TEXTS[:3], None])
    from_results = s.newsclean.explain(pipeline=PIPELINE)["result"].newsclean.summary()
    assert from_results == s.newsclean.summary(pipeline=PIPELINE)
    assert (from_results.documents, from_results.changed) == (3, 2)
    assert {f.name: f.removed for f in from_results.filters} == {"fix": 0, "drop_ads": 1}


def test_summary_rejects_other_values() -> None:
    """A number in a results column raises TypeError naming its row."""
    with pytest.raises(TypeError, match=r"row 'w': Series.newsclean.summary\(\) needs Results"):
        _series([3]).newsclean.summary()


def test_import_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the accessor without pandas raises MissingExtraError (an ImportError) naming the extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.delitem(sys.modules, "newsclean.contrib.pandas")
    with pytest.raises(MissingExtraError, match=r"pip install 'newsclean\[pandas\]'") as info:
        importlib.import_module("newsclean.contrib.pandas")
    assert isinstance(info.value, ImportError) and info.value.extra == "pandas"


def test_default_pipeline_on_the_reference_example() -> None:
    """Real filters: the double-posted reference article comes out as the expected text, with removals counted."""
    text = (FIXTURES / "seeds" / "rafah_double_post.txt").read_text(encoding="utf-8")
    expected = (FIXTURES / "seeds" / "rafah_double_post.expected.txt").read_text(encoding="utf-8")
    frame = pd.Series([text, "Calm."], dtype=object).newsclean.explain()
    assert frame["text"].tolist() == [expected, "Calm."]
    assert frame.loc[0, "removed_placeholders"] == 1 and frame.loc[0, "removed_double_post"] >= 18
    assert frame["changed"].tolist() == [True, False]
    assert list(newsclean.DEFAULT_FILTERS) == [c[len("removed_"):] for c in frame.columns if c.startswith("removed_")]


BAD_ROWS = {
    "list": (["Rain.\nAdvertisement", "Calm."], "clean"),
    "tuple": (("Rain.", "Calm."), "explain"),
    "bytes": (b"Rain.\nAdvertisement", "clean"),
    "int": (42, "explain"),
    "float": (4.5, "clean"),
}


@pytest.mark.parametrize(("value", "method"), BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_type_errors_suggest_a_call_that_runs(value: object, method: str) -> None:
    """Each TypeError names the method called and a call on the Series that exists; the call runs."""
    s = pd.Series([value, "Sunny.\nAdvertisement", None], index=["a", "b", "c"], dtype=object)
    with pytest.raises(TypeError) as info:
        getattr(s.newsclean, method)()
    message = str(info.value)
    assert message.startswith(f"row 'a': Series.newsclean.{method}() needs a str in each row, got {type(value).__name__}; ")
    suggested = message.split("`")[1]
    assert suggested.startswith("s.") and suggested.endswith(f".newsclean.{method}()")
    out = eval(suggested, {"s": s, "newsclean": newsclean})  # noqa: S307 - the message's own example
    texts = out.tolist() if method == "clean" else out["text"].tolist()
    assert "Sunny." in texts


def test_summary_error_suggests_a_call_that_runs() -> None:
    """summary() on a column with a number suggests converting to text, and that call runs."""
    s = pd.Series(["Rain.\nAdvertisement", 7], dtype=object)
    with pytest.raises(TypeError) as info:
        s.newsclean.summary()
    suggested = str(info.value).split("`")[1]
    assert suggested == "s.astype('string').newsclean.summary()"
    assert eval(suggested, {"s": s}).documents == 2  # noqa: S307


def test_bytes_hint_for_html_runs() -> None:
    """The bytes message's HTML hint (map clean_html) runs on a column of HTML bytes."""
    s = pd.Series([b"<p>Rain.</p><p>Advertisement</p>"], dtype=object)
    with pytest.raises(TypeError) as info:
        s.newsclean.clean()
    suggested = str(info.value).split("`")[3]
    assert suggested == "s.map(newsclean.clean_html)"
    assert "Rain." in eval(suggested, {"s": s, "newsclean": newsclean})[0]  # noqa: S307
