"""The local Neo4j Community server: install from Maven Central, start, stop, status, logs.

The server runs as `java -cp <the jars>:web:conf org.neo4j.server.CommunityEntryPoint --console-mode`,
detached, with a generated neo4j.conf that binds Bolt and HTTP (with the Browser) to 127.0.0.1 only;
`web/` holds the Browser with the policy-kg guide and style (kg/neo4j/browser.py), so the Browser's own
jar is left off the classpath. The classpath names each jar and puts the folders last because a JVM
cannot map a class-data archive (kg/neo4j/cds.py) whose classpath has a folder with files ahead of a jar.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ingest.errors import InputError
from kg.neo4j import browser, cds
from kg.neo4j.home import Neo4jHome

POM = Path(__file__).resolve().parents[1] / "data" / "neo4j-pom.xml"
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
# neo4j-admin itself: the `neo4j-admin` launcher (org.neo4j.server.startup.Neo4jAdminCommand) only starts a
# second JVM running it, which doubled the JVM starts of a command.
ADMIN_ENTRY_POINT = "org.neo4j.cli.AdminTool"
# neo4j-admin runs for seconds: the quick compiler alone (TieredStopAtLevel=1) and the throughput collector
# halve the CPU an import of 20x the sample takes (C2 compiles what the short run no longer needs).
ADMIN_JVM_FLAGS = ("-Xmx1g", "-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC")
JVM_FLAGS = (
    "-Xms256m",
    "-Xmx1g",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Dlog4j2.disable.jmx=true",
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
)
WHERE = "local neo4j"
TX_LOG_ROTATION = "32m"  # transaction log files of a laptop's size (Neo4j's default is 256m, preallocated)
# Seconds Bolt's network threads wait for a quiet moment when the server stops: Neo4j's default of 5, waited
# twice, made every stop take 11 s; a stop is a checkpoint and a second now (Neo4j's own test servers use 0).
BOLT_SHUTDOWN_QUIET_PERIOD = 0
STARTED = "Started."  # the console line of a server that has started everything, the Browser included
BOLT_READY = "Bolt enabled on"  # logged once the databases are online and Bolt accepts connections


def _error(reason: str) -> InputError:
    return InputError(WHERE, reason)


def _java() -> str:
    """The `java` on PATH, or an error when there is none."""
    java = shutil.which("java")
    if java is None:
        raise _error(
            "java not found on PATH (Neo4j 5.26 needs Java 17 or 21: apt-get install openjdk-17-jre-headless)"
        )
    return java


def java_major_version() -> int:
    """The major version of the `java` on PATH, or an error when there is none."""
    out = subprocess.run([_java(), "-version"], capture_output=True, text=True, check=False).stderr
    match = re.search(r'version "(\d+)(?:\.(\d+))?', out)
    if not match:
        raise _error(f"cannot read the Java version from `java -version`: {out.strip()[:80]}")
    major = int(match.group(1))
    return int(match.group(2)) if major == 1 and match.group(2) else major


def render_conf(home: Neo4jHome, bolt_port: int, http_port: int) -> str:
    """neo4j.conf for a private server on 127.0.0.1 with modest memory."""
    settings = {
        "server.directories.data": home.data,
        "server.directories.logs": home.logs,
        "server.directories.run": home.run,
        "server.directories.plugins": home.root / "plugins",
        "server.directories.import": home.root / "import",
        "server.directories.transaction.logs.root": home.data / "transactions",
        "server.default_listen_address": "127.0.0.1",
        "server.default_advertised_address": "127.0.0.1",
        "server.bolt.listen_address": f"127.0.0.1:{bolt_port}",
        "server.bolt.advertised_address": f"127.0.0.1:{bolt_port}",
        "server.http.enabled": "true",
        "server.http.listen_address": f"127.0.0.1:{http_port}",
        "server.http.advertised_address": f"127.0.0.1:{http_port}",
        "server.https.enabled": "false",
        "server.memory.pagecache.size": "256m",
        "server.memory.heap.initial_size": "256m",
        "server.memory.heap.max_size": "1g",
        "db.memory.transaction.total.max": "700m",
        "db.tx_log.rotation.retention_policy": "2 files",
        "db.tx_log.rotation.size": TX_LOG_ROTATION,
        "db.tx_log.preallocate": "false",
        "internal.dbms.bolt.netty_server_shutdown_quiet_period": BOLT_SHUTDOWN_QUIET_PERIOD,
        "dbms.security.auth_enabled": "true",
        "dbms.security.allow_csv_import_from_file_urls": "false",
        "dbms.usage_report.enabled": "false",
        **browser.conf_settings(http_port),
    }
    lines = ["# Generated by `kg neo4j install`; edits are overwritten on the next install."]
    lines += [f"{key}={value}" for key, value in settings.items()]
    return "\n".join(lines) + "\n"


def _pom_digest() -> str:
    return hashlib.sha256(POM.read_bytes()).hexdigest()


def _fetch_jars(home: Neo4jHome) -> bool:
    """Copy org.neo4j:neo4j and the Browser with their dependencies into lib/ (cached in ~/.m2).

    Returns False when lib/ already holds the jars of this pom.
    """
    digest = _pom_digest()
    if home.lib_stamp.exists() and home.lib_stamp.read_text().strip() == digest:
        return False
    if running_pid(home) is not None:
        raise _error("running with other jars: stop it (`kg neo4j stop`) before installing")
    mvn = shutil.which("mvn")
    if mvn is None:
        raise _error("mvn not found on PATH (needed once to fetch the Neo4j jars: apt-get install maven)")
    home.lib.mkdir(parents=True, exist_ok=True)
    for jar in home.lib.glob("*.jar"):
        jar.unlink()
    command = [
        mvn,
        "-q",
        "-B",
        "-f",
        str(POM),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={home.lib}",
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        last = (done.stdout + done.stderr).strip().splitlines()[-1:] or ["no output"]
        raise _error(f"fetching the jars with Maven failed: {last[0][:200]}")
    home.lib_stamp.write_text(digest + "\n")
    return True


def _classpath(home: Neo4jHome) -> str:
    """Every jar but the Browser's (web/ serves it), in name order, then web/ and conf/."""
    jars = sorted(str(jar) for jar in home.lib.glob("*.jar") if not jar.name.startswith(browser.JAR_PREFIX))
    return os.pathsep.join([*jars, str(browser.web_root(home)), str(home.conf_dir)])


def argument_file_text(value: str) -> str:
    """One argument as a picocli argument file holds it: double-quoted, backslashes and quotes escaped."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"\n'


def _admin(
    home: Neo4jHome, java: str, arguments: list[str], cwd: Path, *, archive: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run neo4j-admin with these arguments against this home's configuration (with the class-data archive
    of the role `archive`, when given)."""
    env = dict(os.environ, NEO4J_HOME=str(home.root), NEO4J_CONF=str(home.conf_dir))
    sharing, pending = cds.jvm_options(home, archive, java) if archive else ([], None)
    command = [
        java,
        "-Dfile.encoding=UTF-8",
        *ADMIN_JVM_FLAGS,
        *sharing,
        "-cp",
        _classpath(home),
        ADMIN_ENTRY_POINT,
        *arguments,
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=cwd)
    if pending is not None:
        if done.returncode == 0:
            cds.publish(pending)
        else:
            pending.unlink(missing_ok=True)
    return done


def import_database(home: Neo4jHome, folder: Path, arguments: list[str], database: str) -> None:
    """`neo4j-admin database import full` of the CSV files in `folder` (named relative to it) into `database`,
    replacing it; the server must be stopped. Errors are one line (the tool's last)."""
    if running_pid(home) is not None:
        raise _error("running: neo4j-admin imports into a stopped server only")
    done = _admin(
        home,
        _java(),
        ["database", "import", "full", *arguments, "--overwrite-destination=true", database],
        folder,
        archive="import",
    )
    if done.returncode != 0:
        lines = [
            line.strip()
            for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and not line.strip().startswith(("at ", "...", "Run with"))
        ] or ["no output"]
        raise _error(
            f"neo4j-admin database import failed ({lines[-1][:160]}); the database may be unusable: "
            "run `kg load --bulk --replace` again"
        )


def _set_initial_password(home: Neo4jHome, java: str) -> bool:
    """Set the generated password before the first start; False when the database already has users.

    The password goes to neo4j-admin in an argument file (`@file`, which its picocli command line expands),
    written 0600 in a private temporary directory and deleted at once, so no command line (`ps`) shows it.
    """
    password = home.ensure_password()
    if (home.data / "dbms" / "auth.ini").exists():
        return False
    with tempfile.TemporaryDirectory(prefix="kg-neo4j-") as private:
        arguments = Path(private) / "password.args"
        fd = os.open(arguments, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(argument_file_text(password))
        done = _admin(home, java, ["dbms", "set-initial-password", f"@{arguments}"], home.root)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).replace(password, "***").strip().splitlines() or ["no output"]
        raise _error(f"setting the initial password failed: {output[-1][:200]}")
    return True


def server_version(home: Neo4jHome) -> str | None:
    """The Neo4j version of the installed jars."""
    for jar in home.lib.glob("neo4j-5*.jar"):
        match = re.fullmatch(r"neo4j-(\d+\.\d+\.\d+)\.jar", jar.name)
        if match:
            return match.group(1)
    return None


def is_installed(home: Neo4jHome) -> bool:
    return home.lib_stamp.exists() and home.conf_file.exists() and home.password() is not None


def install(
    home: Neo4jHome, *, bolt_port: int | None = None, http_port: int | None = None
) -> dict[str, object]:
    """Fetch the jars, write neo4j.conf and set the generated password. Idempotent and quick when done."""
    if java_major_version() < 17:
        raise _error("Neo4j 5.26 needs Java 17 or later; the `java` on PATH is older")
    current = home.settings()
    bolt = bolt_port or current["boltPort"]
    http = http_port or current["httpPort"]
    fetched = _fetch_jars(home)
    home.save_settings(bolt, http)
    for folder in (
        home.conf_dir,
        home.data,
        home.logs,
        home.run,
        home.root / "plugins",
        home.root / "import",
    ):
        folder.mkdir(parents=True, exist_ok=True)
    home.conf_file.write_text(render_conf(home, bolt, http))
    password_set = _set_initial_password(home, shutil.which("java") or "java")
    return {
        "home": str(home.root),
        "version": server_version(home),
        "jarsFetched": fetched,
        "passwordSet": password_set,
        "passwordFile": str(home.password_file),
        "bolt": home.bolt_uri,
        "browser": f"{home.http_url}/browser/",
    }


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (FileNotFoundError, IndexError, ProcessLookupError):
        return False
    return state != "Z" and ENTRY_POINT.encode() in cmdline


def running_pid(home: Neo4jHome) -> int | None:
    """The pid of this home's server when it is running."""
    if not home.pid_file.exists():
        return None
    try:
        pid = int(home.pid_file.read_text().strip())
    except ValueError:
        return None
    return pid if _alive(pid) else None


def _port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _log_tail(path: Path, lines: int) -> list[str]:
    if not path.exists():
        return []
    return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]


def _reap(pid: int) -> None:
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def start(
    home: Neo4jHome,
    *,
    timeout: float = 180.0,
    on_wait: Callable[[float], None] | None = None,
    ready: str = STARTED,
) -> dict[str, object]:
    """Start the server detached and wait until it logs `ready` (STARTED; BOLT_READY returns as soon as its
    databases answer on Bolt, while the HTTP server and the Browser are still starting); errors are one
    line. The server maps its class-data archive, or writes one when it stops (kg/neo4j/cds.py)."""
    if not is_installed(home):
        raise _error(f"not installed in {home.root}: run `kg neo4j install`")
    pid = running_pid(home)
    if pid is not None:
        raise _error(f"already running (pid {pid}) at {home.bolt_uri}")
    java = _java()
    for port in (home.settings()["boltPort"], home.settings()["httpPort"]):
        if _port_in_use(port):
            raise _error(f"port {port} on 127.0.0.1 is in use by another program")
    browser.prepare_web(home)
    home.logs.mkdir(parents=True, exist_ok=True)
    home.run.mkdir(parents=True, exist_ok=True)
    mark = home.console_log.stat().st_size if home.console_log.exists() else 0
    sharing, pending = cds.jvm_options(home, "server", java)
    if pending is not None:
        home.cds_pending_file.write_text(f"{pending}\n")
    command = [
        java,
        *JVM_FLAGS,
        *sharing,
        "-cp",
        _classpath(home),
        ENTRY_POINT,
        f"--home-dir={home.root}",
        f"--config-dir={home.conf_dir}",
        "--console-mode",
    ]
    with open(home.console_log, "ab") as log:
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=home.root,
            start_new_session=True,
        )
    home.pid_file.write_text(f"{process.pid}\n")
    began = time.monotonic()
    while True:
        output = home.console_log.read_bytes()[mark:].decode("utf-8", errors="replace")
        if ready in output:
            break
        if process.poll() is not None:
            home.pid_file.unlink(missing_ok=True)
            errors = [line for line in output.splitlines() if "ERROR" in line or "Exception" in line]
            raise _error(
                f"the server exited during start: {(errors or output.splitlines() or ['no output'])[-1][:200]}"
            )
        elapsed = time.monotonic() - began
        if elapsed > timeout:
            raise _error(f"the server did not start within {timeout:.0f} s; see `kg neo4j logs`")
        if on_wait:
            on_wait(elapsed)
        time.sleep(0.5)
    return {
        "pid": process.pid,
        "bolt": home.bolt_uri,
        "browser": f"{home.http_url}/browser/",
        "seconds": round(time.monotonic() - began, 1),
    }


def stop(home: Neo4jHome, *, timeout: float = 60.0) -> dict[str, object]:
    """Stop the server (SIGTERM, then SIGKILL after `timeout`)."""
    pid = running_pid(home)
    if pid is None:
        home.pid_file.unlink(missing_ok=True)
        raise _error("not running")
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        _reap(pid)
        time.sleep(0.3)
    forced = _alive(pid)
    if forced:
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.5)
        _reap(pid)
    home.pid_file.unlink(missing_ok=True)
    _publish_archive(home, written=not forced)
    return {"pid": pid, "forced": forced}


def _publish_archive(home: Neo4jHome, *, written: bool) -> None:
    """Put in place the class-data archive the stopped server was to write on its way out (`written`: it
    exited by itself, so the archive is whole), or drop it."""
    if home.cds_pending_file.exists():
        pending = Path(home.cds_pending_file.read_text().strip())
        if written:
            cds.publish(pending)
        else:
            pending.unlink(missing_ok=True)
        home.cds_pending_file.unlink()


def kill(home: Neo4jHome) -> int:
    """Kill the server at once (SIGKILL), as a crash would; returns its pid."""
    pid = running_pid(home)
    if pid is None:
        raise _error("not running")
    os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        _reap(pid)
        time.sleep(0.1)
    return pid


def status(home: Neo4jHome) -> dict[str, object]:
    """What is installed and whether the server is running."""
    pid = running_pid(home)
    return {
        "home": str(home.root),
        "installed": is_installed(home),
        "version": server_version(home),
        "running": pid is not None,
        "pid": pid,
        "bolt": home.bolt_uri,
        "browser": f"{home.http_url}/browser/",
        "passwordFile": str(home.password_file),
    }


def logs(home: Neo4jHome, lines: int = 40) -> list[str]:
    """The last lines of the server's console log."""
    return _log_tail(home.console_log, lines)
