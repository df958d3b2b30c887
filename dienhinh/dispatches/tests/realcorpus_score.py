"""The per-field score of the reader on the corpus of real public texts (realcorpus/).

Each case is `NAME.txt` (its first line the source address, or "Tổng hợp (synthetic): …" for
a synthetic text, then the rewritten text) and `NAME.json` (the fields a civil servant would
type). `split.json` holds the one random split into a development half and a held-back half.

A field is right when it equals the expected value as a whole; for `deadlines` each item is
compared on the sub-keys the expected item names, for `references` on the numbers, for
`emails` on the address and the suspect flag. Keys starting with "_" are notes.

    .venv/bin/python -m dienhinh.dispatches.tests.realcorpus_score [--show-wrong]
"""

import json
import sys
from collections import Counter
from pathlib import Path

CORPUS = Path(__file__).parent / "realcorpus"
SPLIT = json.loads((CORPUS / "split.json").read_text(encoding="utf-8"))


def load(name: str) -> tuple[str, dict]:
    raw = (CORPUS / f"{name}.txt").read_bytes().decode("utf-8")
    text = raw.split("\n", 1)[1] if raw.startswith(("Nguồn:", "Tổng hợp")) else raw
    return text, json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))


def field_right(key: str, want, have) -> bool:
    if key == "deadlines":
        return len(want) == len(have) and all(
            all(h.get(k) == v for k, v in w.items()) for w, h in zip(want, have, strict=True)
        )
    if key == "references":
        return [w["number"] for w in want] == [h["number"] for h in have]
    if key == "emails":
        return [(w["address"], w["suspect"]) for w in want] == [
            (h["address"], h["suspect"]) for h in have
        ]
    return want == have


def score(names, parse) -> tuple[Counter, Counter, list[str]]:
    """(right per field, total per field, one line per wrong field)."""
    right, total, wrong = Counter(), Counter(), []
    for name in names:
        text, expected = load(name)
        got = parse(text)
        for key, want in expected.items():
            if key.startswith("_"):
                continue
            total[key] += 1
            if field_right(key, want, got.get(key)):
                right[key] += 1
            else:
                wrong.append(f"{name}.{key}: expected {want!r}, got {got.get(key)!r}")
    return right, total, wrong


def share(right: Counter, total: Counter) -> float:
    return sum(right.values()) / max(1, sum(total.values()))


def main() -> None:
    import os

    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("DEBUG", "true")
    import django

    django.setup()
    from dienhinh.dispatches.parser import parse_text

    for half in ("development", "held_back"):
        right, total, wrong = score(SPLIT[half], parse_text)
        print(f"{half}: {sum(right.values())}/{sum(total.values())} = {share(right, total):.1%}")
        for key in sorted(total):
            print(f"  {key:18s} {right[key]:3d}/{total[key]:3d}")
        if "--show-wrong" in sys.argv and half == "development":
            print("\n".join("    " + line for line in wrong))


if __name__ == "__main__":
    main()
