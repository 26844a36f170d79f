"""Actions as an iCalendar file (RFC 5545) that any calendar or task app can import.

One VTODO per action. Its UID comes from the action's and its entry's ids, so
importing a newer export updates the same to-do rather than adding another; a
due date becomes DUE (a date, or a floating local date-time when the action has
a time, so it means "9:30 wherever I am"), with a display alarm at 09:00 on the
day, or 15 minutes before a timed one. Done and dropped actions, when asked for,
carry STATUS:COMPLETED or CANCELLED and no alarm, so a re-import closes them in
the calendar too.

Uses the `icalendar` library for escaping, line folding and value types; it is
imported only by the commands that export.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Todo

from reflect.actions import ActionView

PRODID = "-//reflect//reflect journal//EN"
UID_DOMAIN = "reflect.local"
DAY_ALARM = timedelta(hours=9)  # 09:00 on the due day, counted from the day's start
TIMED_ALARM = timedelta(minutes=-15)
STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}

# ---- What we say inside the calendar. -----------------------------------------------
CALENDAR_NAME = "reflect: what I planned"
FROM = "From {origin}."
WORKBOOK = "Workbook: {workbook}."
ADDED = "Planned in your reflect journal on {day}."
CLOSED = {"done": "Done on {day}.", "dropped": "Dropped on {day}."}
ACTION_ID = "reflect action {id}."
MARK_DONE = "reflect action {id}: `reflect actions done {id}` marks it done."


def action_uid(view: ActionView) -> str:
    """Stable for the life of the action: the same in every export, whatever changes."""
    return f"{view.action.id}.{view.entry.id}@{UID_DOMAIN}"


def actions_to_ics(views: Iterable[ActionView], now: datetime) -> bytes:
    """An iCalendar file with one VTODO per action in `views`, stamped `now` (local time)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    stamp = now.astimezone(UTC)  # DTSTAMP must be UTC; a naive `now` is local time
    for view in views:
        calendar.add_component(_todo(view, stamp))
    data: bytes = calendar.to_ical()
    return data


def _todo(view: ActionView, stamp: datetime) -> Todo:
    action = view.action
    todo = Todo()
    todo.add("uid", action_uid(view))
    todo.add("dtstamp", stamp)
    todo.add("summary", action.text)
    todo.add("description", _description(view))
    todo.add("status", STATUS[action.status])
    todo.add("categories", ["reflect"])
    if action.due is not None:
        due: date | datetime = (
            datetime.combine(action.due, action.at) if action.at is not None else action.due
        )
        todo.add("due", due)
        if action.repeat is not None and action.status == "open":
            todo.add("dtstart", due)  # an RRULE counts from DTSTART (RFC 5545)
            todo.add("rrule", action.repeat.rrule())
        if action.status == "open":
            todo.add_component(_alarm(action.text, action.at))
    return todo


def _alarm(text: str, at: time | None) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    # RELATED=END: relative to DUE (a VTODO may have no DTSTART to be relative to).
    alarm.add("trigger", DAY_ALARM if at is None else TIMED_ALARM, parameters={"RELATED": "END"})
    return alarm


def _description(view: ActionView) -> str:
    action = view.action
    lines = [FROM.format(origin=view.origin)] if view.origin else []
    if view.entry.workbook:
        lines.append(WORKBOOK.format(workbook=view.entry.workbook))
    lines.append(ADDED.format(day=view.entry.written.date().isoformat()))
    if action.changed_on is not None and action.status in CLOSED:
        lines.append(CLOSED[action.status].format(day=action.changed_on.isoformat()))
    if action.note:
        lines += ["", action.note, ""]
    lines.append((MARK_DONE if action.status == "open" else ACTION_ID).format(id=action.id))
    return "\n".join(lines)
