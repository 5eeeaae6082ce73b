"""Class-data sharing archives of the local server's two JVMs (the server, neo4j-admin's import).

Most of a Java program's start is loading and verifying its classes from the jars (some 15,000 for the
server). The first run of a JVM writes the classes it loaded to an archive when it exits
(`-XX:ArchiveClassesAtExit`); later runs map the archive instead (`-XX:SharedArchiveFile`). An archive is
named by the jars (the pom's digest) and the JVM (its libjvm), so other jars or another Java make a new
one, and a JVM that cannot use an archive runs without it. It is written to a pending file and put in
place by `publish` once the JVM has exited, so no JVM maps a half-written archive. The JVM's own messages
about archives are switched off (`QUIET`): they would fill the server's log and neo4j-admin's output.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from kg.neo4j.home import Neo4jHome

QUIET = "-Xlog:cds=off,cds+dynamic=off"
_PENDING = ".part"


def _jvm_stamp(java: str) -> str:
    """Size and time of the JVM library behind `java` (of the launcher when it is not where it is expected)."""
    launcher = Path(os.path.realpath(java))
    library = launcher.parent.parent / "lib" / "server" / "libjvm.so"
    found = library if library.exists() else launcher
    info = found.stat()
    return f"{found} {info.st_size} {info.st_mtime_ns}"


def archive_path(home: Neo4jHome, role: str, java: str) -> Path:
    """Where the archive of `role` ("server", "import") for these jars and this JVM is kept."""
    jars = home.lib_stamp.read_text().strip() if home.lib_stamp.exists() else ""
    key = hashlib.sha256(f"{jars}\n{_jvm_stamp(java)}".encode()).hexdigest()[:16]
    return home.root / "cds" / f"{role}-{key}.jsa"


def jvm_options(home: Neo4jHome, role: str, java: str) -> tuple[list[str], Path | None]:
    """The options of one run of `role`: its archive mapped when there is one; else an archive written when
    the JVM exits, to the pending file returned (for `publish`)."""
    archive = archive_path(home, role, java)
    if archive.exists():
        return [QUIET, f"-XX:SharedArchiveFile={archive}"], None
    archive.parent.mkdir(parents=True, exist_ok=True)
    pending = archive.with_name(f"{archive.stem}.{secrets.token_hex(4)}{_PENDING}")
    return [QUIET, f"-XX:ArchiveClassesAtExit={pending}"], pending


def publish(pending: Path) -> bool:
    """Put the archive a JVM has written to `pending` in place (False when it wrote none); older archives of
    the same role, and pending files left by JVMs that were killed, are removed."""
    role = pending.name.split("-", 1)[0]
    archive = pending.with_name(pending.name.split(".", 1)[0] + ".jsa")
    written = pending.exists() and pending.stat().st_size > 0
    if written:
        os.replace(pending, archive)
    for old in pending.parent.glob(f"{role}-*"):
        if old != archive:
            old.unlink(missing_ok=True)
    return written
