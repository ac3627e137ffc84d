using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Residents;

/// <summary>Which ticket events a resident hears about, and what they are told.</summary>
public sealed class TicketNoticesTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly Actor Operator = new("op1", "operator");
    private static readonly Actor Cgj = new("cgj1", "department", "CGJ");
    private static readonly TicketNotices Notices = new(Departments);

    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));
    private DateTimeOffset _now = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private void Run(Ticket ticket, TicketCommand command, Actor actor)
    {
        _now = _now.AddMinutes(5);
        ticket.Execute(command, actor, new TicketContext(_now, _sla, Departments));
    }

    private Ticket Accepted(string? replyTo = "sms:+8613812345678", bool inline = false)
    {
        var ticket = new Ticket("20261123-000009");
        Run(ticket, new AcceptTicket(TicketChannel.Sms, new Caller(null, "+8613812345678", false), "", null, "路灯不亮", TicketType.Help, false)
        {
            ReplyTo = replyTo,
            ReceiptInline = inline,
        }, Operator);
        return ticket;
    }

    [Fact]
    public void The_whole_loop_tells_receipt_dispatch_result_survey_and_reopening()
    {
        var ticket = Accepted();
        Run(ticket, new DispatchTicket("CGJ", [], null), Operator);
        Run(ticket, new SignTicket("CGJ"), Cgj);
        Run(ticket, new ReplyTicket("CGJ", "已更换灯泡"), Cgj);
        Run(ticket, new SurveyTicket(SurveyRating.Dissatisfied, null), Operator);
        Run(ticket, new ReplyTicket("CGJ", "已更换线路"), Cgj);

        var notices = Notices.For(TicketSnapshot.Of(ticket), ticket.History).ToList();

        Assert.Equal(
            [
                (1, NoticeKinds.Receipt), (2, NoticeKinds.Status), (4, NoticeKinds.Result), (4, NoticeKinds.Survey),
                (5, NoticeKinds.Status), (6, NoticeKinds.Result), (6, NoticeKinds.Survey),
            ],
            notices.Select(n => (n.Seq, n.Kind)));
        Assert.All(notices, n => Assert.Equal("sms:+8613812345678", n.ReplyTo));
        Assert.Contains("20261123-000009", notices[0].Text);
        Assert.Contains(Departments.Find("CGJ")!.Name, notices[1].Text);
        // Each result is the one given in its own round, although the ticket keeps only the latest.
        Assert.Contains("已更换灯泡", notices[2].Text);
        Assert.Contains("已更换线路", notices[5].Text);
        Assert.False(notices[0].Inline);
    }

    [Fact]
    public void A_receipt_the_channel_already_gave_is_marked_inline()
    {
        var ticket = Accepted(inline: true);
        var receipt = Assert.Single(Notices.For(TicketSnapshot.Of(ticket), ticket.History));
        Assert.True(receipt.Inline);
    }

    [Fact]
    public void An_answer_at_intake_is_a_result_with_a_survey()
    {
        var ticket = Accepted();
        Run(ticket, new ResolveNow("可到区政务中心3号窗口办理"), Operator);

        var notices = Notices.For(TicketSnapshot.Of(ticket), ticket.History.Skip(1)).ToList();
        Assert.Equal([NoticeKinds.Result, NoticeKinds.Survey], notices.Select(n => n.Kind));
        Assert.Contains("3号窗口", notices[0].Text);
    }

    [Fact]
    public void A_merged_ticket_is_told_of_the_merge_and_then_of_its_masters_result()
    {
        var ticket = Accepted();
        Run(ticket, new MergeTicket("20261123-000001"), Operator);
        Run(ticket, new MasterReplied("20261123-000001", "已统一修复该路段路灯"), Actor.System);

        var notices = Notices.For(TicketSnapshot.Of(ticket), ticket.History.Skip(1)).ToList();
        Assert.Equal([NoticeKinds.Status, NoticeKinds.Result, NoticeKinds.Survey], notices.Select(n => n.Kind));
        Assert.Contains("20261123-000001", notices[0].Text);
        Assert.Contains("已统一修复该路段路灯", notices[1].Text);
    }

    [Fact]
    public void A_ticket_without_reply_to_tells_nobody()
    {
        var ticket = Accepted(replyTo: null);
        Run(ticket, new DispatchTicket("CGJ", [], null), Operator);

        Assert.Empty(Notices.For(TicketSnapshot.Of(ticket), ticket.History));
    }

    [Fact]
    public void Internal_steps_are_not_told()
    {
        var ticket = Accepted();
        Run(ticket, new DispatchTicket("CGJ", [], null), Operator);
        Run(ticket, new SignTicket("CGJ"), Cgj);
        Run(ticket, new SuperviseTicket("请加快"), new Actor("sup1", "supervisor"));

        Assert.Empty(Notices.For(TicketSnapshot.Of(ticket), ticket.History.Skip(2)));
    }
}
