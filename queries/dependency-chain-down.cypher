// name: dependency-chain-down
// description: Dependency chain of a document, downward: who cites it, and who cites those, recursively (province -> city -> district), nearest first.
// param: document string = 上海市加强集成创新持续优化营商环境行动方案 -- part of the title or the doc number of the cited document
// param: maxDepth int = 4 -- longest chain followed (1 to 4)
// columns: cited, depth, level, region, citing, docNumber, purpose
MATCH (t:Document)
WHERE t.title CONTAINS $document OR t.docNumber = $document
MATCH p = (s:Document)-[:CITES]->{1,4}(t)
WHERE length(p) <= $maxDepth
WITH t, s, min(length(p)) AS depth, head([r IN relationships(p) WHERE startNode(r) = s | r.purpose]) AS purpose
RETURN t.title AS cited, depth, s.level AS level, coalesce(s.district, s.city, s.province) AS region,
       s.title AS citing, s.docNumber AS docNumber, purpose
ORDER BY cited, depth, citing
