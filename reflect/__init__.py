"""reflect: guided, reflective journaling in the terminal."""

__version__ = "0.1.0"
