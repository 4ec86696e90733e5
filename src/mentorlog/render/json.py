"""JSON output: the plain-data form of the very result objects the text view renders."""

import json
from typing import Any

from mentorlog.core.codec import to_json_data


def dumps(result: Any) -> str:
    # ASCII escapes keep the document valid and terminal-safe whatever the user wrote.
    return json.dumps(to_json_data(result), indent=2, ensure_ascii=True)
