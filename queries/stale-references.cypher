// name: stale-references
// description: Stale references: documents citing a document that was repealed (a SUPERSEDES points at it) or had expired as of a date.
// param: asOf date = 2023-12-31 -- the date to judge expiry by
// columns: citing, citingDocNumber, cited, citedDocNumber, reason, page
MATCH (s:Document)-[c:CITES]->(t:Document)
OPTIONAL MATCH (t)<-[:SUPERSEDES]-(r:Document)
WITH s, c, t, collect(r) AS repealers
WHERE size(repealers) > 0 OR t.status = 'repealed' OR t.expiryDate < $asOf
RETURN s.title AS citing, s.docNumber AS citingDocNumber, t.title AS cited, t.docNumber AS citedDocNumber,
       CASE WHEN size(repealers) > 0 OR t.status = 'repealed' THEN 'repealed' ELSE 'expired' END AS reason,
       c.page AS page
ORDER BY citing, cited
