// name: documents-expiring
// description: Documents expired or expiring as of a date: expiry date before the date (expired) or within the following days (expiring).
// param: asOf date = 2023-12-31 -- the date to judge by
// param: withinDays int = 365 -- how far ahead counts as expiring
// columns: status, expiryDate, region, docNumber, title
MATCH (d:Document)
WHERE d.expiryDate IS NOT NULL AND d.expiryDate <= $asOf + duration({days: $withinDays})
RETURN CASE WHEN d.expiryDate < $asOf THEN 'expired' ELSE 'expiring' END AS status,
       d.expiryDate AS expiryDate, coalesce(d.district, d.city, d.province) AS region,
       d.docNumber AS docNumber, d.title AS title
ORDER BY expiryDate, title
