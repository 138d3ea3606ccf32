"""`bd_deal`: one sentence in the deal's own words ("GSK to acquire RAPT Therapeutics for $2.2bn", "Biogen
licenses HRS-9531 from 恒瑞医药 (Jiangsu Hengrui): $80m upfront, up to $1.25bn"), then the parties by their role
(acquirer and target, or licensor and licensee — never an arrow to read the right way round), the asset, the
deal type and the money in the source's units with a USD equivalent."""

from __future__ import annotations

from domain.alert import Alert
from notifier.blocks import assemble
from notifier.cards.common import Card, Facts, compose, console_text, fallback, present
from notifier.cards.values import Script, amount, name_field, name_inline, named, script_of

FIELDS = ("licensor", "licensee", "asset", "deal_type", "upfront", "total", "currency")
LABEL = "BD deal"
TYPE_WORDS = {
    "license": "license",
    "option": "option",
    "co_development": "co-development",
    "newco": "NewCo",
    "acquisition": "acquisition",
}


def _money(alert: Alert, key: str, script: Script) -> str:
    f = alert.fields
    return amount(f[key], f.get("currency"), script) if present(f, key) else ""


def _terms(alert: Alert, script: Script, acquisition: bool) -> str:
    """`$80m upfront, up to $1.25bn` — or, for an acquisition, `for $2.2bn`."""
    upfront, total = _money(alert, "upfront", script), _money(alert, "total", script)
    if acquisition:
        value = total or upfront
        return f" for {value}" if value else ""
    parts = [f"{upfront} upfront" if upfront else "", f"up to {total}" if total else ""]
    text = ", ".join(p for p in parts if p)
    return f": {text}" if text else ""


def sentence(alert: Alert, script: Script | None = None) -> str:
    """The headline: who does what to whom, for how much."""
    f = alert.fields
    script = script or script_of(alert)
    licensor = name_inline(*named(alert, "licensor")) if present(f, "licensor") else ""
    licensee = name_inline(*named(alert, "licensee")) if present(f, "licensee") else ""
    asset = str(f["asset"]) if present(f, "asset") else ""
    kind = str(f.get("deal_type") or "")
    if kind == "acquisition":
        if licensee and licensor:
            return f"{licensee} to acquire {licensor}{_terms(alert, script, True)}"
        if licensee:
            return f"{licensee} makes an acquisition{_terms(alert, script, True)}"
        if licensor:
            return f"{licensor} to be acquired{_terms(alert, script, True)}"
        return f"Acquisition{_terms(alert, script, True)}"
    terms = _terms(alert, script, False)
    thing = asset or "rights"
    if kind == "co_development" and licensee and licensor:
        return f"{licensee} and {licensor} to co-develop {asset or 'an asset'}{terms}"
    if kind == "newco" and licensor:
        backer = f" backed by {licensee}" if licensee else ""
        return f"{licensor} licenses {thing} into a NewCo{backer}{terms}"
    verb = "takes an option on" if kind == "option" else "licenses"
    if licensee and licensor:
        return f"{licensee} {verb} {thing} from {licensor}{terms}"
    if licensee:
        return f"{licensee} {verb} {asset or 'an asset'}{terms}"
    if licensor:
        out = "grants an option on" if kind == "option" else "out-licenses"
        return f"{licensor} {out} {asset or 'an asset'}{terms}"
    what = f"{TYPE_WORDS[kind].capitalize()} deal" if kind in TYPE_WORDS else "BD deal"
    return f"{what} for {asset}{terms}" if asset else f"{what}{terms}"


def summary(alert: Alert) -> str:
    return sentence(alert)


def facts(alert: Alert) -> Facts:
    f = alert.fields
    script = script_of(alert)
    acquisition = f.get("deal_type") == "acquisition"
    roles = (
        (("Acquirer", "licensee"), ("Target", "licensor"))
        if acquisition
        else (
            ("Licensor", "licensor"),
            ("Licensee", "licensee"),
        )
    )
    pairs = [(name, name_field(*named(alert, key)) if present(f, key) else "") for name, key in roles]
    pairs += [
        ("Asset", str(f.get("asset") or "")),
        ("Deal type", TYPE_WORDS.get(str(f.get("deal_type") or ""), str(f.get("deal_type") or ""))),
        ("Upfront", _money(alert, "upfront", script)),
        ("Value" if acquisition else "Total (up to)", _money(alert, "total", script)),
    ]
    return Facts(
        sentence(alert, script),
        LABEL,
        tuple(pairs),
        known=FIELDS,
        emphasis=("Upfront", "Value", "Total (up to)"),
    )


def card(alert: Alert) -> Card:
    what = facts(alert)
    return Card(fallback(alert, what.headline), assemble(compose(alert, what)), console_text(alert, what))
