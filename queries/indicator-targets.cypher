// name: indicator-targets
// description: Targets per indicator compared across regions, e.g. every time limit in working days (个工作日) set for 获得电力; a target counts for an indicator that its measure or an enclosing measure addresses.
// param: indicator string = 办理建筑许可 -- indicator name
// param: unit string = 个工作日 -- only targets in this unit, e.g. 个工作日 (empty: all units)
// columns: indicator, region, document, comparator, value, unit, target, page
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)-[:PART_OF]->*(:Measure)-[:ADDRESSES]->(i:Indicator {name: $indicator})
MATCH (m)-[s:SETS_TARGET]->(t:Target)
WHERE $unit = '' OR t.unit = $unit
RETURN DISTINCT i.name AS indicator, coalesce(d.district, d.city, d.province) AS region, d.title AS document,
       t.comparator AS comparator, t.value AS value, t.unit AS unit, t.text AS target, s.page AS page
ORDER BY unit, value, region
