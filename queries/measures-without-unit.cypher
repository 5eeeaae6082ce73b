// name: measures-without-unit
// description: Measures with no responsible unit: leaf measures with no ASSIGNS on themselves or on any enclosing measure, by document.
// param: document string =  -- only documents whose title contains this (empty: all)
// param: limit int = 100 -- rows to return
// columns: document, measure, heading, page
MATCH (d:Document)-[:HAS_MEASURE]->(m:Measure {leaf: true})
WHERE ($document = '' OR d.title CONTAINS $document)
  AND NOT EXISTS { (m)-[:PART_OF]->*(:Measure)-[:ASSIGNS]->() }
RETURN d.title AS document, m.path AS measure, m.heading AS heading, m.pageStart AS page
ORDER BY document, page, measure
LIMIT $limit
