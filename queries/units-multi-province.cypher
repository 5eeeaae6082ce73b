// name: units-multi-province
// description: Units assigned in more than one province: responsible units named by measures of documents from several provinces.
// param: minProvinces int = 2 -- least number of provinces
// columns: unit, provinces, measures, provinceList
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)-[:ASSIGNS]->(u:ResponsibleUnit)
WHERE d.province IS NOT NULL
WITH u, collect(DISTINCT d.province) AS provinceList, count(DISTINCT m) AS measures
WHERE size(provinceList) >= $minProvinces
RETURN u.name AS unit, size(provinceList) AS provinces, measures, provinceList
ORDER BY provinces DESC, measures DESC, unit
