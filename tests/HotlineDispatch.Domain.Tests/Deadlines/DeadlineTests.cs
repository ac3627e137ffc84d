using HotlineDispatch.Deadlines;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static HotlineDispatch.Tests.Deadlines.LocalTime;

namespace HotlineDispatch.Tests.Deadlines;

// Scenarios run on a fake clock the way a grain would: it reads the time, then asks the deadline.
public sealed class DeadlineTests
{
    private static readonly SlaPolicy Policy = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    [Fact]
    public void Pause_and_resume_over_lunch_move_the_due_by_the_working_time_paused()
    {
        var clock = new FakeTimeProvider(At("2026-03-02 11:00"));
        var deadline = Policy.StartSign(clock.GetUtcNow(), "CGJ", false, 1);
        Assert.Equal(At("2026-03-02 14:00"), deadline.DueAt);

        clock.Advance(TimeSpan.FromMinutes(30));
        deadline = deadline.Pause(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromHours(2));
        deadline = deadline.Resume(clock.GetUtcNow(), Policy);

        // Paused 11:30-13:30, of which 11:30-12:00 and 13:00-13:30 were working time.
        Assert.Null(deadline.PausedAt);
        Assert.Equal(At("2026-03-02 15:00"), deadline.DueAt);
        Assert.Equal(At("2026-03-02 14:36"), deadline.YellowAt);
    }

    [Fact]
    public void Pause_and_resume_over_a_weekend_move_the_due_by_working_time_only()
    {
        var clock = new FakeTimeProvider(At("2026-03-02 09:00"));
        var deadline = Policy.StartReply(clock.GetUtcNow(), "CGJ", TicketType.Complaint, false, 1);
        Assert.Equal(At("2026-03-06 17:00"), deadline.DueAt);

        clock.AdjustTime(At("2026-03-06 15:00"));
        deadline = deadline.Pause(clock.GetUtcNow());
        clock.AdjustTime(At("2026-03-09 11:00"));
        deadline = deadline.Resume(clock.GetUtcNow(), Policy);

        // Two hours were left at the pause; they count again from Monday 11:00.
        Assert.Equal(At("2026-03-09 14:00"), deadline.DueAt);
    }

    [Fact]
    public void A_second_pause_keeps_the_first()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1)
            .Pause(At("2026-03-02 09:30"))
            .Pause(At("2026-03-02 10:30"));

        Assert.Equal(At("2026-03-02 09:30"), deadline.PausedAt);
    }

    [Fact]
    public void Resuming_a_running_deadline_changes_nothing()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1);

        Assert.Same(deadline, deadline.Resume(At("2026-03-02 10:00"), Policy));
    }

    [Fact]
    public void A_resume_stamped_before_the_pause_resumes_at_the_pause()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1)
            .Pause(At("2026-03-02 09:30"))
            .Resume(At("2026-03-02 09:29"), Policy);

        Assert.Equal(At("2026-03-02 11:00"), deadline.DueAt);
    }

    [Fact]
    public void No_cards_are_due_and_nothing_is_overdue_while_paused()
    {
        var clock = new FakeTimeProvider(At("2026-03-02 09:00"));
        var deadline = Policy.StartSign(clock.GetUtcNow(), "CGJ", false, 1);
        clock.Advance(TimeSpan.FromMinutes(10));
        deadline = deadline.Pause(clock.GetUtcNow());

        clock.Advance(TimeSpan.FromDays(3));

        Assert.Empty(deadline.CardsDue(clock.GetUtcNow()));
        Assert.Null(deadline.NextCardAt);
        Assert.False(deadline.IsOverdue(clock.GetUtcNow()));
    }

    [Fact]
    public void A_card_that_fell_due_before_the_pause_keeps_its_instant()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1)
            .Pause(At("2026-03-02 10:45"))
            .Resume(At("2026-03-02 13:00"), Policy);

        Assert.Equal(At("2026-03-02 10:36"), deadline.YellowAt);
        Assert.Equal(At("2026-03-02 13:15"), deadline.DueAt);
    }

    [Fact]
    public void An_extension_moves_the_due_and_keeps_yellow_at_its_share_of_the_new_limit()
    {
        var deadline = Policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, false, 1);
        Assert.Equal(At("2026-03-05 17:00"), deadline.YellowAt);

        var extended = deadline.Extend(Policy.CalendarOf(deadline).LengthOf(TimeSpan.FromDays(5)), Policy);

        Assert.Equal(TimeSpan.FromHours(70), extended.Limit);
        Assert.Equal(At("2026-03-13 17:00"), extended.DueAt);
        Assert.Equal(At("2026-03-11 17:00"), extended.YellowAt);
        Assert.Equal(TimeSpan.FromHours(56), Policy.Calendar.WorkingTimeBetween(extended.StartedAt, extended.YellowAt));
    }

    [Fact]
    public void An_extension_leaves_a_recorded_yellow_card_where_it_was()
    {
        var deadline = Policy.StartReply(At("2026-03-02 09:00"), "CGJ", TicketType.Complaint, false, 1)
            .MarkRecorded(CardKind.Yellow);

        var extended = deadline.Extend(TimeSpan.FromHours(7), Policy);

        Assert.Equal(At("2026-03-05 17:00"), extended.YellowAt);
        Assert.Equal(At("2026-03-09 17:00"), extended.DueAt);
    }

    [Fact]
    public void An_extension_of_an_urgent_limit_is_clock_time()
    {
        var deadline = Policy.StartReply(At("2026-03-06 20:00"), "CGJ", TicketType.Help, true, 1);

        var extended = deadline.Extend(TimeSpan.FromHours(12), Policy);

        Assert.Equal(At("2026-03-08 08:00"), extended.DueAt);
    }

    [Fact]
    public void An_extension_must_add_time() =>
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1).Extend(TimeSpan.Zero, Policy));

    [Fact]
    public void Only_the_yellow_card_is_due_between_yellow_and_due()
    {
        var clock = new FakeTimeProvider(At("2026-03-02 09:00"));
        var deadline = Policy.StartSign(clock.GetUtcNow(), "CGJ", false, 1);

        clock.Advance(TimeSpan.FromMinutes(95));
        Assert.Empty(deadline.CardsDue(clock.GetUtcNow()));

        clock.Advance(TimeSpan.FromMinutes(1));
        var card = Assert.Single(deadline.CardsDue(clock.GetUtcNow()));
        Assert.Equal(new CardDue(CardKind.Yellow, DeadlineStep.Sign, "CGJ", At("2026-03-02 10:36")), card);
        Assert.False(deadline.IsOverdue(clock.GetUtcNow()));
    }

    [Fact]
    public void Cards_noticed_after_an_outage_are_both_due_at_their_own_instants()
    {
        var clock = new FakeTimeProvider(At("2026-03-02 09:00"));
        var deadline = Policy.StartReply(clock.GetUtcNow(), "CGJ", TicketType.Consultation, false, 1);

        // The silo is down from before the yellow instant until the next morning.
        clock.Advance(TimeSpan.FromHours(25));

        Assert.Equal(
            [
                new CardDue(CardKind.Yellow, DeadlineStep.Reply, "CGJ", At("2026-03-02 15:36")),
                new CardDue(CardKind.Red, DeadlineStep.Reply, "CGJ", At("2026-03-02 17:00")),
            ],
            deadline.CardsDue(clock.GetUtcNow()));
        Assert.True(deadline.IsOverdue(clock.GetUtcNow()));
    }

    [Fact]
    public void Recorded_cards_are_no_longer_due()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1);
        var later = At("2026-03-03 09:00");

        deadline = deadline.MarkRecorded(CardKind.Yellow);
        Assert.Equal([CardKind.Red], deadline.CardsDue(later).Select(card => card.Kind));

        deadline = deadline.MarkRecorded(CardKind.Red);
        Assert.Empty(deadline.CardsDue(later));
    }

    [Fact]
    public void Next_card_is_yellow_then_red_then_none()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1);

        Assert.Equal(At("2026-03-02 10:36"), deadline.NextCardAt);
        deadline = deadline.MarkRecorded(CardKind.Yellow);
        Assert.Equal(At("2026-03-02 11:00"), deadline.NextCardAt);
        deadline = deadline.MarkRecorded(CardKind.Red);
        Assert.Null(deadline.NextCardAt);
    }

    [Fact]
    public void Next_card_is_none_while_paused_and_returns_on_resume()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1).Pause(At("2026-03-02 09:30"));

        Assert.Null(deadline.NextCardAt);
        Assert.Equal(At("2026-03-02 11:06"), deadline.Resume(At("2026-03-02 10:00"), Policy).NextCardAt);
    }

    [Fact]
    public void The_limit_has_passed_at_the_due_instant()
    {
        var deadline = Policy.StartSign(At("2026-03-02 09:00"), "CGJ", false, 1);

        Assert.False(deadline.IsOverdue(At("2026-03-02 10:59")));
        Assert.True(deadline.IsOverdue(At("2026-03-02 11:00")));
        Assert.Contains(deadline.CardsDue(At("2026-03-02 11:00")), card => card.Kind == CardKind.Red);
    }
}
