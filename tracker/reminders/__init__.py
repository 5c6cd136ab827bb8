"""Reminders: what is due (pure), the plyer notifier, the service, the app hook, doctor."""
