"""The reminders' pure rules: what is due and when, what a snooze does, the texts.

No clock, no files, no notifier: values in, values out. The face that fires them (the
service loop, the notifier, the app's hook) is `tracker.reminders`.
"""
