"""Realistic sample journals, written through the store like any other.

`build_demo` makes the journal of `mentorlog demo`: Grace mentors three people and is
mentored by one, with months of history ending on the given day. `write_history` is the
generator behind it, shared with the benchmark journal (benchmarks/make_journal.py)."""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from mentorlog.core.cadence import occurrences, parse_cadence
from mentorlog.core.model import (
    Action,
    Agenda,
    AgendaItem,
    Agreement,
    AgreementChange,
    AgreementItem,
    CheckIn,
    Contact,
    Goal,
    HealthPulse,
    LearningEntry,
    Milestone,
    ProgressUpdate,
    Relationship,
    Reschedule,
    SignOff,
)
from mentorlog.core.text import plural, slugify
from mentorlog.errors import UserError
from mentorlog.store.journal import AGENDA_FILE, Journal

TOPICS = (
    "career direction",
    "code review habits",
    "giving a conference talk",
    "saying no to scope creep",
    "estimating work",
    "leading a design review",
    "managing up",
    "time for deep work",
    "feedback from the team lead",
    "promotion case",
    "learning Rust",
    "on-call stress",
)
SUMMARIES = (
    "Reviewed last time's commitments and the talk outline",
    "Walked through the design doc and the open questions",
    "Talked about the promotion case and what evidence is missing",
    "Went over a hard conversation with the team lead",
    "Planned the next quarter's goals",
    "Practised the talk's first five minutes",
    "Discussed how to protect focus time",
)
NOTES = (
    "Opening: a 4 today, busy but good. Commitments from last time: the outline is done, the "
    "review with the team slipped a week because of the release. Wins: the parser rewrite landed "
    "behind a flag. Challenge: saying no to a second project. We agreed to write down the trade-off "
    "and bring it to the team lead on Monday.",
    "We went through the design doc section by section. The error-handling part is the weakest; "
    "rewrite it with two concrete failure stories. Feedback both ways: the doc is clear, and I "
    "should give feedback earlier rather than saving it for the meeting.",
    "Talked about energy more than tasks. On-call weeks drain everything else; plan lighter goals "
    "for those weeks. Takeaway: block two mornings a week for deep work and tell the team.",
)
ACTIONS = (
    ("Send the talk outline", "mentee"),
    ("Share the design doc for review", "mentee"),
    ("Introduce to a staff engineer in payments", "mentor"),
    ("Read 'The Staff Engineer's Path' ch. 3", "mentee"),
    ("Draft the promotion case evidence list", "mentee"),
    ("Send links to two example talks", "mentor"),
    ("Book a rehearsal slot", "mentee"),
    ("Ask the team lead for written feedback", "mentee"),
)
GOALS = (
    (
        "Give a talk at a regional conference",
        "long",
        "Talk accepted and given",
        "Visibility for the parser work",
    ),
    (
        "Lead a design review end to end",
        "short",
        "Review held, decisions written down",
        "Practise technical leadership",
    ),
    (
        "Build a promotion case",
        "long",
        "Case submitted with five pieces of evidence",
        "Next level within a year",
    ),
    (
        "Ship the parser rewrite",
        "short",
        "New parser on by default",
        "Own a project from start to finish",
    ),
)
LESSONS = (
    ("lesson", "Write the decision and the trade-off down before the meeting, not after."),
    ("resource", "Crafting Interpreters, chapters on Pratt parsing"),
    ("skill", "Running a design review: timebox, decide, record"),
    ("reflection", "What stood out? Feedback lands better when given the same day."),
)
AGREEMENT = (
    ("goals", "mentee", "Two or three verifiable goals, drafted by the mentee in the first month."),
    (
        "roles",
        "both",
        "Mentoring, not supervision or appraisal: what is said here is not used in reviews.",
    ),
    (
        "meetings",
        "both",
        "We meet at the agreed cadence, 45 minutes, on video unless we say otherwise.",
    ),
    (
        "meetings",
        "mentee",
        "The mentee schedules, sends the agenda a day ahead, and fixes the next date at the end.",
    ),
    ("communication", "both", "Chat between meetings; replies within two working days."),
    (
        "responsibilities",
        "mentor",
        "The mentor prepares, listens, gives honest feedback and makes introductions.",
    ),
    ("confidentiality", "both", "What we discuss stays between us unless we both agree otherwise."),
    ("duration", "both", "Six months, reviewed quarterly, with the option to extend."),
    ("ending", "both", "Either of us may end it without blame; we close with a reflection."),
)


@dataclass(frozen=True)
class Profile:
    """How a relationship behaves: how often meetings slip, how reliable each side is."""

    attendance: float = 0.85
    mentee_reliability: float = 0.75
    mentor_reliability: float = 0.9
    agreement: str = "agreed"  # agreed, awaiting, draft, none
    updates_goals: bool = True
    action_every: int = 2  # a new commitment every this many check-ins


def _id(rng: random.Random, taken: set[str]) -> str:
    alphabet = "23456789abcdefghjkmnpqrstuvwxyz"
    while True:
        candidate = "".join(rng.choice(alphabet) for _ in range(5))
        if candidate not in taken:
            taken.add(candidate)
            return candidate


def _agreement(
    rng: random.Random, taken: set[str], start: date, end: date, status: str
) -> Agreement:
    if status == "none":
        return Agreement()
    items = [AgreementItem(id=_id(rng, taken), section=s, text=t, owner=o) for s, o, t in AGREEMENT]
    signed = start + timedelta(days=14)
    signoffs = []
    if status in ("agreed", "awaiting"):
        signoffs.append(SignOff(party="mentee", version=1, date=signed))
    if status == "agreed":
        signoffs.append(SignOff(party="mentor", version=1, date=signed + timedelta(days=2)))
    review = signed + timedelta(days=91)
    while review < end - timedelta(days=30):
        review += timedelta(days=91)
    return Agreement(
        version=1,
        review_by=review if status == "agreed" else None,
        item=items,
        signoff=signoffs,
        change=[
            AgreementChange(
                version=1,
                date=start + timedelta(days=7),
                what=f"drafted ({plural(len(items), 'item')})",
            )
        ],
    )


def write_history(
    journal: Journal,
    rel: Relationship,
    end: date,
    rng: random.Random,
    taken: set[str],
    profile: Profile,
) -> None:
    """Write a relationship with its agreement, check-ins, goals, actions, pulses and agenda
    from its start to `end` (the caller holds the lock)."""
    rel.agreement = _agreement(rng, taken, rel.started, end, profile.agreement)
    journal.create(journal.rel_file(rel.id), rel)
    cadence = parse_cadence(rel.cadence)
    meetings = occurrences(cadence, rel.started, end)
    goals = []
    years = max(1, (end - rel.started).days // 365)
    for index in range(2 if years == 1 else years):
        title, horizon, measure, why = GOALS[(index + len(rel.id)) % len(GOALS)]
        created = rel.started + timedelta(days=7 * index if years == 1 else 365 * index)
        span = 180 if horizon == "long" else 75
        goals.append(
            Goal(
                id=_id(rng, taken),
                title=title,
                horizon=horizon,
                measure=measure,
                why=why,
                created=created,
                target=created + timedelta(days=span),
                milestone=[
                    Milestone(
                        id=_id(rng, taken), title="First draft", due=created + timedelta(days=30)
                    )
                ],
            )
        )
    actions: list[Action] = []
    for number, day in enumerate(meetings):
        if rng.random() > profile.attendance and day < end - timedelta(days=3):
            continue
        checkin_id = _id(rng, taken)
        planned = day + cadence.step if rng.random() < 0.7 else None
        checkin = CheckIn(
            id=checkin_id,
            date=day,
            duration=rng.choice((30, 45, 45, 60)),
            mode=rng.choice(("video", "video", "in-person", "call")),
            summary=rng.choice(SUMMARIES),
            notes=rng.choice(NOTES),
            topics=rng.sample(TOPICS, 2),
            rating=rng.choice((3, 4, 4, 5)),
            feedback_given=["Clear write-up; lead with the decision"] if number % 3 == 0 else [],
            learned=["Timebox the review"] if number % 4 == 0 else [],
            next=planned if planned and planned > day else None,
            private=number % 9 == 4,
        )
        journal.create(journal.path_for(rel.id, "checkins", checkin), checkin)
        for goal in goals:
            if profile.updates_goals and goal.created <= day and goal.target and day <= goal.target:
                elapsed = (day - goal.created).days / max(1, (goal.target - goal.created).days)
                value = min(100, round(100 * elapsed * rng.uniform(0.7, 1.2)))
                goal.update.append(
                    ProgressUpdate(date=day, progress=value, note="", checkin=checkin_id)
                )
        if number % profile.action_every == 0:
            text, owner = ACTIONS[(number // 2) % len(ACTIONS)]
            due = day + timedelta(days=rng.choice((5, 7, 10)))
            reliable = (
                profile.mentee_reliability if owner == "mentee" else profile.mentor_reliability
            )
            action = Action(id=_id(rng, taken), text=text, owner=owner, due=due, created=day)
            roll = rng.random()
            if due < end - timedelta(days=1):
                if roll < reliable:
                    action.status, action.done = "done", due - timedelta(days=rng.choice((0, 1, 2)))
                elif roll < reliable + 0.1:
                    action.status, action.done = "done", due + timedelta(days=rng.choice((1, 3)))
                elif due < end - timedelta(days=60):
                    # A commitment missed long ago is dropped at a later check-in, not kept open forever.
                    action.status, action.dropped = (
                        "dropped",
                        due + timedelta(days=rng.choice((14, 28))),
                    )
            actions.append(action)
    for goal in goals:
        if goal.target and goal.target < end:
            # Past its target a goal was either reached or let go, as real goals are.
            reached = bool(goal.update) and goal.update[-1].progress >= 80
            goal.status = "achieved" if reached else "dropped"
            goal.closed = goal.target
            goal.close_note = "" if reached else "Priorities changed at the quarterly review"
        journal.create(journal.path_for(rel.id, "goals", goal), goal)
    for action in actions:
        action.done = action.done if action.done is None or action.done <= end else end
        journal.create(journal.path_for(rel.id, "actions", action), action)
    for months_ago in (3, 1):
        day = end - timedelta(days=30 * months_ago + 2)
        if day <= rel.started:
            continue
        for party, base in (("mentor", 4), ("mentee", 3)):
            scores = {
                p: max(1, min(5, base + rng.choice((-1, 0, 0, 1))))
                for p in ("expectations", "communication", "trust", "goals", "learning", "network")
            }
            pulse = HealthPulse(id=_id(rng, taken), date=day, by=party, scores=scores)
            journal.create(journal.path_for(rel.id, "health", pulse), pulse)


def _demo_extras(journal: Journal, today: date, rng: random.Random, taken: set[str]) -> None:
    """The parts of the story that make the weekly review worth reading."""
    ada, alan, margaret = "ada-lovelace", "alan-turing", "margaret-hamilton"
    journal.create(
        journal.rel_dir(ada) / AGENDA_FILE,
        Agenda(
            item=[
                AgendaItem(
                    id=_id(rng, taken),
                    text="Feedback on the design review rehearsal",
                    added=today - timedelta(days=3),
                ),
                AgendaItem(
                    id=_id(rng, taken),
                    text="Is the conference talk still the right goal?",
                    added=today - timedelta(days=1),
                ),
            ]
        ),
    )
    slipping = Action(
        id=_id(rng, taken),
        text="Send the CFP abstract",
        owner="mentee",
        due=today - timedelta(days=2),
        created=today - timedelta(days=30),
        reschedule=[
            Reschedule(
                date=today - timedelta(days=20),
                original=today - timedelta(days=23),
                new=today - timedelta(days=12),
            ),
            Reschedule(
                date=today - timedelta(days=12),
                original=today - timedelta(days=12),
                new=today - timedelta(days=2),
            ),
        ],
    )
    journal.create(journal.path_for(ada, "actions", slipping), slipping)
    stale = Goal(
        id=_id(rng, taken),
        title="Learn Rust well enough to review PRs",
        horizon="long",
        created=today - timedelta(days=90),
        target=today + timedelta(days=90),
        measure="Reviews three Rust PRs unaided",
        update=[
            ProgressUpdate(
                date=today - timedelta(days=60), progress=15, note="Finished the book's first half"
            )
        ],
    )
    journal.create(journal.path_for(alan, "goals", stale), stale)
    mine = Action(
        id=_id(rng, taken),
        text="Ask Margaret for an intro to her publisher",
        owner="mentee",
        due=today + timedelta(days=2),
        created=today - timedelta(days=5),
    )
    journal.create(journal.path_for(margaret, "actions", mine), mine)
    for days_ago, kind, text in (
        (3, "lesson", LESSONS[0][1]),
        (5, "resource", LESSONS[1][1]),
        (12, "skill", LESSONS[2][1]),
    ):
        entry = LearningEntry(
            id=_id(rng, taken), date=today - timedelta(days=days_ago), kind=kind, text=text, rel=ada
        )
        journal.create(journal.learning_path(entry), entry)
    reflection = LearningEntry(
        id=_id(rng, taken),
        date=today - timedelta(days=1),
        kind="reflection",
        text=LESSONS[3][1],
        rel=margaret,
    )
    journal.create(journal.learning_path(reflection), reflection)
    contacts = (
        Contact(
            id="jo-park",
            name="Jo Park",
            role="staff engineer",
            org="Payments",
            via="me",
            rel=ada,
            follow_up=today - timedelta(days=1),
            added=today - timedelta(days=40),
        ),
        Contact(
            id="sam-okafor",
            name="Sam Okafor",
            role="peer mentor",
            org="Platform",
            via="Margaret Hamilton",
            rel=margaret,
            follow_up=today + timedelta(days=14),
            added=today - timedelta(days=70),
        ),
    )
    for contact in contacts:
        journal.create(journal.contact_path(contact.id), contact)


DEMO_PEOPLE = (
    ("Ada Lovelace", "mentor", "every 2 weeks", 26, Profile(agreement="agreed")),
    (
        "Alan Turing",
        "mentor",
        "weekly",
        14,
        Profile(attendance=0.7, mentee_reliability=0.5, agreement="awaiting"),
    ),
    ("Katherine Johnson", "mentor", "monthly", 30, Profile(agreement="draft", updates_goals=False)),
    (
        "Margaret Hamilton",
        "mentee",
        "monthly",
        40,
        Profile(agreement="agreed", mentor_reliability=0.95),
    ),
)


def demo_folder(folder: Path | None) -> Path:
    """Where to build the demo, as an absolute path: the folder asked for, which must be empty
    or new (the demo never mixes into a journal), or else a new temporary folder."""
    if folder is None:
        import tempfile

        return Path(tempfile.mkdtemp(prefix="mentorlog-demo-"))
    if folder.exists() and any(folder.iterdir()):
        raise UserError(f"{folder} is not empty; the demo needs an empty or new folder.")
    return folder.absolute()


def build_demo(root: Path, today: date) -> Journal:
    journal = Journal(root)
    journal.init("Grace Hopper", today)
    rng = random.Random(1906)
    taken: set[str] = set()
    with journal.writing(recorded=False):  # a new journal: nothing to take back
        for name, role, cadence, weeks, profile in DEMO_PEOPLE:
            rel = Relationship(
                id=slugify(name),
                counterpart=name,
                my_role=role,
                cadence=cadence,
                started=today - timedelta(weeks=weeks),
                contact=f"{slugify(name).split('-')[0]}@example.org",
            )
            write_history(journal, rel, today, rng, taken, profile)
        _demo_extras(journal, today, rng, taken)
    return journal
