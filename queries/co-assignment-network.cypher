// name: co-assignment-network
// description: Co-assignment network of units: pairs of units assigned to the same measures (who works together), strongest ties first.
// param: minShared int = 2 -- least number of shared measures for a pair
// param: limit int = 50 -- rows to return
// columns: unitA, unitB, sharedMeasures, documents
MATCH (m:Measure)-[:ASSIGNS]->(a:ResponsibleUnit)
MATCH (m)-[:ASSIGNS]->(b:ResponsibleUnit)
WHERE a.name < b.name
MATCH (d:Document)-[:HAS_MEASURE]->(m)
WITH a, b, count(DISTINCT m) AS sharedMeasures, count(DISTINCT d) AS documents
WHERE sharedMeasures >= $minShared
RETURN a.name AS unitA, b.name AS unitB, sharedMeasures, documents
ORDER BY sharedMeasures DESC, unitA, unitB
LIMIT $limit
