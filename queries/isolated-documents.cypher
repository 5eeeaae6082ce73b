// name: isolated-documents
// description: Documents with no citation in or out: input documents that cite nothing and that no document cites.
// columns: region, level, docNumber, title
MATCH (d:Document {inCorpus: true})
WHERE NOT EXISTS { (d)-[:CITES]-(:Document) }
  AND NOT EXISTS { (d)-[:HAS_MEASURE]->(:Measure)-[:CITES]->() }
RETURN coalesce(d.district, d.city, d.province) AS region, d.level AS level, d.docNumber AS docNumber, d.title AS title
ORDER BY region, title
