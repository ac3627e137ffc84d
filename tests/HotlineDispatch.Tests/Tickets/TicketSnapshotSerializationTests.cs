using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Disputes;
using HotlineDispatch.Platform;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>The ticket as grains hand it out: sent whole, and passed on without the deep copy the mutable ticket needs.</summary>
public sealed class TicketSnapshotSerializationTests
{
    private static readonly ServiceProvider Services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    /// <summary>A ticket the upper platform handed down, disputed by its lead and overdue: every part a snapshot carries.</summary>
    private static TicketSnapshot Snapshot()
    {
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        var context = new TicketContext(at, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());
        var ticket = new Ticket("20261123-000002");
        var accept = new AcceptTicket(TicketChannel.Platform, new Caller("李四", "13900001111", false), "春晖路5号", "G-002", "井盖缺失",
            TicketType.Report, false)
        {
            Suggestions = [new DepartmentGuess("CGJ", 0.9)],
            Upstream = new UpstreamTerms("SZ12345-1", null, at.AddDays(3)),
            Dispatch = new DispatchTicket("CGJ", ["SWJ"], null),
        };
        ticket.Execute(accept, Actor.Platform, context);
        ticket.Execute(new DisputeDispatch("CGJ", "不属本单位职责", "SWJ"), new Actor("cgj1", "department", "CGJ"), context);
        ticket.RecordDueCards(at.AddDays(30));
        return TicketSnapshot.Of(ticket);
    }

    [Fact]
    public void A_snapshot_round_trips_whole()
    {
        var snapshot = Snapshot();
        var serializer = Services.GetRequiredService<Serializer<TicketSnapshot>>();

        var back = serializer.Deserialize(serializer.SerializeToArray(snapshot))!;

        Assert.Equal((snapshot.Id, snapshot.State, snapshot.Caller, snapshot.Upstream, snapshot.SignBy, snapshot.NextCardAt),
            (back.Id, back.State, back.Caller, back.Upstream, back.SignBy, back.NextCardAt));
        Assert.Equal(snapshot.History.AsEnumerable(), back.History);
        Assert.Equal(snapshot.Co.AsEnumerable(), back.Co);
        Assert.Equal(snapshot.Deadlines.AsEnumerable(), back.Deadlines);
        Assert.Equal(snapshot.Suggestions.AsEnumerable(), back.Suggestions);
        Assert.NotEmpty(back.Cards);
        Assert.Equal(snapshot.Cards.AsEnumerable(), back.Cards);
        Assert.NotEmpty(back.Disputes);
        Assert.Equal(snapshot.Disputes.AsEnumerable(), back.Disputes);
    }

    [Fact]
    public void A_snapshot_is_passed_on_as_it_is()
    {
        var snapshot = Snapshot();

        Assert.Same(snapshot, Services.GetRequiredService<DeepCopier<TicketSnapshot>>().Copy(snapshot));
    }
}
