"""The footer is rebuilt when the keys it shows change, not each time a view is shown."""

from __future__ import annotations

import pytest
from app_support import add_promise, make_app
from textual.widgets._footer import FooterKey
from ui_support import settle

from tracker.store import Store
from tracker.ui.screens.base import SteadyFooter
from tracker.ui.screens.streaks import StreaksScreen


def _keys_shown(footer: SteadyFooter) -> list[str]:
    return [key.description for key in footer.query(FooterKey)]


async def test_the_footer_is_rebuilt_only_when_its_keys_change(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_promise(store, "Phone away at dinner")
    rebuilt: list[str] = []
    recompose = SteadyFooter.recompose

    async def counting(self: SteadyFooter) -> None:
        rebuilt.append(type(self.screen).__name__)
        await recompose(self)

    monkeypatch.setattr(SteadyFooter, "recompose", counting)
    app = make_app(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, StreaksScreen)
        assert "Archived" in _keys_shown(app.screen.query_one(SteadyFooter))
        assert rebuilt.count("StreaksScreen") == 1
        for _ in range(3):
            await pilot.press("1")
            await settle(pilot)
            await pilot.press("3")
            await settle(pilot)
        assert rebuilt.count("StreaksScreen") == 1
        assert "Archived" in _keys_shown(app.screen.query_one(SteadyFooter))
