namespace HotlineDispatch.Tickets;

/// <summary>A filter over the ticket index; <see cref="Department"/> matches the lead or a co-handler.</summary>
public sealed record TicketQuery(
    TicketState? State,
    string? Department,
    string? GridCell,
    bool? Overdue,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset Now,
    int Page,
    int PageSize)
{
    /// <summary>The caller's number, normalised; matches an anonymous reporter's only for <see cref="ReporterKnownTo"/>.</summary>
    public string? Phone { get; init; }

    /// <summary>Who asks by <see cref="Phone"/>, when they took reports themselves and so may find their anonymous reporters.</summary>
    public string? ReporterKnownTo { get; init; }

    /// <summary>A word of the content or the address.</summary>
    public string? Text { get; init; }

    public TicketChannel? Channel { get; init; }

    public TicketType? Type { get; init; }

    public bool? Urgent { get; init; }

    public bool? Supervised { get; init; }

    public bool? PendingExtension { get; init; }

    /// <summary>Returned by its department (退单) and waiting to be dispatched again.</summary>
    public bool? Returned { get; init; }

    /// <summary>Answered and waiting for the resident's survey (回访).</summary>
    public bool? AwaitingSurvey { get; init; }

    public TicketSort Sort { get; init; } = TicketSort.Newest;

    /// <summary>Where the previous page ended (its <see cref="TicketPage.Next"/>): the page after it, read from there instead of by <see cref="Page"/>.</summary>
    public string? Cursor { get; init; }
}

/// <summary>The orders a list can take: the newest first, the oldest first (queues), the nearest reply deadline first.</summary>
public enum TicketSort
{
    Newest,
    Oldest,
    ReplyBy,

    /// <summary>Oldest first, those the resident cannot answer by text first: the calls a person must make (回访).</summary>
    SurveyCallsFirst,
}

/// <summary>
/// A page of the list, how many the whole list holds, and the cursor of the page after it (none after the last). With
/// <see cref="TotalIsLowerBound"/> the list holds at least <see cref="Total"/>: a keyword search stops counting there.
/// </summary>
public sealed record TicketPage(IReadOnlyList<TicketSummary> Items, int Total, string? Next = null, bool TotalIsLowerBound = false);
