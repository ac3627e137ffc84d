namespace HotlineDispatch.Grid;

/// <summary>
/// A request the cell answered: turned into a ticket, settled in person, or dismissed as chatter the detector took
/// for a request; by the grid worker or an admin.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.handled-request.v1")]
public sealed record HandledRequest(
    [property: Id(0)] InboxItem Item,
    [property: Id(1)] string? TicketId,
    [property: Id(2)] string? Note,
    [property: Id(3)] string HandledBy,
    [property: Id(4)] DateTimeOffset HandledAt)
{
    /// <summary>The role <see cref="HandledBy"/> acted in; null on records kept before roles were, when every settle counted as the grid worker's.</summary>
    [Id(5)] public string? HandledByRole { get; init; }

    /// <summary>Not a request at all; <see cref="Note"/> says why.</summary>
    [Id(6)] public bool Dismissed { get; init; }

    public bool Settled => TicketId is null && !Dismissed;

    /// <summary>How it was answered, for the refusal to answer it another way.</summary>
    public string Outcome => TicketId is { } id ? $"made into ticket {id}" : Dismissed ? "dismissed as not a request" : "settled in person";

    public bool ByGridWorker => HandledByRole is null or GridWorkerRole.Name;

    public TimeSpan Waited => HandledAt - Item.ReceivedAt;
}
