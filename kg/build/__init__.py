"""The graph of the whole corpus from its records: each document's part (uids, agencies, regions, measures),
then linking over all of them (citations, repeals, versions, statuses) and echoes."""
