"""The map stage: every source read and its documents extracted, one task at a time or many at once.

A source is read and segmented once (`tasks.read_task`); its documents are then extracted in chunks
(`tasks.extract_task`), each chunk a task, so a 500-page compilation is spread over the workers as well as
a folder of files. `driver.map_sources` runs those tasks on a runner: in this process (`serial`), in a pool
of worker processes (`pool`) or on a Dask cluster (`cluster`); the outcome of each source, its records or
the error that left it out, is the same whichever ran it. The link stage (kg.build) then runs on them
in the calling process.
"""
