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


def _placed(text: str):
    from ingest.pipeline import extract_document
    from ingest.segment import segment_pages
    from ingest.sources.text import parse_text_dump

    return [extract_document(doc).jurisdiction for doc in segment_pages(parse_text_dump(text), "t.txt")]


def test_an_issuer_naming_no_place_is_placed_by_its_doc_number():
    from tests.support.standalone_texts import OTHER_PROVINCES

    shiyan, enshi, zone, xiangxi = _placed(OTHER_PROVINCES)
    assert (shiyan.province, shiyan.city, shiyan.level) == ("湖北省", "十堰市", "city")
    assert (enshi.city, enshi.level) == ("恩施土家族苗族自治州", "city")
    assert (zone.city, zone.district, zone.level) == ("宜昌市", None, "city")
    assert (xiangxi.province, xiangxi.city, xiangxi.level) == ("湖南省", "湘西土家族苗族自治州", "city")


@pytest.mark.parametrize(
    ("name", "province", "city", "district"),
    [
        ("湘西自治州人民政府", "湖南省", "湘西土家族苗族自治州", None),
        ("湘西州发展和改革委员会", "湖南省", "湘西土家族苗族自治州", None),
        ("黔东南州人民政府办公室", "贵州省", "黔东南苗族侗族自治州", None),
        ("怒江州人民政府", "云南省", "怒江傈僳族自治州", None),
        ("长阳自治县人民政府", "湖北省", "宜昌市", "长阳土家族自治县"),
    ],
)
def test_autonomous_divisions_by_their_short_forms(name, province, city, district):
    where = jurisdiction_of([name])
    assert (where.province, where.city, where.district) == (province, city, district)


@pytest.mark.parametrize(
    ("name", "city", "level"),
    [
        ("金华经济技术开发区管理委员会", "金华市", "city"),
        ("苏州工业园区管委会", "苏州市", "city"),
        ("杭州钱塘新区管理委员会", "杭州市", "city"),
    ],
)
def test_zone_committees_are_city_level_bodies_of_their_city(name, city, level):
    where = jurisdiction_of([name])
    assert (where.city, where.district, where.level) == (city, None, level)


@pytest.mark.parametrize(
    ("code", "level", "within", "expected"),
    [
        ("十政办发", "city", "湖北省", "十堰市"),
        ("十政办发", "city", None, "十堰市"),
        ("沪松府", "district", "上海市", "松江区"),
        ("黄府办发", "district", "上海市", "黄浦区"),
        ("宁政发", "city", "江苏省", "南京市"),
        ("宁政发", "city", "浙江省", "宁波市"),
        ("鄂政办发", None, None, "湖北省"),
        ("长政发", "city", None, None),
        ("国办发", None, None, None),
    ],
)
def test_region_of_a_doc_numbers_agency_code(code, level, within, expected):
    from ingest.extractors.jurisdiction import region_of_doc_number
    from ingest.lexicon.regions import region_index

    region = region_of_doc_number(code, level, region_index().lookup(within) if within else None)
    assert (region.name if region else None) == expected


def _document(title: str, issuers: list[str], number: str | None, recipients: list[str], **text):
    from ingest.extractors.jurisdiction import document_jurisdiction
    from ingest.lexicon.docnumber import parse_doc_number
    from ingest.model import DocumentText, Line
    from ingest.records import Header, IssuerRecord

    header = Header(
        title=title,
        doc_number=parse_doc_number(number) if number else None,
        recipients=recipients,
        issuers=[IssuerRecord(name, name, 1) for name in issuers],
    )
    return document_jurisdiction(header, DocumentText("t.txt", 0, [Line(1, title)], **text))


def test_addressees_give_the_issuers_level_and_the_number_its_place():
    where = _document("关于印发优化营商环境若干措施的通知", [], "十政发〔2023〕1号", ["各县市区人民政府"])
    assert (where.city, where.level) == ("十堰市", "city")


def test_addressees_naming_places_give_the_division_above_them():
    where = _document(
        "市人民政府办公室关于某事的通知", ["市人民政府办公室"], None, ["茅箭区人民政府", "张湾区人民政府"]
    )
    assert (where.city, where.level) == ("十堰市", "city")


def test_the_pages_issuer_places_a_body_the_text_prints_without_its_place():
    from ingest.model import MetadataField

    metadata = (MetadataField("发文机关", "十堰市人民政府办公室"),)
    where = _document("市人民政府办公室关于某事的通知", ["市人民政府办公室"], None, [], metadata=metadata)
    assert (where.city, where.level) == ("十堰市", "city")


def test_a_title_naming_the_province_does_not_make_a_citys_notice_provincial():
    where = _document(
        "市人民政府办公室关于印发湖北省某方案的通知", ["市人民政府办公室"], "十政办发〔2023〕2号", []
    )
    assert (where.province, where.city, where.level) == ("湖北省", "十堰市", "city")


@pytest.mark.parametrize("section", ["湖北", "湖北省"])
def test_the_compilation_section_is_the_last_resort_and_gives_the_province_only(section):
    where = _document("市人民政府办公室关于某事的通知", ["市人民政府办公室"], None, [], section=section)
    assert (where.province, where.city, where.level) == ("湖北省", None, "city")


def test_every_example_of_the_places_table():
    from ingest.extractors.jurisdiction import _addressed_level, _named_level, places
    from ingest.lexicon.tables import packaged, read_table

    table = read_table(packaged("ingest", "places.toml"))
    assert _named_level([table.section("name_levels").text("example")]) == "city"
    assert places().zone.match(table.section("zones").text("example"))
    for word in table.section("zones").texts("words"):
        assert places().zone.match(f"金华{word}管委会").group(1) == "金华", word
    for row in table.rows("addressees"):
        assert _addressed_level([row.text("example").split("，")[0]]) == row.text("level")
        for start in row.texts("starts"):
            assert _addressed_level([f"{start}人民政府"]) == row.text("level"), start
