"""The names of a journal's files and folders (docs/storage.md), written once: the journal,
its index and doctor all take them from here."""

import re

JOURNAL_FILE = "journal.toml"
REL_DIR = "relationships"
REL_FILE = "relationship.toml"
AGENDA_FILE = "agenda.toml"
LEARNING_DIR = "learning"
NETWORK_DIR = "network"
TRASH_DIR = ".trash"
CACHE_DIR = ".cache"
UNDO_DIR = ".undo"  # what undo keeps of each change (store/undo.py); never synced
# Record kinds kept one per file inside a relationship's folder. Check-ins and pulses are
# named by their date and id, goals and actions by their id alone.
REL_KINDS = ("checkins", "goals", "actions", "health")
DATED_KINDS = ("checkins", "health")
# The id rule: new ids are 5 of these, an imported one may be up to 16.
RECORD_ID = re.compile(r"[a-z0-9]{1,16}")
