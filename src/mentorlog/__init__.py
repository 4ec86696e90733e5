"""mentorlog: a command-line mentorship journal."""

__version__ = "0.1.0"
