"""Syncing one journal across devices with what people already use (docs/sync.md).

reflect adds no sync protocol and talks to no network. It runs the user's own
`git` (never through a shell, never storing credentials, with prompts off) and
reads the conflict copies that Syncthing, Nextcloud and Dropbox leave behind;
its own part is the merge of month files by entry (reflect.journal.merge).

    git.py      running git, finding or making the repository, `reflect sync init`
    run.py      one `reflect sync`: merge copies, commit, pull through the merge driver, push
    message.py  commit messages that say what changed ("Weekly wellbeing check-in, 3 Dec")
    auto.py     `sync.auto = true`: syncing in the background, never in a save's way
"""
