"""The error summary links every message to its field: for a radio group and a list of
checkboxes (which have no element with the field's own id) to the first option."""

import re

from django import forms
from django.template import Context, Template

from toegang.core.templatetags.foutsamenvatting import anker


class _Formulier(forms.Form):
    naam = forms.CharField(label="Naam")
    keuze = forms.ChoiceField(label="Keuze", choices=[("a", "A"), ("b", "B")],
                              widget=forms.RadioSelect)
    dagen = forms.MultipleChoiceField(label="Dagen", choices=[("ma", "Ma"), ("di", "Di")],
                                      widget=forms.CheckboxSelectMultiple)


def test_every_link_of_the_summary_goes_to_an_element_of_the_form() -> None:
    form = _Formulier({})
    assert not form.is_valid()
    html = Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(
        Context({"form": form}))
    links = re.findall(r'<a href="#([^"]+)">', html)
    assert links == ["id_naam", "id_keuze_0", "id_dagen_0"]
    for doel in links:
        assert f'id="{doel}"' in html, doel


def test_a_field_with_its_own_id_links_to_it() -> None:
    form = _Formulier(prefix="lid-0")
    assert anker(form["naam"]) == "id_lid-0-naam"
    assert anker(form["keuze"]) == "id_lid-0-keuze_0"
