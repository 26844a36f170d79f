"""Bringing a journal from another tool into reflect (`reflect import ...`)."""
