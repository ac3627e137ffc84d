using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;
using HotlineDispatch.Measures;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Disputes;

/// <summary>派单异议, late returns under review and 催办 (docs/domain.md §9, §10), on the state machine alone.</summary>
public sealed class DisputeTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly Actor Dispatcher = new("disp1", "dispatcher");
    private static readonly Actor Cgj = new("cgj1", "department", "CGJ");
    private static readonly Actor Supervisor = new("sup1", "supervisor");

    // Monday 2026-11-23 09:00 in Beijing: the dispatch; the sign-for limit (2 working hours) and the dispute window end at 11:00.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly FakeTimeProvider _clock = new(Monday);
    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private TicketContext Now => new(_clock.GetUtcNow(), _sla, Departments);

    private void At(int hour, int minute) => _clock.SetUtcNow(Monday.AddHours(hour - 9).AddMinutes(minute));

    private Ticket Dispatched(string id = "20261123-000001")
    {
        var ticket = new Ticket(id);
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "河道漂浮垃圾",
            TicketType.Complaint, false) { Dispatch = new DispatchTicket("CGJ", [], null) }, Dispatcher, Now);
        return ticket;
    }

    private Dictionary<(string? Department, string Measure), long> Counts(Ticket ticket) =>
        ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar))
            .GroupBy(f => (f.Department, f.Measure))
            .ToDictionary(g => g.Key, g => g.Sum(f => f.Amount));

    [Fact]
    public void An_upheld_dispute_redispatches_and_takes_back_the_dispatch_and_the_cards_charged_to_the_disputing_department()
    {
        var ticket = Dispatched();
        At(10, 50);
        ticket.Execute(new DisputeDispatch("CGJ", "河道保洁属于水务局", "SWJ"), Cgj, Now);
        At(11, 20);
        Assert.Equal(2, ticket.RecordDueCards(_clock.GetUtcNow()).Count);

        ticket.Execute(new DecideDispute(true, null, "确属水务局职责"), Supervisor, Now);

        Assert.Equal((TicketState.Dispatched, "SWJ", 2), (ticket.State, ticket.Lead, ticket.Round));
        Assert.Empty(ticket.Cards);
        Assert.Equal((true, "SWJ"), (ticket.Disputes.Single().Upheld, ticket.Disputes.Single().NewLead));
        var counts = Counts(ticket);
        Assert.Equal(0, counts.GetValueOrDefault(("CGJ", Measure.Dispatched)));
        Assert.Equal(0, counts.GetValueOrDefault(("CGJ", Measure.YellowCards)));
        Assert.Equal(0, counts.GetValueOrDefault(("CGJ", Measure.RedCards)));
        Assert.Equal(0, counts.GetValueOrDefault(("CGJ", Measure.Returned)));
        Assert.Equal((1, 1), (counts[("CGJ", Measure.Disputed)], counts[("CGJ", Measure.DisputesUpheld)]));
        Assert.Equal(1, counts[("SWJ", Measure.Dispatched)]);
        // The new lead's limits start at the decision.
        Assert.Equal(_clock.GetUtcNow(), ticket.Deadlines.Single(d => d.Step == DeadlineStep.Sign).StartedAt);
    }

    [Fact]
    public void A_rejected_dispute_leaves_the_deadlines_and_cards_as_if_none_had_been_raised()
    {
        var disputed = Dispatched("20261123-000001");
        var quiet = Dispatched("20261123-000002");
        At(10, 0);
        disputed.Execute(new DisputeDispatch("CGJ", "不属于城管", null), Cgj, Now);
        At(11, 30);
        disputed.Execute(new DecideDispute(false, null, "河道垃圾由城管负责"), Dispatcher, Now);
        disputed.RecordDueCards(_clock.GetUtcNow());
        quiet.RecordDueCards(_clock.GetUtcNow());

        Assert.Equal(TicketState.Dispatched, disputed.State);
        Assert.Equal(quiet.Deadlines, disputed.Deadlines);
        Assert.Equal((quiet.SignBy, quiet.ReplyBy), (disputed.SignBy, disputed.ReplyBy));
        Assert.Equal(quiet.Cards.Select(c => (c.Kind, c.DueAt)), disputed.Cards.Select(c => (c.Kind, c.DueAt)));
        Assert.Equal(0, Counts(disputed).GetValueOrDefault(("CGJ", Measure.DisputesUpheld)));
    }

    [Fact]
    public void After_the_window_a_dispute_is_refused_and_a_return_waits_for_the_review()
    {
        var ticket = Dispatched();
        At(11, 1);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new DisputeDispatch("CGJ", "不属于城管", null), Cgj, Now));

        ticket.Execute(new ReturnTicket("CGJ", "不属于城管"), Cgj, Now);
        Assert.Equal((TicketState.Dispatched, "CGJ"), (ticket.State, ticket.Lead));
        Assert.Equal(DisputeKind.Return, ticket.OpenDispute!.Kind);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReturnTicket("CGJ", "再次退单"), Cgj, Now));

        ticket.Execute(new DecideDispute(true, null, "同意退回"), Supervisor, Now);
        Assert.Equal((TicketState.Accepted, null), (ticket.State, ticket.Lead));
        Assert.Equal(1, Counts(ticket)[("CGJ", Measure.Returned)]);
    }

    [Fact]
    public void Within_the_window_a_return_is_immediate()
    {
        var ticket = Dispatched();
        At(10, 30);
        ticket.Execute(new ReturnTicket("CGJ", "不属于城管"), Cgj, Now);
        Assert.Equal(TicketState.Accepted, ticket.State);
        Assert.Empty(ticket.Disputes);
    }

    [Fact]
    public void A_dispute_left_unreviewed_past_its_limit_wakes_the_ticket_and_is_marked_once()
    {
        var ticket = Dispatched();
        At(10, 0);
        ticket.Execute(new DisputeDispatch("CGJ", "不属于城管", "SWJ"), Cgj, Now);
        var reviewBy = ticket.OpenDispute!.ReviewBy;
        Assert.Equal(Monday.AddHours(2), reviewBy);
        ticket.RecordDueCards(Monday.AddHours(1).AddMinutes(40));
        Assert.Equal(reviewBy, ticket.NextCardAt);

        ticket.RecordDueCards(reviewBy);
        ticket.RecordDueCards(reviewBy.AddMinutes(5));

        Assert.Single(ticket.History, e => e.Action == TicketActions.DisputeOverdue);
        Assert.True(ticket.OpenDispute!.Overdue);
    }

    [Fact]
    public void Only_the_lead_disputes_once_and_an_upheld_dispute_needs_a_department()
    {
        var ticket = Dispatched();
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new DisputeDispatch("SWJ", "不属于", null), Cgj, Now));
        Assert.Equal("reason", Assert.Throws<TicketInputException>(() => ticket.Execute(new DisputeDispatch("CGJ", " ", null), Cgj, Now)).Field);
        ticket.Execute(new DisputeDispatch("CGJ", "不属于城管", null), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new DisputeDispatch("CGJ", "不属于城管", null), Cgj, Now));

        Assert.Equal("lead", Assert.Throws<TicketInputException>(() => ticket.Execute(new DecideDispute(true, null, "同意"), Supervisor, Now)).Field);
        Assert.True(ticket.OpenDispute!.IsOpen);
    }

    [Fact]
    public void Urging_is_recorded_against_the_lead_counted_once_per_instruction_and_refused_on_a_closed_ticket()
    {
        var ticket = Dispatched();
        ticket.Execute(new UrgeTicket("市民再次来电催促"), Supervisor, Now);
        ticket.Execute(new UrgeTicket("市民再次来电催促"), Supervisor, Now);
        ticket.Execute(new UrgeTicket("请今日内联系市民"), Supervisor, Now);

        Assert.Equal(2, TicketSnapshot.Of(ticket).UrgedCount);
        Assert.Equal(2, Counts(ticket)[("CGJ", Measure.Urged)]);
        Assert.Equal(2, TicketSummary.Of(TicketSnapshot.Of(ticket)).Urged);

        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        ticket.Execute(new ReplyTicket("CGJ", "已清理"), Cgj, Now);
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Dispatcher, Now);
        ticket.Execute(new CloseTicket(), Dispatcher, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new UrgeTicket("催办"), Supervisor, Now));
    }
}
