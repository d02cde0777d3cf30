"""`make bench`: measure danvan on a real server (gunicorn, production settings) on SQLite and
PostgreSQL, at province and national scale. Results go to bench/results/<db>-<scale>.json;
`python -m bench.report` turns them into docs/benchmarks.md.

    .venv/bin/python -m bench.run --db sqlite,postgresql --scale province,national
    .venv/bin/python -m bench.run --db sqlite --scale province --only floor,search --requests 50
    .venv/bin/python -m bench.run --manifest /tmp/national.json \\
        --database-url sqlite:////tmp/national.sqlite3   # a database gen_data already filled

For each (database, scale): build the dataset once (migrate, load_areas, gen_data; kept in
bench/data/ and reused while its manifest exists), copy it (the benchmark writes), start gunicorn
on the copy, log the users in, measure every operation one request at a time after a warm-up,
then the mixed load with concurrent clients and the workers' memory, stop the server, drop the
copy. Every figure is reported, none is asserted: the goals are checked by the report.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import quote, urlencode

from bench.client import Client, Response, csrf_token, login
from bench.importfile import XLSX_TYPE, import_workbook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DATA = ROOT / "bench" / "data"
RESULTS = ROOT / "bench" / "results"
LOGS = RESULTS / "logs"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
HOST = "127.0.0.1"

# in the order they run: reads before writes, the import (10,000 more models) last
OPERATIONS = [
    "floor",
    "dashboard_country",
    "dashboard_province",
    "dashboard_ward",
    "initiatives_filtered",
    "search",
    "initiative_page",
    "register",
    "transition",
    "petition_intake",
    "dashboard_country_after_write",
    "dashboard_province_after_write",
    "dashboard_ward_after_write",
    "report_docx",
    "report_xlsx",
    "mixed",
    "memory",
    "import_10k",
]
HEAVY = {"report_docx", "report_xlsx"}  # documents: fewer repetitions
# the mixed load: mostly the pages above, about one request in nine a write
MIXED_WEIGHTS = {
    "dashboard_country": 4,
    "dashboard_province": 8,
    "dashboard_ward": 10,
    "initiatives_filtered": 15,
    "search": 15,
    "initiative_page": 30,
    "register": 4,
    "transition": 4,
    "petition_intake": 4,
}
WRITES = {"register", "transition", "petition_intake"}
# a dashboard right after a write under it (a model registered in the ward, not timed): its stored
# figures (rollups) are stale, so every figure is computed again from the rows
AFTER_WRITE = {
    f"dashboard_{level}_after_write": f"dashboard_{level}" for level in ("country", "province", "ward")
}


def log(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", flush=True)


# --- statistics ----------------------------------------------------------------------------------


def summarize(samples: list[Response], errors: int, floor: dict | None = None) -> dict:
    ms = sorted(r.ms for r in samples if r.ok)
    queries = sorted(q for q in (r.queries for r in samples) if q is not None)
    out: dict = {"count": len(samples), "errors": errors}
    if ms:
        if len(ms) > 1:
            cuts = statistics.quantiles(ms, n=100, method="inclusive")
            p50, p95, p99 = cuts[49], cuts[94], cuts[98]
        else:
            p50 = p95 = p99 = ms[0]
        out |= {
            "p50_ms": round(p50, 2),
            "p95_ms": round(p95, 2),
            "p99_ms": round(p99, 2),
            "mean_ms": round(statistics.fmean(ms), 2),
            "max_ms": round(ms[-1], 2),
            "min_ms": round(ms[0], 2),
        }
    if queries:
        out["queries_p50"] = statistics.median_low(queries)
        out["queries_max"] = queries[-1]
    sizes = [len(r.body) for r in samples if r.ok]
    if sizes:
        out["bytes_mean"] = round(statistics.fmean(sizes))
    add_ratios(out, floor)
    return out


def add_ratios(out: dict, floor: dict | None) -> None:
    if floor and out.get("p50_ms") and floor.get("p50_ms"):
        out["ratio_p50"] = round(out["p50_ms"] / floor["p50_ms"], 1)
        out["ratio_p95"] = round(out["p95_ms"] / floor["p95_ms"], 1)


# --- machine and versions ------------------------------------------------------------------------


def machine() -> dict:
    cpu = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    system = platform.platform()
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                system = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram_gb, "os": system}


def versions(kind: str, database_url: str) -> dict:
    out = {
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "danvan": metadata.version("danvan"),
    }
    if kind == "sqlite":
        out["sqlite"] = sqlite3.sqlite_version
    else:
        import psycopg

        with psycopg.connect(pg_url(database_url)) as conn:
            out["postgresql"] = conn.execute("SHOW server_version").fetchone()[0]
        out["psycopg"] = metadata.version("psycopg")
    return out


def git_commit() -> dict:
    def git(*args):
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {"commit": git("rev-parse", "HEAD"), "dirty": bool(git("status", "--porcelain"))}


# --- databases -----------------------------------------------------------------------------------


def kind_of(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def pg_url(database_url: str) -> str:
    # dj-database-url accepts postgres:// ; psycopg wants postgresql://
    return database_url.replace("postgres://", "postgresql://", 1)


def pg_admin(sql: str, url: str = PG_ADMIN) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def pg_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None


def sqlite_path(database_url: str) -> Path:
    # sqlite:////abs/file -> /abs/file; sqlite:///relative/file -> relative/file (as dj-database-url)
    return Path(database_url.split("://", 1)[1][1:])


def sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy, write-ahead log included (the backup API, not a file copy)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    with contextlib.closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA journal_mode=WAL")


def danvan(args: list[str], env: dict, logfile: Path | None = None) -> str:
    command = [str(BIN / "danvan"), *args]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    if logfile is not None:
        with logfile.open("a", encoding="utf-8") as handle:
            handle.write(f"$ danvan {' '.join(args)}\n{done.stdout}{done.stderr}\n")
    if done.returncode:
        raise RuntimeError(f"danvan {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def build_dataset(kind: str, scale: str, seed: int, regen: bool, env: dict) -> tuple[str, Path, float | None]:
    """The pristine database of (kind, scale, seed) and its manifest; built when missing."""
    manifest = DATA / f"{kind}-{scale}-seed{seed}.json"
    if kind == "sqlite":
        path = DATA / f"{scale}-seed{seed}.sqlite3"
        url = f"sqlite:///{path}"
        present = path.exists()
    else:
        name = f"danvan_bench_{scale}"
        url = f"postgres://postgres@127.0.0.1:5432/{name}"
        present = pg_exists(name)
    if manifest.exists() and present and not regen:
        log(f"{kind}/{scale}: reusing {manifest.relative_to(ROOT)}")
        migrate_kept(kind, url, path if kind == "sqlite" else None, {**env, "DATABASE_URL": url})
        return url, manifest, None
    log(f"{kind}/{scale}: building the dataset (seed {seed})")
    manifest.unlink(missing_ok=True)
    if kind == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
        pg_admin(f'CREATE DATABASE "{name}"')
    env = {**env, "DATABASE_URL": url}
    logfile = LOGS / f"{kind}-{scale}-build.log"
    logfile.unlink(missing_ok=True)
    started = time.monotonic()
    danvan(["migrate", "--noinput"], env, logfile)
    danvan(["load_areas"], env, logfile)
    gen = ["gen_data", "--scale", scale, "--seed", str(seed), "--manifest", str(manifest)]
    danvan(gen, env, logfile)
    elapsed = time.monotonic() - started
    if kind == "sqlite":
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.execute("ANALYZE")
    log(f"{kind}/{scale}: built in {elapsed:.0f}s")
    return url, manifest, elapsed


def migrate_kept(kind: str, url: str, path: Path | None, env: dict) -> None:
    """A kept dataset gets the migrations written since it was built (an index, typically), and
    SQLite the statistics of the new indexes: the same schema as a dataset built now."""
    command = [str(BIN / "danvan"), "migrate", "--check"]
    if not subprocess.run(command, env=env, cwd=ROOT, capture_output=True, check=False).returncode:
        return
    log(f"{kind}: migrating the kept dataset")
    danvan(["migrate", "--noinput"], env, LOGS / f"{kind}-migrate.log")
    if path is not None:
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("ANALYZE")
    else:
        pg_admin("ANALYZE", url)


@contextlib.contextmanager
def working_copy(database_url: str, label: str):
    """A throw-away copy of the database (the benchmark writes to it)."""
    if kind_of(database_url) == "sqlite":
        target = DATA / f"work-{label}.sqlite3"
        sqlite_copy(sqlite_path(database_url), target)
        try:
            yield f"sqlite:///{target}"
        finally:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
    else:
        source = database_url.rsplit("/", 1)[1].split("?", 1)[0]
        name = f"danvan_bench_{label}_work".replace("-", "_")
        pg_admin(f'DROP DATABASE IF EXISTS "{name}"')
        pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        try:
            yield database_url.rsplit("/", 1)[0] + f"/{name}"
        finally:
            pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def base_env(static_root: Path, media_root: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DANVAN_") and k != "DATABASE_URL"}
    return env | {
        "DANVAN_DEBUG": "false",
        "DANVAN_SECRET_KEY": secrets.token_urlsafe(50),
        "DANVAN_STATIC_ROOT": str(static_root),
        "DANVAN_MEDIA_ROOT": str(media_root),
        "DANVAN_QUERY_COUNT_HEADER": "true",
        # the benchmark sends hundreds of public petitions from one address
        "DANVAN_PUBLIC_PETITIONS_PER_HOUR": "1000000",
        "DANVAN_PUBLIC_PETITIONS_PER_DAY": "1000000",
        "DANVAN_LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


class Server:
    def __init__(self, env: dict, database_url: str, logfile: Path, config: dict):
        self.port = free_port()
        self.logfile = logfile
        self.config = config
        self.env = env | {"DATABASE_URL": database_url}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        command = [
            str(BIN / "gunicorn"),
            "danvan.wsgi:application",
            "--bind",
            f"{HOST}:{self.port}",
            "--workers",
            str(self.config["workers"]),
            "--worker-class",
            self.config["worker_class"],
            "--threads",
            str(self.config["threads"]),
            "--keep-alive",
            str(self.config["keepalive"]),
            "--timeout",
            "600",
            "--error-logfile",
            "-",
        ]
        self.logfile.parent.mkdir(parents=True, exist_ok=True)
        handle = self.logfile.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited (see {self.logfile})")
            with contextlib.suppress(OSError):
                probe = Client(HOST, self.port, timeout=5)
                if probe.get("/healthz").status == 200 and len(self.workers()) >= self.config["workers"]:
                    probe.close()
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 120 s (see {self.logfile})")

    def workers(self) -> list[int]:
        pid = self.process.pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
            return [int(p) for p in text.split()]
        except OSError:
            found = []
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    with contextlib.suppress(OSError, IndexError):
                        if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                            found.append(int(entry.name))
            return found

    def cpu_seconds(self) -> float:
        """CPU time used so far by the master and its workers."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in [self.process.pid, *self.workers()]:
            with contextlib.suppress(OSError, IndexError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        return total / ticks

    def memory(self) -> dict:
        rss = []
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        rss.append(int(line.split()[1]) / 1024)
        if not rss:
            return {"workers": 0}
        return {
            "workers": len(rss),
            "rss_mb": [round(x, 1) for x in rss],
            "max_mb": round(max(rss), 1),
            "mean_mb": round(statistics.fmean(rss), 1),
        }

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def collectstatic(env: dict) -> None:
    log("collectstatic (production storage: hashed, compressed)")
    danvan(["collectstatic", "--noinput", "-v", "0"], env | {"DATABASE_URL": "sqlite:///:memory:"})


# --- one benchmark run ---------------------------------------------------------------------------


class Bench:
    def __init__(self, args, manifest: dict, server: Server, env: dict):
        self.args = args
        self.m = manifest
        self.server = server
        self.env = env
        self.sessions: dict[str, Client] = {}
        self.token = ""
        self.floor: dict | None = None
        self.year = date.today().year
        self.run_id = secrets.token_hex(3)
        self.counter = 0
        self.lock = threading.Lock()
        drafts = list(manifest.get("drafts") or [])
        self.drafts = iter(drafts)
        self.lookups: dict = {}

    # the users ---------------------------------------------------------------------------------
    def setup(self) -> None:
        env = self.server.env
        # the list page filters by a field's id
        code = (
            "import json;from danvan.initiatives.models import Field;"
            "print(json.dumps({'fields':dict((f.code,f.pk) for f in Field.objects.all())}))"
        )
        self.lookups = json.loads(danvan(["shell", "-c", code], env).strip().splitlines()[-1])
        self.token = danvan(["issue_token", self.m["logins"]["ward"], "--name", "bench"], env).strip()
        for role, username in self.m["logins"].items():
            client = Client(HOST, self.server.port)
            login(client, username, self.m["password"])
            self.sessions[role] = client

    def next_id(self) -> int:
        with self.lock:
            self.counter += 1
            return self.counter

    def next_draft(self) -> int | None:
        with self.lock:
            return next(self.drafts, None)

    # what each operation requests: (persona, method, path, body) --------------------------------
    def spec(self, op: str, i: int) -> tuple[str, str, str, bytes | None, str] | None:
        m = self.m
        op = AFTER_WRITE.get(op, op)
        if op == "floor":
            return ("anonymous", "GET", "/healthz", None, "")
        if op == "dashboard_country":
            return ("country", "GET", "/dashboard/country/", None, "")
        if op == "dashboard_province":
            return ("province", "GET", f"/dashboard/{m['units']['province']}/", None, "")
        if op == "dashboard_ward":
            return ("ward", "GET", f"/dashboard/{m['units']['ward']}/", None, "")
        if op == "initiatives_filtered":
            f = m["list_filter"]
            query = {"within": f["within"], "year": f["year"], "status": f["status"]}
            query["field"] = self.lookups["fields"].get(f["field"], f["field"])
            return ("province", "GET", "/initiatives/?" + urlencode(query), None, "")
        if op == "search":
            term = m["search"][i % len(m["search"])]
            return ("province", "GET", "/initiatives/?q=" + quote(term), None, "")
        if op == "initiative_page":
            return ("ward", "GET", f"/initiatives/{m['initiative']}/", None, "")
        if op == "register":
            n = self.next_id()
            reg = m["register"]
            body = {
                "owner_unit": reg["owner_unit"],
                "name": f"Mô hình thử tải {self.run_id}-{n}: tổ tự quản vệ sinh môi trường khu dân cư",
                "field": reg["field"],
                "topics": reg.get("topics", [])[:2],
                "year": self.year,
                "content": "Ra quân dọn vệ sinh mỗi sáng Chủ nhật, phân loại rác tại nguồn.",
            }
            return ("token", "POST", "/api/v1/initiatives", json.dumps(body).encode(), "201")
        if op == "transition":
            draft = self.next_draft()
            if draft is None:
                return None
            body = json.dumps({"action": "register", "comment": ""}).encode()
            return ("token", "POST", f"/api/v1/initiatives/{draft}/transitions", body, "200")
        if op == "petition_intake":
            n = self.next_id()
            body = {
                "kind": "feedback",
                "topic": "environment",
                "subject": f"Rác thải tồn đọng ở đầu hẻm (thử tải {self.run_id}-{n})",
                "content": "Rác thải sinh hoạt tồn đọng nhiều ngày ở đầu hẻm, đề nghị thu gom.",
                "location": "Tổ dân phố 3",
                "area": m["petition_area"],
                "petitioners": [{"name": "Nguyễn Văn Thử", "phone": "0905123456"}],
            }
            return ("public", "POST", "/api/v1/public/petitions", json.dumps(body).encode(), "201")
        if op in ("report_docx", "report_xlsx"):
            fmt = op.split("_", 1)[1]
            return (
                "province",
                "GET",
                f"/reports/{m['report']['province_annual']}/export/{fmt}/",
                None,
                "200",
            )
        raise ValueError(op)

    def send(self, client: Client, op: str, i: int) -> tuple[Response | None, bool, str]:
        """One request of `op` on `client` (a session of the right persona); (response, ok, url)."""
        spec = self.spec(op, i)
        if spec is None:
            return None, False, ""
        _persona, method, path, body, expected = spec
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post_json(path, body, token=self.token if _persona == "token" else None)
        ok = response.ok and (not expected or str(response.status) == expected)
        if op.startswith("dashboard") or op in ("initiatives_filtered", "search", "initiative_page"):
            ok = ok and response.status == 200
        return response, ok, path

    def client_for(self, op: str) -> Client:
        persona = self.spec_persona(op)
        if persona in self.sessions:
            return self.sessions[persona]
        key = "_plain"
        if key not in self.sessions:
            self.sessions[key] = Client(HOST, self.server.port)
        return self.sessions[key]

    @staticmethod
    def spec_persona(op: str) -> str:
        op = AFTER_WRITE.get(op, op)
        return {
            "floor": "anonymous",
            "dashboard_country": "country",
            "dashboard_province": "province",
            "initiatives_filtered": "province",
            "search": "province",
            "report_docx": "province",
            "report_xlsx": "province",
            "petition_intake": "anonymous",
            "register": "token",
            "transition": "token",
        }.get(op, "ward")

    # sequential measurement ----------------------------------------------------------------------
    def sequential(self, op: str) -> dict:
        count = self.args.requests
        warmup = self.args.warmup
        if op in HEAVY:
            count, warmup = min(count, self.args.heavy_requests), min(warmup, 2)
        if op in WRITES:
            warmup = min(warmup, 5)
        if op in AFTER_WRITE:
            count, warmup = min(count, self.args.heavy_requests), 1
        client = self.client_for(op)
        samples, errors, error_samples, url = [], 0, [], ""
        started = time.monotonic()
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        server0 = self.server.cpu_seconds()
        for i in range(warmup + count):
            if op in AFTER_WRITE:  # the write, not timed
                self.send(self.client_for("register"), "register", i)
            try:
                response, ok, sent = self.send(client, op, i)
                if not sent:
                    log(f"  {op}: no draft model left to register after {len(samples)}")
                    break
                url = sent
            except OSError as exc:
                response, ok = None, False
                client.close()
                error_samples.append(repr(exc)[:200])
            if i < warmup:
                continue
            if response is not None:
                samples.append(response)
            if not ok:
                errors += 1
                if response is not None and len(error_samples) < 3:
                    error_samples.append(f"HTTP {response.status}: {response.text[:300]}")
        wall = time.monotonic() - started
        out = summarize(samples, errors, self.floor)
        out["url"] = generic_url(op, url)
        out["persona"] = self.m["logins"].get(self.spec_persona(op), self.spec_persona(op))
        out["warmup"] = warmup
        out |= self.cpu_share(cpu0, server0, wall)
        if error_samples:
            out["error_samples"] = error_samples
        return out

    def cpu_share(self, cpu0, server0: float, wall: float) -> dict:
        cpu1 = resource.getrusage(resource.RUSAGE_SELF)
        mine = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
        return {
            "wall_s": round(wall, 2),
            "client_cpu_pct": round(100 * mine / wall, 1) if wall else None,
            "server_cpu_pct": round(100 * (self.server.cpu_seconds() - server0) / wall, 1) if wall else None,
        }

    # the mixed load -------------------------------------------------------------------------------
    def mixed(self) -> dict:
        clients, seconds = self.args.clients, self.args.mixed_seconds
        ops = list(MIXED_WEIGHTS)
        weights = [MIXED_WEIGHTS[o] for o in ops]
        records: list[tuple[str, Response | None, bool]] = []
        stop = threading.Event()
        conns = {persona: [] for persona in ("country", "province", "ward", "_plain")}

        def worker(index: int) -> None:
            rng = random.Random(self.args.seed * 1000 + index)
            mine = {}
            local = []
            while not stop.is_set():
                op = rng.choices(ops, weights)[0]
                persona = self.spec_persona(op)
                key = persona if persona in self.sessions else "_plain"
                if key not in mine:
                    base = self.sessions.get(key) or Client(HOST, self.server.port)
                    mine[key] = base.clone()
                    conns.setdefault(key, []).append(mine[key])
                try:
                    response, ok, url = self.send(mine[key], op, rng.randrange(1000))
                    if response is None and not url:
                        continue  # no draft left to register
                except OSError:
                    response, ok = None, False
                    mine[key].close()
                local.append((op, response, ok))
            records.extend(local)

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        server0 = self.server.cpu_seconds()
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=600)
        wall = time.monotonic() - started
        for group in conns.values():
            for conn in group:
                conn.close()
        responses = [r for _op, r, _ok in records if r is not None]
        errors = sum(1 for _op, _r, ok in records if not ok)
        out = summarize(responses, errors)
        out["count"] = len(records)
        out["requests_per_s"] = round(len(records) / wall, 1)
        out["clients"] = clients
        out["duration_s"] = round(wall, 1)
        out["weights"] = MIXED_WEIGHTS
        by_op = {}
        for op in ops:
            mine = [r for o, r, _ok in records if o == op and r is not None]
            errs = sum(1 for o, _r, ok in records if o == op and not ok)
            if mine or errs:
                part = summarize(mine, errs)
                by_op[op] = {k: part[k] for k in ("count", "errors", "p50_ms", "p95_ms") if k in part}
        out["by_operation"] = by_op
        statuses: dict[str, int] = {}
        for _op, r, ok in records:
            if not ok:
                key = str(r.status) if r is not None else "connection"
                statuses[key] = statuses.get(key, 0) + 1
        if statuses:
            out["error_statuses"] = statuses
        out |= self.cpu_share(cpu0, server0, wall)
        return out

    # the import of 10,000 models ---------------------------------------------------------------
    def import_10k(self) -> dict:
        rows, per_file = self.args.import_rows, self.args.import_file_rows
        client = self.sessions["ward"]
        reg = self.m["register"]
        out: dict = {"rows": rows, "files": [], "errors": 0, "persona": self.m["logins"]["ward"]}
        out["url"] = "/initiatives/import/ (upload + confirm)"
        total = 0.0
        cpu0 = resource.getrusage(resource.RUSAGE_SELF)
        server0 = self.server.cpu_seconds()
        started = time.monotonic()
        done = 0
        part = 0
        while done < rows:
            n = min(per_file, rows - done)
            data = import_workbook(
                n,
                owner_unit=reg["owner_unit"],
                field=reg["field"],
                topics=reg.get("topics", []),
                year=self.year,
                prefix=f"{self.run_id}-{part}",
            )
            page = client.get("/initiatives/import/")
            upload = client.post_multipart(
                "/initiatives/import/",
                {"csrfmiddlewaretoken": csrf_token(page)},
                {"file": (f"nhap-{part}.xlsx", data, XLSX_TYPE)},
            )
            token = None
            if upload.status == 200:
                found = re.search(r'name="token" value="([^"]+)"', upload.text)
                token = found.group(1) if found else None
            entry = {"rows": n, "bytes": len(data), "upload_check_ms": round(upload.ms, 1)}
            if token is None:
                out["errors"] += 1
                entry["error"] = f"HTTP {upload.status}: no preview ({upload.text[:300]!r})"
                out["files"].append(entry)
                break
            confirm = client.post_form(
                "/initiatives/import/",
                {"csrfmiddlewaretoken": csrf_token(upload), "action": "confirm", "token": token},
            )
            entry["confirm_ms"] = round(confirm.ms, 1)
            if confirm.status != 302 or "import" in confirm.headers.get("location", ""):
                out["errors"] += 1
                entry["error"] = f"HTTP {confirm.status} → {confirm.headers.get('location')}"
            entry["queries"] = [upload.queries, confirm.queries]
            out["files"].append(entry)
            total += upload.ms + confirm.ms
            done += n
            part += 1
        out["imported"] = done if not out["errors"] else 0
        out["total_s"] = round(total / 1000, 2)
        out["rows_per_s"] = round(done / (total / 1000), 1) if total else None
        out["max_rows_per_file"] = per_file
        out |= self.cpu_share(cpu0, server0, time.monotonic() - started)
        return out

    # everything ---------------------------------------------------------------------------------
    def run(self, only: list[str]) -> dict:
        results: dict[str, dict] = {}
        for op in OPERATIONS:
            if only and op not in only and op != "floor":
                continue
            log(f"  {op}")
            try:
                if op == "mixed":
                    results[op] = self.mixed()
                elif op == "memory":
                    results[op] = self.server.memory()
                elif op == "import_10k":
                    results[op] = self.import_10k()
                else:
                    results[op] = self.sequential(op)
            except Exception as exc:  # one broken operation must not lose the others' figures
                results[op] = {"failed": f"{type(exc).__name__}: {exc}"[:500]}
            if op == "floor":
                self.floor = results[op]
            brief = {k: results[op].get(k) for k in ("p50_ms", "p95_ms", "queries_max", "errors")}
            if op == "mixed":
                brief = {k: results[op].get(k) for k in ("requests_per_s", "p95_ms", "errors")}
            if op == "import_10k":
                brief = {k: results[op].get(k) for k in ("total_s", "rows_per_s", "errors")}
            if op == "memory":
                brief = {k: results[op].get(k) for k in ("max_mb", "mean_mb")}
            if "failed" in results[op]:
                brief = results[op]
            log(f"    {brief}")
        for client in self.sessions.values():
            client.close()
        return results


def generic_url(op: str, url: str) -> str:
    """The URL measured (search: one of the manifest's terms, cycled)."""
    if op == "search":
        return "/initiatives/?q=<each term of the manifest>"
    if op == "transition":
        return "/api/v1/initiatives/<draft id>/transitions {action: register}"
    return url


# --- driver ----------------------------------------------------------------------------------------


def server_config(args) -> dict:
    return {
        "workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads,
        "keepalive": args.keepalive,
    }


def run_one(args, kind: str, scale: str, database_url: str, manifest_path: Path, build_s, statics) -> Path:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    scale = scale or str(manifest.get("scale") or "custom")
    label = f"{kind}-{scale}"
    env = base_env(*statics)
    results_path = RESULTS / f"{label}.json"
    load_before = [round(x, 2) for x in os.getloadavg()]  # others' work on the machine skews figures
    with working_copy(database_url, label) as work_url:
        server = Server(env, work_url, LOGS / f"{label}-gunicorn.log", server_config(args))
        log(f"{label}: gunicorn on :{server.port} ({server.config})")
        server.start()
        try:
            bench = Bench(args, manifest, server, env)
            bench.setup()
            operations = bench.run(args.only)
        finally:
            server.stop()
    result = {
        "db": kind,
        "scale": scale,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(kind, database_url),
        "git": git_commit(),
        "server": server_config(args) | {"settings": "production (DANVAN_DEBUG=false), behind a TLS proxy"},
        "load_average_before": load_before,
        "load": {"requests": args.requests, "warmup": args.warmup, "heavy_requests": args.heavy_requests},
        "dataset": {
            "manifest": str(manifest_path),
            "seed": manifest.get("seed"),
            "generator_version": manifest.get("generator_version"),
            "counts": manifest.get("counts"),
            "generation_s": manifest.get("elapsed_s"),
            "build_s": round(build_s, 1) if build_s else None,
        },
        "operations": operations,
    }
    if args.only and results_path.exists():
        # a partial run updates the figures it measured and keeps the others
        previous = json.loads(results_path.read_text(encoding="utf-8"))
        merged = previous.get("operations", {}) | operations
        for name, figures in merged.items():
            if name not in operations:
                add_ratios(figures, operations.get("floor"))
        result["operations"] = merged
        result["partial_update"] = sorted(operations)
        if result["dataset"]["build_s"] is None:
            result["dataset"]["build_s"] = previous.get("dataset", {}).get("build_s")
    RESULTS.mkdir(parents=True, exist_ok=True)
    results_path.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log(f"{label}: wrote {results_path.relative_to(ROOT)}")
    return results_path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="sqlite,postgresql", help="sqlite,postgresql")
    parser.add_argument("--scale", default="province,national", help="province,national")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=200, help="measured requests per operation")
    parser.add_argument("--warmup", type=int, default=10, help="requests before measuring")
    parser.add_argument("--heavy-requests", type=int, default=20, help="measured requests per document")
    parser.add_argument("--only", default="", help="a comma-separated subset of: " + ",".join(OPERATIONS))
    parser.add_argument("--regen", action="store_true", help="build the datasets again")
    parser.add_argument("--manifest", type=Path, help="benchmark an existing database: its manifest")
    parser.add_argument("--database-url", help="... and its DATABASE_URL (copied before the run)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients of the mixed load")
    parser.add_argument("--mixed-seconds", type=float, default=30)
    parser.add_argument("--import-rows", type=int, default=10_000)
    parser.add_argument("--import-file-rows", type=int, default=5000, help="the importer's limit per file")
    parser.add_argument(
        "--reuse-static",
        action="store_true",
        help="keep collectstatic's output in bench/data/static and reuse it (faster iterations)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--worker-class", default="gthread")
    parser.add_argument("--keepalive", type=int, default=30)
    args = parser.parse_args(argv)
    args.only = [o for o in args.only.split(",") if o]
    unknown = set(args.only) - set(OPERATIONS)
    if unknown:
        parser.error(f"unknown operations: {', '.join(sorted(unknown))}")
    if bool(args.manifest) != bool(args.database_url):
        parser.error("--manifest and --database-url go together")
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    DATA.mkdir(parents=True, exist_ok=True)
    LOGS.mkdir(parents=True, exist_ok=True)
    failures = 0
    with tempfile.TemporaryDirectory(prefix="danvan-bench-") as tmp:
        static = DATA / "static" if args.reuse_static else Path(tmp) / "static"
        statics = (static, Path(tmp) / "media")
        if not (args.reuse_static and (static / "staticfiles.json").exists()):
            collectstatic(base_env(*statics))
        if args.manifest:
            targets = [(kind_of(args.database_url), None, args.database_url, args.manifest, None)]
        else:
            targets = []
            for kind in [d for d in args.db.split(",") if d]:
                for scale in [s for s in args.scale.split(",") if s]:
                    targets.append((kind, scale, None, None, None))
        for kind, scale, url, manifest, build_s in targets:
            try:
                if url is None:
                    url, manifest, build_s = build_dataset(
                        kind, scale, args.seed, args.regen, base_env(*statics)
                    )
                run_one(args, kind, scale, url, manifest, build_s, statics)
            except Exception as exc:
                failures += 1
                log(f"{kind}/{scale}: FAILED: {type(exc).__name__}: {exc}")
        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
