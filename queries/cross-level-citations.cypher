// name: cross-level-citations
// description: Cross-level citations: municipal and district documents citing provincial documents of their own province versus another province.
// columns: citingLevel, citingProvince, relation, citedProvince, citations, citingDocuments
MATCH (s:Document {inCorpus: true})-[c:CITES]->(t:Document {level: 'province'})
WHERE s.level IN ['city', 'district'] AND s.province IS NOT NULL AND t.province IS NOT NULL
RETURN s.level AS citingLevel, s.province AS citingProvince,
       CASE WHEN s.province = t.province THEN 'own province' ELSE 'other province' END AS relation,
       t.province AS citedProvince, count(c) AS citations, count(DISTINCT s) AS citingDocuments
ORDER BY citingLevel, citingProvince, relation, citedProvince
