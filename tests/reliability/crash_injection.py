#!/usr/bin/python3
"""Crash injection: a busy month of the Zaozersk example, run twice as separate `vekha` processes.

The month (September 2021: 253 messages, 61 submissions, 60 confirmations in `vekha simulate`) is
a list of steps: every six hours the daemon, `vekha run`, is started at that instant and does its
cycle (sync, fire the rules, deliver by e-mail to a real SMTP server and by webhook to a real HTTP
receiver, both on loopback) — it is stopped with SIGTERM once it has gone to sleep; and each
morning the directors submit what is due within two days and the confirmers confirm what was
submitted (`vekha submit`, `vekha confirm`).

1. The reference run takes every step once, undisturbed.
2. The crash run takes the same steps, and kills a step's process with SIGKILL at a random moment
   of its life (uniform over the duration the reference measured), again and again, restarting it
   each time. After every kill: `PRAGMA integrity_check` is ok and `vekha audit verify` passes.
   A submission or confirmation whose process was killed is looked up before it is repeated: it
   either took effect whole or not at all.

At the end the two runs must agree: every notification the reference delivered was received in
the crash run under the same idempotency key (webhook Idempotency-Key, e-mail Message-ID), and no
other; the tasks' states, submissions, confirmations and outbox are the same. Duplicates of a key
(a kill between the receiver's answer and the outbox write: at-least-once delivery) are counted;
an idempotent receiver drops them.

Usage: crash_injection.py --vekha BIN --source ROOT [--kills 100] [--seed N] [--work DIR]
Prints the figures as one JSON line at the end; exits 1 with the reasons when anything differs.
"""
import argparse
import datetime
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

import yaml

MONTH_START = datetime.datetime(2021, 9, 1, tzinfo=datetime.timezone.utc)
DAYS = 30
MOSCOW = datetime.timedelta(hours=3)


def instant(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Receivers:
    """The loopback SMTP server and webhook receiver of one run (tests/support)."""

    def __init__(self, source, directory):
        support = os.path.join(source, "tests", "support")
        self.mail_log = os.path.join(directory, "mail.jsonl")
        self.hook_log = os.path.join(directory, "webhook.jsonl")
        mail_port = os.path.join(directory, "mail.port")
        hook_port = os.path.join(directory, "webhook.port")
        self.processes = [
            subprocess.Popen([sys.executable, os.path.join(support, "smtp_sink.py"), self.mail_log, mail_port]),
            subprocess.Popen([sys.executable, os.path.join(support, "webhook_receiver.py"), "ok", "crash-secret",
                              self.hook_log, hook_port]),
        ]
        self.mail_port = self._port(mail_port)
        self.hook_port = self._port(hook_port)

    @staticmethod
    def _port(path):
        deadline = time.time() + 30
        while time.time() < deadline:
            if os.path.exists(path) and open(path).read().strip():
                return int(open(path).read())
            time.sleep(0.05)
        raise RuntimeError(f"no port in {path}")

    def keys(self):
        """Every key received, with how many times: e-mail by Message-ID, webhook by Idempotency-Key."""
        received = {}
        for path, field, prefix in ((self.mail_log, "message_id", "mail "), (self.hook_log, "key", "webhook ")):
            if not os.path.exists(path):
                continue
            for line in open(path, encoding="utf-8"):
                record = json.loads(line)
                if record.get("status", 200) != 200:
                    continue
                key = prefix + record[field]
                received[key] = received.get(key, 0) + 1
        return received

    def stop(self):
        for process in self.processes:
            process.terminate()
            process.wait()


class Deployment:
    """A copy of the Zaozersk example that notifies by e-mail and webhook on loopback."""

    def __init__(self, source, directory, receivers):
        self.path = os.path.join(directory, "zaozersk")
        shutil.copytree(os.path.join(source, "examples", "zaozersk"), self.path,
                        ignore=shutil.ignore_patterns("var", "*.sqlite3*"))
        with open(os.path.join(self.path, "vekha.yaml"), "a", encoding="utf-8") as settings:
            settings.write(
                "notifications:\n"
                "  digest: {burst_limit: 0}\n"
                f"  email: {{url: \"smtp://127.0.0.1:{receivers.mail_port}\", from: vekha@zato.example.ru,"
                " starttls: false}\n"
                f"  webhook: {{url: \"http://127.0.0.1:{receivers.hook_port}/vekha\", secret_env: CRASH_SECRET}}\n"
                "rules: {defaults: true, files: [rules/*.yaml]}\n")
        os.makedirs(os.path.join(self.path, "rules"), exist_ok=True)
        with open(os.path.join(self.path, "rules", "webhook.yaml"), "w", encoding="utf-8") as rules:
            rules.write("rules:\n  - id: webhook-three-days\n    title: Срок через 3 рабочих дня\n"
                        "    when: status in [\"open\", \"returned\"] and working_days_until_due == 3\n"
                        "    notify: [responsible]\n    template: reminder\n    channel: webhook\n")
        self.database = os.path.join(self.path, "var", "vekha.sqlite3")
        self.deliverables = {}
        for name in os.listdir(os.path.join(self.path, "roadmaps")):
            roadmap = yaml.safe_load(open(os.path.join(self.path, "roadmaps", name), encoding="utf-8"))["roadmap"]
            for activity in roadmap.get("activities", []):
                self.deliverables[(roadmap["id"], activity["id"])] = activity.get("deliverables", [])
        self.evidence = os.path.join(directory, "evidence")
        os.makedirs(self.evidence)


class Runner:
    def __init__(self, vekha, deployment, kills=None):
        self.vekha = vekha
        self.deployment = deployment
        self.environment = dict(os.environ, CRASH_SECRET="crash-secret")
        self.kill_plan = kills  # None: the reference run
        self.kills = 0
        self.misses = 0
        self.integrity_checks = 0
        self.durations = {}

    def command(self, now, *arguments):
        return [self.vekha, "--now", instant(now), *arguments, "-d", self.deployment.path]

    def run(self, step, now, *arguments, took_effect):
        """Runs one command; in the crash run, kills it at random moments until it completes. A
        submission or confirmation may be refused (exit 1: a task waiting for others)."""
        command = self.command(now, *arguments)
        while True:
            started = time.monotonic()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                       env=self.environment)
            if self.kill_at_random(step, process):
                if took_effect():
                    return 0
                continue
            _, errors = process.communicate()
            self.durations[step] = time.monotonic() - started
            if process.returncode not in (0, 1):
                raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}): {errors}")
            return process.returncode

    def daemon(self, step, now):
        """Starts `vekha run` at `now` and stops it with SIGTERM once its first cycle is done and it
        sleeps; in the crash run, kills it at random moments first, restarting it each time."""
        command = [self.vekha, "--now", instant(now), "--log-level", "debug", "run", "-d", self.deployment.path]
        log_path = os.path.join(self.deployment.path, "daemon.log")
        while True:
            started = time.monotonic()
            with open(log_path, "w") as log:
                process = subprocess.Popen(command, stdout=log, stderr=log, env=self.environment)
            if self.kill_at_random(step, process):
                continue
            deadline = time.monotonic() + 120
            while "next wake at" not in open(log_path, errors="replace").read():
                if process.poll() is not None or time.monotonic() > deadline:
                    process.kill()
                    raise RuntimeError(f"the daemon did not finish its cycle at {instant(now)}: "
                                       f"{open(log_path, errors='replace').read()[-2000:]}")
                time.sleep(0.01)
            self.durations[step] = time.monotonic() - started
            process.send_signal(signal.SIGTERM)
            if process.wait(timeout=60) != 0:
                raise RuntimeError(f"the daemon stopped with {process.returncode} at {instant(now)}")
            return

    def kill_at_random(self, step, process):
        """In the crash run, maybe kills `process` at a random moment of the life the reference run
        measured for this step; True when it was killed (and the store checked after it)."""
        if self.kill_plan is None or not self.kill_plan.should_kill(step):
            return False
        time.sleep(self.kill_plan.rng.uniform(0, self.durations.get(step, 0.2)))
        if process.poll() is not None:
            self.misses += 1
            return False
        process.send_signal(signal.SIGKILL)
        process.wait()
        self.kills += 1
        self.kill_plan.killed(step)
        self.check_after_kill()
        return True

    def check_after_kill(self):
        self.integrity_checks += 1
        if os.path.exists(self.deployment.database):
            with sqlite3.connect(self.deployment.database) as connection:
                verdict = connection.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise RuntimeError(f"integrity_check after kill {self.kills}: {verdict}")
            verified = subprocess.run(self.command(MONTH_START, "audit", "verify"), capture_output=True, text=True,
                                      env=self.environment)
            if verified.returncode != 0:
                raise RuntimeError(f"audit verify after kill {self.kills}: {verified.stdout}{verified.stderr}")

    def tasks(self, now):
        listed = subprocess.run(self.command(now, "tasks", "--format", "json"), capture_output=True, text=True,
                                check=True, env=self.environment)
        return json.loads(listed.stdout)


class KillPlan:
    """Kills each step's process with probability `rate`, at most three times per step."""

    def __init__(self, seed, rate):
        self.rng = random.Random(seed)
        self.rate = rate
        self.per_step = {}

    def should_kill(self, step):
        return self.per_step.get(step, 0) < 3 and self.rng.random() < self.rate

    def killed(self, step):
        self.per_step[step] = self.per_step.get(step, 0) + 1


def status_of(database, task_id):
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT status FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return row[0] if row else None


def evidence_for(deployment, task):
    arguments = []
    for index, deliverable in enumerate(deployment.deliverables.get((task["roadmap"], task["activity"]), []), start=1):
        if "indicator" in deliverable:
            arguments += ["--value", f"{index}={deliverable.get('target', 0)}"]
        else:
            path = os.path.join(deployment.evidence, f"{task['id']}-{index}.txt")
            with open(path, "w", encoding="utf-8") as document:
                document.write(f"«{deliverable.get('document', '')}»\n{task['organisation']}, срок {task['due']}.\n")
            arguments += ["--file", f"{index}={path}"]
    return arguments


def month(runner):
    """The month's steps, in order; what a morning does is read from the tasks at that moment."""
    deployment = runner.deployment
    submitted_on = {}
    actions = 0
    for day in range(DAYS):
        midnight = MONTH_START + datetime.timedelta(days=day) - MOSCOW
        for hour in (0, 6, 12, 18):
            now = midnight + datetime.timedelta(hours=hour, minutes=1)
            runner.daemon(f"daemon {instant(now)}", now)
            if hour != 6:
                continue
            morning = midnight + datetime.timedelta(hours=10)
            for task in runner.tasks(morning):
                if task["status"] in ("open", "returned") and task.get("effective_due") and task["responsible"]:
                    due = datetime.date.fromisoformat(task["effective_due"])
                    if (due - morning.date()).days > 2:
                        continue
                    arguments = ["submit", task["id"], "--as", task["responsible"][0], *evidence_for(deployment, task)]
                    code = runner.run(f"submit {task['id']} {day}", morning, *arguments,
                                      took_effect=lambda t=task: status_of(deployment.database, t["id"]) not in
                                      ("open", "returned"))
                    actions += 1
                    if code == 0:
                        submitted_on[task["id"]] = day
                elif task["status"] == "submitted" and task["confirmers"] and submitted_on.get(task["id"], day) < day:
                    code = runner.run(f"confirm {task['id']} {day}", morning, "confirm", task["id"], "--as",
                                      task["confirmers"][0],
                                      took_effect=lambda t=task: status_of(deployment.database, t["id"]) != "submitted")
                    actions += 1
    return actions


def snapshot(database):
    """What must not differ between the runs: tasks, submissions with their evidence, the outbox."""
    with sqlite3.connect(database) as connection:
        return {
            "tasks": connection.execute("SELECT id, status, finished_on FROM tasks ORDER BY id").fetchall(),
            "submissions": connection.execute(
                "SELECT task_id, person, submitted_at, (SELECT count(*) FROM evidence_files e WHERE e.submission_id = "
                "s.id), (SELECT group_concat(value) FROM reported_values v WHERE v.submission_id = s.id) "
                "FROM submissions s ORDER BY task_id, submitted_at").fetchall(),
            "confirmations": connection.execute(
                "SELECT task_id, actor, at FROM audit_log WHERE event IN ('confirmed', 'returned') "
                "ORDER BY task_id, at").fetchall(),
            "outbox": connection.execute(
                "SELECT idempotency_key, status FROM outbox ORDER BY idempotency_key").fetchall(),
        }


def run_month(vekha, source, directory, kill_plan=None, durations=None):
    os.makedirs(directory)
    receivers = Receivers(source, directory)
    try:
        deployment = Deployment(source, directory, receivers)
        runner = Runner(vekha, deployment, kill_plan)
        runner.durations = dict(durations or {})
        actions = month(runner)
        return runner, actions, receivers.keys(), snapshot(deployment.database)
    finally:
        receivers.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vekha", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--work")
    options = parser.parse_args()
    work = options.work or tempfile.mkdtemp(prefix="vekha-crash-")
    print(f"crash injection: seed {options.seed}, work in {work}", flush=True)

    reference, actions, expected, expected_state = run_month(options.vekha, options.source,
                                                             os.path.join(work, "reference"))
    steps = len(reference.durations)
    # Enough kills: each step is killed with a probability that gives twice the wanted number on
    # average (some processes finish before their kill lands; a step may be killed three times).
    plan = KillPlan(options.seed, min(0.9, 2 * options.kills / steps))
    crashed, crash_actions, received, state = run_month(options.vekha, options.source, os.path.join(work, "crash"),
                                                        plan, reference.durations)
    problems = []
    if crashed.kills < options.kills:
        problems.append(f"only {crashed.kills} kills landed (wanted {options.kills}); raise the rate")
    missing = sorted(set(expected) - set(received))
    extra = sorted(set(received) - set(expected))
    if missing:
        problems.append(f"{len(missing)} notification(s) never received, e.g. {missing[:3]}")
    if extra:
        problems.append(f"{len(extra)} notification(s) received that the reference did not send, e.g. {extra[:3]}")
    for part in expected_state:
        if expected_state[part] != state[part]:
            lost = [row for row in expected_state[part] if row not in state[part]][:3]
            problems.append(f"{part} differ from the reference run, e.g. {lost}")
    duplicates = sum(count - 1 for count in received.values())
    figures = {"seed": options.seed, "steps": steps, "actions": actions, "kills": crashed.kills,
               "finished_before_the_kill": crashed.misses, "integrity_checks": crashed.integrity_checks,
               "notifications": len(expected), "received_keys": len(received), "duplicate_deliveries": duplicates,
               "submissions": len(state["submissions"]), "confirmations_and_returns": len(state["confirmations"])}
    print(json.dumps(figures), flush=True)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"kept for a look: {work}", file=sys.stderr)
        return 1
    if not options.work:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
