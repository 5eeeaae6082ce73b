"""Short texts written for the tests of notices printed on their own and of notices from other provinces:
the genre's shapes, none taken from the sample."""

from __future__ import annotations

# A red head as a PDF prints it: the issuer's mark, the number (spaced digits), the title over three lines,
# the signature's date with spaces.
RED_HEAD_PDF = """湖北省人民政府办公厅文件
鄂政办发〔2023〕12 号
湖北省人民政府办公厅
关于印发湖北省优化营商环境三年行动方案
（2023—2025年）的通知
各市、州、县人民政府，省政府各部门：
《湖北省优化营商环境三年行动方案（2023—2025年）》已经省人民政府同意，现印发给你们，请认真贯彻执行。
附件：湖北省优化营商环境三年行动方案（2023—2025年）
湖北省人民政府办公厅
2023 年 3 月 2 日
"""

# A portal's page printed to PDF: the metadata table as lines above the title; no number under the title
# and no signature, so the number and the date are the table's.
PORTAL_PRINT = """索 引 号：011043/2023-00031 主题分类：综合政务\\其他
发文机关：湖北省人民政府办公厅 成文日期：2023 年 03 月 02 日
标 题：湖北省人民政府办公厅关于印发湖北省优化营商环境若干措施的通知
发文字号：鄂政办发〔2023〕12 号 发布日期：2023 年 03 月 06 日
湖北省人民政府办公厅关于印发湖北省优化营商环境若干措施的通知
各市、州、县人民政府，省政府各部门：
《湖北省优化营商环境若干措施》已经省人民政府同意，现印发给你们，请认真贯彻执行。
"""

# A portal's title line, then the plan it prints with its own title again: no number, no cover notice.
PLAN_ON_ITS_OWN = """宜昌市优化营商环境三年行动方案
宜昌市优化营商环境三年行动方案
为深入贯彻落实国家和省优化营商环境决策部署，制定本方案。
一、总体目标
1.压缩企业开办时间。（责任单位：市市场监管局）
"""

# Notices of other provinces in the compilation layout: an issuer that names no place with its city only in
# the number, an autonomous prefecture by its short form, a heading printed without its date, a development
# zone's committee, and a cover notice that lists its attachments under 附件：.
OTHER_PROVINCES = """
# Page 20:
四、华中
（一）湖北
1. 市人民政府办公室关于印发优化营商环境若干措施的通知（2023 年4 月6 日）
十政办发〔2023〕5 号
各县市区人民政府，市政府各部门：
《优化营商环境若干措施》已经市人民政府同意，现印发给你们，请对照《重点任务分工方案（2023—2025年）》
和《重点任务分工方案》逐项抓好落实。
附件：
1.重点任务分工方案（2023—2025
年）
2.优化营商环境若干措施
市人民政府办公室
2023 年4 月6 日
2. 恩施州人民政府办公室关于进一步优化营商环境的实施意见
恩施州政办发〔2023〕3 号
各县市人民政府，州政府各部门：
现就进一步优化营商环境提出如下意见。
一、压缩办理时间
1.推行网上办理。（责任单位：州政务服务局）
恩施州人民政府办公室
2023 年5 月8 日
3. 宜昌高新区管委会关于印发优化营商环境十条措施的通知（2023 年5 月20 日）
宜高管发〔2023〕4 号
各部门：
现将《优化营商环境十条措施》印发给你们。
宜昌高新区管委会
2023 年5 月20 日
（二）湖南
1. 湘西自治州人民政府关于印发《湘西州优化营商环境三年行动方案（2023—2025
年）》的通知（2023 年3 月1 日）
州政发〔2023〕2 号
各县市人民政府，州直各部门：
为贯彻落实《湖南省优化营商环境条例》，现将《湘西州优化营商环境三年行动方案（2023—2025年）》印发给你们。
附件1：湘西州优化营商环境三年行动方案（2023—2025年）
附件2：重点任务清单
湘西自治州人民政府
2023 年3 月1 日
"""
