"""The graph of the whole corpus from its records: uids, agencies, regions, measures, resolution, echoes."""
