"""The names of a journal's files and folders (docs/storage.md), written once: the journal,
its index and doctor all take them from here."""

import re
from typing import NamedTuple

JOURNAL_FILE = "journal.toml"
REL_DIR = "relationships"
REL_FILE = "relationship.toml"
AGENDA_FILE = "agenda.toml"
LEARNING_DIR = "learning"
NETWORK_DIR = "network"
TRASH_DIR = ".trash"
CACHE_DIR = ".cache"
SHARED_DIR = ".shared"  # a clone of each shared relationship's repository (store/sharing.py)
SHARED_AGREEMENT = "agreement.toml"  # a shared repository's agreement (its conflict copies too)
UNDO_DIR = ".undo"  # what undo keeps of each change (store/undo.py); never synced
# Record kinds kept one per file inside a relationship's folder. Check-ins and pulses are
# named by their date and id, goals and actions by their id alone.
REL_KINDS = ("checkins", "goals", "actions", "health")
DATED_KINDS = ("checkins", "health")
# The id rule: new ids are 5 of these, an imported one may be up to 16.
RECORD_ID = re.compile(r"[a-z0-9]{1,16}")


class Place(NamedTuple):
    """What record a file holds, by where it is: its kind (one of REL_KINDS, "relationship",
    "agenda", LEARNING_DIR, NETWORK_DIR) and its relationship's slug."""

    kind: str
    rel: str | None


def place_of(path: str) -> Place | None:
    """The place of a file by its path relative to the journal (or to .trash/, which keeps
    the journal's tree, or to a shared relationship's repository, which keeps one
    relationship's kinds at its top); None for a file that holds no record."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == REL_DIR and parts[2] in (REL_FILE, AGENDA_FILE):
        return Place("relationship" if parts[2] == REL_FILE else "agenda", parts[1])
    if len(parts) == 4 and parts[0] == REL_DIR and parts[2] in REL_KINDS:
        return Place(parts[2], parts[1])
    if len(parts) == 2 and parts[0] in (LEARNING_DIR, NETWORK_DIR):
        return Place(parts[0], None)
    if len(parts) == 2 and parts[0] in REL_KINDS:  # a shared relationship's repository
        return Place(parts[0], None)
    return None
