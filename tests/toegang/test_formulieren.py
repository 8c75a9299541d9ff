"""Our faster select template writes exactly the HTML of Django's own."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

KEUZES = [("", "Kies"), ("1", "Eén & <twee>"), ("Groep", [("2", "Twee"), ("3", "Drie")])]


class _Form(forms.Form):
    een = forms.ChoiceField(choices=KEUZES, required=False)
    meer = forms.MultipleChoiceField(choices=KEUZES, required=False)
    uit = forms.ChoiceField(choices=KEUZES, disabled=True, required=False)


def _normaal(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("naam", ["een", "meer", "uit"])
@pytest.mark.parametrize("data", [{}, {"een": "2", "meer": ["1", "3"], "uit": "1"}])
def test_select_html_is_the_same_as_djangos(naam: str, data: dict) -> None:
    ons = _Form(data or None)[naam]
    django_eigen = _Form(data or None, renderer=DjangoTemplates())[naam]
    assert "&amp; &lt;twee&gt;" in str(ons)
    assert _normaal(str(ons)) == _normaal(str(django_eigen))
