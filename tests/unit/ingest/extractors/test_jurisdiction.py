"""Jurisdiction from the issuer's name, with national adcodes; never from the compilation section."""

import pytest

from ingest.extractors.jurisdiction import jurisdiction_of, jurisdiction_of_doc_number


@pytest.mark.parametrize(
    ("name", "province", "city", "district", "level"),
    [
        ("上海市黄浦区人民政府办公室", "上海市", "上海市", "黄浦区", "district"),
        ("上海市商务委员会", "上海市", "上海市", None, "province"),
        ("国家税务总局上海市税务局", "上海市", "上海市", None, "province"),
        ("上海海关", "上海市", "上海市", None, "province"),
        ("上海市公安局奉贤分局", "上海市", "上海市", "奉贤区", "district"),
        ("浙江省市场监督管理局", "浙江省", None, None, "province"),
        ("杭州市发改委", "浙江省", "杭州市", None, "city"),
        ("昆山市人民政府", "江苏省", "苏州市", "昆山市", "district"),
        ("中共扬州市委", "江苏省", "扬州市", None, "city"),
        ("长沙市岳麓区人民政府", "湖南省", "长沙市", "岳麓区", "district"),
    ],
)
def test_issuer_names_place_the_body(name, province, city, district, level):
    where = jurisdiction_of([name])
    assert (where.province, where.city, where.district, where.level) == (province, city, district, level)
    assert where.adcode and len(where.adcode) == 6


def test_section_heading_does_not_override_the_issuer():
    where = jurisdiction_of(["泰安市人民政府办公室"], section="江苏")
    assert (where.province, where.city) == ("山东省", "泰安市")


def test_misprinted_place_with_a_dropped_character_is_found_when_unique():
    assert jurisdiction_of(["云港市优化营商环境条例"]).city == "连云港市"


def test_national_bodies():
    assert jurisdiction_of(["国务院办公厅"]).level == "national"


def test_first_name_that_places_the_body_wins():
    where = jurisdiction_of(["省财政厅", "浙江省财政厅关于某事的通知"])
    assert where.province == "浙江省"


@pytest.mark.parametrize(
    ("code", "level", "province"),
    [
        ("国办发", "national", None),
        ("国发", "national", None),
        ("沪府办规", "province", "上海市"),
        ("苏政发", "province", "江苏省"),
        ("杭政办函", None, None),
    ],
)
def test_doc_number_prefix_levels(code, level, province):
    where = jurisdiction_of_doc_number(code)
    assert (where.level, where.province) == (level, province)


@pytest.mark.parametrize(
    ("title", "level", "province"),
    [
        ("促进个体工商户发展条例", "national", None),
        ("中华人民共和国专利法", "national", None),
        ("政府采购法实施条例（试行）", "national", None),
        ("财政部关于加强政府采购活动内部控制管理的指导意见", "national", None),
        ("湖南省优化营商环境条例", "province", "湖南省"),
        ("鼓励外商投资产业目录", None, None),
    ],
)
def test_cited_titles_place_the_document(title, level, province):
    from ingest.extractors.jurisdiction import jurisdiction_of_cited_title

    where = jurisdiction_of_cited_title(title)
    assert (where.level, where.province) == (level, province)


def test_a_local_department_printed_without_its_place_is_not_national():
    from ingest.extractors.jurisdiction import jurisdiction_of_cited_title

    assert jurisdiction_of_cited_title("市委组织部关于做好人才工作的通知").level is None
