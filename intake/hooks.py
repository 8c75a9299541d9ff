"""Extension points of the intake layer (see `toegang.core.hooks`).

The record knows no casework and no clocks. The layers above fill these hooks in their
`AppConfig.ready()` (`regie.termijnen.handlers`, `casussen.handlers`); the intake layer calls
them and uses what they return. Each hook says when it is called and what it expects.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from toegang.accounts.models import User
from toegang.core.hooks import Hook
from toegang.core.object_permissions import Grants

from .models import Intake, Toestemming


@dataclass(frozen=True)
class TijdlijnItem:
    """One line of the resident's own timeline, in their words."""

    tijdstip: datetime
    titel: str
    tekst: str = ""


intake_submitted: Hook[[Intake], None] = Hook(
    "intake_submitted",
    "An intake was stored, in the same transaction (for example: start the first-contact "
    "clock). Called with the new intake.")

intake_rerouted: Hook[[Intake], None] = Hook(
    "intake_rerouted",
    "A request not yet picked up moved to another front-door team, in the same transaction "
    "(for example: its first-contact clock moves with it). Called with the intake, whose "
    "`team` is the new one.")

intake_closed: Hook[[Intake, User], None] = Hook(
    "intake_closed",
    "A request was closed without a casus (a duplicate, no help question), in the same "
    "transaction (for example: its clocks lapse). Called with the intake and who closed it.")

toestemming_withdrawn: Hook[[Toestemming], None] = Hook(
    "toestemming_withdrawn",
    "A resident withdrew a consent, in the same transaction, after access was taken away "
    "(for example: tell the regiehouder).")

grants_sync: Hook[[Intake, datetime, bool, Grants, Grants], None] = Hook(
    "grants_sync",
    "The permission rows of an intake are being brought in step. Called with (intake, now, "
    "nieuw, dekking, users): `dekking` is which team groups are covered for which part of the "
    "record (read it, do not change it); a listener adds the intake permissions of people "
    "that come from above (roles in a casus) to `users`, and writes the rows of its own "
    "objects. `nieuw`: the intake was stored in this transaction.")

# The resident's page of one request calls both hooks below with the same `memo`: one dict
# per request, in which a layer keeps what it loaded for one hook so that the other does not
# load it again (each layer under keys of its own).
inwoner_tijdlijn: Hook[[Intake, dict[str, Any]], list[TijdlijnItem]] = Hook(
    "inwoner_tijdlijn",
    "Lines for the resident's timeline of one request (a fixed number of queries each). "
    "Called with (intake, memo): see `mijn_aanvraag_context`.")

mijn_aanvraag_context: Hook[[Intake, dict[str, Any]], dict[str, Any]] = Hook(
    "mijn_aanvraag_context",
    "Template context for the resident's page of one request (Mijn toegang): what comes "
    "next, the contact person, the plan. Called with (intake, memo); `memo` is one dict per "
    "request, shared with `inwoner_tijdlijn`, where a layer keeps the rows it loaded once.")

mijn_overzicht_context: Hook[[list[Intake]], dict[str, Any]] = Hook(
    "mijn_overzicht_context",
    "Template context for the resident's list of requests (Mijn toegang), called with those "
    "requests: `contactpersonen`, per request id the current contact person (a regiehouder "
    "with `team` and the team's walk-in hours loaded), in a fixed number of queries.")

werk_aanvraag_context: Hook[[Intake, User], dict[str, Any]] = Hook(
    "werk_aanvraag_context",
    "Template context for a professional's page of one request: the casus it is linked to, "
    "and how many earlier contacts of the resident or the household were found "
    "(`bekend_aantal`: a count only; the page that shows them logs the look-up).")

bevestiging_context: Hook[[Intake], dict[str, Any]] = Hook(
    "bevestiging_context",
    "Template context for the confirmation of a new request (page and e-mail), such as the "
    "date by which the team makes contact (`deadline`).")
