"""The canned Cypher analyses, one `.cypher` file each; a package only so that they ship in the wheel."""
