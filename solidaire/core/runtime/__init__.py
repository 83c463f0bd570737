"""The ground floor's run-time plumbing: what apps plug in at start-up (hooks.py) and the
background jobs services start after commit (queue.py)."""
