using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>改派, the co-handlers' contributions and the lead's resumption after 补办, on the pure ticket.</summary>
public sealed class RedispatchTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly Actor Operator = new("op1", "operator");
    private static readonly Actor Dispatcher = new("disp1", "dispatcher");
    private static readonly Actor Cgj = new("cgj1", "department", "CGJ");
    private static readonly Actor Zjj = new("zjj1", "department", "ZJJ");

    // Monday 2026-11-23 09:00 in Beijing.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private TicketContext Now => new(_clock.GetUtcNow(), _sla, Departments);

    private Ticket Dispatched(params string[] co)
    {
        var ticket = new Ticket { Id = "20261123-000001" };
        ticket.Execute(new AcceptTicket(TicketChannel.Sms, new Caller(null, "13812341234", false), "春晖路3号", "G-001",
            "路灯不亮", TicketType.Complaint, false), Operator, Now);
        ticket.Execute(new DispatchTicket("CGJ", co, null), Dispatcher, Now);
        return ticket;
    }

    [Fact]
    public void Redispatch_moves_a_signed_ticket_with_fresh_limits_and_stops_the_old_departments_clocks()
    {
        var ticket = Dispatched();
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        _clock.Advance(TimeSpan.FromHours(1));

        ticket.Execute(new RedispatchTicket("ZJJ", ["JTJ"], "属住建局职责"), Dispatcher, Now);

        Assert.Equal((TicketState.Dispatched, "ZJJ"), (ticket.State, ticket.Lead));
        Assert.Equal(["JTJ"], ticket.Co.Select(c => c.Department));
        Assert.DoesNotContain(ticket.Deadlines, d => d.Department == "CGJ");
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromHours(2), ticket.SignBy);
        var e = ticket.History[^1];
        Assert.Equal((TicketActions.Redispatch, TicketState.InProgress, TicketState.Dispatched, "ZJJ", "CGJ", "属住建局职责"),
            (e.Action, e.FromState, e.ToState, e.Department, e.FromDepartment, e.Note));

        // Long past the old limits, nothing falls to CGJ any more.
        _clock.Advance(TimeSpan.FromDays(30));
        Assert.All(ticket.RecordDueCards(_clock.GetUtcNow()), c => Assert.NotEqual("CGJ", c.Department));
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ReplyTicket("CGJ", "已修复"), Cgj, Now));
    }

    [Fact]
    public void Redispatch_needs_a_reason_another_department_and_a_ticket_with_a_department()
    {
        var ticket = Dispatched();
        Assert.Equal("reason", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("ZJJ", [], " "), Dispatcher, Now)).Field);
        Assert.Equal("lead", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("CGJ", [], "x"), Dispatcher, Now)).Field);
        Assert.Equal("lead", Assert.Throws<TicketInputException>(() => ticket.Execute(new RedispatchTicket("NOPE", [], "x"), Dispatcher, Now)).Field);

        ticket.Execute(new ReturnTicket("CGJ", "不归我局"), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new RedispatchTicket("ZJJ", [], "x"), Dispatcher, Now));
        Assert.Equal(3, ticket.LastSeq);
    }

    [Fact]
    public void Redispatch_counts_against_the_department_it_left_teaches_the_router_and_tells_the_new_lead_to_the_measures()
    {
        var ticket = Dispatched();
        ticket.Execute(new RedispatchTicket("ZJJ", [], "属住建局职责"), Dispatcher, Now);

        var facts = TicketMeasures.Of(ticket.History[^1], _sla.Calendar).ToList();
        Assert.Equal([(Measure.Dispatched, "ZJJ"), (Measure.Redispatched, "CGJ")], facts.Select(f => (f.Measure, f.Department)));
        var correction = RoutingCorrection.Of(ticket, ticket.History.Count - 1)!;
        Assert.Equal(("CGJ", "ZJJ", RoutingCorrection.Redispatch), (correction.Suggested, correction.Department, correction.Kind));
    }

    [Fact]
    public void A_signed_co_handler_contributes_and_only_the_lead_resumes_a_paused_ticket()
    {
        var ticket = Dispatched("ZJJ");
        ticket.Execute(new SignTicket("CGJ"), Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ContributeToTicket("ZJJ", "已清理"), Zjj, Now));
        ticket.Execute(new SignTicket("ZJJ"), Zjj, Now);
        ticket.Execute(new ContributeToTicket("ZJJ", "已清理占道"), Zjj, Now);
        Assert.Equal((TicketActions.Contribute, "ZJJ", "已清理占道"), (ticket.History[^1].Action, ticket.History[^1].Department, ticket.History[^1].Note));
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ContributeToTicket("CGJ", "x"), Cgj, Now));

        ticket.Execute(new AwaitResident("请提供照片") { Department = "CGJ" }, Cgj, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new ProvideResidentInfo("已补充") { Department = "ZJJ" }, Zjj, Now));
        ticket.Execute(new ProvideResidentInfo("已补充") { Department = "CGJ" }, Cgj, Now);
        Assert.Equal(TicketState.InProgress, ticket.State);
    }
}
