// name: joint-issuance
// description: Joint issuance: pairs of agencies that issue documents together, with the documents they co-signed.
// param: limit int = 50 -- rows to return
// columns: agencyA, agencyB, documents, docNumbers
MATCH (a:Agency)-[:ISSUES]->(d:Document)<-[:ISSUES]-(b:Agency)
WHERE a.name < b.name
WITH a, b, d ORDER BY coalesce(d.docNumber, d.title)
WITH a, b, collect(DISTINCT d) AS docs
RETURN a.name AS agencyA, b.name AS agencyB, size(docs) AS documents,
       [x IN docs | coalesce(x.docNumber, x.title)] AS docNumbers
ORDER BY documents DESC, agencyA, agencyB
LIMIT $limit
