"""Configuration cached per process is cleared by a write here and expires for the others."""

from regie.termijnen.services import termijnbeleid_change, termijnbeleid_current
from toegang.core.procescache import ProcesCache


def test_a_new_policy_holds_at_once_in_this_process(db, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    eerste = termijnbeleid_change(user=None, toelichting="start", eerste_contact_urgent=1,
                           eerste_contact_normaal=5)
    assert termijnbeleid_current().pk == eerste.pk
    with django_assert_num_queries(0):
        assert termijnbeleid_current().pk == eerste.pk  # served from memory
    tweede = termijnbeleid_change(user=None, toelichting="sneller", eerste_contact_urgent=1,
                           eerste_contact_normaal=3)
    assert termijnbeleid_current().pk == tweede.pk


def test_entries_expire_after_their_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    nu = [1000.0]
    monkeypatch.setattr("toegang.core.procescache.time.monotonic", lambda: nu[0])
    cache: ProcesCache[int] = ProcesCache("test", ttl=60)
    waarden = iter([1, 2])
    assert cache.get("k", lambda: next(waarden)) == 1
    nu[0] += 59
    assert cache.get("k", lambda: next(waarden)) == 1
    nu[0] += 2
    assert cache.get("k", lambda: next(waarden)) == 2
