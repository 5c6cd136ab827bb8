"""Sharing with a partner through a synced folder: encrypted share files, pairing, partner views.

Nothing is imported here: the command line and the app import `tracker.share.sharing`
(and `cryptography` with it) only when a sharing feature is used.
"""
