using HotlineDispatch.Alerts;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Residents;
using HotlineDispatch.Tickets;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>Where a resident's text is shown in part, the cut never splits an emoji.</summary>
public sealed class ExcerptTests
{
    private static readonly DepartmentCatalog Departments = DepartmentCatalog.LoadEmbedded();
    private static readonly SlaPolicy Sla = new(new SlaOptions(), WorkingCalendar.From(new CalendarOptions()));

    private static Ticket Accepted(string content)
    {
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Chat, new Caller("老杨", null, false), "", "G-7", content, TicketType.Help, true),
            new Actor("op1", "operator"), new TicketContext(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)), Sla, Departments));
        return ticket;
    }

    [Fact]
    public void A_ticket_summary_and_its_urgent_alert_keep_the_emoji_at_the_cut_whole()
    {
        var ticket = Accepted(new string('路', 39) + "😡" + new string('灯', 19) + "🔥后面的话");

        Assert.Equal(new string('路', 39) + "😡" + new string('灯', 19) + "🔥…", TicketSummary.Of(TicketSnapshot.Of(ticket)).Excerpt);
        Assert.EndsWith("：" + new string('路', 39) + "😡…", Alert.ForUrgentTicket(TicketSnapshot.Of(ticket)).Message);
    }

    [Fact]
    public void A_settle_note_quoted_to_the_group_keeps_the_emoji_at_the_cut_whole()
    {
        var text = ResidentTexts.GroupSettled("老杨", new string('好', 299) + "👍" + "多余的话", byGridWorker: true);

        Assert.Contains(new string('好', 299) + "👍… ", text);
    }

    [Theory]
    [InlineData("👨‍👩‍👧")]
    [InlineData("🇨🇳")]
    [InlineData("👍🏽")]
    public void An_emoji_sequence_at_the_cut_is_kept_or_dropped_whole(string emoji)
    {
        Assert.Equal("路灯" + emoji + "…", Excerpts.Of("路灯" + emoji + "不亮", 3));
        Assert.Equal("路灯…", Excerpts.Of("路灯" + emoji + "不亮", 2));
        Assert.Equal("路灯" + emoji, Excerpts.Of("路灯" + emoji, 3));
    }
}
