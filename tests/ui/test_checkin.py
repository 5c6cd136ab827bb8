"""Stories of the weekly check-in at 80x24, by keyboard: a whole check-in across a restart,
agreements made promises, settling, the week's facts on the demo, leaving, hostile text,
past check-ins read back, the time box, the reminder in the app."""

from __future__ import annotations

from datetime import date, time, timedelta

from app_support import EVENING, TODAY, add_promise, frozen_clock, make_app, open_store
from textual.widgets import Button, Checkbox, Input, Static, TextArea
from ui_support import screen_text, settle

from tracker.model import QualityKind
from tracker.practices.answers import (
    Agreement,
    CheckInAppreciation,
    IStatement,
    LovedAsk,
    ReconnectPlan,
    Settle,
)
from tracker.practices.checkin import Step
from tracker.practices.readback import facts_lines
from tracker.practices.records import Appreciation, Person
from tracker.reminders.inapp import InAppReminders
from tracker.reminders.notifier import Delivery
from tracker.service import Tracker
from tracker.store import kinds
from tracker.ui.dialogs.confirm import ConfirmDialog
from tracker.ui.dialogs.promise_editor import PromiseEditor
from tracker.ui.dialogs.quality_entry import QualityEntryEditor
from tracker.ui.screens.checkin import CheckInScreen
from tracker.ui.screens.checkins import CheckInReader, CheckInsScreen

SIZE = (80, 24)
HOSTILE = "[bold]not markup[/] $HOME 📵 ثق بي"


async def open_checkin(pilot) -> CheckInScreen:
    await pilot.press("c")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CheckInScreen)
    return screen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def next_step(pilot) -> None:
    await pilot.press("ctrl+n")
    await settle(pilot)


def error_of(flow: CheckInScreen) -> str:
    """What the flow says, in place, about a step it could not keep."""
    error = flow.query_one("#checkin-error", Static)
    return str(error.render()) if error.display else ""


def draft_of(store):
    drafts = [c for c in store.records(kinds.CHECKINS) if c.is_draft]
    assert len(drafts) <= 1
    return drafts[0] if drafts else None


def at_step(store, step: Step):
    """A draft stored at `step`, the steps before it answered plainly (as the app saves)."""
    tracker = Tracker(store, frozen_clock())
    checkins = tracker.checkins
    draft = checkins.start().saved
    draft = checkins.answer(draft, Settle()).saved
    return checkins.go_to(draft, step).saved


async def test_a_whole_check_in_closed_at_step_4_and_resumed_in_a_new_app(tmp_path):
    path = tmp_path / "tracker.json"
    store = open_store(path)
    add_promise(store, "Phone away at dinner", kept_days=3)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        text = screen_text(app)
        assert "step 1 of 8" in text and "Settle in" in text
        assert "You set aside 30 minutes" in text
        assert draft_of(store) is None  # opening it writes nothing yet
        await next_step(pilot)  # settled: nothing ticked is an answer too
        assert "The week in facts" in screen_text(app)
        await next_step(pilot)
        await type_text(pilot, "She made soup")
        await pilot.press("tab")
        await type_text(pilot, "care")
        await next_step(pilot)
        assert "step 4 of 8" in screen_text(app)
        await type_text(pilot, "We laughed at dinner")
        # Closing the app halfway through typing step 4: nothing is lost.
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert flow.checkin is not None
    draft = draft_of(open_store(path))
    assert draft.step is Step.WENT_RIGHT and draft.went_right == "We laughed at dinner"
    assert draft.appreciations == (CheckInAppreciation("She made soup", "care"),)

    store = open_store(path)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        text = screen_text(app)
        assert "step 4 of 8" in text and "We laughed at dinner" in text
        assert "Picking up the check-in you began on Wed 25 Nov" in text
        await pilot.press("end")
        await type_text(pilot, ", twice")
        await next_step(pilot)
        assert "One issue, at most" in screen_text(app)
        await type_text(pilot, "hurt")
        await pilot.press("tab")
        await type_text(pilot, "you never listen to me")
        text = screen_text(app)
        assert "“you never listen to me” can be hard to hear" in text
        assert "I feel hurt about the times you don't listen to me." in text
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert flow.query_one("#about", Input).value == "the times you don't listen to me"
        await next_step(pilot)
        await type_text(pilot, "A long hug when I get home")
        await next_step(pilot)
        await type_text(pilot, "Walk on Sundays")
        await pilot.press("enter")
        await settle(pilot)
        assert "1. Walk on Sundays" in screen_text(app)
        await next_step(pilot)
        await type_text(pilot, "A walk to the lake")
        for field, value in (("#plan-day", "tomorrow"), ("#plan-at", "10:30")):
            flow.query_one(field, Input).value = value
        await settle(pilot)
        assert "tracker will remind you on Thu 26 Nov at 10:30" in screen_text(app)
        await next_step(pilot)
        text = screen_text(app)
        assert "Ready to finish" in text and "2. The week in facts    ✓ answered" in text
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, CheckInReader)
        text = screen_text(app)
        assert "Check-in 1 · Wed 25 Nov 2026 · about the week of Mon 16 Nov" in text
        assert "Your check-in of Wed 25 Nov is kept" in text

    [done] = store.records(kinds.CHECKINS)
    assert not done.is_draft and done.skipped == ()
    assert done.went_right == "We laughed at dinner, twice"
    assert done.issue == IStatement("hurt", "the times you don't listen to me", "")
    assert done.loved == LovedAsk("A long hug when I get home")
    assert done.agreements == (Agreement("Walk on Sundays"),)
    assert done.reconnect == ReconnectPlan("A walk to the lake", TODAY + timedelta(1), time(10, 30))
    [said] = store.records(kinds.APPRECIATIONS)
    assert (said.text, said.quality, said.day) == ("She made soup", "care", TODAY)


async def test_an_agreement_becomes_a_promise_in_one_key(store):
    at_step(store, Step.AGREEMENTS)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_checkin(pilot)
        await type_text(pilot, "Phones in the drawer at dinner")
        await pilot.press("enter", "tab")
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, PromiseEditor)
        assert form.query_one("#title", Input).value == "Phones in the drawer at dinner"
        assert form.query_one("#schedule", Input).value == "daily"
        assert form.query_one("#start", Input).value == TODAY.isoformat()
        assert form.query_one("#why", Input).value == "We agreed on it at our weekly check-in."
        assert "A new promise" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        [promise] = store.promises()
        assert promise.title == "Phones in the drawer at dinner"
        assert draft_of(store).agreements == (
            Agreement("Phones in the drawer at dinner", promise.id),
        )
        assert f"1. Phones in the drawer at dinner → promise {promise.id}" in screen_text(app)
        await pilot.press("p")  # once is enough: it says so
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert "Agreement 1 is a promise already" in screen_text(app)


async def test_the_appreciations_step_gathers_the_weeks_kept_ones(store):
    # TODAY is a Wednesday: the check-in looks back on the week of Mon 16 Nov.
    for day, text, by in (
        (date(2026, 11, 17), HOSTILE, Person.ME),
        (date(2026, 11, 21), "She noticed I was tired", Person.PARTNER),
        (date(2026, 11, 24), "This week's, not the last one's", Person.ME),
        (date(2026, 11, 15), "The week before", Person.ME),
    ):
        store.add_record(kinds.APPRECIATIONS, Appreciation(text, day, by, quality="care"))
    at_step(store, Step.APPRECIATIONS)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot)
        text = screen_text(app)
        assert "Already kept about this week:" in text
        assert f"· Tue 17 Nov, you: {HOSTILE} (care)" in text  # shown literally
        assert "· Sat 21 Nov, your partner: She noticed I was tired (care)" in text
        assert "This week's, not the last one's" not in text and "The week before" not in text


async def test_settling_with_a_yes_suggests_another_time_and_lets_you_go_on(store):
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        assert "pick another time" not in screen_text(app)
        await pilot.press("space")  # you: hungry
        await settle(pilot)
        advice = str(flow.query_one("#settle-advice", Static).render())
        assert advice.startswith("You feel hungry. A check-in goes best when you both arrive")
        assert advice.endswith("Or go on, if it feels right.")
        assert "You feel hungry." in screen_text(app)
        assert str(flow.query_one("#nav-next", Button).label) == "Go on anyway"
        flow.query_one("#settle-later", Button).press()
        await settle(pilot)
        assert not isinstance(app.screen, CheckInScreen)
        assert "The check-in waits for you both" in screen_text(app)

        flow = await open_checkin(pilot)
        assert "step 1 of 8" in screen_text(app)
        for box in flow.query(Checkbox):
            box.value = box.id in {"me-tired", "partner-angry"}
        await settle(pilot)
        advice = str(flow.query_one("#settle-advice", Static).render())
        assert advice.startswith("You feel tired. Your partner feels angry.")
        await next_step(pilot)  # go on anyway
        assert "The week in facts" in screen_text(app)
    draft = draft_of(store)
    assert draft.settle.me.named == ("tired",) and draft.settle.partner.named == ("angry",)


async def test_the_week_in_facts_on_the_demo_is_calm_and_from_the_data(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 40)) as pilot:
        flow = await open_checkin(pilot)
        await next_step(pilot)
        week_of = flow.checkin.week_of
        assert week_of == date(2026, 11, 16)  # held on a Wednesday: the week just ended
        facts = app.service.checkins.week_in_facts(week_of)
        text = screen_text(app)
        assert "From Mon 16 Nov to Sun 22 Nov, as you logged it:" in text
        for line in facts_lines(facts)[:4]:
            assert line in text
        # Counted here without the service: that week's time together.
        sunday = date(2026, 11, 22)
        entries = demo_store.quality_entries()
        minutes = sum(e.minutes for e in entries if week_of <= e.day <= sunday)
        assert facts.quality_minutes == minutes > 0
        running = [
            p
            for p in demo_store.promises()
            if p.start <= sunday and (p.end is None or p.end >= week_of)
        ]
        assert len(facts.promises) == len(running)
        # Nothing red, nothing that reads as a grade.
        error_colour = app.get_css_variables()["error"].lower()
        assert error_colour not in app.export_screenshot().lower()
        assert "%" not in text and "score" not in text.lower()


async def test_esc_keeps_what_was_typed_and_asks_only_before_dropping_what_cannot_be_kept(store):
    at_step(store, Step.APPRECIATIONS)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        await type_text(pilot, "The flowers")
        await pilot.press("escape")  # at once, before the typing was saved on its own
        await settle(pilot)
        assert not isinstance(app.screen, CheckInScreen)
        assert "Your check-in waits for you: press c" in screen_text(app)
        assert draft_of(store).appreciations == (CheckInAppreciation("The flowers"),)

        flow = await open_checkin(pilot)
        flow.query_one("#quality-1", Input).value = "patience"  # a quality with no words
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "cannot be kept as it is: An appreciation cannot be empty." in str(
            app.screen.question
        )
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is flow and flow.query_one("#quality-1", Input).value == "patience"
        await next_step(pilot)
        assert error_of(flow) == "An appreciation cannot be empty."
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInScreen)
    assert draft_of(store).appreciations == (CheckInAppreciation("The flowers"),)


async def test_hostile_text_in_every_field_is_refused_in_place_or_kept_exactly(store):
    at_step(store, Step.APPRECIATIONS)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        flow.query_one("#appreciation-0", Input).value = HOSTILE
        flow.query_one("#quality-0", Input).value = "q" * 81
        await settle(pilot)
        await next_step(pilot)
        assert error_of(flow) == "The quality is too long (81 characters; at most 80)."
        flow.query_one("#quality-0", Input).value = "kindness 🌷"
        await next_step(pilot)

        area = flow.query_one("#went-right", TextArea)
        area.text = "x" * 2001
        await next_step(pilot)
        assert error_of(flow) == "What went right is too long (2001 characters; at most 2000)."
        area.text = "ok\x1b[31m red"
        await next_step(pilot)
        assert "contains a control character ('\\x1b')" in error_of(flow)
        assert area.text == "ok\x1b[31m red"  # the words stay, to be fixed
        area.text = f"{HOSTILE}\nsecond line"
        await next_step(pilot)

        for field in ("#feel", "#about", "#need"):
            flow.query_one(field, Input).value = HOSTILE
        await next_step(pilot)
        await next_step(pilot)  # feeling loved: empty, so passed over
        flow.query_one("#agreement", Input).value = "\x07bell"
        await next_step(pilot)
        assert error_of(flow).startswith("An agreement contains a control character")
        flow.query_one("#agreement", Input).value = HOSTILE
        await next_step(pilot)
        flow.query_one("#plan-text", Input).value = HOSTILE
        flow.query_one("#plan-day", Input).value = "someday"
        await settle(pilot)
        assert "'someday' is not a day." in screen_text(app)
        await next_step(pilot)
        assert error_of(flow).startswith("'someday' is not a day.")
        flow.query_one("#plan-day", Input).value = "2026-02-30"
        await next_step(pilot)
        assert "February 2026 has 28 days" in error_of(flow)
        flow.query_one("#plan-day", Input).value = ""
        await next_step(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        reader = app.screen
        assert isinstance(reader, CheckInReader)
        text = "\n".join(str(static.render()) for static in reader.query(".reader-line"))
        assert f"1. {HOSTILE} (kindness 🌷)" in text
        assert f"{HOSTILE}\nsecond line" in text
        assert f"I feel {HOSTILE} about {HOSTILE}. I need {HOSTILE}." in text
    done = store.records(kinds.CHECKINS)[0]
    assert done.loved is None and Step.LOVED in done.skipped
    assert done.agreements == (Agreement(HOSTILE),)
    assert done.reconnect == ReconnectPlan(HOSTILE)


async def test_past_check_ins_are_listed_with_dates_and_read_back(store):
    tracker = Tracker(store, frozen_clock(EVENING - timedelta(days=9)))
    first = tracker.checkins.start().saved
    first = tracker.checkins.answer(first, Settle()).saved
    tracker.checkins.finish(first)
    tracker = Tracker(store, frozen_clock())
    second = tracker.checkins.go_to(tracker.checkins.start().saved, Step.WENT_RIGHT).saved
    second = tracker.checkins.answer(second, HOSTILE).saved
    tracker.checkins.finish(second)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.action_checkins()
        await settle(pilot)
        assert isinstance(app.screen, CheckInsScreen)
        text = screen_text(app)
        assert "2 kept · enter reads one back" in text
        assert text.index("Wed 25 Nov 2026") < text.index("Mon 16 Nov 2026")
        assert "about the week of Mon 16 Nov" in text and "about the week of Mon 9 Nov" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInReader)
        text = screen_text(app)
        assert "What went right" in text and HOSTILE in text
        assert "Passed over: settle in; the week in facts; appreciations" in text
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert "Check-in 1 · Mon 16 Nov 2026" in screen_text(app)


async def test_an_empty_list_says_how_to_begin(store):
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "past check")
        await pilot.press("enter")
        await settle(pilot)
        assert "No check-ins kept yet. Press c to hold your first" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)


async def test_the_time_set_aside_is_said_quietly(store):
    clock = frozen_clock()
    app = make_app(store, clock)
    async with app.run_test(size=SIZE) as pilot:
        flow = await open_checkin(pilot)
        clock.frozen = EVENING + timedelta(minutes=12)
        flow._show_time_box()
        await settle(pilot)
        assert "About 18 of the 30 minutes you set aside are left." in screen_text(app)
        clock.frozen = EVENING + timedelta(minutes=31)
        flow._show_time_box()
        await settle(pilot)
        assert "The 30 minutes you set aside are up." in screen_text(app)
        assert isinstance(app.screen, CheckInScreen)  # nothing interrupts


async def test_the_views_keys_wait_and_the_palette_offers_nothing_that_strands_it(store):
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_checkin(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        assert "Esc leaves the check-in (it waits for you)" in screen_text(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "go to")
        assert "Go to Notes" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)


async def test_the_palette_and_help_offer_the_check_in(store):
    app = make_app(store)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await type_text(pilot, "weekly")
        assert "Weekly check-in" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        await pilot.press("escape", "question_mark")
        await settle(pilot)
        from tracker.ui.screens.help import sections

        titles = dict(sections())
        described = {what for _keys, what in titles["Hold the weekly check-in together (c)"]}
        assert {"Next", "Back", "Skip this step", "Finish", "Past check-ins", "Leave"} <= described
        assert {"Make it a promise", "Use the rewrite"} <= described


async def test_the_plan_can_be_logged_as_time_together_from_a_filled_in_form(store):
    at_step(store, Step.RECONNECT)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        await type_text(pilot, "Tea on the balcony")
        flow.query_one("#plan-minutes", Input).value = "45m"
        await settle(pilot)
        flow.query_one("#log-plan", Button).press()
        await settle(pilot)
        form = app.screen
        assert isinstance(form, QualityEntryEditor)
        assert "Log time together" in screen_text(app)
        assert form.query_one("#duration", Input).value == "45m"
        assert form.query_one("#note", Input).value == "Tea on the balcony"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is flow
        [entry] = store.quality_entries()
        assert (entry.day, entry.minutes, entry.kind) == (TODAY, 45, QualityKind.OTHER)
        assert "Logged 45m of other on 2026-11-25" in screen_text(app)


async def test_skipping_asks_before_leaving_out_what_was_written(store):
    at_step(store, Step.WENT_RIGHT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        flow = await open_checkin(pilot)
        await type_text(pilot, "Something")
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert flow.checkin.step is Step.ISSUE
        await pilot.press("ctrl+o")  # nothing written: no question
        await settle(pilot)
        assert flow.checkin.step is Step.LOVED
    draft = draft_of(store)
    assert draft.went_right is None and {Step.WENT_RIGHT, Step.ISSUE} <= set(draft.skipped)


async def test_a_draft_can_be_dropped_from_the_last_page_and_brought_back(store):
    at_step(store, Step.LOVED)
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        flow = await open_checkin(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        flow.query_one("#drop", Button).press()
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CheckInScreen)
        assert draft_of(store) is None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert draft_of(store) is not None


async def test_the_weekly_reminder_shows_in_the_app(store):
    class Quiet:
        def send(self, notice):
            return Delivery(True, "test")

    tracker = Tracker(store, frozen_clock())
    tracker.settings.change(
        {
            "notifications.weekly_checkin_day": "wednesday",
            "notifications.weekly_checkin_time": "20:30",
        }
    )
    reminders = InAppReminders(tracker, Quiet(), desktop=False)
    app = make_app(store, reminder_tick=reminders)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.tick_reminders()
        await settle(pilot)
        text = screen_text(app)
        assert "Weekly check-in" in text and "Time for your weekly check-in." in text


async def test_the_reminder_day_and_the_time_set_aside_are_in_the_settings(store):
    app = make_app(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("comma")
        await settle(pilot)
        form = app.screen
        assert form.query_one("#notifications--weekly_checkin_day", Input).value == "off"
        form.query_one("#notifications--weekly_checkin_day", Input).value = "someday"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form  # refused in place, nothing saved
        assert store.settings().notifications.weekly_checkin_day is None
        form.query_one("#notifications--weekly_checkin_day", Input).value = "Sun"
        form.query_one("#notifications--weekly_checkin_time", Input).value = "18:45"
        form.query_one("#checkin_time_box", Input).value = "45m"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is not form
    settings = store.settings()
    assert settings.notifications.weekly_checkin_day == 6
    assert settings.notifications.weekly_checkin_time == time(18, 45)
    assert settings.checkin_minutes == 45


async def test_past_check_ins_from_the_flow_keep_the_draft_waiting(store):
    at_step(store, Step.WENT_RIGHT)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot)
        await type_text(pilot, "Breakfast in the sun")
        await pilot.press("ctrl+l")
        await settle(pilot)
        assert isinstance(app.screen, CheckInsScreen)
        assert "One begun Wed 25 Nov waits: c goes on" in screen_text(app)
        assert draft_of(store).went_right == "Breakfast in the sun"
        flow = await open_checkin(pilot)
        assert flow.query_one("#went-right", TextArea).text == "Breakfast in the sun"


async def test_on_the_agreements_list_the_footer_still_says_how_to_leave(store):
    """At 80x24, with the list of agreements focused, every key of the footer is whole."""
    at_step(store, Step.AGREEMENTS)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_checkin(pilot)
        await type_text(pilot, "Walk on Sundays")
        await pilot.press("enter", "tab")
        await settle(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "p Promise" in footer and "esc Leave" in footer


async def test_c_after_this_weeks_check_in_was_held_says_it_would_be_a_second(store):
    checkins = Tracker(store, frozen_clock()).checkins
    held = checkins.finish(at_step(store, Step.RECONNECT)).saved
    assert held.week_of == date(2026, 11, 16) and checkins.draft() is None
    app = make_app(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await open_checkin(pilot)
        text = screen_text(app)
        assert "You held the check-in about the week of Mon 16 Nov on" in text
        assert "this one would be a second" in text
