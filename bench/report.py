"""Write the results table of docs/performance.md from bench/results/*.json."""

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
START = "<!-- bench:start -->"
END = "<!-- bench:end -->"


def _row(label: str, values: dict[str, str], sizes: list[str], target: str) -> str:
    return f"| {label} | " + " | ".join(values.get(s, "–") for s in sizes) + f" | {target} |"


def _first(results: dict[str, Any], sizes: list[str], key: str) -> str:
    """A setting of the matcher as the newest result with matching recorded it."""
    for size in reversed(sizes):
        if "matching" in results[size]:
            return str(results[size]["matching"][key])
    return "?"


def _capacity(results: dict[str, Any], sizes: list[str]) -> list[str]:
    """The capacity run (bench/capacity.py): per gunicorn process count, the last step that
    held (p95 ≤ 300 ms, no errors) and the step that did not."""
    lines: list[str] = []
    for s in sizes:
        run = results[s].get("capacity")
        if not run:
            continue
        lines += ["", f"Capacity run at {s} ({run['started']}; steps of "
                      f"{run['runs'][0]['step_seconds']} s, p95 limit {run['p95_limit_ms']} ms):",
                  "", "| gunicorn processes | sustained: users, req/s, p95 | next step: users, "
                      "req/s, p95, errors | machine CPU busy (Locust's share) at the sustained "
                      "step |", "|---|---|---|---|"]
        for r in run["runs"]:
            held = r["sustained"]
            step = next((x for x in r["steps"] if held and x["users"] == held["users"]), None)
            over = next((x for x in r["steps"] if not x["met"]), None)
            lines.append("| {}{} | {} | {} | {} |".format(
                r["gunicorn_workers"],
                f" × {r['threads']} threads" if r.get("threads", 1) > 1 else "",
                "{users}, {requests_per_s} /s, {p95_ms:.0f} ms".format(**held) if held else "–",
                "{users}, {requests_per_s} /s, {p95_ms:.0f} ms, {failures}".format(**over)
                if over else "not reached",
                "{:.0%} ({:.0%})".format(step["machine_cpu_busy"], step["locust_cpu_share"])
                if step else "–"))
    return lines


def write_report() -> None:
    results = {}
    for path in sorted((ROOT / "bench" / "results").glob("*.json")):
        data = json.loads(path.read_text())
        if "pages" in data:
            results[data["size"]] = data
    sizes = [s for s in ("small", "large") if s in results]
    if not sizes:
        return

    def page(key: str, stat: str) -> dict[str, str]:
        return {s: f"{results[s]['pages'][key][stat]:.0f} ms" for s in sizes}

    def queries(key: str) -> dict[str, str]:
        return {s: str(results[s]["pages"][key]["queries"]) for s in sizes}

    lines = [
        "| measure | " + " | ".join(sizes) + " | target (large) |",
        "|---|" + "---|" * len(sizes) + "---|",
        _row("intakes / open casussen / access-log rows / open termijnen",
             {s: "{intakes:,} / {casussen:,} / {toegangslog:,} / {termijnen:,}".format(
                 **results[s]["counts"]) for s in sizes}, sizes, ""),
        _row("queue, first page p50 / p95", {s: "{:.0f} / {:.0f} ms".format(
            results[s]["pages"]["queue_first_page"]["p50_ms"],
            results[s]["pages"]["queue_first_page"]["p95_ms"]) for s in sizes}, sizes,
            "≤ 50 / ≤ 120 ms"),
        _row("queue, filtered p50 / p95", {s: "{:.0f} / {:.0f} ms".format(
            results[s]["pages"]["queue_filtered"]["p50_ms"],
            results[s]["pages"]["queue_filtered"]["p95_ms"]) for s in sizes}, sizes, ""),
        _row("queue queries per request", queries("queue_first_page"), sizes, "constant"),
        _row("casus page (200 timeline lines) p95", page("casus_page", "p95_ms"), sizes,
             "≤ 100 ms"),
        _row("Mijn toegang p95", page("mijn_toegang", "p95_ms"), sizes, "≤ 80 ms"),
        _row("Mijn toegang, one request (mijn_aanvraag) p95 (queries)", {
            s: "{p95_ms:.0f} ms ({queries})".format(**results[s]["pages"]["mijn_aanvraag"])
            if "mijn_aanvraag" in results[s]["pages"] else "–" for s in sizes}, sizes,
            "≤ 30 ms (≤ 15)"),
        _row("manager dashboard p95 (first request after a rebuild)", {
            s: "{:.0f} ms ({:.0f} ms)".format(results[s]["pages"]["dashboard"]["p95_ms"],
                                            results[s]["pages"]["dashboard"].get("cold_ms", 0))
            for s in sizes}, sizes, "≤ 300 ms"),
        _row("decisions: beschikkingen / product lines", {
            s: "{beschikkingen:,} / {regels:,}".format(**results[s]["besluiten"])
            if "besluiten" in results[s] else "–" for s in sizes}, sizes, ""),
        _row("household costs: the casus decisions page p50 / p95 (queries)", {
            s: "{p50_ms:.0f} / {p95_ms:.0f} ms ({queries})".format(
                **results[s]["besluiten"]["kosten"]) if "besluiten" in results[s] else "–"
            for s in sizes}, sizes, "p95 ≤ 100 ms"),
        _row("dashboard with Besluiten en kosten, first request after a rebuild p50 / p95 "
             "(queries)", {
                 s: "{p50_ms:.0f} / {p95_ms:.0f} ms ({queries})".format(
                     **results[s]["besluiten"]["dashboard_cold"])
                 if "besluiten" in results[s] else "–" for s in sizes}, sizes, "p95 ≤ 300 ms"),
        _row("rebuild of the decisions' summary tables (rows)", {
            s: "{ms:,} ms ({rows:,})".format(**results[s]["besluiten"]["refresh"])
            if "besluiten" in results[s] else "–" for s in sizes}, sizes, ""),
        _row("naive queue (guardian generic) p50 / ours p50", {s: "{:.0f} / {:.1f} ms".format(
            results[s]["naive"]["naive"]["p50_ms"], results[s]["naive"]["ours"]["p50_ms"])
            for s in sizes}, sizes, ""),
        _row("naive ÷ ours", {s: f"{results[s]['naive']['ratio']}×" for s in sizes}, sizes,
             "≥ 10×"),
        _row("intake submission: processes at once (one process alone)", {
            s: "{per_second}/s with {processes} ({one_process_per_second}/s)".format(
                **results[s]["submissions"]) if "processes" in results[s]["submissions"]
            else f"{results[s]['submissions']['per_second']}/s" for s in sizes}, sizes,
            "≥ 100/s"),
        _row("reminder scan (open termijnen, due)", {s: "{:.1f} s ({:,}, {:,})".format(
            results[s]["scan"]["scan_s"], results[s]["scan"]["open_termijnen"],
            results[s]["scan"]["due"]) for s in sizes}, sizes, "≤ 30 s"),
        _row("consent withdrawal until refused, p95", {
            s: f"{results[s]['withdrawal']['p95_ms']:.0f} ms" for s in sizes}, sizes,
            "next request"),
        _row("load test: req/s, p95, errors", {s: "{requests_per_s} /s, {p95_ms:.0f} ms, "
                                               "{failures}".format(**results[s]["load"])
                                               if "load" in results[s] else "–"
                                               for s in sizes}, sizes, "p95 ≤ 300 ms, 0"),
    ]

    def matching(fmt: Any) -> dict[str, str]:
        return {s: fmt(results[s]["matching"]) if "matching" in results[s] else "–"
                for s in sizes}

    def precision_recall(key: str) -> Any:
        return lambda m: "{precision:.2f} / {recall:.2f}".format(**m["quality"][key])

    lines += [
        _row("matching look-up p50 / p95 (queries)", matching(
            lambda m: "{p50_ms:.1f} / {p95_ms:.1f} ms ({queries})".format(**m["lookup"])),
            sizes, "p95 ≤ 50 ms"),
        _row("matching: rows with the same date of birth / postcode (median, p95)", matching(
            lambda m: "{0[median]:.0f}, {0[p95]:.0f} / {1[median]:.0f}, {1[p95]:.0f}".format(
                m["lookup"]["block_rows"]["geboortedatum"],
                m["lookup"]["block_rows"]["postcode"])), sizes, ""),
        _row("matching precision / recall, shown (score ≥ {drempel})".format(
            drempel=_first(results, sizes, "drempel")), matching(precision_recall("shown")),
            sizes, ""),
        _row("matching precision / recall, waarschijnlijk (score ≥ {zeker})".format(
            zeker=_first(results, sizes, "zeker")), matching(precision_recall("waarschijnlijk")),
            sizes, ""),
        _row("matching: false candidates shown (of them waarschijnlijk), labelled pairs",
             matching(lambda m: "{} ({}), {:,} pairs".format(
                 m["quality"]["shown"]["false"], m["quality"]["waarschijnlijk"]["false"],
                 m["quality"]["pairs"])), sizes, ""),
        _row("matching: links made by the look-ups", matching(
            lambda m: str(m["lookup"]["writes"] + m["quality"]["writes"])), sizes,
            "0: a professional confirms every link"),
    ]
    lines += _capacity(results, sizes)
    lines.append("")
    for s in sizes:
        machine = results[s]["machine"]
        met = results[s].get("met", {})
        missed = [k for k, v in met.items() if not v]
        lines.append(f"{s}: measured {results[s]['started']} on {machine['cpus']} × "
                     f"{machine['cpu']}, {machine['ram_gb']} GB RAM, PostgreSQL "
                     f"{machine['postgresql']}, Python {machine['python']}; targets missed: "
                     f"{', '.join(missed) if missed else 'none'}.")
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text()
    block = START + "\n" + "\n".join(lines) + "\n" + END
    if START in text:
        text = text[:text.index(START)] + block + text[text.index(END) + len(END):]
    else:
        text = text.rstrip() + "\n\n## Benchmark results\n\n" + block + "\n"
    doc.write_text(text)


if __name__ == "__main__":
    write_report()
