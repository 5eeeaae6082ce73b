"""Web-page reader on pages laid out as government portals lay them out (tests.support.webpages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.model import MetadataField
from ingest.sources.auto import read_source
from tests.support.sample_notice import METADATA, TITLE, extracted, item_line, notice_lines, text_source
from tests.support.webpages import city_portal_page, gov_cn_page, items_page, notice_article

PORTAL_FURNITURE = (
    "首页",
    "当前位置",
    "版权所有",
    "分享到",
    "责任编辑",
    "ICP备",
    "网站标识码",
    "相关文件",
    "打印",
    "关闭窗口",
    "浏览次数",
)


def write(path: Path, html: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(html.encode(encoding))
    return path


def lines_of(path: Path) -> list[str]:
    (page,) = read_source(path).pages
    return list(page.lines)


def test_gov_cn_page_article_and_metadata_table(tmp_path: Path) -> None:
    page = write(tmp_path / "content_5740000.htm", gov_cn_page(notice_article(notice_lines())))
    source = read_source(page)
    assert [list(p.lines) for p in source.pages] == [notice_lines()]
    assert source.metadata == (
        *(MetadataField(key, value) for key, value in METADATA),
        MetadataField("title", f"{TITLE}_国务院文件_中国政府网"),
    )
    assert source.warnings == ()


def test_city_portal_drops_nav_breadcrumbs_footer_and_keeps_the_h1_title(tmp_path: Path) -> None:
    html = city_portal_page(notice_article(notice_lines()[1:]), charset="gb2312")
    page = write(tmp_path / "t20230303_123.shtml", html, "gb18030")
    lines = lines_of(page)
    assert lines == notice_lines()
    assert not [line for line in lines if any(word in line for word in PORTAL_FURNITURE)]
    fields = {field.key: field.value for field in read_source(page).metadata}
    assert fields == {
        "发布时间": "2023-03-03 10:21",
        "来源": "苏州市人民政府办公室",
        "title": f"{TITLE}-苏州市人民政府",
    }


def test_one_div_of_p_items_with_lead_and_support_units(tmp_path: Path) -> None:
    items = [
        "1.推进企业开办全程网上办理，压缩开办时间至1个工作日。（牵头单位：市市场监管局，配合单位：市公安局、市税务局）",
        "2.深化工程建设项目审批制度改革，实行联合验收。（牵头单位：市住房城乡建设局，配合单位：市自然资源和规划局）",
        "3.加强知识产权保护，建立快速维权机制。（牵头单位：市知识产权局，配合单位：市中级人民法院）",
    ]
    page = write(tmp_path / "items.html", items_page(items))
    assert lines_of(page) == [TITLE, *items]
    ((*_, measures),) = extracted(read_source(page))
    assert [units for _, units in measures] == [
        [("市市场监管局", "lead"), ("市公安局", "support"), ("市税务局", "support")],
        [("市住房城乡建设局", "lead"), ("市自然资源和规划局", "support")],
        [("市知识产权局", "lead"), ("市中级人民法院", "support")],
    ]


def test_web_page_reads_as_its_text_does(tmp_path: Path) -> None:
    page = write(tmp_path / "notice.html", gov_cn_page(notice_article(notice_lines())))
    assert extracted(read_source(page)) == extracted(text_source())


def test_task_table_in_the_article_reads_as_items(tmp_path: Path) -> None:
    rows = "".join(
        f"<tr><td>{n}</td><td>{task}</td><td>{'<br>'.join(units)}</td></tr>"
        for n, task, units in (
            (1, "推进企业开办全程网上办理。", ("市市场监管局", "市公安局")),
            (2, "实行联合验收。", ("市住房城乡建设局",)),
        )
    )
    table = f"<table><tr><th>序号</th><th>任务</th><th>责任单位</th></tr>{rows}</table>"
    article = notice_article(notice_lines()[:7]) + "<p>一、提升政务服务效能</p>" + table
    lines = lines_of(write(tmp_path / "table.html", gov_cn_page(article)))
    assert lines[-3:] == [
        "一、提升政务服务效能",
        item_line(1, "推进企业开办全程网上办理。", ("市市场监管局", "市公安局")),
        item_line(2, "实行联合验收。", ("市住房城乡建设局",)),
    ]


def test_ordered_list_numbers_are_written_in(tmp_path: Path) -> None:
    tasks = ["推进企业开办全程网上办理，压缩开办时间。", "深化工程建设项目审批制度改革。"]
    article = notice_article(notice_lines()[:7]) + "<ol>" + "".join(f"<li>{t}</li>" for t in tasks) + "</ol>"
    assert lines_of(write(tmp_path / "ol.html", gov_cn_page(article)))[-2:] == [
        f"1.{tasks[0]}",
        f"2.{tasks[1]}",
    ]


def test_page_not_in_its_declared_charset_is_read_with_a_warning(tmp_path: Path) -> None:
    page = write(tmp_path / "mislabelled.html", gov_cn_page(notice_article(notice_lines()), charset="gbk"))
    source = read_source(page)
    assert list(source.pages[0].lines) == notice_lines()
    assert source.warnings == (f"{page}: declares charset gb18030 but is utf-8; read as utf-8",)


def test_magic_bytes_choose_the_web_reader_whatever_the_suffix(tmp_path: Path) -> None:
    page = write(
        tmp_path / "saved.txt", "\ufeff  <!doctype HTML>" + gov_cn_page(notice_article(notice_lines()))[15:]
    )
    assert lines_of(page) == notice_lines()


@pytest.mark.parametrize(
    "body",
    [
        "<ul>"
        + "".join(
            f"<li><a href='/{i}'>苏州市人民政府办公室关于印发第{i}号文件的通知</a> 2023-01-0{i % 9 + 1}</li>"
            for i in range(30)
        )
        + "</ul>",
        "<div id='app'></div><script src='app.js'></script>",
    ],
    ids=["listing", "script-loaded"],
)
def test_page_without_article(tmp_path: Path, body: str) -> None:
    page = write(tmp_path / "list.html", city_portal_page(body))
    with pytest.raises(InputError) as caught:
        read_source(page)
    message = str(caught.value)
    assert message.startswith(f"{page}: web page holds no article text") and "\n" not in message
