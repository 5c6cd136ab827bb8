"""The Textual app: Today, Time together, Streaks and Notes (imported only when the TUI starts)."""
