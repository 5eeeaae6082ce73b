"""One notice written for the reader tests, as the portals publish it: its text lines, its task lists
and the metadata gov.cn prints beside it. Web pages, .docx files and scans are made from it."""

from __future__ import annotations

from ingest.model import Page, Source

TITLE = "苏州市人民政府办公室关于印发苏州市进一步优化营商环境若干措施的通知"
NUMBER = "苏府办〔2023〕12号"
ISSUER = "苏州市人民政府办公室"
DATE = "2023年3月1日"
COVER = (
    TITLE,
    NUMBER,
    "各市、区人民政府，苏州工业园区、苏州高新区管委会；市各委办局，各直属单位：",
    "《苏州市进一步优化营商环境若干措施》已经市政府同意，现印发给你们，请认真贯彻落实。",
    ISSUER,
    DATE,
    "苏州市进一步优化营商环境若干措施",
)
# (section heading, [(task, units)]): each section's tasks are a 序号 | 任务 | 责任单位 table in Word
SECTIONS = (
    (
        "一、提升政务服务效能",
        (
            ("推进企业开办全程网上办理，压缩开办时间至1个工作日。", ("市市场监管局", "市公安局")),
            ("深化工程建设项目审批制度改革，实行联合验收。", ("市住房城乡建设局", "市自然资源和规划局")),
        ),
    ),
    (
        "二、优化市场环境",
        (
            ("加强知识产权保护，建立快速维权机制。", ("市知识产权局",)),
            ("规范涉企收费，清理违规设立的中介服务事项。", ("市发展改革委", "市财政局")),
        ),
    ),
)
CLOSING = ("本措施自2023年4月1日起施行，有效期至2025年12月31日。",)
METADATA = (
    ("索引号", "014000319/2023-00123"),
    ("主题分类", "综合政务\\其他"),
    ("发文机关", ISSUER),
    ("成文日期", "2023年03月01日"),
    ("标题", TITLE),
    ("发文字号", NUMBER),
    ("发布日期", "2023年03月03日"),
)


def item_line(number: int, task: str, units: tuple[str, ...]) -> str:
    """A task as a text version prints it, the line a task table row reads as."""
    return f"{number}.{task}（责任单位：{'、'.join(units)}）"


def notice_lines() -> list[str]:
    """The whole notice as text lines."""
    lines = list(COVER)
    for heading, tasks in SECTIONS:
        lines.append(heading)
        lines += [item_line(n, task, units) for n, (task, units) in enumerate(tasks, 1)]
    return lines + list(CLOSING)


def extracted(source: Source) -> list[tuple[object, ...]]:
    """What the pipeline reads from a source, for comparing formats: per document its title, doc number,
    issue date and issuers, and per measure its path and units with their roles."""
    from ingest.pipeline import extract_source

    return [
        (
            record.header.title,
            record.header.doc_number,
            record.header.issue_date,
            [issuer.name for issuer in record.header.issuers],
            [(m.path, [(u.as_printed, u.role) for u in m.units]) for m in record.measures],
        )
        for record in extract_source(source)
    ]


def text_source() -> Source:
    """The notice as a plain text source, the reference the other formats are compared with."""
    return Source("notice.txt", "0" * 64, (Page(1, tuple(notice_lines())),))
