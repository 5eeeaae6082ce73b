"""The genre's vocabulary shared by the extractors: dates, doc numbers, regions, phrase look-ups, masks."""
