"""The table's headers are our words as written: never read as markup or emoji codes."""

from __future__ import annotations

from textual.app import App, ComposeResult

from tracker.ui.widgets.fitted_table import ColumnSpec, FittedTable, cell

LABELS = ("[b]Due[/b]", ":smile: Now")


class _OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield FittedTable([ColumnSpec("title", LABELS[0]), ColumnSpec("now", LABELS[1], 12)])


async def test_column_headers_are_shown_as_written() -> None:
    app = _OneTable()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(FittedTable)
        table.show_rows([(1, [cell("Walk"), cell("3 days")])])
        await pilot.pause()
        assert [column.label.plain for column in table.columns.values()] == list(LABELS)
