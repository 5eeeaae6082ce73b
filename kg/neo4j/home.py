"""Where the local Neo4j lives: the per-user data directory, its files, ports and password."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474


def data_root() -> Path:
    """$POLICY_KG_HOME, else $XDG_DATA_HOME/policy-kg, else ~/.local/share/policy-kg."""
    if os.environ.get("POLICY_KG_HOME"):
        return Path(os.environ["POLICY_KG_HOME"]).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "policy-kg"


@dataclass(frozen=True)
class Neo4jHome:
    """The directory of one local Neo4j server and the files in it."""

    root: Path

    @classmethod
    def default(cls) -> Neo4jHome:
        return cls(data_root() / "neo4j")

    @property
    def lib(self) -> Path:
        return self.root / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.root / "conf"

    @property
    def conf_file(self) -> Path:
        return self.conf_dir / "neo4j.conf"

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def run(self) -> Path:
        return self.root / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def cds_pending_file(self) -> Path:
        """Names the class-data archive the running server writes when it stops (kg/neo4j/cds.py)."""
        return self.run / "cds-pending"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def password_file(self) -> Path:
        return self.root / "password"

    @property
    def settings_file(self) -> Path:
        return self.root / "settings.json"

    @property
    def lib_stamp(self) -> Path:
        return self.lib / ".pom.sha256"

    def settings(self) -> dict[str, int]:
        """The ports chosen at install time (defaults when not installed)."""
        saved = json.loads(self.settings_file.read_text()) if self.settings_file.exists() else {}
        return {
            "boltPort": int(saved.get("boltPort", DEFAULT_BOLT_PORT)),
            "httpPort": int(saved.get("httpPort", DEFAULT_HTTP_PORT)),
        }

    def save_settings(self, bolt_port: int, http_port: int) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.settings_file.write_text(json.dumps({"boltPort": bolt_port, "httpPort": http_port}) + "\n")

    @property
    def bolt_uri(self) -> str:
        return f"bolt://127.0.0.1:{self.settings()['boltPort']}"

    @property
    def http_url(self) -> str:
        return f"http://127.0.0.1:{self.settings()['httpPort']}"

    def password(self) -> str | None:
        """The generated password, or None before install."""
        return self.password_file.read_text().strip() if self.password_file.exists() else None

    def ensure_password(self) -> str:
        """The stored password, generating one (file mode 0600) the first time."""
        existing = self.password()
        if existing:
            return existing
        self.root.mkdir(parents=True, exist_ok=True)
        value = new_password()
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(value + "\n")
        return value


def new_password() -> str:
    """A random password that never starts with "-": neo4j-admin would read such an argument as an option
    (`token_urlsafe` starts one in 64 that way)."""
    value = secrets.token_urlsafe(24)
    while value.startswith("-"):
        value = secrets.token_urlsafe(24)
    return value
