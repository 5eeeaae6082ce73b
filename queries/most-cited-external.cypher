// name: most-cited-external
// description: Most-cited external documents: cited documents that are not in the input (inCorpus false), by the number of corpus documents citing them.
// param: limit int = 20 -- rows to return
// columns: title, docNumber, level, citingDocuments, citations
MATCH (s:Document)-[c:CITES]->(t:Document {inCorpus: false})
RETURN t.title AS title, t.docNumber AS docNumber, t.level AS level,
       count(DISTINCT s) AS citingDocuments, count(c) AS citations
ORDER BY citingDocuments DESC, citations DESC, title
LIMIT $limit
