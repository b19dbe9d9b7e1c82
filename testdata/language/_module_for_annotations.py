# A module without annotations, for annotation_attributes.py (no "targets" line: a helper).
