"""Reusable widgets: one per prompt kind that Textual does not already have, and the
shared messages they post."""
