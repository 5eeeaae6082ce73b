"""Class-data archives of the local server's JVMs: named by jars and JVM, written once, published whole."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.neo4j import cds
from kg.neo4j.home import Neo4jHome


def _home(tmp_path: Path, jars: str) -> Neo4jHome:
    home = Neo4jHome(tmp_path / "neo4j")
    home.lib_stamp.parent.mkdir(parents=True, exist_ok=True)
    home.lib_stamp.write_text(jars)
    return home


def test_archive_is_named_by_the_jars_and_the_role(tmp_path: Path) -> None:
    home = _home(tmp_path, "pom-digest-1")
    server = cds.archive_path(home, "server", sys.executable)
    assert server.parent == home.root / "cds" and server.name.startswith("server-")
    assert server == cds.archive_path(home, "server", sys.executable)
    assert cds.archive_path(home, "import", sys.executable) != server
    home.lib_stamp.write_text("pom-digest-2")
    assert cds.archive_path(home, "server", sys.executable) != server


def test_first_run_writes_a_pending_archive_and_later_runs_map_it(tmp_path: Path) -> None:
    home = _home(tmp_path, "pom")
    options, pending = cds.jvm_options(home, "server", sys.executable)
    assert pending is not None and pending.name.endswith(".part")
    assert options == [cds.QUIET, f"-XX:ArchiveClassesAtExit={pending}"]
    pending.write_bytes(b"classes")
    assert cds.publish(pending)
    archive = cds.archive_path(home, "server", sys.executable)
    assert archive.read_bytes() == b"classes" and not pending.exists()
    assert cds.jvm_options(home, "server", sys.executable) == (
        [cds.QUIET, f"-XX:SharedArchiveFile={archive}"],
        None,
    )


def test_an_archive_the_jvm_did_not_write_is_not_published(tmp_path: Path) -> None:
    home = _home(tmp_path, "pom")
    _, pending = cds.jvm_options(home, "import", sys.executable)
    assert pending is not None
    pending.write_bytes(b"")
    assert not cds.publish(pending)
    assert not cds.archive_path(home, "import", sys.executable).exists()


def test_publishing_removes_stale_archives_of_the_same_role_only(tmp_path: Path) -> None:
    home = _home(tmp_path, "old-jars")
    _, old_pending = cds.jvm_options(home, "server", sys.executable)
    assert old_pending is not None
    old_pending.write_bytes(b"old")
    cds.publish(old_pending)
    old_archive = cds.archive_path(home, "server", sys.executable)
    _, import_pending = cds.jvm_options(home, "import", sys.executable)
    assert import_pending is not None
    import_pending.write_bytes(b"import")
    cds.publish(import_pending)
    import_archive = cds.archive_path(home, "import", sys.executable)
    killed = home.root / "cds" / "server-0123456789abcdef.dead.part"
    killed.write_bytes(b"half")
    home.lib_stamp.write_text("new-jars")
    _, pending = cds.jvm_options(home, "server", sys.executable)
    assert pending is not None
    pending.write_bytes(b"new")
    assert cds.publish(pending)
    assert not old_archive.exists() and not killed.exists()
    assert cds.archive_path(home, "server", sys.executable).read_bytes() == b"new"
    assert import_archive.read_bytes() == b"import"
