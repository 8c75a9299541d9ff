"""Fill in a form from a rendered page the way a browser would send it: hidden fields,
what is already typed or chosen, and for each select without a choice its first real option."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEKSTVELDEN = {"text", "email", "search", "tel", "url", ""}


@dataclass
class Formulier:
    action: str
    velden: dict[str, list[str]] = field(default_factory=dict)
    tekstvelden: list[str] = field(default_factory=list)  # text inputs and textareas

    def data(self, **extra: str) -> dict[str, list[str]]:
        data = {k: list(v) for k, v in self.velden.items()}
        for naam, waarde in extra.items():
            data[naam] = [waarde]
        return data


class _Lezer(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[Formulier] = []
        self._huidig: Formulier | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_opties: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._huidig = Formulier(action=a.get("action", ""))
            self.formulieren.append(self._huidig)
            return
        f = self._huidig
        if f is None:
            return
        naam = a.get("name", "")
        if tag == "input" and naam:
            soort = a.get("type", "text").lower()
            if soort in ("checkbox", "radio"):
                if "checked" in a:
                    f.velden.setdefault(naam, []).append(a.get("value", "on"))
                elif soort == "radio" and naam not in f.velden:
                    f.velden[naam] = [a.get("value", "")]  # first choice until one is checked
            elif soort not in ("submit", "button", "file", "image", "reset"):
                f.velden[naam] = [a.get("value", "")]
                if soort in TEKSTVELDEN:
                    f.tekstvelden.append(naam)
        elif tag == "textarea" and naam:
            self._textarea = naam
            f.velden[naam] = [""]
            f.tekstvelden.append(naam)
        elif tag == "select" and naam:
            self._select, self._select_opties = naam, []
        elif tag == "option" and self._select is not None:
            self._select_opties.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data: str) -> None:
        if self._textarea and self._huidig is not None:
            self._huidig.velden[self._textarea][0] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None and self._huidig is not None:
            gekozen = [v for v, sel in self._select_opties if sel]
            if not gekozen:
                gekozen = [v for v, _sel in self._select_opties if v][:1]
            self._huidig.velden[self._select] = gekozen
            self._select = None
        elif tag == "form":
            self._huidig = None


def formulier(html: str, *, action: str | None = None, met_veld: str | None = None
              ) -> Formulier:
    """The form of the page whose action is `action`, or which has a field `met_veld`, or
    else the first one with a text field (not the language switch or the logout button)."""
    lezer = _Lezer()
    lezer.feed(html)
    for f in lezer.formulieren:
        if action is None and met_veld is None and not f.tekstvelden:
            continue
        if (action is None or f.action == action) and \
                (met_veld is None or met_veld in f.velden):
            return f
    raise AssertionError(f"no form with action={action!r} and field {met_veld!r} on the page")
