// name: fulltext-measures
// description: Full-text search over measure headings and texts (cjk analyzer: Chinese character bigrams), best matches first.
// param: q string = 获得电力 -- Lucene query text
// param: limit int = 20 -- rows to return
// columns: score, document, measure, heading, text
CALL db.index.fulltext.queryNodes('policyText', $q) YIELD node, score
WHERE node:Measure
MATCH (d:Document)-[:HAS_MEASURE]->(node)
RETURN round(score, 3) AS score, d.title AS document, node.path AS measure, node.heading AS heading,
       left(node.text, 80) AS text
ORDER BY score DESC, document, measure
LIMIT $limit
