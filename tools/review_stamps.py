"""Record which text each review date vouches for (run by `make review-stamps`).

A section's `reviewed_on` says "this text was checked against its sources on that day".
The stamp file stores, for each section and for the rules as a whole, that date and a
fingerprint of the text it covers, so a test can catch text that changed under an old
date (review 14, r14-11). Run this only after the change has been checked, and with the
date moved to the day of the check.
"""

import hashlib
import json
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STAMPS = ROOT / "tests" / "content" / "review_stamps.yaml"
_DATE_LINE = re.compile(r"^reviewed_on:.*$", re.MULTILINE)
_RULES_KEY = "rules/ (reviewed_on in rules/meta.yaml)"


def _fingerprint(texts: list[str]) -> str:
    """The hash of the texts with their `reviewed_on` lines taken out (a date alone is not a text change)."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(_DATE_LINE.sub("", text).encode("utf-8"))
    return digest.hexdigest()[:16]


def _date_in(text: str, where: str) -> str:
    found = _DATE_LINE.search(text)
    if not found:
        raise ValueError(f"{where}: no reviewed_on line")
    return found.group(0).split(":", 1)[1].strip()


def current(root: Path = ROOT) -> dict[str, dict[str, str]]:
    """Each section file, and the rules files together, with their review date and fingerprint."""
    stamps = {}
    for path in sorted((root / "content" / "sections").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        where = f"content/sections/{path.name}"
        stamps[where] = {"reviewed_on": _date_in(text, where), "fingerprint": _fingerprint([text])}
    meta = (root / "rules" / "meta.yaml").read_text(encoding="utf-8")
    # The rules as data: a comment or a re-wrapped line is not a change to what the aid does or says.
    rules = [json.dumps(yaml.safe_load(p.read_text(encoding="utf-8")), sort_keys=True, default=str)
             for p in sorted((root / "rules").glob("*.yaml")) if p.name != "meta.yaml"]
    stamps[_RULES_KEY] = {"reviewed_on": _date_in(meta, "rules/meta.yaml"), "fingerprint": _fingerprint(rules)}
    return stamps


def problems(stored: dict, now: dict) -> list[str]:
    """What the stamp file and the text disagree on, each naming the file and what to do."""
    found, record = [], "run `make review-stamps` to record it"
    for where in sorted(set(stored) | set(now)):
        was, now_is = stored.get(where), now.get(where)
        if was is None or now_is is None:
            found.append(f"{where}: {'new' if was is None else 'gone'}; {record}")
        elif was["fingerprint"] != now_is["fingerprint"] and was["reviewed_on"] == now_is["reviewed_on"]:
            found.append(f"{where}: the text changed but reviewed_on is still {was['reviewed_on']}. Check the change "
                         "against its sources, set reviewed_on to the day you did, then run `make review-stamps`")
        elif was != now_is:
            found.append(f"{where}: reviewed_on moved to {now_is['reviewed_on']}; {record}")
    return found


def write(root: Path = ROOT) -> None:
    header = "# Written by `make review-stamps`; tests/content/test_review_stamps.py checks it\n"
    STAMPS.write_text(header + yaml.safe_dump(current(root), sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    write()
    print(f"wrote {STAMPS.relative_to(ROOT)}")
