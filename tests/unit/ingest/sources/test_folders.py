"""Folders expanded into the files policy-kg reads, on a real folder of mixed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.sources.auto import read_source
from ingest.sources.folders import Skipped, expand_folder, expand_paths
from tests.support.docxmaker import make_docx
from tests.support.pdfmaker import make_pdf
from tests.support.sample_notice import notice_lines
from tests.support.webpages import gov_cn_page, notice_article


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICY_KG_CACHE", str(tmp_path / "cache"))


def mixed_folder(root: Path) -> Path:
    """A folder as users bring it: every kind read, files that are not, a subfolder, hidden things."""
    folder = root / "notices"
    (folder / "2023" / "province").mkdir(parents=True)
    (folder / ".git").mkdir()
    text = "\n".join(notice_lines())
    make_pdf(folder / "b-notice.pdf", [notice_lines()])
    (folder / "a-notice.HTML").write_text(gov_cn_page(notice_article(notice_lines())), encoding="utf-8")
    make_docx(folder / "2023" / "c-notice.docx", [text])
    (folder / "2023" / "province" / "d-regulation.md").write_text(
        "# 某省优化营商环境条例\n\n第一条 为了优化营商环境，制定本条例。\n", encoding="utf-8"
    )
    (folder / "e-notice.txt").write_text(text, encoding="utf-8")
    (folder / "tasks.xlsx").write_bytes(b"PK\x03\x04 spreadsheet")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    (folder / "README").write_text("说明", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00")
    (folder / "~$c-notice.docx").write_bytes(b"\x00")
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    return folder


def test_supported_files_in_sorted_order_and_the_rest_skipped_with_reasons(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    found = expand_folder(folder)
    assert [path.relative_to(folder).as_posix() for path in found.files] == [
        "2023/c-notice.docx",
        "2023/province/d-regulation.md",
        "a-notice.HTML",
        "b-notice.pdf",
        "e-notice.txt",
    ]
    reasons = {item.path.name: item.reason for item in found.skipped}
    assert reasons.keys() == {".DS_Store", "README", "old.doc", "tasks.xlsx", "~$c-notice.docx"}
    assert reasons["tasks.xlsx"] == "not a kind of file policy-kg reads (.xlsx)"
    assert reasons["README"] == "not a kind of file policy-kg reads (no suffix)"
    assert (
        reasons["old.doc"].startswith("Word 97-2003 (.doc) or WPS (.wps) file")
        and "save it as .docx or PDF" in reasons["old.doc"]
    )
    assert reasons[".DS_Store"] == reasons["~$c-notice.docx"] == "hidden or temporary file"
    assert all(read_source(path).pages for path in found.files)


def test_unreadable_file_in_a_folder_fails_when_read_naming_it(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    broken = folder / "f-moved.pdf"
    broken.symlink_to(folder / "gone.pdf")
    assert broken in expand_folder(folder).files
    with pytest.raises(InputError) as caught:
        read_source(broken)
    assert str(caught.value) == f"{broken}: no such file"


def test_folder_with_nothing_readable(tmp_path: Path) -> None:
    folder = tmp_path / "scans"
    folder.mkdir()
    for name in ("a.doc", "b.jpg", "c.ofd", "d.xlsx"):
        (folder / name).write_bytes(b"x")
    with pytest.raises(InputError) as caught:
        expand_folder(folder)
    assert str(caught.value) == f"{folder}: no file policy-kg reads here (4 skipped: a.doc, b.jpg, c.ofd, …)"
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InputError, match="folder is empty"):
        expand_paths([empty])


def test_paths_keep_their_order_files_as_given_folders_expanded(tmp_path: Path) -> None:
    folder = mixed_folder(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    single = tmp_path / "z-single.dat"
    single.write_text("\n".join(notice_lines()), encoding="utf-8")
    found = expand_paths([single, folder, empty])
    assert found.files[0] == single and found.files[1:] == expand_folder(folder).files
    assert found.skipped[-1] == Skipped(empty, "folder holds no file policy-kg reads")
