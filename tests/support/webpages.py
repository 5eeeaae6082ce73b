"""Test helper: web pages as government portals lay them out, around a notice's lines.

- `gov_cn_page`: the State Council's layout: header links, channel nav, breadcrumbs, the metadata table
  (索引号 … 发布日期, labels spaced as gov.cn spaces them), the article in `#UCAP-CONTENT`, the editor
  line, share and print widgets, the footer.
- `city_portal_page`: a city portal: the site's name as an `<h1>` over its logo, search, menu, 当前位置 breadcrumbs, a side column, the
  `<h1>` title and info line above the article, attachments, share buttons, related links, footer.
- `items_page`: a city portal whose article is one `<div>` of `<p>` items.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from tests.support.sample_notice import METADATA, TITLE

SPACED_LABELS = {"索引号": "索  引  号", "标题": "标　　题"}


def paragraphs(lines: Sequence[str]) -> str:
    return "\n".join(f"<p>　　{escape(line)}</p>" for line in lines)


def metadata_table(fields: Sequence[tuple[str, str]] = METADATA) -> str:
    """gov.cn's table: two label/value pairs a row, the title on a row of its own."""

    def pair(key: str, value: str, span: str = "") -> str:
        return f"<td><b>{SPACED_LABELS.get(key, key)}：</b></td><td{span}>{escape(value)}</td>"

    rows, i = [], 0
    while i < len(fields):
        if fields[i][0] == "标题" or i + 1 == len(fields):
            rows.append(f"<tr>{pair(*fields[i], span=' colspan=3')}</tr>")
            i += 1
        else:
            rows.append(f"<tr>{pair(*fields[i])}{pair(*fields[i + 1])}</tr>")
            i += 2
    return f'<table class="bd1" cellspacing="1" cellpadding="0"><tbody>{"".join(rows)}</tbody></table>'


def gov_cn_page(article_html: str, *, title: str = TITLE, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="{charset}">
<title>{escape(title)}_国务院文件_中国政府网</title>
<meta name="ArticleTitle" content="{escape(title)}">
<script>var channel = "首页 新闻 政策";</script><style>.bd1 td {{ padding: 4px }}</style>
</head><body>
<div class="header"><a href="/">首页</a> | <a href="#">简</a> | <a href="#">繁</a> | <a href="#">EN</a> | <a href="#">登录</a></div>
<div class="nav"><ul><li><a href="#">首页</a></li><li><a href="#">新闻</a></li><li><a href="#">政策</a></li><li><a href="#">互动</a></li><li><a href="#">服务</a></li><li><a href="#">数据</a></li></ul></div>
<div class="BreadcrumbNav"><a href="#">首页</a> &gt; <a href="#">政策</a> &gt; <a href="#">国务院文件</a></div>
<div class="article oneColumn pub_border">
<div class="policyLibraryOverview_header">{metadata_table()}</div>
<div class="pages_content" id="UCAP-CONTENT">
{article_html}
</div>
<div class="editor">【我要纠错】 责任编辑：王宁</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="javascript:window.print()">【打印】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
</div>
<div class="footer"><a href="#">关于本网</a> | <a href="#">网站声明</a> | <a href="#">联系我们</a>
<p>版权所有：中国政府网 主办单位：国务院办公厅 运行维护单位：中国政府网运行中心</p>
<p>京ICP备05070218号 京公网安备11010202000001号</p></div>
</body></html>"""


def city_portal_page(article_html: str, *, title: str = TITLE, charset: str = "utf-8") -> str:
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{escape(title)}-苏州市人民政府</title>
<script type="text/javascript" src="/js/jquery.min.js"></script></head><body>
<div id="top"><h1 class="logo"><a href="/"><img src="logo.png" alt="">苏州市人民政府门户网站</a></h1>
<div class="search"><input type="text" placeholder="请输入关键词"><button>搜索</button></div></div>
<div class="menu"><ul><li><a href="#">首页</a></li><li><a href="#">政务公开</a></li><li><a href="#">政务服务</a></li><li><a href="#">互动交流</a></li><li><a href="#">走进苏州</a></li></ul></div>
<div class="position">当前位置：<a href="#">首页</a> &gt; <a href="#">政务公开</a> &gt; <a href="#">政策文件</a> &gt; <a href="#">市政府办公室文件</a></div>
<div class="main"><div class="left"><h3>政策文件</h3><ul><li><a href="#">市政府文件</a></li><li><a href="#">市政府办公室文件</a></li><li><a href="#">部门文件</a></li></ul></div>
<div class="right">
<h1 class="title">{escape(title)}</h1>
<div class="info">发布时间：2023-03-03 10:21　来源：苏州市人民政府办公室　浏览次数：1024　字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="content" id="zoom">
{article_html}
</div>
<div class="fj">附件：<a href="a.pdf">苏州市进一步优化营商环境若干措施.pdf</a></div>
<div class="bdsharebuttonbox"><span>分享到：</span><a class="bds_weixin">微信</a><a class="bds_tsina">微博</a><a class="bds_qzone">QQ空间</a></div>
<div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h4>相关文件</h4><ul><li><a href="#">苏州市优化营商环境创新行动2023</a></li><li><a href="#">关于进一步支持中小企业发展的若干措施</a></li></ul></div>
</div></div>
<div class="footer"><p><a href="#">网站地图</a> | <a href="#">联系我们</a> | <a href="#">隐私声明</a></p>
<p>主办：苏州市人民政府办公室　承办：苏州市大数据管理局</p>
<p>网站标识码：3205000001　苏ICP备10229007号　苏公网安备 32050802010531号</p></div>
<script type="text/javascript">document.write("访问统计");</script>
</body></html>"""


def items_page(items: Sequence[str], *, title: str = TITLE) -> str:
    """A city portal whose article is one <div> of <p> items."""
    body = '<div class="TRS_Editor">' + "".join(f"<p>{escape(item)}</p>" for item in items) + "</div>"
    return city_portal_page(body, title=title)


def notice_article(lines: Sequence[str]) -> str:
    """A notice's lines as portals mark them up: the title and number centred, the title and headings
    bold, the signature right-aligned, paragraphs indented with full-width spaces."""
    out = []
    for i, line in enumerate(lines):
        text = escape(line)
        if i == 0:
            out.append(f'<p style="text-align: center;"><strong>{text}</strong></p>')
        elif i == 1:
            out.append(f'<p style="text-align: center;">{text}</p>')
        elif line[:2] in ("一、", "二、", "三、"):
            out.append(f"<p>　　<strong>{text}</strong></p>")
        elif line.endswith("日") and len(line) < 12 or line.endswith("办公室"):
            out.append(f'<p style="text-align: right;">{text}</p>')
        else:
            out.append(f"<p>　　{text}</p>")
    return "\n".join(out)
