#!/usr/bin/python3
"""Runs Vekha's libFuzzer targets (fuzz/) on seed corpora built from the examples (roadmaps and
vekha.yaml files), the default rules, the seeds' «Сроки» cells and roadmap tables, hand-written HTTP
requests (hostile ones included) and every input that once broke a target (fuzz/regressions/).
A crash, a hang (over 10 s for one input), a leak or any sanitizer report fails the run and leaves
the input in BUILD/fuzz-artifacts/.

Two modes:
  scripts/fuzz.py BUILD                    the gate CI runs: a fixed seed and a fixed number of
                                           executions per target (about a minute each here), capped
                                           by --seconds; the same work on any machine
  scripts/fuzz.py BUILD --explore --seconds 600
                                           a random seed, for a time: to look for new findings, each
                                           to be fixed and its input added to fuzz/regressions/TARGET/
Options: --only NAME runs one target; --jobs N runs N targets at once (default: one per core).
Writes BUILD/fuzz-results.json: per target, the seed, the executions, the corpus size and the seconds.
"""
import argparse
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The gate's executions per target: about a minute each on this class of machine (2 cores, one used).
GATE_RUNS = {"timing_phrase_fuzzer": 7000, "condition_fuzzer": 150000, "roadmap_yaml_fuzzer": 3000,
             "settings_yaml_fuzzer": 12000, "import_table_fuzzer": 30000, "document_tables_fuzzer": 3000,
             "http_request_fuzzer": 25000}
TARGETS = list(GATE_RUNS)
GATE_SEED = 20211001
COORDINATOR = "vk_fuzzcoordinator000000000000000000000000000000000"  # fuzz/http_request_fuzzer.cc
DIRECTOR = "vk_fuzzdirector000000000000000000000000000000000000"


def roadmap_files():
    return sorted(glob.glob(os.path.join(ROOT, "examples", "*", "roadmaps", "*.yaml")))


def table_files():
    return sorted(glob.glob(os.path.join(ROOT, "tests", "fixtures", "import", "*.tsv")))


def timing_seeds():
    """Every «Сроки» string of the examples, of the seeds (as tests/workflows/seed_timings_test.cc
    lists them) and of the seeds' tables, broken cells included."""
    phrases = set()
    for path in roadmap_files():
        for activity in (yaml.safe_load(open(path, encoding="utf-8")).get("roadmap") or {}).get("activities", []):
            if isinstance(activity.get("timing"), str):
                phrases.add(activity["timing"])
    seed_test = open(os.path.join(ROOT, "tests", "workflows", "seed_timings_test.cc"), encoding="utf-8").read()
    phrases.update(re.findall(r'^\s*\{"((?:[^"\\]|\\.)+)",\s*k', seed_test, re.MULTILINE))
    for path in table_files():
        rows = [line.split("\t") for line in open(path, encoding="utf-8")]
        for header in rows:
            columns = [index for index, cell in enumerate(header) if cell.strip().startswith("Срок")]
            if columns:
                phrases.update(row[columns[0]].strip() for row in rows if len(row) > columns[0] and row[columns[0]].strip())
                break
    return sorted(phrases)


def condition_seeds():
    conditions = set()
    for path in [os.path.join(ROOT, "data", "rules", "default.yaml")] + glob.glob(os.path.join(ROOT, "examples", "*", "rules", "*.yaml")):
        for rule in yaml.safe_load(open(path, encoding="utf-8")).get("rules", []):
            if "when" in rule:
                conditions.add(rule["when"])
    conditions.update(['status == "open" and (days_until_due < 3 or days_overdue >= 10)',
                       'not (kind in ["yearly", "monthly"]) and submitted and submitted_days_ago > 2'])
    return sorted(conditions)


def table_seeds():
    seeds = []
    for path in table_files():
        text = open(path, encoding="utf-8").read()
        seeds.append(text)
        seeds.append("\n".join(text.splitlines()[:12]))
    seeds.append('Мероприятие,Сроки,Ответственные\n"Мониторинг\nшкол",Ежегодно январь,"Директор, ""ОО"""\n')
    seeds.append("| № | Мероприятия | Сроки | Ответственные |\n|---|---|---|---|\n| 1 | Анализ | август | УО |\n")
    return seeds


def document_seeds():
    """The XML of the fixture orders (Word's word/document.xml, OpenDocument's content.xml) and the
    saved pages, each behind the byte that picks its format (0 Word, 1 OpenDocument, 2 HTML), and
    small tables with spans."""
    import zipfile
    seeds = []
    fixtures = os.path.join(ROOT, "tests", "fixtures", "import")
    for path in sorted(glob.glob(os.path.join(fixtures, "*.docx"))):
        seeds.append(b"\x00" + zipfile.ZipFile(path).read("word/document.xml"))
    for path in sorted(glob.glob(os.path.join(fixtures, "*.odt"))):
        seeds.append(b"\x01" + zipfile.ZipFile(path).read("content.xml"))
    for path in sorted(glob.glob(os.path.join(fixtures, "*.html"))):
        seeds.append(b"\x02" + open(path, "rb").read())
    seeds.append(b"\x00<w:document><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/></w:tcPr>"
                 b"<w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc>"
                 b"</w:tr></w:tbl></w:body></w:document>")
    seeds.append(b"\x01<office:document-content><table:table><table:table-row table:number-rows-repeated=\"9\">"
                 b"<table:table-cell table:number-columns-spanned=\"2\" table:number-rows-spanned=\"3\"><text:p>a"
                 b"</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>"
                 b"</office:document-content>")
    seeds.append(b"\x02<table><tr><td rowspan=\"3\" colspan=\"2\">a</td></tr><tr><td>b</td></tr></table>")
    return seeds


def http_seeds():
    task = "3VQ4GQ6AMYN5"  # a task of the Zaozersk example (order-155, publish-order)

    def request(method, target, headers=(), body=b""):
        lines = [f"{method} {target} HTTP/1.1", "Host: 127.0.0.1:8080", *headers]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + body

    bearer = f"Authorization: Bearer {COORDINATOR}"
    director = f"Authorization: Bearer {DIRECTOR}"
    boundary = "vekhaFuzzBoundary"
    multipart = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nготово\r\n"
                 f"--{boundary}\r\nContent-Disposition: form-data; name=\"file1\"; filename=\"../../etc/passwd\"\r\n"
                 f"Content-Type: application/pdf\r\n\r\n%PDF-1.4 справка\r\n--{boundary}--\r\n").encode()
    return [
        request("GET", "/my", [bearer]),
        request("GET", "/api/tasks?status=open&overdue=1", [bearer]),
        request("GET", f"/api/tasks/{task}", [director]),
        request("GET", "/history?from=2021-09-01&to=2022-08-31&org=oo-markina", [bearer]),
        request("GET", "/history.csv", [bearer]),
        request("GET", "/overdue", [bearer]),
        request("GET", f"/evidence/{'0' * 64}?task={task}", [bearer]),
        request("GET", "/calendar/legkaya/deadbeef.ics"),
        request("GET", "/static/vekha.css"),
        request("GET", "/tasks/%2e%2e%2f%2e%2e%2fetc%2fpasswd", [bearer]),
        request("POST", "/sign-in", ["Content-Type: application/x-www-form-urlencoded"],
                f"token={COORDINATOR}&next=%2Fmy".encode()),
        request("POST", f"/api/tasks/{task}/submit", [bearer, f"Content-Type: multipart/form-data; boundary={boundary}"],
                multipart),
        request("POST", f"/api/tasks/{task}/return", [bearer, "Content-Type: application/json"],
                '{"reason": "Нет подписи"}'.encode()),
        request("POST", f"/tasks/{task}/confirm", ["Cookie: vekha_session=abc", "Content-Type: application/x-www-form-urlencoded"],
                b"csrf=%zz"),
        # Smuggling: both framings, and a second request hidden in the body.
        b"POST /api/tasks HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /my HTTP/1.1\r\n\r\n",
        b"GET /my HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 7\r\n\r\n",
        b"GET /my HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 20000 + b"\r\n\r\n",
    ]


def regression_inputs(target):
    directory = os.path.join(ROOT, "fuzz", "regressions", target)
    return [open(path, "rb").read() for path in sorted(glob.glob(os.path.join(directory, "*")))]


def write_corpus(directory, seeds, fresh):
    """The seeds, in a fresh directory for the gate (it starts from the same inputs every time) or
    added to what earlier explorations found."""
    if fresh and os.path.isdir(directory):
        for name in os.listdir(directory):
            os.remove(os.path.join(directory, name))
    os.makedirs(directory, exist_ok=True)
    for index, seed in enumerate(seeds):
        data = seed if isinstance(seed, bytes) else seed.encode("utf-8")
        with open(os.path.join(directory, f"seed-{index:04d}"), "wb") as out:
            out.write(data)


def seeds_of(target):
    if target == "timing_phrase_fuzzer":
        return timing_seeds()
    if target == "condition_fuzzer":
        return condition_seeds()
    if target == "roadmap_yaml_fuzzer":
        return [open(path, "rb").read() for path in roadmap_files()]
    if target == "settings_yaml_fuzzer":
        return [open(path, "rb").read() for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "vekha.yaml")))]
    if target == "import_table_fuzzer":
        return table_seeds()
    if target == "document_tables_fuzzer":
        return document_seeds()
    return http_seeds()


def run_target(target, options, seconds, artifacts):
    """One target's run: its result, and its stderr's tail when it failed."""
    corpus = os.path.join(options.build, "fuzz-explored" if options.explore else "fuzz-corpus", target)
    write_corpus(corpus, seeds_of(target) + regression_inputs(target), fresh=not options.explore)
    seed = int.from_bytes(os.urandom(4), "little") % 2**31 if options.explore else GATE_SEED
    command = [os.path.join(options.build, "fuzz", target), corpus, f"-seed={seed}", f"-max_total_time={seconds}",
               "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536", "-print_final_stats=1",
               f"-artifact_prefix={artifacts}/{target}-"]
    if not options.explore:
        command.append(f"-runs={GATE_RUNS[target]}")
    print("+", " ".join(command), flush=True)
    started = time.monotonic()
    finished = subprocess.run(command, capture_output=True, text=True, errors="replace")
    stats = dict(re.findall(r"^stat::(\w+):\s+(\d+)", finished.stderr, re.MULTILINE))
    result = {"seed": seed, "executions": int(stats.get("number_of_executed_units", 0)),
              "corpus": len(os.listdir(corpus)), "seconds": round(time.monotonic() - started),
              "exit": finished.returncode}
    print(f"{target}: {result}", flush=True)
    return result, finished.stderr[-6000:] if finished.returncode != 0 else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build")
    parser.add_argument("--seconds", type=int, default=None,
                        help="time per target: the gate's cap (default 120) or the exploration's length (default 600)")
    parser.add_argument("--explore", action="store_true", help="a random seed, for --seconds, not a fixed run")
    parser.add_argument("--only")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="targets run at once, each on its own core (default: the cores there are)")
    options = parser.parse_args()
    seconds = options.seconds or (600 if options.explore else 120)
    artifacts = os.path.join(options.build, "fuzz-artifacts")
    os.makedirs(artifacts, exist_ok=True)
    targets = [target for target in TARGETS if not options.only or target == options.only]
    # Each target is one single-threaded process with a fixed seed and number of runs, so running
    # several at once changes nothing but the wall time.
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        runs = {target: pool.submit(run_target, target, options, seconds, artifacts) for target in targets}
        results, failed = {}, []
        for target in targets:
            results[target], problems = runs[target].result()
            if results[target]["exit"] != 0:
                failed.append(target)
                print(problems, file=sys.stderr)
    with open(os.path.join(options.build, "fuzz-results.json"), "w") as out:
        json.dump(results, out, indent=2)
    if failed:
        print(f"fuzzing found problems in: {', '.join(failed)} (inputs in {artifacts})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
