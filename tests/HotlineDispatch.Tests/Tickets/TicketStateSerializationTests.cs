using HotlineDispatch.Deadlines;
using HotlineDispatch.Departments;
using HotlineDispatch.Routing;
using HotlineDispatch.Tickets;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Xunit;

namespace HotlineDispatch.Tests.Tickets;

/// <summary>
/// The ticket is grain state: its usually-empty collections are held as null, and what is stored must
/// still come back whole, including state written when those collections were always present.
/// </summary>
public sealed class TicketStateSerializationTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void A_ticket_with_every_collection_filled_round_trips_and_copies()
    {
        var context = new TicketContext(Monday, new SlaPolicy(new SlaOptions(), WorkingCalendar.From(new CalendarOptions())), DepartmentCatalog.LoadEmbedded());
        var ticket = new Ticket { Id = "20261123-000001" };
        ticket.Execute(new AcceptTicket(TicketChannel.Wechat, new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "路灯不亮",
            TicketType.Complaint, false) { Attachments = ["http://mmbiz.example/p.jpg"], PossibleDuplicates = ["20261123-000000"] },
            new Actor("op1", "operator"), context);
        ticket.Execute(new DispatchTicket("CGJ", ["SWJ"], null), new Actor("disp1", "dispatcher"), context);
        ticket.Execute(new AttachMerged("20261123-000009"), Actor.System, context);
        ticket.RecordDueCards(Monday.AddDays(30));
        var state = new TicketGrainState { Ticket = ticket };
        state.AddNotices([new PendingNotice("20261123-000009", new MasterClosed(ticket.Id))]);

        var serializer = _services.GetRequiredService<Serializer<TicketGrainState>>();
        foreach (var copy in new[] { serializer.Deserialize(serializer.SerializeToArray(state))!, _services.GetRequiredService<DeepCopier<TicketGrainState>>().Copy(state) })
        {
            Assert.Equal(ticket.Co, copy.Ticket.Co);
            Assert.Equal(ticket.Cards, copy.Ticket.Cards);
            Assert.NotEmpty(copy.Ticket.Cards);
            Assert.Equal(["20261123-000009"], copy.Ticket.MergedIds);
            Assert.Equal(["http://mmbiz.example/p.jpg"], copy.Ticket.Attachments);
            Assert.Equal(["20261123-000000"], copy.Ticket.PossibleDuplicates);
            Assert.Equal(state.Notices, copy.Notices);
        }
    }

    [Fact]
    public void State_stored_with_always_present_lists_reads_back_empty_and_filled_alike()
    {
        var earlier = new EarlierTicket
        {
            Id = "20261123-000002",
            Co = [new CoHandler("SWJ", Monday)],
            Cards = [],
            MergedIds = ["20261123-000003"],
            Attachments = [],
            PossibleDuplicates = [],
            Suggestions = [new EarlierGuess("CGJ", 0.82), new EarlierGuess("SWJ", 0.11)],
        };
        var bytes = _services.GetRequiredService<Serializer<EarlierTicket>>().SerializeToArray(earlier);

        var ticket = _services.GetRequiredService<Serializer<Ticket>>().Deserialize(bytes)!;

        Assert.Equal("20261123-000002", ticket.Id);
        Assert.Equal([new CoHandler("SWJ", Monday)], ticket.Co);
        Assert.Equal(["20261123-000003"], ticket.MergedIds);
        Assert.Empty(ticket.Cards);
        Assert.Empty(ticket.Attachments);
        Assert.Empty(ticket.PossibleDuplicates);
        Assert.Equal([new DepartmentGuess("CGJ", 0.82), new DepartmentGuess("SWJ", 0.11)], ticket.Suggestions);
    }
}

/// <summary>The stored shape of the ticket's collections before empty ones were held as null and guesses became structs.</summary>
[GenerateSerializer, Alias("hotline.tests.earlier-ticket")]
public sealed class EarlierTicket
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(12)] public List<CoHandler> Co { get; set; } = [];
    [Id(14)] public List<Card> Cards { get; set; } = [];
    [Id(19)] public List<string> MergedIds { get; set; } = [];
    [Id(27)] public List<string> Attachments { get; set; } = [];
    [Id(50)] public List<EarlierGuess> Suggestions { get; set; } = [];
    [Id(52)] public List<string> PossibleDuplicates { get; set; } = [];
}

/// <summary>The department guess when it was a class.</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-guess")]
public sealed record EarlierGuess([property: Id(0)] string Code, [property: Id(1)] double Confidence);
