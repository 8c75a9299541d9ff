"""A chart (`grafieken.Grafiek`) as inline SVG markup.

Built in Python rather than in a template: a dashboard with 30 small multiples and several
bar charts has a few thousand SVG elements, and string building is several times faster than
the template engine for that. Every text is escaped (`html.escape`); colours and sizes come
from CSS classes, so the page keeps its strict Content-Security-Policy (no style attributes).
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .grafieken import Grafiek, Staaf


def _e(tekst: object) -> str:
    return escape(str(tekst), quote=True)


def _g(waarde: float) -> str:
    return f"{waarde:g}"


def _staaf(g: Grafiek, s: Staaf) -> str:
    midden = ' text-anchor="middle"' if g.soort == "kolommen" else ""
    maat = f'x="{_g(s.x)}" y="{_g(s.y)}" width="{_g(s.breedte)}" height="{_g(s.hoogte)}"'
    if s.verborgen:
        rect = (f'<rect {maat} class="grafiek-verborgen" fill="url(#{_e(g.arcering_id)})" '
                f'data-verborgen="{_e(s.tekst)}"><title>{_e(s.titel)}</title></rect>')
    else:
        rect = f'<rect {maat} class="grafiek-staaf"><title>{_e(s.titel)}</title></rect>'
    tekst = (f'<text x="{_g(s.tekst_x)}" y="{_g(s.tekst_y)}"{midden} class="grafiek-waarde">'
             f"{_e(s.tekst)}</text>") if s.toon_tekst else ""
    labels = "".join(f'<text x="{_g(r.x)}" y="{_g(r.y)}"{midden} class="grafiek-label">'
                     f"{_e(r.tekst)}</text>" for r in s.label)
    return f'<g class="grafiek-punt">{rect}{tekst}{labels}</g>'


def teken(g: Grafiek) -> SafeString:
    """The chart as an `<svg role="img">` with its title, its description and a hatch
    pattern for hidden figures. Every text in it is escaped."""
    raster = as_lijn = ""
    if g.soort == "kolommen":
        raster = "".join(
            f'<line x1="{_g(g.links)}" x2="{_g(g.rechts)}" y1="{_g(r.y)}" y2="{_g(r.y)}" '
            f'class="grafiek-raster"/><text x="{_g(g.links - 6)}" y="{_g(r.y)}" '
            f'text-anchor="end" dominant-baseline="middle" class="grafiek-as-tekst">'
            f"{_e(r.tekst)}</text>" for r in g.raster)
        as_lijn = (f'<line x1="{_g(g.links)}" x2="{_g(g.rechts)}" y1="{_g(g.basis)}" '
                   f'y2="{_g(g.basis)}" class="grafiek-as"/>')
    staven = "".join(_staaf(g, s) for s in g.staven)
    titel_id, desc_id, arcering = _e(g.titel_id), _e(g.desc_id), _e(g.arcering_id)
    return mark_safe(  # every text above went through escape()
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" focusable="false" '
        f'class="stuur-svg stuur-svg-{_e(g.soort)}" viewBox="0 0 {g.breedte} {g.hoogte}" '
        f'aria-labelledby="{titel_id} {desc_id}" data-grafiek="{_e(g.id)}">'
        f'<title id="{titel_id}">{_e(g.titel)}</title>'
        f'<desc id="{desc_id}">{_e(g.beschrijving)}</desc>'
        f'<defs><pattern id="{arcering}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" class="arcering-vlak"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" class="arcering-lijn"/></pattern></defs>'
        f"{raster}{staven}{as_lijn}</svg>")
