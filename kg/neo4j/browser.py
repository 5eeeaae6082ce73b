"""The Neo4j Browser of the local server as the workbench: its URL, its settings and the files it serves.

Neo4j serves the Browser from the first `browser/` folder on its classpath. `prepare_web` puts one in
`<home>/web/`, the only one on the server's classpath (kg/neo4j/server.py leaves the Browser jar off): the
Browser jar's files, and beside them, under `browser/policy-kg/`, the guide of the canned analyses and the
style sheet (kg/data). After a login the Browser runs the post-connect command of `conf_settings`: it
applies the style and opens the guide, both fetched from 127.0.0.1, the one host it may fetch content from.
The password stays in its 0600 file: no URL, setting or served file holds it.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path
from urllib.parse import quote, urlencode

from ingest.errors import InputError
from kg.neo4j.home import Neo4jHome

DATA = Path(__file__).resolve().parents[1] / "data"
GUIDE_SOURCE = DATA / "browser-guide.html"
STYLE_SOURCE = DATA / "browser-style.grass"
WEB_FOLDER = "policy-kg"
GUIDE_FILE = "guide.html"
STYLE_FILE = "style.grass"
_JAR_STAMP = ".browser-jar"
JAR_PREFIX = "neo4j-browser-"


def web_root(home: Neo4jHome) -> Path:
    """The classpath folder holding the `browser/` the server serves."""
    return home.root / "web"


def content_url(http_port: int, name: str) -> str:
    """Where the server serves one of the policy-kg files (GUIDE_FILE, STYLE_FILE)."""
    return f"http://127.0.0.1:{http_port}/browser/{WEB_FOLDER}/{name}"


def conf_settings(http_port: int) -> dict[str, str]:
    """neo4j.conf lines for the Browser: style and guide after connecting, content from 127.0.0.1 only,
    no product analytics."""
    return {
        "browser.post_connect_cmd": (
            f"style {content_url(http_port, STYLE_FILE)}; play {content_url(http_port, GUIDE_FILE)}"
        ),
        "browser.remote_content_hostname_whitelist": "127.0.0.1",
        "client.allow_telemetry": "false",
    }


def connect_url(home: Neo4jHome, user: str, database: str) -> str:
    """The Browser with the connect form filled in for the local server (user and database, no password)."""
    query = urlencode(
        {"dbms": home.bolt_uri.replace("://", f"://{quote(user, safe='')}@", 1), "db": database}
    )
    return f"{home.http_url}/browser/?{query}"


def _browser_jar(home: Neo4jHome) -> Path:
    jars = sorted(home.lib.glob(f"{JAR_PREFIX}*.jar"))
    if not jars:
        raise InputError("local neo4j", f"no Neo4j Browser jar in {home.lib}: run `kg neo4j install`")
    return jars[-1]


def _extract_browser(jar: Path, root: Path) -> None:
    """The jar's `browser/` files under `root`, once per jar (a stamp names the jar extracted)."""
    stamp = root / _JAR_STAMP
    signature = f"{jar.name} {jar.stat().st_size}\n"
    if stamp.exists() and stamp.read_text() == signature:
        return
    shutil.rmtree(root / "browser", ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(jar) as archive:
        archive.extractall(root, [name for name in archive.namelist() if name.startswith("browser/")])
    stamp.write_text(signature)


def prepare_web(home: Neo4jHome) -> Path:
    """The Browser's files with the guide and style beside them, in `web_root(home)`; quick when done."""
    root = web_root(home)
    _extract_browser(_browser_jar(home), root)
    folder = root / "browser" / WEB_FOLDER
    folder.mkdir(exist_ok=True)
    for source, name in ((GUIDE_SOURCE, GUIDE_FILE), (STYLE_SOURCE, STYLE_FILE)):
        shutil.copyfile(source, folder / name)
    return root
