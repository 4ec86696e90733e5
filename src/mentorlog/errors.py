"""The one error type of mentorlog; the CLI turns it into a message and an exit code."""


class MentorlogError(Exception):
    """A problem the user can act on: carries a message, a hint and an exit code."""

    exit_code = 1
    code = "input"

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class UserError(MentorlogError):
    """The input was wrong or names something that does not exist (exit 1)."""


class JournalError(MentorlogError):
    """The journal has a problem: unreadable file, newer schema, lock not obtained (exit 3)."""

    exit_code = 3
    code = "journal"
