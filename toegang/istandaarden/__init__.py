"""iWmo and iJw release 3.2 as code: the twelve messages of toewijzing, start and stop of care
and the providers' requests, their schemas, safe reading and writing, a file transport and a
provider simulator. No models and no database: the apps above store what they send and
receive (casussen.toewijzing).

- `codes` — message codes, namespaces and the code lists with a short Dutch meaning.
- `schemas` — our description of every type and message; writes the XSD files and loads them.
- `berichten` — the messages as dataclasses, `maak` (to XML), `lees` (from XML, hostile input
  refused) and `retour`.
- `transport` — the adapter to the GGk connector; `MapTransport` works with a folder pair.
- `simulator` — one zorgaanbieder that answers from the other side of that folder pair.
"""
