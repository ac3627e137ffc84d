namespace HotlineDispatch.Deadlines;

/// <summary>
/// The running limit of one step (sign-for or reply) of one department in one round, with the
/// instants its yellow and red cards fall due (docs/domain.md §4). Persisted in grain state, so it
/// holds no calendar: the operations that need one take the <see cref="SlaPolicy"/>, which knows
/// whether this limit runs in working time or around the clock.
/// </summary>
[GenerateSerializer, Immutable, Alias("hotline.deadline.v1")]
public sealed record Deadline
{
    [Id(0)] public required DeadlineStep Step { get; init; }

    /// <summary>Code of the department the cards are recorded against.</summary>
    [Id(1)] public required string Department { get; init; }

    /// <summary>Dispatch or rework round the limit belongs to.</summary>
    [Id(2)] public required int Round { get; init; }

    /// <summary>An urgent limit: it runs in clock time, not working time.</summary>
    [Id(3)] public required bool AroundTheClock { get; init; }

    /// <summary>Total limit including extensions: working time, or clock time when <see cref="AroundTheClock"/>.</summary>
    [Id(4)] public required TimeSpan Limit { get; init; }

    [Id(5)] public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the yellow card falls due.</summary>
    [Id(6)] public required DateTimeOffset YellowAt { get; init; }

    /// <summary>When the limit passes and the red card falls due.</summary>
    [Id(7)] public required DateTimeOffset DueAt { get; init; }

    /// <summary>Set while the clock is paused, as for a 补办件 waiting on the resident.</summary>
    [Id(8)]
    public DateTimeOffset? PausedAt
    {
        get => PackedTime.Unpack(_pausedAtTicks, _pausedAtOffset);
        internal set => PackedTime.Pack(value, out _pausedAtTicks, out _pausedAtOffset);
    }

    // A PackedTime, because every open ticket keeps its deadlines in memory.
    [NonSerialized] private long _pausedAtTicks;
    [NonSerialized] private short _pausedAtOffset;

    [Id(9)] public bool YellowRecorded { get; init; }

    [Id(10)] public bool RedRecorded { get; init; }

    /// <summary>The earliest instant a card not yet recorded falls due; null while paused or when both are recorded.</summary>
    public DateTimeOffset? NextCardAt =>
        PausedAt is not null ? null
        : !YellowRecorded ? YellowAt
        : !RedRecorded ? DueAt
        : null;

    /// <summary>Whether the limit has passed by <paramref name="now"/>; a paused clock stops at its pause.</summary>
    public bool IsOverdue(DateTimeOffset now) => (PausedAt ?? now) >= DueAt;

    /// <summary>
    /// The same limit ending earlier, at a deadline set from outside (an upper platform's): the limit shrinks to the
    /// working time left until then and the yellow card moves with it. A deadline already past ends at the start.
    /// </summary>
    public Deadline EndingAt(DateTimeOffset due, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var calendar = policy.CalendarOf(this);
        var end = due > StartedAt ? calendar.ToLocal(due) : StartedAt;
        var limit = calendar.WorkingTimeBetween(StartedAt, end);
        return this with { Limit = limit, DueAt = end, YellowAt = Min(calendar.Add(StartedAt, limit * policy.YellowAt), end) };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Stops the clock. Pausing a paused deadline keeps the first pause, so a repeated request is harmless.</summary>
    public Deadline Pause(DateTimeOffset at) => PausedAt is null ? this with { PausedAt = at } : this;

    /// <summary>
    /// Restarts the clock: every instant still ahead at the pause keeps the working time it had
    /// left then, counted again from <paramref name="at"/>. Instants already passed at the pause
    /// stay, so a card that fell due before it is still recorded at its own instant.
    /// </summary>
    public Deadline Resume(DateTimeOffset at, SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (PausedAt is not { } pausedAt)
        {
            return this;
        }

        var calendar = policy.CalendarOf(this);
        // Clocks of different silos may disagree slightly; the clock never runs backwards.
        var resumedAt = at > pausedAt ? at : pausedAt;
        return this with
        {
            PausedAt = null,
            YellowAt = Shift(YellowAt),
            DueAt = Shift(DueAt),
        };

        DateTimeOffset Shift(DateTimeOffset instant) =>
            instant <= pausedAt ? instant : calendar.Add(resumedAt, calendar.WorkingTimeBetween(pausedAt, instant));
    }

    /// <summary>
    /// Applies an approved extension (延期): the due moves by <paramref name="extraWorkingTime"/> and a
    /// yellow card not yet recorded by the yellow share of it, so it stays at that share of the new limit.
    /// </summary>
    /// <param name="extraWorkingTime">Working time, or clock time for a limit that runs <see cref="AroundTheClock"/>;
    /// convert configured days with <c>policy.CalendarOf(deadline).LengthOf(...)</c>.</param>
    public Deadline Extend(TimeSpan extraWorkingTime, SlaPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(extraWorkingTime, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(policy);
        var calendar = policy.CalendarOf(this);
        return this with
        {
            Limit = Limit + extraWorkingTime,
            YellowAt = YellowRecorded ? YellowAt : calendar.Add(YellowAt, extraWorkingTime * policy.YellowAt),
            DueAt = calendar.Add(DueAt, extraWorkingTime),
        };
    }

    /// <summary>
    /// The cards whose instant has come by <paramref name="now"/> and that are not yet recorded, yellow
    /// first; none while paused. Each carries its own due instant, however late it is noticed.
    /// </summary>
    public IReadOnlyList<CardDue> CardsDue(DateTimeOffset now)
    {
        if (PausedAt is not null)
        {
            return [];
        }

        var cards = new List<CardDue>(2);
        if (!YellowRecorded && now >= YellowAt)
        {
            cards.Add(new CardDue(CardKind.Yellow, Step, Department, YellowAt));
        }

        if (!RedRecorded && now >= DueAt)
        {
            cards.Add(new CardDue(CardKind.Red, Step, Department, DueAt));
        }

        return cards;
    }

    public Deadline MarkRecorded(CardKind kind) => kind switch
    {
        CardKind.Yellow => this with { YellowRecorded = true },
        CardKind.Red => this with { RedRecorded = true },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown card kind."),
    };
}
