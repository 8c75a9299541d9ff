"""The error summary's links: each goes to the field it is about.

A radio group or a list of checkboxes has no element with the field's own id (Django gives its
label no `for`, and each option gets `<id>_0`, `<id>_1` …), so its link goes to the first
option, where the keyboard user can choose."""

from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def anker(field: BoundField) -> str:
    """{{ field|anker }} → the id to link to from the error summary."""
    return field.id_for_label or f"{field.auto_id}_0"
