"""Word segmentation (spaCy with pkuseg) and its per-user cache: imported only by the stages that use it."""
