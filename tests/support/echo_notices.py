"""Two notices written for the tests, each a file of its own: a province's, and a city's that restates one
of its measures word for word (an echo) beside one of its own."""

from __future__ import annotations

REGULATED = (
    "全面实施跨部门联合双随机一公开监管，进一步扩大多部门联合监管范围和频次，完善监管方式，推动监管信息共享互认，"
    "避免多头执法、重复检查。在安全生产、食品安全、交通运输、生态环境等领域运用现代信息技术推进实施非现场监管。"
)
REGISTRATION = (
    "推行企业登记全程电子化，拓展设立、变更、注销全程网办覆盖范围，依托电子营业执照系统推行市场主体身份码，"
    "提高一次核准率。"
)
HOUSING = (
    "加快建设城市更新项目，推动旧区改造和城中村改造，完善住房保障体系，稳妥推进保障性租赁住房建设和供应。"
)

PROVINCE_NOTICE = f"""安徽省人民政府办公厅关于进一步优化营商环境的通知
皖政办〔2023〕5号
各市人民政府，省政府各部门：
一、{REGULATED}
二、{REGISTRATION}（牵头单位：省市场监管局）
安徽省人民政府办公厅
2023年3月1日
"""

CITY_NOTICE = f"""淮南市人民政府办公厅关于落实优化营商环境工作的通知
淮府办〔2023〕9号
各县、区人民政府，市政府各部门：
一、{REGULATED}
二、{HOUSING}（牵头单位：市住房城乡建设局）
淮南市人民政府办公厅
2023年5月1日
"""
