using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>The ticket as grains hand it out: sent whole, and passed on without the deep copy the mutable ticket needs.</summary>
public sealed class TicketSnapshotSerializationTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private static TicketSnapshot Snapshot()
    {
        var context = new TicketContext(Monday, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Wechat, new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "路灯不亮",
            TicketType.Complaint, false) { Attachments = ["http://mmbiz.example/p.jpg"], PossibleDuplicates = ["20261123-000000"] },
            new Actor("op1", "operator"), context);
        ticket.Execute(new DispatchTicket("CGJ", ["SWJ"], null), new Actor("disp1", "dispatcher"), context);
        ticket.Execute(new AttachMerged("20261123-000009"), Actor.System, context);
        ticket.RecordDueCards(Monday.AddDays(30));
        return TicketSnapshot.Of(ticket);
    }

    [Fact]
    public void A_snapshot_round_trips_whole()
    {
        var snapshot = Snapshot();
        var serializer = _services.GetRequiredService<Serializer<TicketSnapshot>>();

        var back = serializer.Deserialize(serializer.SerializeToArray(snapshot))!;

        Assert.Equal((snapshot.Id, snapshot.State, snapshot.Caller, snapshot.SignBy, snapshot.NextCardAt),
            (back.Id, back.State, back.Caller, back.SignBy, back.NextCardAt));
        Assert.Equal(snapshot.History.AsEnumerable(), back.History);
        Assert.Equal(snapshot.Co.AsEnumerable(), back.Co);
        Assert.Equal(snapshot.Cards.AsEnumerable(), back.Cards);
        Assert.NotEmpty(back.Cards);
        Assert.Equal(snapshot.Deadlines.AsEnumerable(), back.Deadlines);
        Assert.Equal(["20261123-000009"], back.MergedIds.AsEnumerable());
        Assert.Equal(["http://mmbiz.example/p.jpg"], back.Attachments.AsEnumerable());
        Assert.Equal(["20261123-000000"], back.PossibleDuplicates.AsEnumerable());
    }

    [Fact]
    public void A_snapshot_is_passed_on_as_it_is()
    {
        var snapshot = Snapshot();

        Assert.Same(snapshot, _services.GetRequiredService<DeepCopier<TicketSnapshot>>().Copy(snapshot));
    }
}
