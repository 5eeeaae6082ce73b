// name: lead-agency-workload
// description: Lead-agency workload: for each unit, the measures it leads (role lead, or first-listed responsible unit), with the region and government level of the unit, busiest first.
// param: province string =  -- only documents of this province (empty: all)
// param: level string =  -- only units of this level: national, province, city, district (empty: all)
// param: limit int = 20 -- rows to return
// columns: region, level, agency, leadMeasures, documents
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure)-[a:ASSIGNS]->(u:ResponsibleUnit)
WHERE (a.role = 'lead' OR (a.role = 'responsible' AND a.order = 1))
  AND ($province = '' OR d.province = $province)
  AND ($level = '' OR u.level = $level)
RETURN u.region AS region, u.level AS level, u.name AS agency,
       count(DISTINCT m) AS leadMeasures, count(DISTINCT d) AS documents
ORDER BY leadMeasures DESC, agency
LIMIT $limit
