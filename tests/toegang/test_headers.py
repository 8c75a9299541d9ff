"""Security headers on every response and no inline script or style on any page (the strict
Content-Security-Policy forbids both): a crawl of the demo municipality as each role."""

import re
from collections import deque
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from toegang.accounts.models import User
from toegang.demo.organisatie import DEMO_LOGINS

pytestmark = pytest.mark.django_db

# Pages reached by following links from the start page; then every parameterless URL.
LINKED_PER_VISITOR = 40
# Not fetched: logging out would end the crawl; static files are WhiteNoise's.
# SAML metadata is XML that needs certificates configured first.
SKIP = re.compile(r"^/(uitloggen/|beheer/logout/|static/|account/overal-uitloggen/|saml/)")


class InlineFinder(HTMLParser):
    """Everything the Content-Security-Policy would block: inline script, style attributes and
    elements, event-handler attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "script" and not named.get("src") and \
                named.get("type") not in {"application/json", "application/ld+json"}:
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style> element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f'style="{value}" on <{tag}>')
            if name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")
            if name in {"href", "src", "action"} and (value or "").strip().lower() \
                    .startswith("javascript:"):
                self.found.append(f"javascript: link on <{tag}>")
        if tag == "a" and named.get("href"):
            self.links.append(named["href"] or "")


def _parameterless_paths() -> list[str]:
    """Every URL of the project without a parameter: new pages are crawled automatically."""
    found: list[str] = []

    def walk(patterns: list, prefix: str) -> None:
        for entry in patterns:
            route = str(entry.pattern)
            if "<" in route or "(?P" in route or "(" in route:
                continue
            route = route.lstrip("^").rstrip("$").replace("\\", "")
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + route)
            elif isinstance(entry, URLPattern):
                found.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


def _check_headers(response, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    problems = []
    csp = response.get("Content-Security-Policy", "")
    for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'",
                      "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"):
        if directive not in csp:
            problems.append(f"{url}: CSP lacks {directive!r}")
    if "unsafe" in csp:
        problems.append(f"{url}: CSP allows unsafe sources: {csp}")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                "Referrer-Policy": "same-origin", "Cross-Origin-Opener-Policy": "same-origin"}
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{url}: {header} is {response.get(header)!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append(f"{url}: no Permissions-Policy")
    return problems


def _crawl(client: Client, start: str, paths: list[str]) -> tuple[set[str], list[str]]:
    seen: set[str] = set()
    problems: list[str] = []

    def visit(url: str) -> list[str]:
        seen.add(url)
        response = client.get(url)
        problems.extend(_check_headers(response, url))
        if response.status_code in {301, 302}:
            return [response["Location"]]
        if response.status_code != 200 or \
                not response.get("Content-Type", "").startswith("text/html"):
            return []
        finder = InlineFinder()
        finder.feed(response.content.decode())
        problems.extend(f"{url}: {what}" for what in finder.found)
        return finder.links

    queue = deque([start])
    while queue and len(seen) < LINKED_PER_VISITOR:
        url = queue.popleft().split("#")[0]
        if url in seen or not url.startswith("/") or url.startswith("//") or SKIP.match(url):
            continue
        queue.extend(visit(url))
    for url in paths:
        if url not in seen and not SKIP.match(url):
            visit(url)
    return seen, problems


def test_every_page_has_the_security_headers_and_no_inline_script_or_style() -> None:
    call_command("seed_demo", "--quiet-logins", "--intakes", "12")
    paths = _parameterless_paths()
    assert "/medewerker/tweestaps/" in paths and "/werk/" in paths
    visitors: list[tuple[str, User | None]] = [("anoniem", None)]
    visitors += [(username, User.objects.get(username=username))
                 for _label, username, *_rest in DEMO_LOGINS]
    problems: list[str] = []
    crawled: dict[str, set[str]] = {}
    for name, user in visitors:
        client = Client()
        if user is not None:
            client.force_login(user)
        seen, found = _crawl(client, "/ingelogd/" if user else "/", paths)
        crawled[name] = seen
        problems += [f"[{name}] {problem}" for problem in found]
    assert not problems, "\n".join(problems[:40])
    # Following links reached pages with an id (a case, an intake), not only the list pages.
    assert any(re.search(r"/\d+/", url) for url in crawled["demo-professional"])
    assert any(re.search(r"/\d+/", url) for url in crawled["demo.inwoner@example.nl"])


def test_the_finder_catches_what_the_policy_blocks() -> None:
    finder = InlineFinder()
    finder.feed('<script>alert(1)</script><script src="/static/x.js"></script>'
                '<p style="color:red" onclick="x()"><style>p{}</style>'
                '<a href="javascript:alert(1)">x</a>'
                '<script type="application/json">{}</script>')
    assert finder.found == ["<script> without src", 'style="color:red" on <p>',
                            "onclick= on <p>", "<style> element", "javascript: link on <a>"]
