"""The app's own words: what the screens say, kept together to read and review.

Words shared with plain mode and the CLI (the support note, "your answers are
saved", the closing line) live in `reflect.messages`; these are the ones only
the full-screen app says. Plain, warm, non-clinical.
"""

from __future__ import annotations

APP_TITLE = "reflect"
APP_SUBTITLE = "guided reflection"
# ctrl+c copies in a text box, so it does not quit; said when it is pressed anyway.
LEAVING_TITLE = "Leaving?"
LEAVING = "Press ctrl+q to pause and quit. Everything you have written is kept."

# ---- Home.
CHOOSE = "Choose a workbook"
NO_WORKBOOKS = "There are no workbooks yet. `reflect workbooks` shows where reflect looks."
BROKEN_WORKBOOKS_ONE = "1 workbook could not be read; `reflect workbooks` says which."
BROKEN_WORKBOOKS_MANY = "{count} workbooks could not be read; `reflect workbooks` says which."
MINUTES = "about {minutes} min"
PAUSED_PROGRESS = "Paused: {answered} of {total} answered, last saved {when}"
PAUSED_PROGRESS_UNDATED = "Paused: {answered} of {total} answered"
JOURNAL_UNREADABLE = "Your journal could not be read for reminders: {problem}"


def due_banner(due_today: int, overdue: int) -> str:
    """'2 things you planned are due — press a to review' ('' when nothing is due)."""
    count = due_today + overdue
    if count == 0:
        return ""
    if count == 1:
        return "1 thing you planned is due — press a to review"
    return f"{count} things you planned are due — press a to review"


# ---- Walking a workbook.
BEGIN = "Press Enter to begin."
BEGIN_BUTTON = "Begin"
RESUME_TITLE = "Carry on where you left off?"
RESUME_BODY = "You have a paused walk through {title}: {answered}{saved}."
RESUME_CHANGED = (
    "This workbook has changed since you paused. {count} of your answers belong to prompts "
    "it no longer has; they are kept and saved at the end of your entry."
)
RESUME_YES = "Carry on"
LEFT_ONE = "Last time you left 1 prompt for another day. Look at it now?"
LEFT_MANY = "Last time you left {count} prompts for another day. Look at them now?"
LEFT_JUST_THOSE = "Just those"
LEFT_WHOLE = "The whole workbook"
RESUME_NO = "Start afresh"
SECTION_OF = "Section {number} of {total}"
IDEAS = "Ideas to consider"
TIPS = "Tips"
TIPS_COUNT_ONE = "a tip"
TIPS_COUNT = "{count} tips"
FOLD_TITLE = "{what}  (ctrl+o)"
EARLIER = "You said: {answer}"
OPTIONAL = "(optional)"
SAVED = "Saved to your draft."
NOT_SAVED = "Could not save the draft: {problem}"
FIRST_PROMPT = "This is the first prompt."
LEFT_FOR_ANOTHER_DAY = "Left for another day."
SECTION_WITHOUT_PROMPTS = "Nothing to answer here: read, then press ctrl+n to go on."
TEXT_PLACEHOLDER = "Write as much or as little as you like."
END_TITLE = "That's every prompt in {title}."
END_LEFT_ONE = "You left 1 prompt for another day; that's fine."
END_LEFT_MANY = "You left {count} prompts for another day; that's fine."
END_HINT = "Press Enter to save this to your journal, or ctrl+b to go back and change something."
SAVE_TO_JOURNAL = "Save to my journal"
NOT_FINISHED = "Could not save to your journal: {problem} Your answers are still in the draft."
SUPPORT_TITLE = "Before you begin"
SUPPORT_AGAIN_TITLE = "A note about support"
SUPPORT_CLOSE = "Close"
SUPPORT_CARRY_ON = "Carry on"
SUPPORT_PAUSE = "Pause for now"

# ---- Prompt widgets.
SCALE_HINT = "←/→ or type a number to choose"
LIST_HINT = "Enter goes to the next line; a new line appears after the last one."
ACTION_WHAT = "What"
ACTION_REPEAT = "Repeat"
ACTION_REPEAT_PLACEHOLDER = "e.g. weekday, monday"
ACTION_NO_REPEAT = "Just once"
ACTION_REPEATS = "Repeats {label}"
ACTION_FIX_REPEAT = "Please fix the repeat first: {problem}"
ACTION_WHEN = "When"
ACTION_WHAT_PLACEHOLDER = "What will you do?"
ACTION_WHEN_PLACEHOLDER = "e.g. {example}"
ACTION_WHEN_EXAMPLE = "fri, in 3 days, 4 dec"
ACTION_NO_DATE = "No date — that's fine too."
ACTION_HINT = "Enter adds it to your plan. Add as many as you like."
ACTION_PLAN = "Your plan"
ACTION_PLAN_HINT = "  (Tab to the list; Delete removes one)"
ACTION_NEEDS_WHAT = "Write what you will do first."
ACTION_FIX_DATE = "The date of the action you are writing needs a look: {problem}"

# ---- Summary.
SUMMARY_TITLE = "That's the end of {title}."
SUMMARY_WROTE = "What you wrote"
SUMMARY_PLANNED = "You planned"
SUMMARY_NOTHING = "(Nothing written this time, and that's fine.)"
SUMMARY_STAR_OFFER = "Press s to star this entry, to find it again easily."
SUMMARY_STARRED = "Starred. `reflect journal --starred` lists your starred entries."
SUMMARY_STAR_KEY = "Star"

# ---- Actions review.
REVIEW_TITLE = "What you planned"
REVIEW_EMPTY = "Nothing planned right now. Plan something by walking a workbook."
REVIEW_DONE = "Done: {text}. Well done."
REVIEW_DROPPED = "Dropped: {text}."
REVIEW_MOVED = "Moved: {text} — {when}."
REVIEW_MOVED_NO_DATE = "Moved: {text} now has no date."
REVIEW_UNDO_HINT = "Press u to undo."
REVIEW_UNDONE = "Back on your list: {text}."
REVIEW_MOVED_BACK = "Moved back: {text}."
MOVE_TITLE = "Move to another day"
MOVE_HINT = "Type a day ('fri', 'in 3 days', '4 dec'), or 'none' to remove the date."
MOVE_EMPTY = "Type a day, or 'none' to remove the date."
MOVE_NONE = "No date."
MOVE_PLACEHOLDER = "fri, in 3 days, 4 dec, or none"
MOVE_KEYS = "Enter moves it · Esc leaves it as it was"
FROM = "from {origin}"

# ---- Journal.
JOURNAL_TITLE = "Your journal"
JOURNAL_SEARCH_PLACEHOLDER = "Search your entries (type to filter)"
JOURNAL_LOADING = "Opening your journal…"
JOURNAL_EMPTY = "Nothing in your journal yet. Walk a workbook, or `reflect write` a note."
JOURNAL_NO_MATCH = "No entries with those words."
JOURNAL_SHOWING_NEWEST = "Showing your newest {count} entries; a search looks through them all."
JOURNAL_FREE_FORM = "free-form"
JOURNAL_STAR_KEY = "Star"
JOURNAL_STARRED = "Starred. `reflect journal --starred` lists your starred entries."
JOURNAL_UNSTARRED = "The star is off."

# Skipping a prompt with words typed in it: skipping means "not this".
SKIPPED_NOT_SAVED = (
    "What you typed there is not saved as your answer. Go back (ctrl+b) while this walk "
    "is open to find it again."
)

# The ctrl+p palette (reflect.tui.commands): a name, then what it does.
COMMAND_START = "Start: {title}"
COMMAND_REVIEW = "Review your plans"
COMMAND_REVIEW_HELP = "See what you planned; mark things done, drop them or move them."
COMMAND_JOURNAL = "Your journal"
COMMAND_JOURNAL_HELP = "Read back what you have written."
COMMAND_SEARCH = "Search your journal"
COMMAND_SEARCH_HELP = "Find the entries that mention some words."
COMMAND_LOOK_BACK = "Looking back"
COMMAND_LOOK_BACK_HELP = "Your scales over time, what went with better weeks, plans kept."
COMMAND_SUPPORT = "Support note"
COMMAND_SUPPORT_HELP = "Where to turn if things feel heavy."
COMMAND_HELP = "Help"
COMMAND_HELP_HELP = "Every key, in full."
COMMAND_THEME = "Theme"
COMMAND_THEME_HELP = "Choose the colours; reflect remembers them."
COMMAND_QUIT = "Pause and quit"
COMMAND_QUIT_HELP = "Keep your place in any walk and close reflect."
# ---- Plans as options (`options_from = "open-actions"`).
CARRY_TITLE = "The plans you are carrying · d done, x drop, m move, Esc keeps the rest as they are"
