using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.Time.Testing;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>回访 by telephone: calls that do not reach the resident, and the third that archives the ticket unsurveyed.</summary>
public sealed class SurveyCallTests
{
    private static readonly Actor Operator = new("op1", "operator");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private TicketContext Now => new(_clock.GetUtcNow(), _sla, DepartmentCatalog.LoadEmbedded());

    private Ticket Resolved()
    {
        var ticket = new Ticket { Id = "20261123-000001" };
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "057188886666", false), "", null, "社保卡在哪补办",
            TicketType.Consultation, false), Operator, Now);
        ticket.Execute(new ResolveNow("到区政务服务中心社保窗口办理"), Operator, Now);
        return ticket;
    }

    [Fact]
    public void Three_unanswered_survey_calls_archive_the_ticket_unsurveyed()
    {
        var ticket = Resolved();
        ticket.Execute(new SurveyUnreachable("无人接听"), Operator, Now);
        ticket.Execute(new SurveyUnreachable(null), Operator, Now);
        Assert.Equal((TicketState.Resolved, true), (ticket.State, ticket.AwaitingSurvey));
        Assert.Equal("attempt 1: 无人接听", ticket.History[2].Note);

        ticket.Execute(new SurveyUnreachable("关机"), Operator, Now);

        Assert.Equal((TicketState.Closed, false, null), (ticket.State, ticket.AwaitingSurvey, ticket.Rating));
        Assert.Equal([TicketActions.SurveyUnreachable, TicketActions.Close], ticket.History.TakeLast(2).Select(e => e.Action));
        Assert.DoesNotContain(ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)), f => f.Measure == Measure.Surveyed);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyUnreachable(null), Operator, Now));
    }

    [Fact]
    public void An_unanswered_call_is_no_step_once_the_resident_has_rated_the_answer()
    {
        var ticket = Resolved();
        ticket.Execute(new SurveyTicket(SurveyRating.Satisfied, null), Operator, Now);
        Assert.Throws<TicketConflictException>(() => ticket.Execute(new SurveyUnreachable(null), Operator, Now));
    }
}
