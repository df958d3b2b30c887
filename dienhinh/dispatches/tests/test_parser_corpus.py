"""Read every dispatch in `corpus/` and compare with what a careful reader would extract.

Each case is `NAME.txt` (the text, UTF-8, read byte for byte so Windows line ends and
decomposed Unicode reach the parser as they are) and `NAME.json` (the expected output). Only
the keys present in the JSON are compared: a key whose value the rules in
docs/dispatch-parsing.md do not settle is left out. Keys starting with "_" are notes.

For `deadlines`, `references` and `emails` the lists must have the same length and each
element is compared on the sub-keys the expected element names (an expected deadline may
leave out `from`/`to`, a reference its `date`). Every other key must be equal as a whole.
"""

import json
from pathlib import Path

import pytest

from dienhinh.dispatches.parser import parse_text

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.stem for path in CORPUS.glob("*.json"))
LISTS_OF_RECORDS = {"deadlines", "references", "emails"}


def load_case(name):
    text = (CORPUS / f"{name}.txt").read_bytes().decode("utf-8")
    expected = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    return text, expected


def mismatches(expected, got):
    """Every difference between the expected keys and the parsed output, one line each."""
    problems = []
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        if key not in got:
            problems.append(f"{key}: missing from the output; expected {want!r}")
            continue
        have = got[key]
        if key not in LISTS_OF_RECORDS:
            if have != want:
                problems.append(f"{key}: expected {want!r}, got {have!r}")
            continue
        if not isinstance(have, list) or len(have) != len(want):
            problems.append(f"{key}: expected {len(want)} item(s) {want!r}, got {have!r}")
            continue
        for index, (want_item, have_item) in enumerate(zip(want, have, strict=True)):
            if not isinstance(have_item, dict):
                problems.append(f"{key}[{index}]: expected {want_item!r}, got {have_item!r}")
                continue
            for sub, value in want_item.items():
                if sub not in have_item:
                    problems.append(
                        f"{key}[{index}].{sub}: missing; expected {value!r} (item: {have_item!r})"
                    )
                elif have_item[sub] != value:
                    problems.append(
                        f"{key}[{index}].{sub}: expected {value!r}, got {have_item[sub]!r}"
                        f" (item: {have_item!r})"
                    )
    return problems


def test_every_case_has_its_text_and_states_what_it_tests():
    texts = sorted(path.stem for path in CORPUS.glob("*.txt"))
    assert texts == CASES, "each NAME.txt needs a NAME.json and the other way round"
    assert len(CASES) >= 16
    for name in CASES:
        _, expected = load_case(name)
        assert expected.get("_about"), f"{name}: no _about"
        assert "asks_for_examples" in expected, f"{name}: does not check asks_for_examples"


# Known gaps, kept visible: strict, so the mark must go the day the parser learns the case.
KNOWN_GAPS = {
    "header_columns_side_by_side_on_the_same_lines": (
        "columns laid side by side on one line (pdftotext -layout) are not split yet"
    ),
}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_GAPS[n], strict=True))
        if n in KNOWN_GAPS
        else n
        for n in CASES
    ],
)
def test_parser_reads_the_dispatch(name):
    text, expected = load_case(name)
    problems = mismatches(expected, parse_text(text))
    assert not problems, f"{name} ({expected['_about']})\n" + "\n".join(problems)
