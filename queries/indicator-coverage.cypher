// name: indicator-coverage
// description: Indicator coverage matrix by region: for each evaluation indicator and province, how many measures (and documents) address it.
// param: system string = 中国营商环境评价 -- indicator system
// columns: indicator, region, measures, documents
MATCH (i:Indicator {system: $system})
OPTIONAL MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)-[:ADDRESSES]->(i)
WITH i, coalesce(d.province, '(none)') AS region, count(DISTINCT m) AS measures, count(DISTINCT d) AS documents
RETURN i.name AS indicator, CASE WHEN measures = 0 THEN null ELSE region END AS region, measures, documents
ORDER BY indicator, region
