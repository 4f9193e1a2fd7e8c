"""The production stack on loopback, started and stopped as one.

Every service runs in its own process group in a temporary directory, on ports chosen
free at the start, so a rehearsal leaves nothing behind and two can run side by side.
``Stack.stop()`` ends everything it started; ``run.py`` calls it on exit, on Ctrl-C and
on SIGTERM. Services that systemd would restart (``Restart=always`` in docs/deploy.md)
are restarted here too, after the same pause, and the restarts are counted.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
# docs/deploy.md: about two workers per core plus one.
WEB_WORKERS = 2 * (os.cpu_count() or 1) + 1
# Threads per web worker (gunicorn's gthread class above 1; 1 is the sync class).
WEB_THREADS = int(os.environ.get("REHEARSAL_WEB_THREADS", "1"))
RESTART_SEC = 2
HOST = "127.0.0.1"
# docs/deploy.md: the task worker and the periodic commands run at a lower CPU priority
# than the web workers (systemd's Nice=10): a visitor's page first, an email a moment later.
BACKGROUND = ["nice", "-n", "10"]


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {HOST}:{port} after {timeout} s")


class Service:
    """One long-running process in its own process group, logging to a file."""

    def __init__(self, name, argv, workdir, env=None, supervised=False):
        self.name, self.argv, self.env = name, argv, env
        self.log = workdir / f"{name}.log"
        self.supervised = supervised
        self.process = None
        self.wanted = False
        self.restarts = 0
        self.deaths = []  # exit codes of deaths nobody asked for

    def start(self):
        # The new process first: the supervisor thread, seeing it wanted while the process
        # stopped a moment ago (exit 0 after SIGTERM) was still the current one, counted a
        # death nobody caused (redis-limits, after the Redis fault, once in CI).
        self._spawn()
        self.wanted = True

    def _spawn(self):
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                self.argv,
                cwd=ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    @property
    def pid(self):
        return self.process.pid if self.process else None

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def kill(self, sig=signal.SIGKILL):
        """A crash, as a fault: the supervisor brings it back."""
        if self.alive():
            os.killpg(self.process.pid, sig)

    def stop(self, timeout=10):
        self.wanted = False
        if not self.alive():
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        except ProcessLookupError:
            pass

    def supervise(self):
        """What systemd's Restart=always does: start it again when it dies."""
        if self.wanted and self.process and self.process.poll() is not None:
            if not self.supervised:
                self.deaths.append(self.process.returncode)
                self.wanted = False
                return
            time.sleep(RESTART_SEC)
            if self.wanted and not self.alive():
                self.restarts += 1
                self._spawn()


class Postgres:
    """A throwaway cluster, as scripts/with-postgres.sh makes one."""

    def __init__(self, workdir, port):
        self.bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version)[-1]
        self.workdir, self.port = workdir / "postgres", port
        self.data = self.workdir / "data"
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        self.url = f"postgres://postgres@{HOST}:{port}/fairville"

    def _run(self, *argv, **kwargs):
        return subprocess.run(
            [*self.as_pg, *argv],
            check=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            **kwargs,
        )

    def init(self):
        self.workdir.mkdir()
        if self.as_pg:
            shutil.chown(self.workdir, "postgres", "postgres")
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
            "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self.start()
        self._run(str(self.bindir / "createdb"), "-h", HOST, "-p", str(self.port), "fairville")

    def start(self):
        self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data),
            "-l", str(self.workdir / "server.log"),
            "-w", "-o", f"-p {self.port} -k {self.workdir} -c listen_addresses={HOST} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 "
            # Every lock wait over 10 ms is logged, stamped with the epoch time, and its
            # end too (timings.lock_waits): sign-ups of one session wait for each other.
            "-c log_lock_waits=on -c deadlock_timeout=10ms -c log_line_prefix=%n@",
            "start",
        )  # fmt: skip

    def stop(self, mode="fast"):
        if self.data.exists():
            subprocess.run(
                [
                    *self.as_pg,
                    str(self.bindir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-m",
                    mode,
                    "stop",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )


def _version(path):
    try:
        return int(path.parent.name)
    except ValueError:
        return 0


NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 2048; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ text/calendar ics; }}
    # Where each request's time went: in nginx's hands in all, until gunicorn accepted
    # it, until its answer began (read by faults.py: a held request is found here).
    log_format timed '$msec|$status|$request_time|$upstream_connect_time|'
                     '$upstream_header_time|$upstream_status|$request_id|$remote_addr|$request';
    access_log {work}/nginx-access.log timed;
    client_body_temp_path {work}/nginx-tmp/body;
    proxy_temp_path {work}/nginx-tmp/proxy;
    fastcgi_temp_path {work}/nginx-tmp/fastcgi;
    uwsgi_temp_path {work}/nginx-tmp/uwsgi;
    scgi_temp_path {work}/nginx-tmp/scgi;
    sendfile on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    server_tokens off;

    gzip on;
    gzip_vary on;
    gzip_proxied any;
    gzip_min_length 512;
    gzip_types text/css text/javascript application/javascript application/json
               application/xml application/rss+xml application/atom+xml text/calendar
               text/plain text/vtt image/svg+xml;

    # The address's language, for the static 503 page in it (cms/error_pages.py).
    map $request_uri $error_language {{
        "~^/(?<code>[a-z]{{2,3}}(-[a-z0-9]+)?)/" $code;
        default "";
    }}

    server {{
        listen {host}:{port} ssl http2;
        server_name _;
        ssl_certificate {work}/tls/cert.pem;
        ssl_certificate_key {work}/tls/key.pem;
        client_max_body_size 20m;

        # Hashed names (whitenoise's manifest) never change: cached for a year.
        location ~ "^/static/(.*\\.[0-9a-f]{{12}}\\.\\w+)$" {{
            alias {static}/$1;
            gzip_static on;
            add_header Cache-Control "public, max-age=31536000, immutable";
        }}
        location /static/ {{
            alias {static}/;
            gzip_static on;
            add_header Cache-Control "public, max-age=3600";
        }}
        location /media/ {{
            alias {media}/;
            add_header Cache-Control "public, max-age=3600";
        }}
        location / {{
            proxy_pass http://{host}:{gunicorn};
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            # Joins nginx's log line to gunicorn's: time queued apart from time worked.
            proxy_set_header X-Request-Id $request_id;
            # When it was passed on: one that waited too long for a worker gets the 503
            # page at once (cms/overload.py). Set here over anything the client sent.
            proxy_set_header X-Request-Start "t=${{msec}}";
            proxy_redirect off;
            proxy_read_timeout 35s;
            # gunicorn down or a worker killed mid-request: the friendly 503, not a 502.
            # Through an address, not a named location: nginx then reads the page with
            # GET, where a POST (a registration) got "405 Not Allowed" from the files.
            error_page 502 504 =503 /_unavailable;
        }}
        location = /_unavailable {{
            internal;
            root {work}/errors;
            try_files /503.$error_language.html /503.html =503;
            add_header Retry-After 10 always;
            add_header Cache-Control "no-store" always;
        }}
    }}
}}
"""


class Stack:
    def __init__(self, keep=False):
        self.workdir = Path(tempfile.mkdtemp(prefix="fairville-rehearsal."))
        # nginx's workers run as nobody when started by root: they read static and media.
        self.workdir.chmod(0o755)
        self.keep = keep
        self.ports = {
            name: free_port()
            for name in ("postgres", "redis", "redis-limits", "gunicorn", "nginx", "smtp")
        }
        self.base_url = f"https://{HOST}:{self.ports['nginx']}"
        self.static = self.workdir / "static"
        self.media = self.workdir / "media"
        self.mail = self.workdir / "mail"
        self.postgres = Postgres(self.workdir, self.ports["postgres"])
        self.services = {}
        self.env = self._django_env()
        self._stop_supervisor = threading.Event()
        self._supervisor = None
        self.stopped = False
        self.extra_processes = []  # load generators: ended with the stack
        self.editor_password = ""
        self.postgres_up = True

    def _django_env(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "FAIRVILLE_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="cms.settings.production",
            SECRET_KEY=secrets.token_urlsafe(48),
            DATABASE_URL=self.postgres.url,
            WAGTAILADMIN_BASE_URL=self.base_url,
            ALLOWED_HOSTS=HOST,
            CSRF_TRUSTED_ORIGINS=self.base_url,
            FAIRVILLE_TRUSTED_PROXIES="1",
            REDIS_URL=f"redis://{HOST}:{self.ports['redis']}/0",
            RATELIMIT_REDIS_URL=f"redis://{HOST}:{self.ports['redis-limits']}/0",
            EMAIL_HOST=HOST,
            EMAIL_PORT=str(self.ports["smtp"]),
            EMAIL_USE_TLS="false",
            EMAIL_TIMEOUT="10",
            MEDIA_ROOT=str(self.media),
            STATIC_ROOT=str(self.static),
            FAIRVILLE_VAR_DIR=str(self.workdir / "var"),
            # Emails that met a closed SMTP server are tried again sooner than in
            # production (30 s, doubling), so the rehearsal sees them delivered.
            FAIRVILLE_EMAIL_RETRY_SECONDS="5",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        return env

    # --- set-up -------------------------------------------------------------------

    def manage(self, *args, env=None, check=True, background=False):
        """``background``: a periodic command, at the task worker's lower priority."""
        # In its own process group, known to stop(): an interrupted rehearsal ends it too.
        process = subprocess.Popen(
            [*(BACKGROUND if background else ()), PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self.extra_processes.append(process)
        output = process.communicate()[0]
        self.extra_processes.remove(process)
        if check and process.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output[-3000:]}")
        return output

    def _tls(self):
        tls = self.workdir / "tls"
        tls.mkdir()
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", f"/CN={HOST}", "-addext", f"subjectAltName=IP:{HOST}",
             "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.pem")],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

    def _nginx_conf(self):
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.workdir / "nginx-tmp" / sub).mkdir(parents=True, exist_ok=True)
            (self.workdir / "nginx-tmp" / sub).chmod(0o777)
        (self.workdir / "nginx-tmp").chmod(0o777)
        errors = self.workdir / "errors"
        errors.mkdir()
        self.manage("error_pages", str(errors))  # a release writes them (docs/deploy.md)
        conf = self.workdir / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user="user nobody nogroup;" if os.getuid() == 0 else "",
                work=self.workdir,
                host=HOST,
                port=self.ports["nginx"],
                gunicorn=self.ports["gunicorn"],
                static=self.static,
                media=self.media,
            )
        )
        return conf

    def _add(self, name, argv, env=None, supervised=False):
        service = Service(name, argv, self.workdir, env=env, supervised=supervised)
        self.services[name] = service
        return service

    def start_backing_services(self):
        """PostgreSQL, Redis and the SMTP server: what the site needs before set-up."""
        self.postgres.init()
        # docs/deploy.md: the cache evicts (allkeys-lru), the rate-limit counters never do.
        for name, policy in (("redis", "allkeys-lru"), ("redis-limits", "noeviction")):
            self._add(
                name,
                ["redis-server", "--bind", HOST, "--port", str(self.ports[name]),
                 "--save", "", "--appendonly", "no", "--daemonize", "no",
                 "--maxmemory", "128mb", "--maxmemory-policy", policy],
            ).start()  # fmt: skip
        self.mail.mkdir()
        self._add(
            "smtp",
            [PYTHON, str(Path(__file__).with_name("smtpstore.py")), str(self.ports["smtp"]),
             str(self.mail)],
        ).start()  # fmt: skip
        wait_for_port(self.ports["redis"])
        wait_for_port(self.ports["redis-limits"])
        wait_for_port(self.ports["smtp"])

    def fix_media_permissions(self):
        """nginx's workers (nobody) read the uploaded media."""
        self.media.mkdir(exist_ok=True)
        for path in [self.media, *self.media.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)

    def start_web(self, env=None):
        self._add(
            "gunicorn",
            [GUNICORN, "cms.wsgi:application", "--bind", f"{HOST}:{self.ports['gunicorn']}",
             "--workers", str(WEB_WORKERS), "--timeout", "30", "--graceful-timeout", "5",
             *(("--worker-class", "gthread", "--threads", str(WEB_THREADS))
               if WEB_THREADS > 1 else ()),
             # Loaded once, then forked: a killed worker is replaced at once.
             "--preload", "--no-control-socket",
             "--access-logfile", str(self.workdir / "gunicorn-access.log"),
             # The worker's pid, the status, the time in the worker (µs), nginx's id.
             "--access-logformat", "%(p)s %(s)s %(D)s %({x-request-id}i)s \"%(r)s\""],
            env={**self.env, **(env or {})},
            supervised=True,
        ).start()  # fmt: skip
        wait_for_port(self.ports["gunicorn"])

    def restart_web(self, env=None):
        self.services["gunicorn"].stop()
        self.start_web(env)

    def start_all(self):
        self._tls()
        self.start_web()
        self._add(
            "worker",
            [*BACKGROUND, PYTHON, "manage.py", "task_worker", "--worker-id", "rehearsal-1"],
            env=self.env,
            supervised=True,
        ).start()
        self._add("nginx", ["nginx", "-c", str(self._nginx_conf())]).start()
        wait_for_port(self.ports["nginx"])
        self._supervisor = threading.Thread(target=self._supervise, daemon=True)
        self._supervisor.start()

    def _supervise(self):
        while not self._stop_supervisor.wait(0.5):
            for service in list(self.services.values()):
                service.supervise()

    def reset_rate_limits(self):
        """Empty the rate-limit counters before a scenario, as a fresh deployment starts,
        and say how many there were. The limits stay on; what one scenario's crowd
        counted must not refuse the next one (two waves of 300 registrations in ten
        minutes would reach the example session's 600)."""
        import redis

        client = redis.Redis(host=HOST, port=self.ports["redis-limits"], socket_timeout=5)
        try:
            counters = client.dbsize()
            client.flushdb()
        finally:
            client.close()
        return counters

    def worker_pids(self):
        """The gunicorn master's children: its web workers."""
        master = self.services["gunicorn"].pid
        children = Path(f"/proc/{master}/task/{master}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    # --- tear-down ----------------------------------------------------------------

    def stop(self):
        if self.stopped:
            return
        self.stopped = True
        self._stop_supervisor.set()
        for process in list(self.extra_processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for name in ("nginx", "gunicorn", "worker", "smtp", "redis", "redis-limits"):
            if name in self.services:
                self.services[name].stop()
        self.postgres.stop("immediate")
        if not self.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)
