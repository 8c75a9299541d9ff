"""Load test: professionals working queues and cases, residents reading and sending intakes,
managers on the dashboard.

`Professional` and `Resident` log in and send intakes as a person would. `Reader` (a resident
reading Mijn toegang) and `Manager` use sessions the benchmark made beforehand
(bench/capacity.py writes them to the file in TOEGANG_BENCH_SESSIES): a resident logs in
with DigiD, outside Toegang, and the managers' accounts are too few to log in again and again
(the TOTP code of one account is accepted once per 30 seconds).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

PASSWORD = "Toegang-demo-2026"
# The demo professionals of the big city seed (toegang/demo/groot.py): 42 accounts.
ACCOUNTS = ["demo-professional", "demo-teamleider",
            *[f"pro{t:02d}{n:02d}" for t in range(1, 11) for n in range(1, 5)]]
_VOLGENDE = itertools.count()


def _csrf(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match[1] if match else ""


class Professional(HttpUser):
    weight = 4
    wait_time = between(1, 3)

    def on_start(self) -> None:
        page = self.client.get("/medewerker/inloggen/")
        # Each simulated professional logs in as an account of their own: two logins of one
        # account in the same 30 seconds would offer the same TOTP code twice, and django-otp
        # rightly refuses a code that was used already (replay protection).
        user = ACCOUNTS[next(_VOLGENDE) % len(ACCOUNTS)]
        page = self.client.post("/medewerker/inloggen/", {
            "username": user, "password": PASSWORD, "csrfmiddlewaretoken": _csrf(page.text)},
            headers={"Referer": self.host + "/medewerker/inloggen/"})
        # The second step: the bench settings show the current code on the page (the demo
        # hint), for an app that is set up and for setting one up alike.
        code = re.search(r'<span class="demo-code">(\d{6})</span>', page.text)
        if code:
            self.client.post(page.url, {"code": code[1], "csrfmiddlewaretoken": _csrf(page.text)},
                             headers={"Referer": page.url}, name="/medewerker/tweestaps/")
        self.casussen: list[str] = []

    @task(4)
    def queue(self) -> None:
        page = self.client.get("/werk/?filter=1", name="/werk/")
        self.casussen = re.findall(r'href="(/werk/casussen/\d+/)"', page.text)[:10]

    @task(1)
    def filtered_queue(self) -> None:
        self.client.get("/werk/?filter=1&urgent=on", name="/werk/?urgent")

    @task(3)
    def casus(self) -> None:
        if self.casussen:
            self.client.get(random.choice(self.casussen), name="/werk/casussen/<id>/")


STEPS = {
    "over-u": {"voornaam": "Load", "achternaam": "Test", "geboortedatum": "01-01-1980",
               "straat": "Dorpsstraat 1", "postcode": "7511 AB", "woonplaats": "Dijkstad"},
    "huishouden": {"lid-TOTAL_FORMS": "0", "lid-INITIAL_FORMS": "0"},
    "vraag": {"vraag": "Ik zoek hulp bij de administratie.", "over_kind": "nee"},
    "onderwerpen": {"levensgebieden": "financien"},
    "wat-gaat-goed": {}, "wens": {},
    "veiligheid": {"veiligheid": "veilig", "urgentie": "normaal"},
    "contact": {"telefoon": "0612345678", "contact_voorkeur": "telefoon"},
}


class Resident(HttpUser):
    weight = 1
    wait_time = between(2, 5)

    @task(3)
    def start_page(self) -> None:
        self.client.get("/", name="/")

    @task(1)
    def send_intake(self) -> None:
        page = self.client.get("/hulp-vragen/", name="/hulp-vragen/")
        token = _csrf(page.text)
        self.client.post("/hulp-vragen/begin/", {"csrfmiddlewaretoken": token},
                         name="/hulp-vragen/begin/")
        for slug, data in STEPS.items():
            self.client.post(f"/hulp-vragen/{slug}/", {**data, "csrfmiddlewaretoken": token,
                                                      "actie": "volgende"},
                             name="/hulp-vragen/<stap>/")
        page = self.client.get("/hulp-vragen/toestemming/", name="/hulp-vragen/<stap>/")
        fields = dict.fromkeys(re.findall(r'name="(toestemming_\w+)"', page.text), "nee")
        versies = dict(re.findall(r'name="(versie_\w+)" value="(\d+)"', page.text))
        self.client.post("/hulp-vragen/toestemming/", {**fields, **versies,
                                                      "csrfmiddlewaretoken": token},
                         name="/hulp-vragen/<stap>/")
        with self.client.post("/hulp-vragen/versturen/", {"csrfmiddlewaretoken": token},
                              name="/hulp-vragen/versturen/", catch_response=True) as resp:
            if "/verstuurd/" not in resp.url:
                resp.failure(f"intake not sent: {resp.url}")


def _sessies() -> dict:
    pad = os.environ.get("TOEGANG_BENCH_SESSIES", "")
    return json.loads(open(pad).read()) if pad else {"cookie": "sessionid", "inwoners": [],
                                                     "managers": []}


SESSIES = _sessies()


class Reader(HttpUser):
    """A resident who logged in with DigiD and reads Mijn toegang and one of their requests."""

    weight = 2
    wait_time = between(2, 5)

    def on_start(self) -> None:
        inwoner = SESSIES["inwoners"][next(_VOLGENDE) % len(SESSIES["inwoners"])]
        self.client.cookies.set(SESSIES["cookie"], inwoner["sessie"])
        self.aanvragen = inwoner["aanvragen"]

    @task(2)
    def mijn(self) -> None:
        self.client.get("/mijn/", name="/mijn/")

    @task(3)
    def aanvraag(self) -> None:
        self.client.get(f"/mijn/aanvragen/{random.choice(self.aanvragen)}/",
                        name="/mijn/aanvragen/<id>/")


class Manager(HttpUser):
    """A manager looking at the dashboard, now and then for one wijk."""

    weight = 1
    wait_time = between(3, 8)

    def on_start(self) -> None:
        sessie = SESSIES["managers"][next(_VOLGENDE) % len(SESSIES["managers"])]
        self.client.cookies.set(SESSIES["cookie"], sessie)
        self.wijken: list[str] = []

    @task(3)
    def dashboard(self) -> None:
        page = self.client.get("/dashboard/", name="/dashboard/")
        keuze = re.search(r'<select name="wijk".*?</select>', page.text, re.S)
        if keuze:
            self.wijken = re.findall(r'<option value="(\d+)"', keuze[0])

    @task(1)
    def per_wijk(self) -> None:
        if self.wijken:
            self.client.get(f"/dashboard/?wijk={random.choice(self.wijken)}",
                            name="/dashboard/?wijk")
