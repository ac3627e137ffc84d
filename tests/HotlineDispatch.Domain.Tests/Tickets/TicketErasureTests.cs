using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Measures;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>Erasing a resident from a ticket, without a silo: identity and number go, the ticket's record and its measures stay.</summary>
public sealed class TicketErasureTests
{
    private static readonly Actor Operator = new("op1", "operator");
    private static readonly Actor Admin = new("admin", "admin");
    private readonly SlaPolicy _sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private TicketContext Now => new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), _sla, DepartmentCatalog.LoadEmbedded());

    private Ticket Reported(string phone, string content, string? replyTo = null)
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Sms, new Caller("张三", phone, false), "春晖路3号", "G-001", content, TicketType.Complaint, false)
        {
            ReplyTo = replyTo,
        }, Operator, Now);
        ticket.Execute(new ResolveNow($"已告知 {phone} 办理流程"), Operator, Now);
        return ticket;
    }

    [Fact]
    public void Erasing_a_number_removes_the_caller_and_every_mention_and_keeps_state_history_and_measures()
    {
        var ticket = Reported("+86 13812341234", "路灯不亮，回电13812341234", "sms:+8613812341234");
        var measures = ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)).ToList();

        ticket.Execute(new EraseCaller("居民申请") { Phone = "13812341234" }, Admin, Now);

        Assert.Equal(new Caller(null, null, false), ticket.Caller);
        Assert.Null(ticket.ReplyTo);
        Assert.Equal("路灯不亮，回电[已删除]", ticket.Content);
        Assert.Equal("已告知 +86 [已删除] 办理流程", ticket.Result);
        Assert.Equal(TicketState.Resolved, ticket.State);
        Assert.Equal([TicketActions.Accept, TicketActions.ResolveNow, TicketActions.EraseCaller], ticket.History.Select(e => e.Action));
        Assert.Equal(measures, ticket.History.SelectMany(e => TicketMeasures.Of(e, _sla.Calendar)).ToList());
        Assert.DoesNotContain(ticket.History, e => $"{e.Note}{e.Result}".Contains("13812341234"));
    }

    [Fact]
    public void Another_residents_number_only_leaves_the_texts_and_erasing_twice_adds_nothing()
    {
        var ticket = Reported("13900001111", "邻居13812341234家漏水");

        ticket.Execute(new EraseCaller("居民申请") { Phone = "13812341234" }, Admin, Now);
        ticket.Execute(new EraseCaller("居民申请") { Phone = "13812341234" }, Admin, Now);

        Assert.Equal("13900001111", ticket.Caller.Phone);
        Assert.Equal("邻居[已删除]家漏水", ticket.Content);
        Assert.Single(ticket.History, e => e.Action == TicketActions.EraseCaller);
    }

    [Fact]
    public void Retention_erases_whoever_reported_the_ticket_and_what_they_sent_with_it()
    {
        var ticket = new Ticket("20261123-000002");
        ticket.Execute(new AcceptTicket(TicketChannel.Call, new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "路灯不亮", TicketType.Complaint, false)
        {
            ReplyTo = "sms:+8613812341234",
            Attachments = ["https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1"],
        }, Operator, Now);
        ticket.Execute(new ResolveNow("已告知 13812341234 办理流程"), Operator, Now);

        ticket.Execute(new EraseCaller("retention"), Actor.System, Now);

        Assert.Equal((null, null), (ticket.Caller.Name, ticket.Caller.Phone));
        Assert.Null(ticket.ReplyTo);
        Assert.Empty(ticket.Attachments);
        Assert.Equal("已告知 [已删除] 办理流程", ticket.Result);
    }
}
