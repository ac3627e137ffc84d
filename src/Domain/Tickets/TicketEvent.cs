using HotlineDispatch.Deadlines;

namespace HotlineDispatch.Tickets;

/// <summary>
/// One entry of a ticket's append-only history. The optional fields carry what the measures need,
/// so statistics can be rebuilt from the history alone.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.ticket-event.v1")]
public sealed record TicketEvent(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Action,
    [property: Id(4)] TicketState? FromState,
    [property: Id(5)] TicketState ToState,
    [property: Id(6)] string? Note)
{
    // Held as a PackedTime each, because a ticket keeps every entry of its history in memory.
    [NonSerialized] private long _dueAtTicks;
    [NonSerialized] private short _dueAtOffset;
    [NonSerialized] private long _replyByTicks;
    [NonSerialized] private short _replyByOffset;

    /// <summary>The department the step concerns (dispatch target, signer, replier, card holder).</summary>
    [Id(7)] public string? Department { get; init; }

    /// <summary>For sign and reply: whether the step met its deadline.</summary>
    [Id(8)] public bool? OnTime { get; init; }

    /// <summary>For cards: the instant the card fell due, which may be earlier than <see cref="At"/>.</summary>
    [Id(9)]
    public DateTimeOffset? DueAt
    {
        get => PackedTime.Unpack(_dueAtTicks, _dueAtOffset);
        internal set => PackedTime.Pack(value, out _dueAtTicks, out _dueAtOffset);
    }

    [Id(10)] public SurveyRating? Rating { get; init; }

    /// <summary>For cards: the step whose deadline fell due.</summary>
    [Id(11)] public DeadlineStep? Step { get; init; }

    /// <summary>
    /// For a reply: the working minutes its limit allowed (the committed time, extensions included) and
    /// those it took (pauses left out), for the speed-up (提速率); 0 when no limit ran.
    /// </summary>
    [Id(12)] public int CommittedMinutes { get; init; }

    /// <inheritdoc cref="CommittedMinutes"/>
    [Id(13)] public int WorkedMinutes { get; init; }

    /// <summary>For a reply, an answer at intake or a master's reply: the result given, so each round's answer stays in the history.</summary>
    [Id(20)] public string? Result { get; init; }
    /// <summary>
    /// The lead's reply deadline in force once the step is done (null when none runs), so the assessment
    /// can follow each case's deadline through dispatches, pauses, extensions and reopenings.
    /// </summary>
    [Id(60)]
    public DateTimeOffset? ReplyBy
    {
        get => PackedTime.Unpack(_replyByTicks, _replyByOffset);
        internal set => PackedTime.Pack(value, out _replyByTicks, out _replyByOffset);
    }

    /// <summary>For an answer at intake (直办): the knowledge-base entry the answer came from, if any.</summary>
    [Id(61)] public string? KnowledgeEntry { get; init; }

    /// <summary>For a re-dispatch (改派): the lead the ticket was taken from; <see cref="Department"/> is the new lead.</summary>
    [Id(62)] public string? FromDepartment { get; init; }
}
