// name: label-counts
// description: How many nodes carry each label and how many relationships have each type: the size of the loaded graph.
// columns: kind, name, count
CALL db.labels() YIELD label
WHERE label <> 'Entity'
CALL (label) {
  MATCH (n:$(label))
  RETURN count(n) AS count
}
RETURN 'label' AS kind, label AS name, count
UNION ALL
CALL db.relationshipTypes() YIELD relationshipType AS type
CALL (type) {
  MATCH ()-[r:$(type)]->()
  RETURN count(r) AS count
}
RETURN 'relationship' AS kind, type AS name, count
