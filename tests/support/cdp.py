"""Headless Chromium driven through the DevTools protocol over a pipe, for the tests that look at pages.

`--remote-debugging-pipe` makes Chromium read NUL-terminated JSON commands on its fd 3 and write replies
and events on its fd 4: no debugging port listens, and no websocket library is needed. `Page` opens one
tab (a flat session) and waits on the page itself (`wait_for` polls a JavaScript condition in real time),
so a slow machine only makes a test slower, never wrong.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--hide-scrollbars",
    "--mute-audio",
)
REPLY_SECONDS = 60.0
CANVAS_TEXT = """
window.__canvasText = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
  window.__canvasText.push(String(text));
  return fillText.call(this, text, ...rest);
};
"""


class DevToolsError(AssertionError):
    """Chromium failed a command, went away, or a page never reached the state a test waits for."""


def chromium_path() -> str:
    path = shutil.which("chromium")
    assert path, "chromium is missing: run scripts/setup.sh (scripts/install_system_packages.sh)"
    return path


def _high(fd: int) -> int:
    """The descriptor moved to 10 or above, so bash's `3<&fd 4>&fd` never collides with it."""
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10)
    os.close(fd)
    return moved


class Page:
    """One tab of a headless Chromium: commands, JavaScript, mouse and keyboard, screenshots, console errors."""

    def __init__(self, profile: Path, width: int, height: int, scale: float) -> None:
        to_chromium, commands = (_high(fd) for fd in os.pipe())
        replies, from_chromium = (_high(fd) for fd in os.pipe())
        self._out, self._in = commands, replies
        self.log = profile.with_suffix(".log")
        profile.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self._process = subprocess.Popen(
                [
                    "/bin/bash",
                    "-c",
                    f'exec "$0" "$@" 3<&{to_chromium} 4>&{from_chromium} {to_chromium}<&- {from_chromium}>&-',
                    chromium_path(),
                    *FLAGS,
                    "--remote-debugging-pipe",
                    f"--user-data-dir={profile}",
                    f"--window-size={width},{height}",
                    "about:blank",
                ],
                pass_fds=(to_chromium, from_chromium),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        os.close(to_chromium)
        os.close(from_chromium)
        self._buffer = b""
        self._next_id = 0
        self.errors: list[str] = []
        target = self._call("Target.createTarget", {"url": "about:blank"}, None)["targetId"]
        self._session = self._call("Target.attachToTarget", {"targetId": target, "flatten": True}, None)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=False,
        )

    # --- the protocol --------------------------------------------------------------------------------------

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._in], [], [], left)[0]:
                raise DevToolsError("Chromium did not answer in time")
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise DevToolsError(f"Chromium went away; its log: {self.log}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _note(self, event: dict[str, Any]) -> None:
        """Keep what the page reports as an error: uncaught exceptions, console.error, error log entries."""
        params = event.get("params", {})
        if event["method"] == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.errors.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif event["method"] == "Runtime.consoleAPICalled" and params.get("type") == "error":
            self.errors.append(
                " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
            )
        elif event["method"] == "Log.entryAdded" and params["entry"].get("level") == "error":
            self.errors.append(params["entry"].get("text", ""))

    def _call(self, method: str, params: dict[str, Any], session: str | None) -> dict[str, Any]:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._out, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + REPLY_SECONDS
        while True:
            message = self._message(deadline)
            if "method" in message:
                self._note(message)
            elif message.get("id") == self._next_id:
                if "error" in message:
                    raise DevToolsError(f"{method}: {message['error'].get('message')}")
                result: dict[str, Any] = message.get("result", {})
                return result

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """One command to the page; its result."""
        return self._call(method, params, self._session)

    # --- what tests do -------------------------------------------------------------------------------------

    def open(self, url: str) -> None:
        self.send("Page.navigate", url=url)

    def record_canvas_text(self) -> None:
        """From the next page on, keep every text drawn on a 2D canvas in `window.__canvasText` (read with
        `canvas_text`): what a canvas shows, as the DOM cannot tell."""
        self.send("Page.addScriptToEvaluateOnNewDocument", source=CANVAS_TEXT)

    def canvas_text(self) -> str:
        return "".join(self.evaluate("window.__canvasText || []"))

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises awaited)."""
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise DevToolsError(f"{expression[:80]}: {reply['exceptionDetails'].get('text')}")
        return reply["result"].get("value")

    def wait_for(self, expression: str, what: str, timeout: float = 60.0) -> Any:
        """The first truthy value of `expression`, polled in real time until `timeout` seconds have passed."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise DevToolsError(f"waited {timeout:.0f} s for {what}")
            time.sleep(0.25)

    def click(self, expression: str, what: str, until: str | None = None, timeout: float = 60.0) -> None:
        """A mouse click in the middle of the element `expression` finds (waited for, scrolled into view);
        with `until`, clicked again until that condition holds (the page may move under the pointer)."""
        deadline = time.monotonic() + timeout
        while True:
            x, y = self.wait_for(
                f"""(() => {{ const e = {expression};
                    if (!e) return null;
                    e.scrollIntoView({{block: 'center'}});
                    const r = e.getBoundingClientRect();
                    return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; }})()""",
                what,
                max(deadline - time.monotonic(), 1.0),
            )
            for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
                self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)
            if until is None:
                return
            try:
                self.wait_for(until, what, min(5.0, max(deadline - time.monotonic(), 1.0)))
                return
            except DevToolsError:
                if time.monotonic() > deadline:
                    raise DevToolsError(f"clicked {what} for {timeout:.0f} s to no effect") from None

    def type_text(self, text: str) -> None:
        """Text typed into the focused element, as a keyboard would."""
        self.send("Input.insertText", text=text)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self) -> None:
        try:
            self._call("Browser.close", {}, None)
        except DevToolsError:
            pass
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._out)
        os.close(self._in)


@contextmanager
def open_page(profile: Path, width: int = 1280, height: int = 900, scale: float = 1) -> Iterator[Page]:
    """A headless Chromium with one tab of `width` x `height` CSS pixels, `scale` device pixels each, closed
    at the end; `profile` is its fresh user-data directory."""
    page = Page(profile, width, height, scale)
    try:
        yield page
    finally:
        page.close()
