"""The English catalogue is complete: every msgid of locale/en has an English msgstr (none
fuzzy), and the compiled .mo the app reads says the same (`make messages` was run after the
last edit). Run `make messages` after adding strings, then translate what it added."""

import ast
import gettext
from pathlib import Path

from django.conf import settings

CATALOGUES = [Path(settings.BASE_DIR) / "locale" / lang / "LC_MESSAGES" for lang in ("en", "zh_Hans")]


def entries(po: Path):
    """(flags, msgctxt, msgid, [msgstr…]) of a .po file: a small reader for gettext's format."""
    out, current, key = [], None, None
    for line in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current and current.get("msgid") is not None:
                out.append(current)
            current, key = None, None
            continue
        current = current or {"flags": "", "msgctxt": "", "msgid": None, "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] += line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, tuple):
                current["msgstr"][key[1]] += value
            else:
                current[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word.startswith("msgstr"):
                key = ("msgstr", word[7:-1] if "[" in word else "0")
                current["msgstr"][key[1]] = value
            else:
                key = word
                current[word] = value
    return [e for e in out if e["msgid"]]  # the header has an empty msgid


def test_every_msgid_has_an_english_translation():
    po = CATALOGUES[0] / "django.po"
    missing = [e["msgid"] for e in entries(po) if "fuzzy" in e["flags"] or not all(e["msgstr"].values())]
    assert missing == [], f"{len(missing)} untranslated in {po}: {missing[:20]}"


def test_the_compiled_catalogues_match_their_sources():
    for folder in CATALOGUES:
        with open(folder / "django.mo", "rb") as f:
            mo = gettext.GNUTranslations(f)
        stale = []
        for e in entries(folder / "django.po"):
            if "msgid_plural" in e or len(e["msgstr"]) > 1:
                continue
            key = f"{e['msgctxt']}\x04{e['msgid']}" if e["msgctxt"] else e["msgid"]
            if mo._catalog.get(key) != e["msgstr"]["0"]:
                stale.append(e["msgid"])
        assert stale == [], f"{folder}: run `make messages` ({len(stale)} strings differ: {stale[:5]})"
