"""The Neo4j Browser as the workbench, driven in headless Chromium against the session's server holding the
sample: log in with the generated password, find the guide the server opens after connecting, turn to
"Stale references" and run its query (two clicks), see the rows `kg query stale-references` gives, draw
the page's picture in the policy-kg style; the password stays out of every URL, log and served file.

Why the DevTools protocol (tests/support/cdp.py) and not `chromium --dump-dom`: logging in means typing
the password into the connect form, and a password may not go in a URL, so the page has to be driven. The
protocol runs over a pipe (`--remote-debugging-pipe`): no debugging port listens and no websocket library
is needed. Every step waits on the page's own DOM (the guide's slides, the result table's rows, the
graph's SVG captions), so a loaded machine makes the test slower, never wrong.

Screenshots of the guide, of the query's result and of the picture are written to the test's tmp dir
(docs/workbench.md shows copies).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kg.cli.main import app
from kg.neo4j.browser import GUIDE_FILE, STYLE_FILE, connect_url, content_url
from kg.neo4j.catalogue import bind, load_catalogue
from kg.neo4j.connection import Connection, open_driver
from kg.neo4j.guide import load_guide, runnable
from kg.neo4j.home import Neo4jHome
from kg.neo4j.runner import run
from tests.support.cdp import Page, open_page
from tests.support.neo4j_helpers import wipe
from tests.support.sample_notice import notice_lines

pytestmark = pytest.mark.neo4j
CATALOGUE = load_catalogue()
GUIDE = load_guide()
STALE = CATALOGUE["stale-references"]
STALE_PAGE = next(n for n, p in enumerate(GUIDE.pages, start=1) if STALE.name in p.queries)
DOCUMENT_COLOUR = "#4C8EDA"
RUNNABLE = "[...document.querySelectorAll('[data-testid=carousel] pre.runnable')]"
RESULT_ROWS = """(() => {
  const table = [...document.querySelectorAll('table.relatable__table')].find(t =>
    [...t.querySelectorAll('th[role=columnheader]')].map(h => h.textContent).join(',') === %s);
  return table && [...table.querySelectorAll('tr.relatable__table-body-row')].map(r =>
    [...r.querySelectorAll('td[role=cell]')].map(c => c.textContent));
})()"""
GRAPH = """(() => {
  const svg = [...document.querySelectorAll('svg')].find(s => s.querySelector('g.node text.caption'));
  return svg && {
    nodes: [...svg.querySelectorAll('g.node')].map(g => ({
      id: Number(g.getAttribute('aria-label').replace('graph-node', '')),
      fill: g.querySelector('circle.b-outline').getAttribute('fill'),
      lines: [...g.querySelectorAll('text.caption')].map(t => t.textContent.trim()),
    })),
    relationships: [...svg.querySelectorAll('g.relationship')].map(g => ({
      caption: g.querySelector('text').textContent,
      fill: g.querySelector('path.b-outline').getAttribute('fill'),
    })),
  };
})()"""


@dataclass(frozen=True)
class Session:
    """What the Browser showed, read from its DOM, and where the screenshots are."""

    slide_heading: str
    slide_count: str
    table: list[list[str]]
    graph: dict[str, list[dict[str, Any]]]
    page_url: str
    chromium_log: Path
    shots: dict[str, Path]


def _log_in(page: Page, user: str, password: str) -> None:
    """Type the password into the connect form (retyped if the form redraws meanwhile) and connect."""
    page.wait_for(f"document.querySelector('[data-testid=username]')?.value === {user!r}", "the connect form")
    field = "document.querySelector('[data-testid=password]')"
    for _ in range(5):
        page.click(field, "the password field")
        page.evaluate(f"{field}.select()")
        page.type_text(password)
        time.sleep(0.5)
        if page.evaluate(f"{field}.value.length") == len(password):
            break
    page.click("document.querySelector('[data-testid=connect]')", "the Connect button")


def _runnable(text: str) -> str:
    """The guide's runnable block holding `text`, on the slide shown."""
    return f"{RUNNABLE}.find(p => p.textContent.includes({json.dumps(text)}))"


def _click_play(page: Page, text: str, what: str, until: str) -> Any:
    """Click the ▶ the Browser puts beside the runnable block holding `text`; the value of `until`."""
    page.click(f"{_runnable(text)}?.querySelector('i')", what, until=until)
    return page.wait_for(until, what)


@pytest.fixture(scope="module")
def session(
    test_home: Neo4jHome,
    conn: Connection,
    sample_loaded: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> Session:
    tmp = tmp_path_factory.mktemp("browser")
    shots = {name: tmp / f"{name}.png" for name in ("guide", "result", "picture")}
    with open_page(tmp / "chromium", width=1280, height=900) as page:
        try:
            page.open(connect_url(test_home, conn.user, conn.database))
            _log_in(page, conn.user, conn.password)
            page.wait_for(f"{RUNNABLE}.length > 0", "the guide after connecting", timeout=90)
            heading = page.evaluate("document.querySelector('[data-testid=carousel] h3').textContent")
            count = page.evaluate(
                "[...document.querySelectorAll('[data-testid=carousel] *')]"
                ".map(e => e.textContent).find(t => /^\\d+ \\/ \\d+$/.test(t))"
            )
            page.screenshot(shots["guide"])
            page.click(
                f"document.querySelector('[data-testid=carousel] [aria-label=\"{STALE_PAGE}\"]')",
                "the page's dot",
                until=f"!!{_runnable('// ' + STALE.name)}",
            )
            rows = RESULT_ROWS % json.dumps(",".join(STALE.columns))
            table = _click_play(page, f"// {STALE.name}", "the query's ▶", until=rows)
            page.screenshot(shots["result"])
            picture = GUIDE.pages[STALE_PAGE - 1].picture.splitlines()[0]
            graph = _click_play(page, picture, "the picture's ▶", until=GRAPH)
            time.sleep(2)  # the layout settles
            page.screenshot(shots["picture"])
            return Session(heading, count, table, graph, page.evaluate("location.href"), page.log, shots)
        except AssertionError:
            page.screenshot(tmp / "failure.png")
            raise


def test_after_login_the_server_opens_the_guide_on_its_first_page(session: Session) -> None:
    assert session.slide_heading == f"1. {GUIDE.pages[0].title}"
    assert session.slide_count == f"1 / {len(GUIDE.pages)}"
    assert all(shot.stat().st_size > 20_000 for shot in session.shots.values())


def test_stale_references_in_two_clicks_shows_the_rows_kg_query_gives(
    session: Session, conn: Connection
) -> None:
    with open_driver(conn) as driver:
        expected = run(driver, conn.database, STALE.text, bind(STALE, {})).rows
    assert expected and len(session.table) == len(expected)
    shown = sorted(json.loads(row[0]) for row in session.table)  # string cells are shown as JSON strings
    assert shown == sorted(r["citing"] for r in expected)


def test_the_picture_is_drawn_in_the_policy_kg_style(session: Session, conn: Connection) -> None:
    nodes, relationships = session.graph["nodes"], session.graph["relationships"]
    with open_driver(conn) as driver:
        documents = {
            r["id"]: r["number"] or r["title"]
            for r in driver.execute_query(
                "MATCH (d:Document) WHERE id(d) IN $ids RETURN id(d) AS id, d.docNumber AS number, d.title AS title",
                ids=[n["id"] for n in nodes],
            ).records
        }
    assert nodes and {n["fill"] for n in nodes} == {DOCUMENT_COLOUR}
    for node in nodes:  # caption '{docNumber} {title}': the first line is the doc number, else the title
        first = next(line for line in node["lines"] if line).removesuffix("…")
        assert first and documents[node["id"]].startswith(first), (node, documents[node["id"]])
    assert {r["caption"] for r in relationships} >= {"SUPERSEDES"}
    assert {r["fill"] for r in relationships if r["caption"] == "SUPERSEDES"} == {"#D62728"}


def test_the_password_is_in_no_url_log_or_served_file(session: Session, test_home: Neo4jHome) -> None:
    password = test_home.password()
    assert password and password not in session.page_url
    port = test_home.settings()["httpPort"]
    for name in (GUIDE_FILE, STYLE_FILE):
        with urllib.request.urlopen(content_url(port, name), timeout=10) as response:
            assert response.status == 200 and password.encode() not in response.read()
    logs = [session.chromium_log, *test_home.logs.rglob("*.log")]
    assert [log for log in logs if password.encode() in log.read_bytes()] == []
    assert password not in test_home.conf_file.read_text()


def test_the_guide_queries_give_what_the_canned_ones_give_and_every_picture_draws(
    conn: Connection, sample_loaded: dict[str, Any]
) -> None:
    with open_driver(conn) as driver:
        for name, canned in CATALOGUE.items():
            if canned.params:  # the example values written in, where `kg query` passes them as parameters
                guided = run(driver, conn.database, runnable(canned), {}).rows
                assert guided == run(driver, conn.database, canned.text, bind(canned, {})).rows, name
        empty = [p.title for p in GUIDE.pages if not run(driver, conn.database, p.picture, {}).rows]
    assert empty == []


def test_kg_neo4j_browser_names_the_url_and_the_password_file(
    local_env: dict[str, str], test_home: Neo4jHome, conn: Connection, tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["neo4j", "browser"], env=local_env)
    assert result.exit_code == 0, result.output
    url = connect_url(test_home, conn.user, conn.database)
    assert result.stdout.strip().splitlines() == [
        f"Neo4j Browser: {url}  (user {conn.user}, password in {test_home.password_file})"
    ]
    assert "dbms=bolt%3A%2F%2Fneo4j%40127.0.0.1" in url and conn.password not in result.output
    as_json = CliRunner().invoke(app, ["neo4j", "browser", "--json"], env=local_env)
    assert json.loads(as_json.stdout) == {
        "url": url,
        "user": conn.user,
        "database": conn.database,
        "passwordFile": str(test_home.password_file),
    }
    opened = tmp_path / "opened"
    recorder = tmp_path / "recorder"
    recorder.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    recorder.chmod(0o755)
    kg = Path(sys.executable).with_name("kg")
    done = subprocess.run(
        [str(kg), "neo4j", "browser", "--open"],
        env={**local_env, "PATH": "/usr/bin:/bin", "BROWSER": str(recorder)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert opened.read_text().strip() == url


def test_kg_neo4j_browser_refuses_a_server_that_is_not_running(tmp_path: Path) -> None:
    stopped = Neo4jHome(tmp_path / "neo4j")
    stopped.ensure_password()
    result = CliRunner().invoke(app, ["neo4j", "browser"], env={"POLICY_KG_HOME": str(tmp_path)})
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        f"error: local neo4j: not running (start it with `kg neo4j start`), in {stopped.root}"
    ]


def test_kg_build_to_the_local_server_ends_with_the_browser_line(
    local_env: dict[str, str], test_home: Neo4jHome, conn: Connection, tmp_path: Path
) -> None:
    notice = tmp_path / "notice.txt"
    notice.write_text("\n".join(notice_lines()) + "\n", encoding="utf-8")
    with open_driver(conn) as driver:  # other tests leave graphs of no corpus, which kg build will not merge
        wipe(driver)
    result = CliRunner().invoke(
        app, ["build", str(notice), "--out", str(tmp_path / "out"), "--no-nlp"], env=local_env
    )
    assert result.exit_code == 0, result.output
    url = connect_url(test_home, conn.user, conn.database)
    assert result.stdout.strip().splitlines()[-1] == (
        f"Neo4j Browser: {url}  (user {conn.user}, password in {test_home.password_file})"
    )
