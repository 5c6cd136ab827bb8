"""Modal forms: promise editor, excuse reason, time entry, note editor, confirmation."""
