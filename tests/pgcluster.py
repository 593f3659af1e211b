"""A throw-away PostgreSQL cluster for the store tests (loopback only, torn down after the session).

``pg_cluster`` (session) runs ``initdb`` into a temporary folder and starts
``postgres`` on 127.0.0.1 with a free port and its unix socket in that folder;
``pg_url`` (per test) creates a fresh empty schema on it and returns a URL that
selects it (``?options=-csearch_path%3D...``: a new database per test would cost 1 s).
Both skip, saying why, when PostgreSQL or psycopg is missing.

initdb refuses to run as root, so under root (a CI container) the server runs as
``$EVENTWIRE_PG_USER``, else the ``postgres`` user when it exists (Debian's package
creates it), else ``nobody``; the folder is handed to that user. Binaries are looked up in
``$EVENTWIRE_PG_BIN``, then Debian's ``/usr/lib/postgresql/<version>/bin`` (newest
first), then ``PATH``.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 10.0  # seconds for the server to accept connections
SUPERUSER = "eventwire"
TEST_DB = "eventwire_tests"  # one database; each test gets a schema of its own in it


def pg_bin_dir() -> Path | None:
    """The folder holding initdb and postgres, or None."""
    candidates = [os.environ.get("EVENTWIRE_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                         key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
                         reverse=True)
    which = shutil.which("initdb")
    candidates.append(str(Path(which).parent) if which else "")
    for c in candidates:
        if c and (Path(c) / "initdb").is_file() and (Path(c) / "postgres").is_file():
            return Path(c)
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> pwd.struct_passwd | None:
    """The unprivileged account to run the server under when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in filter(None, (os.environ.get("EVENTWIRE_PG_USER"), "postgres", "nobody")):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.skip("running as root and no 'postgres' or 'nobody' account to run PostgreSQL as")


@dataclass
class PgCluster:
    host: str
    port: int
    user: str
    socket_dir: str
    _names = itertools.count(1)

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{self.user}@{self.host}:{self.port}/{dbname}"

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database (about 1 s: prefer :meth:`create_schema`); returns its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # our own generated name
        return self.url(name)

    def create_schema(self, prefix: str = "t") -> str:
        """A new empty schema in the shared test database (10 ms); returns a URL whose search_path is that schema."""
        import psycopg

        name = f"{prefix}_{next(self._names)}"
        with psycopg.connect(self.url(TEST_DB), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')  # our own generated name
        return f"{self.url(TEST_DB)}?options=-csearch_path%3D{name}"


@pytest.fixture(scope="session")
def pg_cluster():
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install 'psycopg[binary]')")
    import psycopg

    bindir = pg_bin_dir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql, or set EVENTWIRE_PG_BIN)")
    account = _run_as()
    # /tmp when it exists: the server's account must reach the folder, and a unix socket path must stay short
    root = tempfile.mkdtemp(prefix="eventwire-pg-", dir="/tmp" if os.path.isdir("/tmp") else None)
    data, sock = os.path.join(root, "data"), os.path.join(root, "sock")
    os.makedirs(sock)
    as_user: dict = {}
    if account is not None:
        os.chmod(root, 0o755)
        for path in (root, sock):
            os.chown(path, account.pw_uid, account.pw_gid)
        as_user = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "TZ": "UTC"}
    env.pop("PGDATA", None)
    proc = None
    try:
        init = subprocess.run([str(bindir / "initdb"), "-D", data, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                               "--no-sync", "--no-instructions"], capture_output=True, text=True, env=env,
                              cwd=root, timeout=60, **as_user)
        if init.returncode != 0:
            pytest.skip(f"initdb failed: {(init.stderr or init.stdout).strip()[-300:]}")
        port = _free_port()
        proc = subprocess.Popen(
            [str(bindir / "postgres"), "-D", data, "-p", str(port), "-k", sock, "-h", "127.0.0.1",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=40", "-c", "shared_buffers=32MB"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(root, "server.log"), "wb"), env=env, cwd=root,
            **as_user)
        cluster = PgCluster(host="127.0.0.1", port=port, user=SUPERUSER, socket_dir=sock)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                psycopg.connect(cluster.url(), connect_timeout=2).close()
                break
            except psycopg.OperationalError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log = Path(root, "server.log").read_text(errors="replace")[-500:]
                    pytest.skip(f"PostgreSQL did not start within {START_TIMEOUT:.0f} s: {log}")
                time.sleep(0.1)
        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEST_DB}")
        yield cluster
    finally:
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGQUIT)  # immediate shutdown: no checkpoint, the folder goes anyway
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a fresh, empty store on the session's cluster (a schema of its own, via search_path)."""
    return pg_cluster.create_schema()
