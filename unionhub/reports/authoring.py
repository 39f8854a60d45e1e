"""What officials write themselves in a draft report (annual-report.md, "What officials write
themselves"), kept in `Report.authored`:

    {"foreword": "…",
     "sections": {section key: {"headline": "…", "before": "…", "after": "…"}},
     "own": [{"title": "…", "body": "…", "after": section key or ""}]}

`headline` replaces the section's heading (the generated proposal is offered, never forced);
`before` and `after` are paragraphs around the generated text, which stays the records'.
An own section goes after the named section (first, before every section, when "" is given).
Paragraphs are separated by blank lines or line breaks; no markup is kept."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .registry import sections

HEADLINE_MAX = 40
TEXT_MAX = 4000
OWN_MAX = 10


def _text(value, limit: int, what: str, errors: list) -> str:
    text = str(value or "").replace("\r\n", "\n").strip()
    if len(text) > limit:
        errors.append(_("%(what)s:最多%(n)d字,现有%(m)d字") % {"what": what, "n": limit, "m": len(text)})
    return text


def authored_clean(data: dict) -> dict:
    """The written parts of `data` checked and trimmed; a ValidationError names each part that
    is too long, an unknown section or an own section without a title."""
    errors: list[str] = []
    keys = {s.key: s for s in sections()}
    out = {"foreword": _text(data.get("foreword"), TEXT_MAX, _("前言"), errors), "sections": {}, "own": []}
    for key, parts in (data.get("sections") or {}).items():
        section = keys.get(key)
        if section is None:
            errors.append(_("未知的板块:%(key)s") % {"key": key})
            continue
        title = str(section.title)
        written = {
            "headline": _text(parts.get("headline"), HEADLINE_MAX, _("%(s)s的标题") % {"s": title}, errors),
            "before": _text(parts.get("before"), TEXT_MAX, _("%(s)s的前段文字") % {"s": title}, errors),
            "after": _text(parts.get("after"), TEXT_MAX, _("%(s)s的后段文字") % {"s": title}, errors),
        }
        if any(written.values()):
            out["sections"][key] = written
    own = [
        o for o in (data.get("own") or []) if (o.get("title") or "").strip() or (o.get("body") or "").strip()
    ]
    if len(own) > OWN_MAX:
        errors.append(_("自撰板块最多%(n)d个") % {"n": OWN_MAX})
    for i, item in enumerate(own[:OWN_MAX], 1):
        what = _("自撰板块%(n)d") % {"n": i}
        title = _text(item.get("title"), HEADLINE_MAX, _("%(w)s的标题") % {"w": what}, errors)
        body = _text(item.get("body"), TEXT_MAX, _("%(w)s的正文") % {"w": what}, errors)
        after = str(item.get("after") or "")
        if not title:
            errors.append(_("%(w)s:请填写标题") % {"w": what})
        if after and after not in keys:
            errors.append(_("%(w)s:未知的位置“%(a)s”") % {"w": what, "a": after})
        out["own"].append({"title": title, "body": body, "after": after})
    if errors:
        raise ValidationError(errors)
    return out


def paragraphs(text: str) -> list[str]:
    """A written text as its paragraphs (one per non-empty line)."""
    return [line.strip() for line in (text or "").split("\n") if line.strip()]
