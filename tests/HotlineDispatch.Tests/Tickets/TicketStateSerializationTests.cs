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
        var ticket = new Ticket("20261123-000001");
        ticket.Execute(new AcceptTicket(TicketChannel.Wechat, new Caller("张三", "13812341234", false), "春晖路3号", "G-001", "路灯不亮",
            TicketType.Complaint, false) { Attachments = ["http://mmbiz.example/p.jpg"], PossibleDuplicates = ["20261123-000000"] },
            new Actor("op1", "operator"), context);
        ticket.Execute(new DispatchTicket("CGJ", ["SWJ"], null), new Actor("disp1", "dispatcher"), context);
        ticket.Execute(new AttachMerged("20261123-000009"), Actor.System, context);
        ticket.RecordDueCards(Monday.AddDays(30));
        var state = new TicketGrainState { Ticket = ticket, ReminderAt = Monday.AddHours(1) };
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
            Assert.Equal((ticket.SignBy, ticket.ReplyBy, state.ReminderAt), (copy.Ticket.SignBy, copy.Ticket.ReplyBy, copy.ReminderAt));
            Assert.NotNull(copy.Ticket.SignBy);
            Assert.Equal(ticket.History, copy.Ticket.History);
            Assert.Contains(copy.Ticket.History, e => e.DueAt is not null);
            Assert.Contains(copy.Ticket.History, e => e.ReplyBy is not null);
            Assert.Equal(ticket.Deadlines, copy.Ticket.Deadlines);
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
            Caller = new EarlierCaller("李四", "13912345678", true),
            Deadlines = [Reply],
            History = [Accepted],
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
        Assert.Equal(new Caller("李四", "13912345678", true), ticket.Caller);
        Assert.Equal([Reply], ticket.Deadlines);
        Assert.Equal([Accepted], ticket.History);
    }

    private static readonly Deadline Reply = new()
    {
        Step = DeadlineStep.Reply, Department = "CGJ", Round = 1, AroundTheClock = false, Limit = TimeSpan.FromHours(40),
        StartedAt = Monday, YellowAt = Monday.AddDays(4), DueAt = Monday.AddDays(5),
    };

    private static readonly TicketEvent Accepted = new(1, Monday, "op1", TicketActions.Accept, null, TicketState.Accepted, null);

    [Fact]
    public void Instants_held_packed_keep_the_stored_shape_of_plain_nullable_ones_both_ways()
    {
        var signBy = new DateTimeOffset(2026, 11, 23, 17, 30, 0, TimeSpan.FromHours(8));
        var earlier = new EarlierInstantTicket
        {
            SignBy = signBy,
            History = [new EarlierInstantEvent { DueAt = signBy }],
        };

        var ticket = RoundTrip<EarlierInstantTicket, Ticket>(earlier);
        var state = RoundTrip<EarlierInstantState, TicketGrainState>(new EarlierInstantState { ReminderAt = signBy.ToUniversalTime() });
        var deadline = RoundTrip<EarlierInstantDeadline, Deadline>(new EarlierInstantDeadline { PausedAt = Monday });

        Assert.Equal((signBy, null), (ticket.SignBy, ticket.ReplyBy));
        Assert.Equal(TimeSpan.FromHours(8), ticket.SignBy!.Value.Offset);
        var e = Assert.Single(ticket.History);
        Assert.Equal((signBy, null), (e.DueAt, e.ReplyBy));
        Assert.Equal(TimeSpan.FromHours(8), e.DueAt!.Value.Offset);
        Assert.Equal((signBy, TimeSpan.Zero), (state.ReminderAt, state.ReminderAt!.Value.Offset));
        Assert.Equal(Monday, deadline.PausedAt);

        var back = RoundTrip<Ticket, EarlierInstantTicket>(ticket);
        Assert.Equal((signBy, null), (back.SignBy, back.ReplyBy));
        Assert.Equal((signBy, null), (back.History[0].DueAt, back.History[0].ReplyBy));
        Assert.Null(RoundTrip<Deadline, EarlierInstantDeadline>(deadline with { PausedAt = null }).PausedAt);
    }

    private T RoundTrip<TFrom, T>(TFrom value) =>
        _services.GetRequiredService<Serializer<T>>().Deserialize(_services.GetRequiredService<Serializer<TFrom>>().SerializeToArray(value))!;

    [Fact]
    public void State_stored_when_the_enums_were_ints_reads_back_the_same_values()
    {
        static EarlierInt Int<T>(T value) where T : Enum => (EarlierInt)Convert.ToInt32(value);
        var earlier = new EarlierEnums
        {
            State = Int(TicketState.Closed),
            Channel = Int(TicketChannel.Sms),
            Type = Int(TicketType.Complaint),
            Rating = Int(SurveyRating.Dissatisfied),
            StateBeforePause = Int(TicketState.InProgress),
            History = [new EarlierEvent(4, Monday, "disp1", "reply", Int(TicketState.InProgress), Int(TicketState.Replied), null)
                { Rating = Int(SurveyRating.Basic), Step = Int(DeadlineStep.Reply) }],
        };

        var ticket = _services.GetRequiredService<Serializer<Ticket>>()
            .Deserialize(_services.GetRequiredService<Serializer<EarlierEnums>>().SerializeToArray(earlier))!;

        Assert.Equal((TicketState.Closed, TicketChannel.Sms, TicketType.Complaint), (ticket.State, ticket.Channel, ticket.Type));
        Assert.Equal((SurveyRating.Dissatisfied, TicketState.InProgress), (ticket.Rating, ticket.StateBeforePause));
        var e = Assert.Single(ticket.History);
        Assert.Equal((TicketState.InProgress, TicketState.Replied), (e.FromState, e.ToState));
        Assert.Equal((SurveyRating.Basic, DeadlineStep.Reply), (e.Rating, e.Step));
    }
}

/// <summary>The stored shape of a ticket's optional deadlines before they were held packed.</summary>
[GenerateSerializer, Alias("hotline.tests.earlier-instant-ticket")]
public sealed class EarlierInstantTicket
{
    [Id(15)] public List<EarlierInstantEvent> History { get; set; } = [];
    [Id(25)] public DateTimeOffset? SignBy { get; set; }
    [Id(26)] public DateTimeOffset? ReplyBy { get; set; }
}

/// <summary>The stored shape of the grain state's reminder instant before it was held packed.</summary>
[GenerateSerializer, Alias("hotline.tests.earlier-instant-state")]
public sealed class EarlierInstantState
{
    [Id(2)] public DateTimeOffset? ReminderAt { get; set; }
}

/// <summary>The stored shape of a deadline's pause instant before it was held packed (a record, as the deadline is).</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-instant-deadline")]
public sealed record EarlierInstantDeadline
{
    [Id(8)] public DateTimeOffset? PausedAt { get; init; }
}

/// <summary>The stored shape of a history entry's optional instants before they were held packed.</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-instant-event")]
public sealed record EarlierInstantEvent
{
    [Id(9)] public DateTimeOffset? DueAt { get; init; }
    [Id(60)] public DateTimeOffset? ReplyBy { get; init; }
}

/// <summary>Any of the ticket's enums as it was stored while they were ints.</summary>
public enum EarlierInt;

/// <summary>The stored shape of the ticket's enum fields while the enums were ints.</summary>
[GenerateSerializer, Alias("hotline.tests.earlier-enums")]
public sealed class EarlierEnums
{
    [Id(1)] public EarlierInt State { get; set; }
    [Id(2)] public EarlierInt Channel { get; set; }
    [Id(3)] public EarlierInt Type { get; set; }
    [Id(15)] public List<EarlierEvent> History { get; set; } = [];
    [Id(16)] public EarlierInt? Rating { get; set; }
    [Id(23)] public EarlierInt? StateBeforePause { get; set; }
}

/// <summary>The stored shape of a history entry's enum fields while the enums were ints.</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-event")]
public sealed record EarlierEvent(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] EarlierInt? FromState,
    [property: Id(5)] EarlierInt ToState,
    [property: Id(6)] string? Note)
{
    [Id(10)] public EarlierInt? Rating { get; init; }
    [Id(11)] public EarlierInt? Step { get; init; }
}

/// <summary>The stored shape of the ticket's collections before empty ones were held as null, lists as arrays, guesses and the caller as structs.</summary>
[GenerateSerializer, Alias("hotline.tests.earlier-ticket")]
public sealed class EarlierTicket
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(8)] public EarlierCaller Caller { get; set; } = new(null, null, false);
    [Id(12)] public List<CoHandler> Co { get; set; } = [];
    [Id(13)] public List<Deadline> Deadlines { get; set; } = [];
    [Id(14)] public List<Card> Cards { get; set; } = [];
    [Id(15)] public List<TicketEvent> History { get; set; } = [];
    [Id(19)] public List<string> MergedIds { get; set; } = [];
    [Id(27)] public List<string> Attachments { get; set; } = [];
    [Id(50)] public List<EarlierGuess> Suggestions { get; set; } = [];
    [Id(52)] public List<string> PossibleDuplicates { get; set; } = [];
}

/// <summary>The caller when it was a class.</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-caller")]
public sealed record EarlierCaller([property: Id(0)] string? Name, [property: Id(1)] string? Phone, [property: Id(2)] bool Anonymous);

/// <summary>The department guess when it was a class.</summary>
[GenerateSerializer, Immutable, Alias("hotline.tests.earlier-guess")]
public sealed record EarlierGuess([property: Id(0)] string Code, [property: Id(1)] double Confidence);
