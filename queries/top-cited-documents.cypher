// name: top-cited-documents
// description: Most-cited documents overall, in the input or not, by the number of documents citing them.
// param: limit int = 10 -- rows to return
// columns: title, docNumber, level, inCorpus, citingDocuments
MATCH (s:Document)-[:CITES]->(t:Document)
RETURN t.title AS title, t.docNumber AS docNumber, t.level AS level, t.inCorpus AS inCorpus,
       count(DISTINCT s) AS citingDocuments
ORDER BY citingDocuments DESC, title
LIMIT $limit
