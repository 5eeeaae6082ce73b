// name: measures-due
// description: Measures due in a date window: measures whose completion deadline (complete_by) falls between two dates.
// param: from date = 2023-01-01 -- first day of the window
// param: to date = 2023-12-31 -- last day of the window
// columns: deadline, granularity, region, document, measure, heading
MATCH (m:Measure)-[h:HAS_DEADLINE {kind: 'complete_by'}]->(x:Deadline)
WHERE $from <= x.date <= $to
MATCH (d:Document)-[:HAS_MEASURE]->(m)
RETURN x.date AS deadline, x.granularity AS granularity, coalesce(d.district, d.city, d.province) AS region,
       d.title AS document, m.path AS measure, m.heading AS heading
ORDER BY deadline, region, document, measure
