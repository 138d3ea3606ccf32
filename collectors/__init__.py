"""Collect stage: fetch sources over HTTP (or file://) and turn their bytes into Items."""
