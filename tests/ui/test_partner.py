"""Stories on the Partner view (key 5): how to set sharing up, the partner's day, streaks, week
and practices, noticing a kept promise, and a damaged share arriving while the app is open.
Sam's app, at 80x24; Alex's tracker works through the service beside it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from app_support import EVENING, TODAY, add_promise, frozen_clock, make_app, open_store
from ui_support import screen_text, settle

from tracker.model import Mark, MarkStatus, QualityKind, QualityTime
from tracker.practices.records import Appreciation, Boundary, Letter, Whose
from tracker.service import Tracker
from tracker.store import Store, kinds
from tracker.ui.screens.partner import PartnerScreen
from tracker.ui.widgets.fitted_table import FittedTable

SIZE = (80, 24)


def paired(tmp_path: Path) -> tuple[Tracker, Store]:
    """Alex's tracker (through the service) and Sam's store, paired on one folder."""
    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    sam_store = open_store(tmp_path / "sam" / "tracker.json")
    sam = Tracker(sam_store, frozen_clock())
    folder = tmp_path / "Sync" / "us"
    sam.sharing.join(folder, alex.sharing.setup(folder, "Alex").saved.code, "Sam")
    return alex, sam_store


def alex_shares_a_day(alex: Tracker) -> None:
    store = alex._context.store
    walk = add_promise(store, "Evening walk by the canal", kept_days=3)
    add_promise(store, "Text when I'll be late", kept_days=1)
    alex.marks.check_off(walk, TODAY)
    store.add_quality(QualityTime(TODAY - timedelta(days=1), 95, QualityKind.DATE_NIGHT))
    store.add_record(
        kinds.APPRECIATIONS, Appreciation(text="[b]soup[/b] when I was ill", day=TODAY)
    )
    store.add_record(
        kinds.BOUNDARIES, Boundary(text="No phone checks", agreed_on=TODAY, whose=Whose.MINE)
    )
    store.add_record(
        kinds.LETTERS,
        Letter(title="What trust means", body="It means rest.", written_on=TODAY, shared=True),
    )
    assert alex.sharing.publish().written


def sams_app(tmp_path: Path, clock=None):
    """Alex's tracker, having shared a day, and Sam's app beside it."""
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    return alex, make_app(sam_store, clock)


def shown(app, selector: str) -> str:
    """What one Static of the current view says, unwrapped."""
    return str(app.screen.query_one(selector).render())


async def open_partner_view(pilot) -> None:
    """The app has read their share (it does at start, in a worker), then 5 opens the view."""
    pilot.app.partner.poll(force=True)
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)


async def test_until_sharing_is_set_up_the_view_explains_it_step_by_step(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, PartnerScreen)
        guide = shown(app, "#partner-guide-text")
        for step in (
            "Install Syncthing on both",
            "Add Folder, say ~/Sync/us",
            "Keep your data file out of that folder",
            str(store.path),
            "add this line: (?d).tmp-*",
            "tracker share setup ~/Sync/us --name Alex",
            "tracker share join ~/Sync/us CODE --name Sam",
            "Compare the six safety words aloud",
        ):
            assert step in guide, step
        text = screen_text(app)
        assert "Share with your partner" in text
        assert "I noticed" not in text  # nothing to notice yet: the key is hidden
        await pilot.press("pagedown")  # the guide scrolls by keyboard
        await settle(pilot)
        assert app.screen.query_one("#partner-guide").scroll_y > 0
        assert not (store.path.parent / "tracker.share").exists()  # nothing set up by looking


async def test_the_partners_day_streaks_week_and_practices_from_their_share(tmp_path):
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    app = make_app(sam_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        text = screen_text(app)
        assert "Alex's Wednesday 25 November  today for them" in text
        assert "1 of 2 kept · 1 still open" in text
        assert "Alex's tracker wrote just now." in text
        day = next(line for line in text.splitlines() if "Evening walk" in line)
        assert "● kept" in day and "4 days" in day
        assert "◌ open" in next(line for line in text.splitlines() if "Text when" in line)

        await pilot.press("s")
        await settle(pilot)
        streaks = screen_text(app)
        assert "Evening walk by the canal · every day · since" in streaks
        assert "Mon" in streaks and "●" in streaks  # the highlighted promise's year

        await pilot.press("w")
        await settle(pilot)
        week = screen_text(app)
        assert "Alex's time together this week" in week
        assert "1h 35m of their 3h goal" in week and "Date night, 1h 35m" in week

        await pilot.press("p")
        await settle(pilot)
        practices = screen_text(app)
        assert "[b]soup[/b] when I was ill" in practices  # their words, never markup
        assert "Alex's      No phone checks" in practices
        assert "What trust means" in practices and "It means rest." in practices

        await pilot.press("d", "left")
        await settle(pilot)
        yesterday = screen_text(app)
        assert "Alex's Tuesday 24 November  yesterday for them" in yesterday
        await pilot.press("t")
        await settle(pilot)
        assert "Wednesday 25 November" in screen_text(app)


async def test_noticing_a_kept_promise_is_saved_shared_and_shown_on_their_today(tmp_path):
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    app = make_app(sam_store)
    app.partner.debounce_seconds = 0.05
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        table = app.screen.query_one("#partner-day", FittedTable)
        await pilot.press("down")  # "Text when I'll be late" is open: nothing to notice
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, PartnerScreen)
        assert app.service.sharing.given() == []
        await pilot.press("up")
        await settle(pilot)
        assert table.current_key == 1
        await pilot.press("n")
        await settle(pilot)
        assert "You noticed: Alex kept ‘Evening walk by the canal’ on Wed 25 Nov" in screen_text(
            app
        )
        await pilot.press(*"Saw you go out in the rain", "enter")
        await settle(pilot)
        [given] = app.service.sharing.given()
        assert (given.promise_id, given.day, given.message) == (
            1,
            TODAY,
            "Saw you go out in the rain",
        )
        app.partner.poll(force=True)
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Evening walk" in line)
        assert "♥ you" in row
        await pilot.pause(0.2)  # the debounce, then the worker writes Sam's share
        await settle(pilot)
        assert app.service.sharing.status().written_sequence >= 1

    # Alex's own Today shows, discreetly, that Sam noticed.
    alexs_app = make_app(alex._context.store)
    async with alexs_app.run_test(size=SIZE) as pilot:
        alexs_app.partner.poll(force=True)
        await settle(pilot)
        row = next(line for line in screen_text(alexs_app).splitlines() if "Evening walk" in line)
        assert "♥ Sam" in row
        # The words are where the heart is: the highlighted row's detail line.
        assert "♥ Sam noticed: “Saw you go out in the rain”" in shown(alexs_app, "#today-detail")
        await pilot.press("5", "w")
        await settle(pilot)
        # The message on its own indented line, never wrapped back to the left edge.
        assert "Sam noticed: Evening walk by the canal\n    “Saw you go out in the rain”" in (
            shown(alexs_app, "#partner-thanks")
        )


async def test_a_damaged_share_arriving_while_open_keeps_the_last_good_view_and_says_so(
    tmp_path,
):
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    app = make_app(sam_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        assert "could not be verified" not in screen_text(app)
        pairing = alex.sharing.files.pairing()
        assert pairing is not None
        share_file = tmp_path / "Sync" / "us" / pairing.my_file
        data = bytearray(share_file.read_bytes())
        data[-7] ^= 0x20
        share_file.write_bytes(bytes(data))
        app.partner.poll()  # what the timer does every second
        await settle(pilot)
        text = screen_text(app)
        assert "Alex's share could not be verified" in text
        assert "Shown: the last good share, which came just now." in text
        assert "Evening walk by the canal" in text  # the last good view is kept

        # Their next good share is taken as usual, and the problem goes.
        alex._context.store.put_mark(
            Mark(2, TODAY, MarkStatus.KEPT)  # "Text when I'll be late"
        )
        assert alex.sharing.publish().written
        app.partner.poll()
        await settle(pilot)
        text = screen_text(app)
        assert "could not be verified" not in text and "All 2 kept" in text


@pytest.mark.parametrize("state", ["waiting", "stopped"])
async def test_waiting_for_the_partner_and_a_partner_who_stopped_are_said_plainly(tmp_path, state):
    alex = Tracker(open_store(tmp_path / "alex" / "tracker.json"), frozen_clock())
    folder = tmp_path / "Sync" / "us"
    code = alex.sharing.setup(folder, "Alex").saved.code
    if state == "stopped":
        sam = Tracker(open_store(tmp_path / "sam" / "tracker.json"), frozen_clock())
        sam.sharing.join(folder, code, "Sam")
        alex.sharing.status()  # Alex's tracker takes Sam's answer...
        sam.sharing.stop()  # ...and then Sam stops
    app = make_app(alex._context.store)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        guide = shown(app, "#partner-guide-text")
        if state == "waiting":
            assert "Waiting for your partner to join" in screen_text(app)
            assert "tracker share join FOLDER CODE --name THEIR-NAME" in guide
        else:
            assert "Sharing with Sam" in screen_text(app)
            assert "Sam stopped sharing" in guide and "tracker share stop" in guide
            assert not app.screen.query_one("#partner-problems").display  # not said twice


async def test_a_burst_of_check_offs_writes_our_share_once_and_closing_writes_what_is_left(
    tmp_path,
):
    alex, sam_store = paired(tmp_path)
    for title in ("Walk", "Call", "Cook"):
        add_promise(sam_store, title)
    app = make_app(sam_store)
    app.partner.debounce_seconds = 2.0  # as in use: a burst of keys comes well within it
    sharing = app.service.sharing
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = sharing.status().written_sequence
        await pilot.press("space", "down", "space", "down", "space")
        await settle(pilot)
        assert sharing.status().written_sequence == before  # not on the keypress
        await pilot.pause(2.5)
        await settle(pilot)
        assert sharing.status().written_sequence == before + 1  # once, for the burst
        await pilot.press("u")  # one more change, and the app closes before the debounce
        await settle(pilot)
    app.partner.publish_on_close()
    assert sharing.status().written_sequence == before + 2
    rows = alex.sharing.day().rows
    assert sorted(row.status.value for row in rows) == ["kept", "kept", "open"]
    app.partner.publish_on_close()  # nothing new: not written again
    assert sharing.status().written_sequence == before + 2


async def test_a_burst_of_changes_that_goes_on_is_written_once_it_waited_half_a_minute(
    tmp_path,
):
    _alex, sam_store = paired(tmp_path)
    for title in ("Walk", "Call"):
        add_promise(sam_store, title)
    app = make_app(sam_store)
    clock = [1000.0]
    app.partner.monotonic = lambda: clock[0]
    app.partner.debounce_seconds = 2.0
    sharing = app.service.sharing
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = sharing.status().written_sequence
        await pilot.press("space")  # the burst starts
        await settle(pilot)
        clock[0] += 29.0  # changes kept coming all along (each one restarted the debounce)
        await pilot.press("down", "space")
        await settle(pilot)
        assert sharing.status().written_sequence == before
        clock[0] += 1.5  # the first change has now waited more than 30 s
        await pilot.press("u")
        await pilot.pause(0.3)
        await settle(pilot)
        assert sharing.status().written_sequence == before + 1  # without waiting for the end


async def test_partner_is_in_the_help_and_the_palette(store):
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = screen_text(app)
        assert "first evening needs three things" in help_text
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Go to Partner", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PartnerScreen)
    from tracker.ui.screens.help import sections

    partner_keys = dict(sections())["See your partner's day and say you noticed (Partner, 5)"]
    assert ("n", "I noticed") in partner_keys
    assert any(words == "Their previous day" for _keys, words in partner_keys)
    assert EVENING.date() == TODAY


async def test_the_view_follows_their_share_by_itself_while_it_is_open(tmp_path):
    """No key pressed, no poll called by hand: the app's own timer finds Alex's new share."""
    alex, app = sams_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        assert "1 of 2 kept · 1 still open" in screen_text(app)
        alex._context.store.put_mark(Mark(2, TODAY, MarkStatus.KEPT))
        assert alex.sharing.publish().written
        for _ in range(200):  # the poll runs every second; up to 20 s on a busy machine
            await pilot.pause(0.1)
            if "All 2 kept" in screen_text(app):
                break
        assert "All 2 kept" in screen_text(app)


async def test_the_line_saying_when_their_tracker_wrote_stays_true_while_open(
    tmp_path, monkeypatch
):
    import tracker.ui.screens.partner as partner_screen

    monkeypatch.setattr(partner_screen, "TIMES_SECONDS", 0.05)
    clock = frozen_clock()
    _, app = sams_app(tmp_path, clock)  # Alex's share written at EVENING, Alex's clock
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        assert shown(app, "#partner-wrote").endswith("·  Alex's tracker wrote just now.")
        clock.frozen = EVENING + timedelta(hours=2, minutes=5)  # nothing new from Alex
        await pilot.pause(0.3)
        await settle(pilot)
        assert shown(app, "#partner-wrote").endswith("·  Alex's tracker wrote 2 hours ago.")


async def test_their_check_ins_show_once_finished_and_a_draft_never(tmp_path):
    from dataclasses import replace as replaced

    from tracker.practices.answers import Agreement
    from tracker.practices.checkin import Step, answer, finish, go_to, start_checkin

    alex, sam_store = paired(tmp_path)
    store = alex._context.store
    sunday = TODAY - timedelta(days=3)
    held = start_checkin(sunday, EVENING - timedelta(days=3))
    held = answer(go_to(held, Step.AGREEMENTS), (Agreement("Phones away at dinner"),))
    store.add_record(kinds.CHECKINS, finish(held, EVENING - timedelta(days=3)))
    draft = start_checkin(TODAY, EVENING)
    draft = answer(go_to(draft, Step.AGREEMENTS), (Agreement("Secret draft answer"),))
    store.add_record(kinds.CHECKINS, replaced(draft))
    assert alex.sharing.publish().written
    app = make_app(sam_store)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        await pilot.press("p")
        await settle(pilot)
        practices = shown(app, "#partner-practices")
        assert "Weekly check-ins" in practices
        assert "Phones away at dinner" in practices  # finished: revealed
        assert "Secret draft answer" not in practices  # still being written: private


async def test_a_check_off_made_while_the_folder_is_gone_is_shared_once_it_is_back(tmp_path):
    """A USB stick unplugged while the app is open: the check-off cannot be written then;
    once the folder is back, the app's own poll writes it, with no new change."""
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    add_promise(sam_store, "Cook dinner")
    app = make_app(sam_store)
    app.partner.debounce_seconds = 0.05
    folder = tmp_path / "Sync" / "us"
    unplugged = folder.with_name("unplugged")
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        assert [row.status.value for row in alex.sharing.day().rows] == ["open"]
        folder.rename(unplugged)
        await pilot.press("1", "space")
        await pilot.pause(0.3)
        await settle(pilot)
        assert "Cook dinner" in screen_text(app) and not folder.exists()
        unplugged.rename(folder)
        for _ in range(200):  # the poll runs every second; up to 20 s on a busy machine
            await pilot.pause(0.1)
            if [row.status.value for row in alex.sharing.day().rows] == ["kept"]:
                break
        assert [row.status.value for row in alex.sharing.day().rows] == ["kept"]


async def test_each_tab_underlines_the_key_that_shows_it(tmp_path):
    from textual.widgets import TabbedContent

    _, app = sams_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        tabs = app.screen.query_one("#partner-tabs", TabbedContent)
        for pane, key in (("day", "d"), ("streaks", "s"), ("week", "w"), ("practices", "p")):
            label = tabs.get_tab(pane).label
            [span] = label.spans
            assert label.plain[span.start : span.end].lower() == key
            assert "underline" in str(span.style)
            await pilot.press(key)
            await settle(pilot)
            assert tabs.active == pane


async def test_what_the_partner_appreciates_in_me_is_received_in_us(tmp_path):
    """Alex's appreciation of Sam, from Alex's share, counts as received in Sam's Us."""
    _alex, app = sams_app(tmp_path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.partner.poll(force=True)
        await settle(pilot)
        await pilot.press("6")
        await settle(pilot)
        while app.screen.section.NAME != "appreciations":
            await pilot.press("right_square_bracket")
            await settle(pilot)
        text = screen_text(app)
        assert "This week: 0 given, 1 received" in text
        row = next(line for line in text.splitlines() if "soup" in line)
        assert "Alex" in row and "[b]soup[/b] when I was ill" in row
        await pilot.press("enter")  # their words: not ours to edit
        await settle(pilot)
        assert "These are Alex's words, from their share." in screen_text(app)


async def test_a_share_that_could_not_be_written_is_written_by_the_next_poll_even_unseen(
    tmp_path,
):
    """The folder was gone only between two polls: no poll saw it missing, so nothing in it
    looks changed once it is back; the share still owed is written by the next poll."""
    alex, sam_store = paired(tmp_path)
    alex_shares_a_day(alex)
    add_promise(sam_store, "Cook dinner")
    app = make_app(sam_store)
    app.partner.debounce_seconds = 0.05
    app.partner.poll_seconds = 3600  # no poll of its own while the folder is away
    folder = tmp_path / "Sync" / "us"
    unplugged = folder.with_name("unplugged")
    async with app.run_test(size=SIZE) as pilot:
        await open_partner_view(pilot)
        await app.workers.wait_for_complete()
        folder.rename(unplugged)
        await pilot.press("1", "space")
        for _ in range(100):  # the check-off is written, then its share tried (and failed)
            await pilot.pause(0.05)
            await app.workers.wait_for_complete()
            if app.partner._share_owed:
                break
        assert app.partner._share_owed and not folder.exists()
        unplugged.rename(folder)
        app.partner.poll()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert [row.status.value for row in alex.sharing.day().rows] == ["kept"]
        assert not app.partner._share_owed


async def test_the_partners_measured_promise_reads_12_of_10_min(tmp_path):
    """Issue 22: a measured promise travels with its target and amounts."""
    from dataclasses import replace

    from tracker.model import Measure

    alex, sam_store = paired(tmp_path)
    store = alex._context.store
    talk = add_promise(store, "Ten minutes of talk after dinner")
    talk = store.update_promise(replace(talk, measure=Measure("min", 10)))
    alex.marks.enter(talk, TODAY, 7)
    alex.marks.enter(talk, TODAY, 5)
    assert alex.sharing.publish().written
    app = make_app(sam_store)
    async with app.run_test(size=(100, 24)) as pilot:
        await open_partner_view(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Ten minutes" in line)
        assert "● 12/10" in row and "12 of 10 min" in row


async def test_at_80_columns_the_partners_title_gives_way_to_its_amount(tmp_path):
    from dataclasses import replace

    from tracker.model import Measure

    alex, sam_store = paired(tmp_path)
    store = alex._context.store
    talk = add_promise(store, "Ten minutes of talk after dinner, every evening")
    talk = store.update_promise(replace(talk, measure=Measure("min", 10)))
    alex.marks.enter(talk, TODAY, 12)
    assert alex.sharing.publish().written
    app = make_app(sam_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_partner_view(pilot)
        row = next(line for line in screen_text(app).splitlines() if "Ten minutes" in line)
        assert "…  12 of 10 min" in row
