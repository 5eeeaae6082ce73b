// name: dependency-chain-up
// description: Dependency chain of a document, upward: what it cites, and what those cite, recursively (district -> city -> province -> national), nearest first.
// param: document string = 徐汇区 -- part of the title or the doc number of the starting document (in corpus)
// param: maxDepth int = 4 -- longest chain followed (1 to 4)
// columns: start, depth, level, region, cited, docNumber, purpose, inCorpus
MATCH (s:Document {inCorpus: true})
WHERE s.title CONTAINS $document OR s.docNumber = $document
MATCH p = (s)-[:CITES]->{1,4}(t:Document)
WHERE length(p) <= $maxDepth
WITH s, t, min(length(p)) AS depth, head([r IN relationships(p) WHERE endNode(r) = t | r.purpose]) AS purpose
RETURN s.title AS start, depth, t.level AS level, coalesce(t.district, t.city, t.province) AS region,
       t.title AS cited, t.docNumber AS docNumber, purpose, t.inCorpus AS inCorpus
ORDER BY start, depth, cited
