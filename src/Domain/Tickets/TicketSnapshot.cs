using System.Collections.Immutable;
using HotlineDispatch.Deadlines;
using HotlineDispatch.Disputes;
using HotlineDispatch.Platform;
using HotlineDispatch.Routing;

namespace HotlineDispatch.Tickets;

/// <summary>
/// A ticket as it stood after a step, for everyone outside its grain: what the grain answers, what the read model is
/// projected from, what pages and resident texts are written from. Immutable through and through, so Orleans passes it
/// on without the deep copy the mutable <see cref="Ticket"/> would need on every call, and no reader can change a
/// ticket except through a step. Made per call and never kept by the grain, so an idle ticket costs nothing more.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.ticket-snapshot.v1")]
public sealed record TicketSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] TicketState State,
    [property: Id(2)] TicketChannel Channel,
    [property: Id(3)] TicketType Type,
    [property: Id(4)] bool Urgent,
    [property: Id(5)] string Content,
    [property: Id(6)] bool ContentTruncated,
    [property: Id(7)] string Address,
    [property: Id(8)] string? GridCell,
    [property: Id(9)] Caller Caller,
    [property: Id(10)] string LoggedBy,
    [property: Id(11)] DateTimeOffset AcceptedAt,
    [property: Id(12)] string? Lead,
    [property: Id(13)] ImmutableArray<CoHandler> Co,
    [property: Id(14)] ImmutableArray<Deadline> Deadlines,
    [property: Id(15)] DateTimeOffset? NextCardAt,
    [property: Id(16)] ImmutableArray<Card> Cards,
    [property: Id(17)] int Round,
    [property: Id(18)] ImmutableArray<TicketEvent> History,
    [property: Id(19)] SurveyRating? Rating,
    [property: Id(20)] bool AwaitingSurvey,
    [property: Id(21)] string? Result,
    [property: Id(22)] string? MasterId,
    [property: Id(23)] ImmutableArray<string> MergedIds,
    [property: Id(24)] ExtensionRequest? PendingExtension,
    [property: Id(25)] bool Supervised,
    [property: Id(26)] DateTimeOffset? SignBy,
    [property: Id(27)] DateTimeOffset? ReplyBy,
    [property: Id(28)] ImmutableArray<string> Attachments,
    [property: Id(29)] string? SourceRef,
    [property: Id(30)] string? ReplyTo,
    [property: Id(31)] bool ReceiptInline,
    [property: Id(32)] string? KnowledgeEntry,
    [property: Id(33)] ImmutableArray<DepartmentGuess> Suggestions,
    [property: Id(34)] string? UrgentCue,
    [property: Id(35)] ImmutableArray<string> PossibleDuplicates,
    [property: Id(36)] ImmutableArray<Dispute> Disputes,
    [property: Id(37)] UpstreamTerms? Upstream)
{
    /// <summary>The ticket as it stands now. The collections are copied: the ticket goes on changing its own.</summary>
    public static TicketSnapshot Of(Ticket t) => new(
        t.Id, t.State, t.Channel, t.Type, t.Urgent, t.Content, t.ContentTruncated, t.Address, t.GridCell, t.Caller, t.LoggedBy,
        t.AcceptedAt, t.Lead, [.. t.Co], [.. t.Deadlines], t.NextCardAt, [.. t.Cards], t.Round, [.. t.History], t.Rating,
        t.AwaitingSurvey, t.Result, t.MasterId, [.. t.MergedIds], t.PendingExtension, t.Supervised, t.SignBy, t.ReplyBy,
        [.. t.Attachments], t.SourceRef, t.ReplyTo, t.ReceiptInline, t.KnowledgeEntry, [.. t.Suggestions], t.UrgentCue,
        [.. t.PossibleDuplicates], [.. t.Disputes], t.Upstream);

    public int LastSeq => History.IsEmpty ? 0 : History[^1].Seq;

    public bool IsOpen => Ticket.IsOpenState(State);

    /// <inheritdoc cref="Ticket.AssignedDepartments"/>
    public IEnumerable<string> AssignedDepartments => Ticket.Assigned(Lead, Co);

    /// <summary>How often the ticket was urged (催办); read from the history, so it costs an idle grain nothing.</summary>
    public int UrgedCount => History.Count(e => e.Action == TicketActions.Urge);

    /// <summary>The upper platform's number of a ticket it handed down; null for every other ticket.</summary>
    public string? UpstreamId => Upstream?.UpstreamId;
}
