"""Neo4j: the local server, connection settings, schema, loader and the canned query catalogue.

Only this package talks to the database.
"""
