# A stand-in for the standard library's __future__ module (gbc does not bundle the standard
# library yet): `from __future__ import annotations` imports the module at run time too.
annotations = "annotations"
